"""扫一扫在手机打开当前页: a QR code of a page's own address, as a static SVG.

segno (pure Python, no network) writes the SVG; the output is deterministic.
Only possible when site.yaml gives base_url: a QR code needs an absolute address.
"""

from __future__ import annotations

import io
import posixpath
from pathlib import PurePosixPath
from urllib.parse import urljoin

import segno


def page_url(base_url: str, path: PurePosixPath) -> str:
    """The page's public address; folders are linked without index.html (shorter code)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    route = path.as_posix()
    if posixpath.basename(route) == "index.html":
        route = posixpath.dirname(route) + "/" if posixpath.dirname(route) else ""
    return urljoin(base, route)


def qr_svg(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=4, border=2, dark="#000000", light="#ffffff", xmldecl=False, title=None, desc=None
    )
    return buffer.getvalue().decode("ascii") + "\n"
