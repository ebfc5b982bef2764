"""The build, as one pipeline:

    read every content file (a file the last build read, unchanged, is known:
    not parsed again) -> validate into the document model, check across files
    -> one plan per document -> render each document's pages and editions (in
    worker processes, or reused from the last build when its content key is
    unchanged; its .txt and braille alone when only templates changed)
    -> the site's own pages and the search index (each reused when unchanged)
    -> write into the standby folder (the site before the live one, its files
    kept where proven, the rest removed) -> check -> swap it in place of the
    live site, which becomes the standby.

Rendering is a pure function of (document, templates, static files): no
clock, no randomness, sorted iteration everywhere, so the same input always
gives byte-identical output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .cache import (
    NOTHING,
    Built,
    Fingerprints,
    Manifest,
    fingerprints,
    job_key,
    manifest_text,
    read_manifest,
    reuse,
    reuse_editions,
    reuse_part,
)
from .content import Content, Known, load_content
from .output import MARKER, Stage, check_target, staged_output, write_file, write_text
from .pages import document_route
from .paths import COMPONENTS, SPOKEN_FORMS, STATIC
from .problems import ContentError, Problem
from .render import SITE_PAGES, DocumentJob, DocumentPlan, SitePart, site_parts
from .search import BUNDLE, Indexing, Shard, index_key, indexing, records, shard_folders, shards
from .verify import verify_site
from .view import related_views
from .workers import Written, default_processes, render_documents


@dataclass(frozen=True)
class BuildResult:
    out: Path
    documents: int
    files: int
    rendered: int = 0  # documents rendered; the others were unchanged and reused
    written: frozenset[str] = frozenset()  # the files written; the others were proven and kept


class VerifyError(Exception):
    """Built pages broke an accessibility promise; the old site was kept."""

    def __init__(self, failures: list[str]) -> None:
        self.failures = failures
        super().__init__("\n".join(failures))


def build_site(
    content_dir: Path,
    out_dir: Path,
    *,
    verify: bool = False,
    jobs: int = 0,
    clean: bool = False,
) -> BuildResult:
    """Build the site; `jobs` worker processes render documents (0: one per core);
    `clean` renders everything instead of reusing the last build's files."""
    check_target(out_dir, content_dir)
    with staged_output(out_dir) as stage:  # holds the lock: builds into one folder take turns
        # Read under the lock everything that decides what is reused, so a build
        # that waited never pairs its content with another build's files.
        previous = NOTHING if clean else read_manifest(out_dir)
        prints = fingerprints()
        # Raises ContentError listing every problem; files unchanged since the last build are not read again.
        processes = jobs or default_processes()
        content = load_content(content_dir, previous.known(prints.code), processes=processes)
        plans = {plan.facts.id: (plan, document_keys(plan, prints)) for plan in plan_documents(content)}
        listed = tuple(facts.listed for facts in content.facts)
        index = shards(records(listed))
        built: dict[str, Built] = {}
        rendered = 0
        with indexing(stage.path, processes) as indexer:
            # Each shard of the search index is made as soon as the .txt files of its documents
            # are in the stage (reused, or rendered: the documents render shard by shard), while
            # the rest render; then the site's own pages. The shards with a document whose key
            # changed go first: after an edit, their index (Pagefind, the longest step) is made
            # while the other shards' files are proven.
            search = SearchIndex(index, indexer, previous, out_dir, stage)
            shard_of = {record.doc_id: shard.name for shard in index for record in shard.records}
            changed = {
                shard_of[doc_id] for doc_id, (_plan, keys) in plans.items() if previous.changed(doc_id, keys.pages)
            }
            for group in ([s for s in index if s.name in changed], [s for s in index if s.name not in changed]):
                entries, count = _documents(group, plans, content, previous, out_dir, stage, search, processes)
                built, rendered = built | entries, rendered + count
            folders = tuple(shard.folder for shard in index)
            parts = site_pages(content.site, listed, folders, prints.pages, previous, out_dir, stage) | search.finish()
        copy_static(stage)
        copy_extra(content_dir / EXTRA, stage)
        write_text(stage.path, MARKER, manifest_text(prints.code, built, parts))
        stage.wrote([MARKER])
        if verify:
            failures = verify_site(stage.path, content.site.root_path)
            if failures:
                raise VerifyError(failures)
    files = sum(len(entry.files) for entry in (*built.values(), *parts.values()))
    return BuildResult(out_dir, len(content.facts), files, rendered=rendered, written=frozenset(stage.written))


def _documents(
    group: list[Shard],
    plans: dict[str, tuple[DocumentPlan, Keys]],
    content: Content,
    previous: Manifest,
    old: Path,
    stage: Stage,
    search: SearchIndex,
    processes: int,
) -> tuple[dict[str, Built], int]:
    """The documents of these shards in the stage: each reused if its key is unchanged and
    its files proven, else rendered (its editions reused where their own keys are), shard by
    shard; the search index is told of each file as soon as it is in the stage. Their entries
    for the manifest, and how many were rendered."""
    built: dict[str, Built] = {}
    to_render: list[list[tuple[DocumentPlan, Keys, dict[str, str]]]] = []
    for shard in group:
        to_render.append([])
        in_stage: dict[str, str] = {}
        for record in shard.records:
            plan, keys = plans[record.doc_id]
            hashes = reuse(plan, keys.pages, previous, old, stage)
            if hashes is None:
                kept = reuse_editions(plan, keys.text, keys.epub, previous, old, stage)
                to_render[-1].append((plan, keys, kept))
                in_stage |= kept
            else:
                built[plan.facts.id] = keys.built(hashes, plan)
                in_stage |= hashes
        search.add_files(in_stage)
    # Only the documents rendered need reading in full (a known one is read now).
    batches = [
        [
            DocumentJob(content.document(plan.facts.id), plan, {rel: (stage.path / rel).stat().st_size for rel in kept})
            for plan, _keys, kept in batch
        ]
        for batch in to_render
    ]

    def rendered(part: Written) -> None:
        for files in part.values():
            stage.wrote(files)
            search.add_files(files)

    written = render_documents([batch for batch in batches if batch], stage.path, processes, rendered)
    for plan, keys, kept in (job for batch in to_render for job in batch):
        built[plan.facts.id] = keys.built(written[plan.facts.id] | kept, plan)
    return built, sum(len(batch) for batch in batches)


SEARCH = "search/"  # the search index's shards, as the manifest names them (search/0, …)


@dataclass(frozen=True)
class Keys:
    """A document's content keys: of its pages, of its text editions, of its EPUB."""

    pages: str
    text: str
    epub: str

    def built(self, files: dict[str, str], plan: DocumentPlan) -> Built:
        return Built(self.pages, files, _known_next_time(plan), self.text, self.epub)


def document_keys(plan: DocumentPlan, prints: Fingerprints) -> Keys:
    """The pages depend on the templates; the EPUB on its own; the .txt and braille on the code alone."""
    made_of = repr(plan)  # the longest part of each key: written once
    return Keys(job_key(made_of, prints.documents), job_key(made_of, prints.code), job_key(made_of, prints.epub))


def part_key(part: SitePart, site: m.SiteConfig, fingerprint: str) -> str:
    """A site part's content key: the code and templates of the site's own pages, the site
    settings and what the part shows."""
    return hashlib.sha256(f"{fingerprint}\n{site!r}\n{part.name}\n{part.inputs}".encode()).hexdigest()


def index_folders(listed: tuple[m.Listed, ...]) -> tuple[str, ...]:
    """The folders of the search index's shards, the first holding the engine."""
    return shard_folders([document_route(doc.id).as_posix() for doc in listed])


def site_pages(
    site: m.SiteConfig,
    listed: tuple[m.Listed, ...],
    index_folders: tuple[str, ...],
    fingerprint: str,
    previous: Manifest,
    old: Path,
    stage: Stage,
) -> dict[str, Built]:
    """The home page, every listing, help, statement, search and 404 pages (every mode and
    .txt), sitemap, robots.txt and the feed, in parts (`render.site_parts`): each reused when
    the code, the site settings and what it shows are unchanged. An edit of a document's text
    reuses them all; of its title, renders the home page and the listings it is in."""
    built = {}
    made: set[str] = set()
    for part in site_parts(site, listed, index_folders):
        key = part_key(part, site, fingerprint)
        entry = previous.parts.get(part.name)
        files = reuse_part(entry, key, old, stage, lambda rel: not rel.startswith(_NOT_PAGES))
        if files is None:
            files = {rel: write_file(stage.path, rel, data) for rel, data in part.render().items()}
            stage.wrote(files)
        if made & files.keys():  # each part's files are its own, or reusing one would undo another
            raise RuntimeError(f"{part.name} makes {sorted(made & files.keys())[0]}, which another part makes too")
        made |= files.keys()
        built[part.name] = Built(key, files)
    return built


_NOT_PAGES = (f"{BUNDLE}/", "static/")


class SearchIndex:
    """The search index of the documents' .txt files, shard by shard: each started as soon
    as the hashes of its records' .txt files are known (`add_files`, as the build writes or
    reuses them), reused if its key (every record in it) is unchanged, else indexed by
    Pagefind; `finish` gives them all, under their names in the manifest."""

    def __init__(self, index: list[Shard], indexer: Indexing, previous: Manifest, old: Path, stage: Stage) -> None:
        self._waiting = list(index)
        self._indexer, self._previous, self._old, self._stage = indexer, previous, old, stage
        self._hashes: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._reused: dict[str, Built] = {}

    def add_files(self, files: dict[str, str]) -> None:
        self._hashes |= files
        for shard in [s for s in self._waiting if all(r.text_file in self._hashes for r in s.records)]:
            self._waiting.remove(shard)
            key = self._keys[shard.name] = index_key(shard, self._hashes)
            entry = self._previous.parts.get(SEARCH + shard.name)
            reused = reuse_part(entry, key, self._old, self._stage, shard.holds)
            if reused is not None:
                self._reused[shard.name] = Built(key, reused)
            else:
                # Pagefind adds to a folder: the standby's index of the shard goes first.
                self._stage.clear(shard.folder)
                self._indexer.add(shard)

    def finish(self) -> dict[str, Built]:
        if self._waiting:  # never: every document's .txt is reused or rendered
            raise RuntimeError(f"no text for the search index's shard {self._waiting[0].name}")
        indexed = self._indexer.finish()
        for files in indexed.values():
            self._stage.wrote(files)
        built = self._reused | {name: Built(self._keys[name], files) for name, files in indexed.items()}
        return {SEARCH + name: entry for name, entry in built.items()}


def plan_documents(content: Content) -> list[DocumentPlan]:
    """One plan per document, carrying everything its pages depend on."""
    related = related_views({facts.id: facts for facts in content.facts})
    titles = _unique_titles(content)
    attachments = {
        doc.id: tuple((a.name, a.size, a.sha256) for a in doc.attachments) for doc in content.documents
    }  # a document known from the last build has none
    return [
        DocumentPlan(
            facts,
            content.sources[facts.id],
            attachments.get(facts.id, ()),
            related[facts.id],
            titles[facts.id],
            content.site,
        )
        for facts in content.facts
    ]


def _known_next_time(plan: DocumentPlan) -> Known | None:
    """What the next build may know of this document without reading it: all, unless it has attachments."""
    return None if plan.attachments else Known(plan.source, plan.facts)


def _unique_titles(content: Content) -> dict[str, str]:
    """Page titles must be unique: a document sharing its title with another,
    with the index (the site's name) or with a page of the site's own (使用帮助),
    gets its number or id added."""
    counts: dict[str, int] = {content.site.name: 1} | {title: 1 for _route, _template, title in SITE_PAGES}
    for facts in content.facts:
        counts[facts.listed.title] = counts.get(facts.listed.title, 0) + 1
    return {
        facts.id: (
            facts.listed.title
            if counts[facts.listed.title] == 1
            else f"{facts.listed.title}（{facts.listed.doc_number or facts.id}）"
        )
        for facts in content.facts
    }


EXTRA = "extra"  # content/extra/: files an operator publishes as they are (.well-known/, verification files)


def copy_extra(extra: Path, stage: Stage) -> None:
    """Copy content/extra/ into the site's root, so files put there are never lost by a rebuild.

    Only regular files; a name the build itself writes, or a link, is refused.
    """
    if not extra.is_dir():
        return
    problems = []
    folders = {parent for rel in stage.taken for parent in _folders(rel)}
    for source in sorted(extra.rglob("*")):
        rel = source.relative_to(extra).as_posix()
        where = f"{extra.parent.name}/{EXTRA}/{rel}"
        if source.is_symlink():
            problems.append(
                Problem(where, 0, "", "这是一个链接（快捷方式）：extra/ 里只能放普通文件，请换成文件本身。")
            )
        elif source.is_file():
            if rel in stage.taken or rel in folders or not stage.taken.isdisjoint(_folders(rel)):
                problems.append(Problem(where, 0, "", f"网站本身已有“{rel}”：请给这个文件换一个名字或位置。"))
                continue
            write_file(stage.path, rel, source.read_bytes())
            stage.wrote([rel])
        elif not source.is_dir():
            problems.append(
                Problem(where, 0, "", "这不是普通文件（是管道、设备或套接字）：extra/ 里只能放普通文件，请删除它。")
            )
    if problems:
        raise ContentError(problems)


def _folders(rel: str) -> list[str]:
    """The folders `rel` is in: a/b/c -> a/b, a."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]


def copy_static(stage: Stage) -> None:
    for rel, data in static_files().items():
        write_file(stage.path, rel, data)
        stage.wrote([rel])


def static_files() -> dict[str, bytes]:
    """static/ as is; site.css = base.css + the spoken forms' rule + every component's style.css;
    every component's script."""
    files = {f"{STATIC.name}/{path.relative_to(STATIC).as_posix()}": path.read_bytes() for path in _files(STATIC)}
    parts = [(STATIC / "css" / "base.css").read_text(encoding="utf-8"), SPOKEN_FORMS.read_text(encoding="utf-8")]
    for style in sorted(COMPONENTS.glob("*/style.css")):
        parts.append(f"/* --- {style.parent.name} --- */\n" + style.read_text(encoding="utf-8"))
    files[f"{STATIC.name}/css/site.css"] = "\n".join(parts).encode("utf-8")
    for script in sorted(COMPONENTS.glob("*/*.js")):
        files[f"{STATIC.name}/js/{script.name}"] = script.read_bytes()
    return files


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())
