"""One document's files as a pure function, and many of them in parallel.

A job carries everything a document's pages depend on (the document, the
documents it links to, its unique title, the site settings), so rendering is
a function of the job, the templates and the static files alone. That makes
it safe to run in worker processes and to cache by the job's content key.
Workers write their files straight into the staging folder: the parent never
holds the whole site in memory.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from jinja2 import Environment, Template

from . import model as m
from . import pages
from .modes import MODES
from .output import STAGE_MARKER, write_text
from .pages import Page
from .qr import QR_FILE, page_url, qr_svg
from .render import TEMPLATES, make_environment
from .textexport import document_text
from .view import RelatedView, build_view

PARALLEL_FROM = 40  # below this many documents, starting workers costs more than it saves
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class DocumentJob:
    doc: m.Document
    related: tuple[RelatedView, ...]
    title: str  # unique across the site
    site: m.SiteConfig


def render_page(template: Template, page: Page, site: m.SiteConfig, **context: object) -> dict[str, str]:
    """One page, and its QR code where the site has a public address and the mode shows images."""
    url = page_url(site.base_url, page.path) if site.base_url else ""
    qr = QR_FILE if url and page.mode.images else ""
    files = {page.path.as_posix(): template.render(page=page, site=site, page_url=url, qr=qr, **context)}
    if qr:
        files[(page.path.parent / QR_FILE).as_posix()] = qr_svg(url)
    return files


def document_files(job: DocumentJob, env: Environment) -> dict[str, str]:
    """Every file of one document: its page in each mode (with QR codes) and its .txt."""
    view = build_view(job.doc, job.related)
    txt = pages.text_file(job.doc.id)
    template = env.get_template("document.html")
    files = {}
    for mode in MODES:
        page = Page(pages.document_route(job.doc.id), mode, job.title, text_file=txt)
        files.update(render_page(template, page, job.site, view=view))
    files[txt.as_posix()] = document_text(job.doc, view.metadata)
    return files


def output_paths(job: DocumentJob) -> list[str]:
    """The files document_files writes for a job (for reuse without rendering)."""
    paths = []
    for mode in MODES:
        path = Page(pages.document_route(job.doc.id), mode, "").path
        paths.append(path.as_posix())
        if job.site.base_url and mode.images:
            paths.append((path.parent / QR_FILE).as_posix())
    return [*paths, pages.text_file(job.doc.id).as_posix()]


@functools.cache
def environment() -> Environment:
    """One Jinja environment per process (templates are compiled once)."""
    return make_environment(TEMPLATES)


def _die_with_parent(parent: int) -> None:
    """Worker initializer: if the build is killed, its workers go too (Linux).

    An orphaned worker would keep writing into a staging folder that the next
    build has already removed, or wait forever for work. The parent may have
    died before this ran, so check it is still there after asking.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL))
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def _render_into(stage: str, jobs: list[DocumentJob]) -> int:
    env = environment()
    count = 0
    for job in jobs:
        if not (Path(stage) / STAGE_MARKER).exists():
            raise RuntimeError(f"the staging folder {stage} was removed: the build was stopped")
        for rel, text in document_files(job, env).items():
            write_text(Path(stage), rel, text)
            count += 1
    return count


def render_documents(jobs: list[DocumentJob], stage: Path, processes: int) -> int:
    """Render and write every job's files; returns the number of files written."""
    if processes <= 1 or len(jobs) < PARALLEL_FROM:
        return _render_into(str(stage), jobs)
    # Interleaved chunks spread long and short documents evenly over the workers.
    chunks = [jobs[i :: processes * 4] for i in range(processes * 4)]
    # "spawn": workers start clean, even when the build runs inside serve's threads.
    with ProcessPoolExecutor(
        max_workers=processes, mp_context=get_context("spawn"), initializer=_die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        return sum(pool.map(_render_into, [str(stage)] * len(chunks), chunks))


def default_processes() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
