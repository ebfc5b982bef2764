"""How long `serve` takes from saving a file to serving the changed page.

A copy of the program serves a content folder; the script saves a change (to
a content file, a template or a stylesheet), then polls the served page until
the change is there. The median of several edits is reported. The copy lets
templates and styles be edited without touching the checkout.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.005  # seconds between requests


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(url: str, marker: str, limit: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if marker in _fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL)
    raise TimeoutError(f"{marker!r} never reached {url}")


def latencies(content: Path, work: Path, edits: int) -> dict[str, float]:
    """Median seconds from saving to serving, for a content file, a template and a stylesheet."""
    program = work / "program"
    shutil.copytree(ROOT / "plansite", program / "plansite", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "build.py", program / "build.py")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (work / "serve.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "build.py",
            "serve",
            "--content",
            str(content),
            "--out",
            str(work / "site"),
            "--port",
            str(port),
        ],
        cwd=program,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        document = sorted(p.stem for p in content.glob("*.yaml") if p.name != "site.yaml")[0]
        page = f"{base}/plans/{document}/index.html"
        _until(page, "<html", 600)
        time.sleep(2)  # the watcher and the server settle
        source = content / f"{document}.yaml"
        footer = program / "plansite" / "templates" / "components" / "site_footer"
        results: dict[str, list[float]] = {"content": [], "template": [], "style": []}
        for n in range(edits):
            text = source.read_text(encoding="utf-8")
            source.write_text(text.replace("title: ", f"title: 第{n}次修改", 1), encoding="utf-8")
            results["content"].append(_until(page, f"第{n}次修改"))
            macro = (footer / "macro.html").read_text(encoding="utf-8")
            (footer / "macro.html").write_text(
                macro.replace("<footer ", f'<footer data-edit="{n}" ', 1), encoding="utf-8"
            )
            results["template"].append(_until(page, f'data-edit="{n}"'))
            with (footer / "style.css").open("a", encoding="utf-8") as style:
                style.write(f"\n.edit-{n} {{ color: #000; }}\n")
            results["style"].append(_until(f"{base}/static/css/site.css", f".edit-{n} "))
        return {kind: statistics.median(values) for kind, values in results.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
