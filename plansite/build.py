"""The build, as one pipeline:

    load YAML (with line numbers) -> validate into the document model
    -> one job per document -> render each job's pages (in worker processes,
    or reused from the last build when its content key is unchanged) and the
    index -> write into a fresh folder -> check -> swap it in place of the old site.

Rendering is a pure function of (document, templates, static files): no
clock, no randomness, sorted iteration everywhere, so the same input always
gives byte-identical output.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import pages
from .cache import job_key, manifest_text, read_manifest, reuse
from .checks import verify_site
from .content import Content, load_content
from .jobs import DocumentJob, default_processes, environment, output_paths, render_documents, render_page
from .model import Document
from .modes import MODES
from .output import MARKER, check_target, staged_output, write_text
from .pages import Page
from .render import PROJECT, STATIC, TEMPLATES
from .textexport import index_text
from .view import related_views


@dataclass(frozen=True)
class BuildResult:
    out: Path
    documents: int
    files: int
    rendered: int = 0  # documents rendered; the others were unchanged and reused


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


def build_site(content_dir: Path, out_dir: Path, *, verify: bool = False, jobs: int = 0) -> BuildResult:
    """Build the site; `jobs` worker processes render documents (0: one per core)."""
    content = load_content(content_dir)  # raises ContentError listing every problem
    check_target(out_dir, protected=[PROJECT, content_dir, Path.home()])
    previous = read_manifest(out_dir)
    document_jobs = plan_jobs(content)
    with staged_output(out_dir) as stage:
        keys = {job.doc.id: job_key(job) for job in document_jobs}
        to_render = [job for job in document_jobs if not reuse(job, keys[job.doc.id], previous, out_dir, stage)]
        files = render_documents(to_render, stage, jobs or default_processes())
        files += sum(len(output_paths(job)) for job in document_jobs if job not in to_render)
        for rel, text in index_files(content).items():
            write_text(stage, rel, text)
            files += 1
        copy_static(stage)
        write_text(stage, MARKER, manifest_text(keys))
        if verify:
            failures = verify_site(stage)
            if failures:
                raise VerifyError(failures)
    return BuildResult(out_dir, len(content.documents), files, rendered=len(to_render))


def plan_jobs(content: Content) -> list[DocumentJob]:
    """One job per document, carrying everything its pages depend on."""
    related = related_views(content.by_id())
    titles = _unique_titles(content)
    return [DocumentJob(doc, related[doc.id], titles[doc.id], content.site) for doc in content.documents]


def index_files(content: Content) -> dict[str, str]:
    """The document list in every mode, and as text."""
    env = environment()
    entries = [
        DocumentEntry(doc, pages.document_route(doc.id).as_posix(), pages.text_file(doc.id).as_posix())
        for doc in sorted(content.documents, key=lambda d: (-(d.date.toordinal() if d.date else 0), d.id))
    ]
    files = {}
    template = env.get_template("index.html")
    for mode in MODES:
        index = Page(pages.INDEX, mode, content.site.name, text_file=pages.INDEX_TEXT)
        files.update(render_page(template, index, content.site, documents=entries))
    listed = [(e.doc, PurePosixPath(e.text_file).relative_to(pages.INDEX_TEXT.parent).as_posix()) for e in entries]
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
