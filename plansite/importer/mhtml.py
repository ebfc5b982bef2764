"""A web page saved as one file (网页，单个文件: .mht, .mhtml), as Chrome, Edge and Internet
Explorer save one: a MIME message whose first text/html part is the page, the pictures in parts
after it. Read by the standard library's email parser; the page then goes to html.py."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from .lines import UnknownEncodingError, decode

MHTML_HEAD = 4096  # bytes in which a saved page's MIME headers are


class NoPageError(ValueError):
    """The file is a MIME message without a web page in it; the message (Chinese) says so."""


def is_mhtml(data: bytes) -> bool:
    head = data[:MHTML_HEAD].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def mhtml_page(data: bytes) -> str:
    """The HTML of the saved page (its first text/html part: the page, not a frame in it)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)  # what the default policy gives
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise NoPageError("里面没有网页的正文（text/html）")
    payload = part.get_payload(decode=True)
    body = payload if isinstance(payload, bytes) else b""
    charset = (part.get_content_charset() or "").lower()
    if charset in ("gb2312", "gbk", "gb18030", "x-gbk"):
        charset = "gb18030"  # its superset: a 生僻字 beyond GB2312 is still read
    try:
        text = body.decode(charset) if charset else decode(body)
    except (LookupError, UnicodeDecodeError, UnknownEncodingError):
        text = decode(body)  # a charset the part names wrongly, or one Python does not know
    if text is None:
        raise NoPageError("网页正文不是文字")
    return text
