"""Jinja2 environment: autoescaped, strict, and fed only by views."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .numbering import label_gap
from .speech import speak_html
from .strings import T
from .view import chinese_date

# Every page forbids inline script and style, plugins, <base> and forms, and
# loads nothing from another host. The only script (语音播报) is a file.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)


PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
STATIC = PROJECT / "static"


def breakable(url: str) -> Markup:
    """An address shown as text, with line-break chances after / and . (<wbr>).

    Long addresses must wrap at 320 CSS px even without a stylesheet (the
    plain-text channel), so the chances are in the markup, not in CSS.
    """
    parts = re.split(r"(?<=[/.?&=])", url)
    return Markup("<wbr>").join(escape(part) for part in parts if part)


def make_environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["t"] = T
    env.globals["csp"] = CONTENT_SECURITY_POLICY
    env.globals["read_aloud_strings"] = {k: v for k, v in T.items() if k.startswith("read_")}
    env.filters["chinese_date"] = chinese_date
    env.filters["label_gap"] = label_gap
    env.filters["speak"] = speak_html
    env.filters["breakable"] = breakable
    return env
