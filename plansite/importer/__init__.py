"""`build.py import`: draft a YAML document from a plain-text plan.

    bytes -> lines (chrome dropped, listed) -> tables found -> broken lines
    rejoined -> structure parsed -> YAML with review comments

Markdown (a .md file, or text with Markdown headings) is read by markdown-it-py
instead (markdown.py) into the same lines and tables, its headings marked.

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
from .lines import clean_lines, decode, join_broken
from .markdown import front_matter_date, is_markdown, markdown_items
from .structure import UNTITLED, DocDraft, parse
from .tables import find_tables

ID_DIGEST = 8  # hex digits of the title's hash in a generated id (doc-1a2b3c4d)


@dataclass(frozen=True)
class ImportResult:
    yaml: str
    doc_id: str
    dropped: tuple[str, ...]  # chrome lines left out, for the editor to check


def import_text(text: str, *, source_name: str, doc_id: str | None = None) -> ImportResult:
    dropped: list[str] = []
    if is_markdown(text, source_name):
        items, fields = markdown_items(text, dropped)
        draft = parse(items, _stated(fields))
    else:
        known = DocDraft()
        lines = clean_lines(read_block(text, known, dropped), dropped)
        draft = parse(join_broken(find_tables(lines)), known)
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
    return import_text(decode(path.read_bytes()), source_name=path.name, doc_id=doc_id)


def _choose_id(doc_id: str | None, source_name: str, title: str) -> tuple[str, str]:
    if doc_id:
        return doc_id, ""
    stem = Path(source_name).stem.lower()
    if SLUG.match(stem) and len(stem) <= MAX_SLUG:
        return stem, "请核对：id 取自文件名，会成为网址的一部分，建议改成有意义的英文短语。"
    digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:ID_DIGEST]
    return f"doc-{digest}", "请核对：请把 id 改成有意义的英文短语（小写字母、数字、短横线），它会成为网址的一部分。"
