"""Load a content folder: site.yaml plus one YAML file per document.

This is the first half of the pipeline (load -> validate). It either returns
a complete, cross-checked `Content` or raises `ContentError` listing every
problem in every file; nothing is written in either case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .problems import ContentError, Problem
from .reader import Reader
from .schema import read_document, read_site
from .yamlload import compose_file

SITE_FILE = "site.yaml"


@dataclass(frozen=True)
class Content:
    site: m.SiteConfig
    documents: tuple[m.Document, ...]  # sorted by id: every later step iterates in this order

    def by_id(self) -> dict[str, m.Document]:
        return {doc.id: doc for doc in self.documents}


def document_yaml_files(folder: Path) -> list[Path]:
    """The document files of a content folder (every *.yaml but site.yaml), sorted."""
    return sorted(p for p in folder.glob("*.yaml") if p.name != SITE_FILE and not p.name.startswith("."))


def load_document(path: Path, rel: str, max_attachment_mb: int = 50) -> tuple[m.Document | None, list[Problem]]:
    root, problems = compose_file(path, rel)
    if root is None:
        return None, problems
    reader = Reader(rel)
    doc = read_document(reader, root, path.parent, max_attachment_mb)
    problems += reader.problems
    return (doc if not problems else None), problems


def load_content(folder: Path) -> Content:
    if not folder.is_dir():
        raise ContentError([Problem(str(folder), 0, "", "找不到内容文件夹：请检查 --content 参数。")])
    problems: list[Problem] = []
    site = _load_site(folder, problems)
    documents: list[m.Document] = []
    files = document_yaml_files(folder)
    if not files:
        problems.append(Problem(str(folder), 0, "", "内容文件夹里没有文件（*.yaml）：请至少放入一份文件。"))
    for path in files:
        doc, found = load_document(path, _rel(path, folder), site.max_attachment_mb if site else 50)
        problems += found
        if doc is not None:
            documents.append(doc)
    problems += _cross_check(documents, complete=len(documents) == len(files))
    if problems or site is None:
        raise ContentError(problems)
    return Content(site, tuple(sorted(documents, key=lambda d: d.id)))


def _rel(path: Path, folder: Path) -> str:
    return (folder.name + "/" + path.relative_to(folder).as_posix()) if folder.name else path.name


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


def _cross_check(documents: list[m.Document], *, complete: bool) -> list[Problem]:
    """Problems that only show across files: duplicate ids, dangling related ids."""
    problems: list[Problem] = []
    owners: dict[str, m.Document] = {}
    printed: dict[tuple[str, str], m.Document] = {}  # (title, 发文字号): both are shown, so both must not repeat
    for doc in documents:
        twin = printed.setdefault((doc.title, doc.doc_number), doc)
        if twin is not doc:
            problems.append(
                Problem(
                    doc.file,
                    1,
                    "doc_number" if doc.doc_number else "title",
                    f"标题{'和发文字号' if doc.doc_number else ''}都与 {twin.file} 相同，读者无法区分："
                    "同一份文件请只放一次；不同的文件请改正标题"
                    + ("或发文字号。" if doc.doc_number else "，或写上各自的发文字号。"),
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
