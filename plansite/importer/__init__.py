"""`build.py import`: draft a YAML document from a plain-text plan.

    bytes -> lines (chrome dropped, listed) -> tables found -> broken lines
    rejoined -> structure parsed -> YAML with review comments

Markdown (a .md file, or text with Markdown headings) is read by markdown-it-py
instead (markdown.py), and a saved web page by html5lib (html.py), into the
same lines and tables, their headings marked.

The draft passes `build.py check` as it is; the editor then reviews it
against the source, guided by the `# 请核对` comments.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..schema import MAX_SLUG, SLUG
from .emit import emit
from .govinfo import read_block
from .html import TooDeepError, html_items, is_html
from .lines import clean_lines, decode, join_broken
from .markdown import front_matter_date, is_markdown, markdown_items
from .pdf import NotReadablePdfError, is_pdf, pdf_items
from .structure import UNTITLED, DocDraft, parse
from .tables import find_tables
from .word import NotWordError, is_docx, word_items

OLE_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the start of a Word 97-2003 .doc (and .xls, .wps)
ID_DIGEST = 8  # hex digits of the title's hash in a generated id (doc-1a2b3c4d)


@dataclass(frozen=True)
class ImportResult:
    yaml: str
    doc_id: str
    dropped: tuple[str, ...]  # chrome lines left out, for the editor to check


class SourceError(ValueError):
    """The file cannot be read as a document; the message (Chinese) says why and what to do."""


def import_text(text: str, *, source_name: str, doc_id: str | None = None) -> ImportResult:
    dropped: list[str] = []
    known = DocDraft()
    if is_html(text, source_name):
        try:
            items = html_items(text, known, dropped, dropped)
        except TooDeepError as error:
            raise SourceError(
                f"{source_name} 不像正常的网页：{error}。请在浏览器里打开它，复制正文后存为文字文件再导入。"
            ) from error
    elif is_markdown(text, source_name):
        items, fields = markdown_items(text, dropped)
        known = _stated(fields)
    else:
        lines = clean_lines(read_block(text, known, dropped), dropped)
        items = join_broken(find_tables(lines))
    return _result(parse(items, known), text, source_name, doc_id, dropped)


def import_bytes(data: bytes, *, source_name: str, doc_id: str | None = None) -> ImportResult:
    """A file as it arrives, its format told by its content: Word, PDF, or text (HTML, Markdown, plain)."""
    if is_docx(data):
        known = DocDraft()
        try:
            items = word_items(data, known)
        except NotWordError as error:
            raise SourceError(
                f"{source_name} 看起来是 Word 文件，但无法打开（{error}）：文件可能已损坏，请在 Word 或 WPS 里另存为 .docx 再导入。"
            ) from error
        return _result(parse(items, known), source_name, source_name, doc_id, [])
    if is_pdf(data):
        dropped: list[str] = []
        try:
            items = pdf_items(data, dropped)
        except NotReadablePdfError as error:
            raise SourceError(
                f"{source_name} 是 PDF，但读不出文字（{error}）：如果是扫描件，请先用 OCR 软件识别成文字，"
                "或改用 Word、网页版本导入。"
            ) from error
        return _result(parse(items, DocDraft()), source_name, source_name, doc_id, dropped)
    if data.startswith(OLE_WORD):
        raise SourceError(
            f"{source_name} 是老式的 Word 97-2003 文件（.doc）或其他 Office 文件：请在 Word 或 WPS 里另存为 .docx 再导入。"
        )
    text = decode(data)
    if text is None:
        raise SourceError(
            f"{source_name} 不是文字文件，也不是 Word（.docx）或 PDF：无法导入。"
            "文字文件请存为 UTF-8、UTF-16 或 GB18030 编码。"
        )
    return import_text(text, source_name=source_name, doc_id=doc_id)


def _result(draft: DocDraft, text: str, source_name: str, doc_id: str | None, dropped: list[str]) -> ImportResult:
    # An untitled draft is named by its text, so that two of them never share an id.
    chosen, comment = _choose_id(doc_id, source_name, draft.title if draft.title != UNTITLED else text)
    return ImportResult(emit(draft, chosen, source_name, comment), chosen, tuple(dropped))


def _stated(fields: dict[str, object]) -> DocDraft:
    """What Markdown front matter states outright (title, 发文字号, 发文机关, date)."""
    known = DocDraft()
    for key, attribute in (("title", "title"), ("doc_number", "doc_number"), ("issuer", "issuer")):
        value = fields.get(key)
        if isinstance(value, str | int) and str(value).strip():
            setattr(known, attribute, str(value).strip())
    for key in ("date_published", "date"):
        if known.date_published is None:
            known.date_published = front_matter_date(fields.get(key))
    return known


def import_file(path: Path, doc_id: str | None = None) -> ImportResult:
    return import_bytes(path.read_bytes(), source_name=path.name, doc_id=doc_id)


def _choose_id(doc_id: str | None, source_name: str, title: str) -> tuple[str, str]:
    if doc_id:
        return doc_id, ""
    stem = Path(source_name).stem.lower()
    if SLUG.match(stem) and len(stem) <= MAX_SLUG:
        return stem, "请核对：id 取自文件名，会成为网址的一部分，建议改成有意义的英文短语。"
    digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:ID_DIGEST]
    return f"doc-{digest}", "请核对：请把 id 改成有意义的英文短语（小写字母、数字、短横线），它会成为网址的一部分。"
