"""The build, as one pipeline:

    load YAML (with line numbers) -> validate into the document model
    -> plan the pages -> render each page -> write into a fresh folder
    -> swap it in place of the old site.

Rendering is a pure function of (document, templates, static files): no
clock, no randomness, sorted iteration everywhere, so the same input always
gives byte-identical output.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from jinja2 import Environment

from . import pages
from .checks import verify_site
from .content import Content, load_content
from .model import Document
from .modes import MODES
from .output import check_target, staged_output, write_text
from .pages import Page
from .render import make_environment
from .textexport import document_text, index_text
from .view import build_view, related_views

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
STATIC = PROJECT / "static"


@dataclass(frozen=True)
class BuildResult:
    out: Path
    documents: int
    files: int


@dataclass(frozen=True)
class DocumentEntry:
    """A document as the index lists it."""

    doc: Document
    route: str
    text_file: str


class VerifyError(Exception):
    """Built pages broke an accessibility promise; the old site was kept."""

    def __init__(self, failures: list[str]) -> None:
        self.failures = failures
        super().__init__("\n".join(failures))


def build_site(content_dir: Path, out_dir: Path, *, verify: bool = False) -> BuildResult:
    content = load_content(content_dir)  # raises ContentError listing every problem
    check_target(out_dir, protected=[PROJECT, content_dir, Path.home()])
    env = make_environment(TEMPLATES)
    files = render_site(content, env)
    with staged_output(out_dir) as stage:
        for rel, text in files.items():
            write_text(stage, rel, text)
        copy_static(stage)
        if verify:
            failures = verify_site(stage)
            if failures:
                raise VerifyError(failures)
    return BuildResult(out_dir, len(content.documents), len(files))


def render_site(content: Content, env: Environment) -> dict[str, str]:
    """Every file of the site as {relative path: text}, in a stable order.

    Each document is parsed and viewed once; the view is rendered in every
    mode, and the model is written once more as the .txt export.
    """
    docs = content.by_id()
    related = related_views(docs)
    titles = _unique_titles(content)
    files: dict[str, str] = {}
    document_template = env.get_template("document.html")
    index_template = env.get_template("index.html")
    for doc in content.documents:
        view = build_view(doc, related[doc.id])
        txt = pages.text_file(doc.id)
        for mode in MODES:
            page = Page(pages.document_route(doc.id), mode, titles[doc.id], text_file=txt)
            files[page.path.as_posix()] = document_template.render(page=page, site=content.site, view=view)
        files[txt.as_posix()] = document_text(doc, view.metadata)
    entries = [
        DocumentEntry(doc, pages.document_route(doc.id).as_posix(), pages.text_file(doc.id).as_posix())
        for doc in sorted(content.documents, key=lambda d: (-(d.date.toordinal() if d.date else 0), d.id))
    ]
    for mode in MODES:
        index = Page(pages.INDEX, mode, content.site.name, text_file=pages.INDEX_TEXT)
        files[index.path.as_posix()] = index_template.render(page=index, site=content.site, documents=entries)
    listed = [
        (entry.doc, PurePosixPath(entry.text_file).relative_to(pages.INDEX_TEXT.parent).as_posix()) for entry in entries
    ]
    files[pages.INDEX_TEXT.as_posix()] = index_text(content.site, listed)
    return files


def _unique_titles(content: Content) -> dict[str, str]:
    """Page titles must be unique: a document sharing its title with another,
    or with the index (the site's name), gets its number or id added."""
    counts: dict[str, int] = {content.site.name: 1}
    for doc in content.documents:
        counts[doc.title] = counts.get(doc.title, 0) + 1
    return {
        doc.id: doc.title if counts[doc.title] == 1 else f"{doc.title}（{doc.doc_number or doc.id}）"
        for doc in content.documents
    }


def copy_static(stage: Path) -> None:
    """static/ as is, plus site.css = base.css + every component's style.css."""
    target = stage / "static"
    shutil.copytree(STATIC, target)
    parts = [(STATIC / "css" / "base.css").read_text(encoding="utf-8")]
    for style in sorted((TEMPLATES / "components").glob("*/style.css")):
        parts.append(f"/* --- {style.parent.name} --- */\n" + style.read_text(encoding="utf-8"))
    write_text(target, "css/site.css", "\n".join(parts))
