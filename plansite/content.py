"""Load a content folder: site.yaml plus one YAML file per document.

This is the first half of the pipeline (load -> validate). It either returns
a complete, cross-checked `Content` or raises `ContentError` listing every
problem in every file; nothing is written in either case.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .files import ReadError, read_regular
from .problems import ContentError, Problem
from .reader import Reader
from .schema import read_document, read_site
from .workers import map_in_workers
from .yamlload import MAX_FILE_BYTES, compose_bytes, compose_file

SITE_FILE = "site.yaml"


@dataclass(frozen=True)
class Known:
    """A document file as an earlier build read it, under the same code: the SHA-256 of its
    bytes and its facts. A file holding exactly those bytes is not read again: reading and
    validating it would give the same document, and the same facts."""

    sha256: str
    facts: m.Facts


@dataclass(frozen=True)
class Content:
    site: m.SiteConfig
    facts: tuple[m.Facts, ...]  # every document, sorted by id: every later step iterates in this order
    sources: dict[str, str]  # document id -> SHA-256 of its file's bytes
    paths: dict[str, tuple[Path, str]]  # document id -> its file, and its path as messages name it
    read: dict[str, m.Document]  # document id -> the document, if read now

    @property
    def documents(self) -> tuple[m.Document, ...]:
        """The documents read now, sorted by id: all of them, unless some were known."""
        return tuple(self.read[doc_id] for doc_id in sorted(self.read))

    def document(self, doc_id: str) -> m.Document:
        """The document, read now if it was known (its file must still hold the bytes it had)."""
        if doc_id in self.read:
            return self.read[doc_id]
        path, rel = self.paths[doc_id]
        data, sha256, problems = _read(path, rel)
        if data is not None and sha256 != self.sources[doc_id]:
            problems = [Problem(rel, 0, "", "文件在生成网站的过程中被修改了：请重新生成。")]
        if data is None or problems:
            raise ContentError(problems)
        found, problems = _document(data, path, rel, self.site)
        if found is None:
            raise ContentError(problems)
        return found


def document_yaml_files(folder: Path) -> list[Path]:
    """The document files of a content folder (every *.yaml but site.yaml), sorted."""
    return sorted(p for p in folder.glob("*.yaml") if p.name != SITE_FILE and not p.name.startswith("."))


EXTRA_FOLDER = "extra"  # content/extra/: published as it is (build.copy_extra), never read as documents
MAX_UNREAD_SAID = 20  # files named in the note of what is not read; more are counted


def unread_files(folder: Path) -> list[str]:
    """Files an editor may mean as documents that are not read, each with why: YAML in a
    subfolder (only the folder's own *.yaml are documents), or named .yml or .YAML. Nothing is
    wrong with them, so they stop nothing; the editor is told, so that no document goes
    unpublished without a word."""
    said: list[str] = []
    if not folder.is_dir():
        return said
    read = set(document_yaml_files(folder)) | {folder / SITE_FILE}  # (.YAML is read where names have no case)
    for root, folders, names in os.walk(folder):  # links to folders are not followed: no loop
        here = Path(root)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and not (here == folder and f == EXTRA_FOLDER))
        for name in sorted(names):
            suffix = Path(name).suffix
            if name.startswith(".") or suffix.lower() not in (".yaml", ".yml"):
                continue
            path = here / name
            if path in read:
                continue
            if here != folder:
                said.append(
                    f"{path}：在子文件夹里，不会读取（只读取 {folder} 这一层的 .yaml 文件）；要发布请把它移到 {folder} 里"
                )
            elif suffix != ".yaml":
                said.append(f"{path}：扩展名是 {suffix}，不会读取；要发布请把扩展名改成 .yaml")
    if len(said) > MAX_UNREAD_SAID:
        said[MAX_UNREAD_SAID:] = [f"……另有 {len(said) - MAX_UNREAD_SAID} 个这样的文件"]
    return said


def load_content(
    folder: Path,
    known: Mapping[str, Known] | None = None,
    unchanged: Callable[[Path], bool] | None = None,
    processes: int = 1,
) -> Content:
    """Read and check every file; a file in `known` (by its path) with the same bytes is
    not read again but taken from there. So is one that `unchanged` says has not changed
    since it was known (`serve`, by the file's status), without reading its bytes.
    Files are parsed in `processes` worker processes when there are many."""
    if not folder.is_dir():
        raise ContentError([Problem(str(folder), 0, "", "找不到内容文件夹：请检查 --content 参数。")])
    known = known or {}
    problems: list[Problem] = []
    site = _load_site(folder, problems)
    files = document_yaml_files(folder)
    if not files:
        problems.append(Problem(str(folder), 0, "", "内容文件夹里没有文件（*.yaml）：请至少放入一份文件。"))
    looked = [_look(path, _rel(path, folder), known, unchanged) for path in files]
    to_parse = [(file.data, file.path, file.rel, site) for file in looked if file.data is not None]
    with collector_paused():
        parsed = iter(map_in_workers(_parse, to_parse, processes, parallel_from=PARSE_IN_WORKERS_FROM))
    facts: list[m.Facts] = []
    documents: list[m.Document] = []
    sources: dict[str, str] = {}
    paths: dict[str, tuple[Path, str]] = {}
    for file in looked:
        doc_facts = file.facts
        if doc_facts is None:
            doc, found = next(parsed) if file.data is not None else (None, list(file.problems))
            problems += found
            if doc is None:
                continue
            documents.append(doc)
            doc_facts = doc.facts
        facts.append(doc_facts)
        sources.setdefault(doc_facts.id, file.sha256)
        paths.setdefault(doc_facts.id, (file.path, file.rel))
    problems += _cross_check(facts, complete=len(facts) == len(files))
    if problems or site is None:
        raise ContentError(problems)
    return Content(
        site,
        tuple(sorted(facts, key=lambda f: f.id)),
        sources,
        paths,
        {doc.id: doc for doc in documents},
    )


@dataclass(frozen=True)
class _File:
    """A document file as first looked at: its facts, if known; else its bytes to parse, or the
    problems of reading it."""

    path: Path
    rel: str
    sha256: str
    facts: m.Facts | None = None
    data: bytes | None = None
    problems: tuple[Problem, ...] = ()


def _look(path: Path, rel: str, known: Mapping[str, Known], unchanged: Callable[[Path], bool] | None) -> _File:
    entry = known.get(rel)
    if entry is not None and unchanged is not None and unchanged(path):
        return _File(path, rel, entry.sha256, entry.facts)
    data, sha256, problems = _read(path, rel)
    if entry is not None and entry.sha256 == sha256:
        return _File(path, rel, sha256, entry.facts)
    return _File(path, rel, sha256, data=data, problems=tuple(problems))


# Parsing a file takes 2 ms: below this many, starting workers costs more than it saves.
PARSE_IN_WORKERS_FROM = 200


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused: parsing makes millions of objects that all live on, and
    almost no cycles (a few hundred for 1000 files), so the collector would only scan the same
    objects again and again (0.4 s of 1.7 s for 1000 files). Workers forked meanwhile, and the
    unpickling of what they send back, run paused too."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _parse(job: tuple[bytes, Path, str, m.SiteConfig | None]) -> tuple[m.Document | None, list[Problem]]:
    return _document(*job)


def _read(path: Path, rel: str) -> tuple[bytes | None, str, list[Problem]]:
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except ReadError as error:
        return None, "", [Problem(rel, 0, "", str(error))]
    return data, hashlib.sha256(data).hexdigest(), []


def _document(data: bytes, path: Path, rel: str, site: m.SiteConfig | None) -> tuple[m.Document | None, list[Problem]]:
    """A document file's bytes parsed and validated (its attachments are beside it)."""
    root, problems = compose_bytes(data, rel)
    if root is None:
        return None, problems
    reader = Reader(rel)
    doc = read_document(reader, root, path.parent, site.max_attachment_mb if site else 50)
    problems += reader.problems
    return (doc if not problems else None), problems


def _rel(path: Path, folder: Path) -> str:
    """A file of the folder (never deeper) as messages name it: with the folder's name."""
    return f"{folder.name}/{path.name}" if folder.name else path.name


def _load_site(folder: Path, problems: list[Problem]) -> m.SiteConfig | None:
    path = folder / SITE_FILE
    rel = _rel(path, folder)
    if not path.exists():
        problems.append(
            Problem(rel, 0, "", "缺少网站设置文件 site.yaml：请写上 name（网站名称）和 owner（主办单位）。")
        )
        return None
    root, found = compose_file(path, rel)
    problems += found
    if root is None:
        return None
    reader = Reader(rel)
    site = read_site(reader, root)
    problems += reader.problems
    return site


def _cross_check(documents: list[m.Facts], *, complete: bool) -> list[Problem]:
    """Problems that only show across files: duplicate ids, dangling related ids."""
    problems: list[Problem] = []
    owners: dict[str, m.Facts] = {}
    printed: dict[tuple[str, str], m.Facts] = {}  # (title, 发文字号): both are shown, so both must not repeat
    for doc in documents:
        twin = printed.setdefault((doc.listed.title, doc.listed.doc_number), doc)
        if twin is not doc:
            problems.append(
                Problem(
                    doc.file,
                    1,
                    "doc_number" if doc.listed.doc_number else "title",
                    f"标题{'和发文字号' if doc.listed.doc_number else ''}都与 {twin.file} 相同，读者无法区分："
                    "同一份文件请只放一次；不同的文件请改正标题"
                    + ("或发文字号。" if doc.listed.doc_number else "，或写上各自的发文字号。"),
                )
            )
        if doc.id in owners:
            problems.append(
                Problem(doc.file, 1, "id", f"id“{doc.id}”已经被 {owners[doc.id].file} 使用：每份文件的 id 必须不同。")
            )
        else:
            owners[doc.id] = doc
    if not complete:
        return problems  # a broken file's id is unknown; do not report its links as dangling
    for doc in documents:
        links = [("related", rel) for rel in doc.related]
        links += [("superseded_by", doc.superseded_by)] if doc.superseded_by else []
        for field, rel in links:
            if rel.id == doc.id:
                problems.append(Problem(doc.file, rel.line, field, "文件不能指向它自己。"))
            elif rel.id not in owners:
                problems.append(
                    Problem(doc.file, rel.line, field, f"找不到 id 为“{rel.id}”的文件：请检查拼写，或先添加那份文件。")
                )
    return problems
