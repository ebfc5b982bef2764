"""Incremental builds: reuse a document's files when nothing they depend on changed.

Each document job gets a content key: a hash of the job itself (the
validated document, its related documents, its title, the site settings) and
of the code, templates and static files that render it, read afresh for
every build (so `serve` sees a template edited while it runs). The built site
records, per document, the key and the SHA-256 of every file it wrote. The
next build reuses a document's files only if its key is unchanged *and* every
file is proven to be a regular file (no link anywhere on its path) with exactly
the recorded bytes: the one the standby folder holds already, or else the live
site's, hard-linked; anything else is rendered again. So a
damaged or tampered site, or one written meanwhile by another build, is never
carried forward, and the output is byte-identical to a clean build.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import os
import posixpath
import shutil
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, meta

from . import braille, epub
from . import model as m
from .content import Known
from .files import ReadError, digest_regular, read_regular
from .output import MARKER, Stage, clear_path, make_parent
from .paths import PACKAGE
from .render import DOCUMENT_TEMPLATES, EPUB_TEMPLATES, PAGE_TEMPLATES, DocumentPlan

MANIFEST_VERSION = 6
ALL_TEMPLATES = "*"  # made from every template: one was named by a variable
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
_ANY_SIZE = 1 << 62  # a copied file of ours is hashed whole, whatever its size


@dataclass(frozen=True)
class Built:
    """What a build published for one document: its content key and its files' hashes."""

    key: str
    files: dict[str, str]  # path in the site -> SHA-256 of its bytes
    # The document's file as this build read it (its bytes' hash and its facts), so the next
    # build need not read it again if unchanged. None for a document with attachments: their
    # files are read and hashed by every build.
    known: Known | None = None
    # The key of the document's text editions (.txt and braille): they are made from the
    # document and the code alone, not the templates, so a template edit reuses them.
    text_key: str = ""
    # The key of its EPUB: the document, the code and the EPUB's templates, so an edit of a
    # template of the web page alone (its footer) reuses it.
    epub_key: str = ""


# Published as they are (static/css/, static/js/) and never read while rendering a page:
# an edited stylesheet or script is copied by every build and re-renders nothing. The
# EPUB's stylesheets are the exception: they are inside every book.
AS_IS = frozenset({".css", ".js"})
EMBEDDED = frozenset(path.relative_to(PACKAGE).as_posix() for path in epub.STYLES)


@dataclass(frozen=True)
class Fingerprints:
    """Hashes of what shapes the output besides the content, read afresh for every build
    (about 130 files, 0.4 MB: milliseconds), so `serve` sees an edit made while it runs."""

    code: str  # the package's Python code and data files: how content is read, and everything else
    documents: str  # the code and the templates a document's pages are made from
    pages: str  # the code and the templates of the site's own pages (home, listings, help…)
    epub: str  # the code and the templates of a document's EPUB (its page shows the EPUB's size, so `documents` has them too)


def fingerprints(package: Path = PACKAGE) -> Fingerprints:
    """A template edit re-renders exactly the pages made from it; a code edit, everything."""
    templates = package / "templates"
    code = hashlib.sha256(_libraries().encode())
    sources: dict[str, bytes] = {}  # template name -> its source
    for path in sorted(package.rglob("*")):
        as_is = path.suffix in AS_IS and path.relative_to(package).as_posix() not in EMBEDDED
        if not path.is_file() or path.suffix == ".pyc" or as_is:
            continue
        data = path.read_bytes()
        if path.suffix == ".html" and templates in path.parents:
            sources[path.relative_to(templates).as_posix()] = data
        else:
            code.update(path.relative_to(package).as_posix().encode() + b"\0" + hashlib.sha256(data).digest())

    def references(name: str) -> tuple[str | None, ...]:
        return _references(sources[name]) if name in sources else ()

    def with_templates(names: tuple[str, ...]) -> str:
        digest = code.copy()
        made_from = _made_from(names, references)
        for name in sorted(sources if ALL_TEMPLATES in made_from else made_from & sources.keys()):
            digest.update(name.encode() + b"\0" + hashlib.sha256(sources[name]).digest())
        return digest.hexdigest()

    return Fingerprints(
        code.hexdigest(),
        with_templates(DOCUMENT_TEMPLATES),
        with_templates(PAGE_TEMPLATES),
        with_templates(EPUB_TEMPLATES),
    )


# The libraries whose behaviour is in the output: parsing YAML and Markdown, templates and
# escaping, QR codes, HTML parsing (EPUB), the readings of characters the braille table lacks.
# Upgrading one may change pages, so it changes every fingerprint; so does liblouis or its
# tables (the braille).
LIBRARIES = ("pyyaml", "markdown-it-py", "jinja2", "markupsafe", "zxing-cpp", "html5lib", "pypinyin")


@functools.cache  # what this process has loaded does not change while it runs (`serve` asks at every save)
def _libraries() -> str:
    versions = [f"python {sys.version}", braille.library_fingerprint()]
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    return "\n".join(versions)


@functools.lru_cache(maxsize=1024)
def _references(source: bytes) -> tuple[str | None, ...]:
    """The templates a template's source names: each source parsed once (`serve` asks at
    every save; parsing every template took most of the 50 ms)."""
    return tuple(meta.find_referenced_templates(_PARSER.parse(source.decode("utf-8"))))


_PARSER = Environment()


def _made_from(names: tuple[str, ...], references: Callable[[str], tuple[str | None, ...]]) -> set[str]:
    """The templates `names` are made from: themselves and every template they extend,
    include or import (`references`), followed through (all of them if one is named by a
    variable, None)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for referenced in references(name):
            if referenced is None:
                return {ALL_TEMPLATES}
            todo.append(referenced)
    return seen


def job_key(plan: str, fingerprint: str) -> str:
    """A document's key from the repr of its plan: the dataclasses' reprs are deterministic
    and cover every field."""
    return hashlib.sha256(f"{fingerprint}\n{plan}".encode()).hexdigest()


@dataclass(frozen=True)
class Manifest:
    """What the last build published: per document, and per part of the site besides
    the documents (its own pages, the search index), a key and the files' hashes."""

    documents: dict[str, Built]
    parts: dict[str, Built]
    fingerprint: str = ""  # of the code that built it

    def changed(self, doc_id: str, key: str) -> bool:
        """Whether the document's pages were built last time with another key, or not at all
        (when not, its files may still prove to be other than recorded)."""
        entry = self.documents.get(doc_id)
        return entry is None or entry.key != key

    def known(self, fingerprint: str) -> dict[str, Known]:
        """{file: Known} of the documents read last time, if by the same code (else it might read them differently)."""
        if fingerprint != self.fingerprint:
            return {}
        return {entry.known.facts.file: entry.known for entry in self.documents.values() if entry.known is not None}


NOTHING = Manifest({}, {})


def read_manifest(site: Path) -> Manifest:
    """What the site built last time holds, or NOTHING if unknown or unreadable."""
    try:
        data = json.loads(read_regular(site / MARKER, MAX_MANIFEST_BYTES))
    except (ReadError, ValueError):
        return NOTHING
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return NOTHING
    fingerprint = data.get("fingerprint")
    return Manifest(
        _entries(data.get("documents")),
        _entries(data.get("parts")),
        fingerprint if isinstance(fingerprint, str) else "",
    )


def _entries(data: object) -> dict[str, Built]:
    """The well-formed entries of one table of the manifest (anything else is not reused)."""
    if not isinstance(data, dict):
        return {}
    built = {}
    for name, entry in data.items():
        if isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("files"), dict):
            files = entry["files"]
            if all(isinstance(rel, str) and isinstance(sha, str) for rel, sha in files.items()):
                known = _known(entry.get("source"), entry.get("facts"), entry.get("check"))
                text_key, epub_key = entry.get("text_key"), entry.get("epub_key")
                built[name] = Built(
                    entry["key"],
                    files,
                    known if known and known.facts.id == name else None,
                    text_key if isinstance(text_key, str) else "",
                    epub_key if isinstance(epub_key, str) else "",
                )
    return built


def manifest_text(fingerprint: str, documents: dict[str, Built], parts: dict[str, Built]) -> str:
    def table(built: dict[str, Built]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for name, entry in sorted(built.items()):
            out[name] = {"key": entry.key, "files": dict(sorted(entry.files.items()))}
            if entry.text_key:
                out[name]["text_key"] = entry.text_key
            if entry.epub_key:
                out[name]["epub_key"] = entry.epub_key
            if entry.known is not None:
                facts = _facts_json(entry.known.facts)
                out[name] |= {"source": entry.known.sha256, "facts": facts, "check": _check(entry.known.sha256, facts)}
        return out

    data = {
        "version": MANIFEST_VERSION,
        "fingerprint": fingerprint,
        "documents": table(documents),
        "parts": table(parts),
    }
    return json.dumps(data, ensure_ascii=False) + "\n"  # without indent: the C encoder, ten times faster


# --- a document's facts in the manifest ------------------------------------------


def _facts_json(facts: m.Facts) -> dict:
    listed = facts.listed
    return {
        "id": listed.id,
        "kind": listed.kind,
        "title": listed.title,
        "issuer": listed.issuer,
        "doc_number": listed.doc_number,
        "date_signed": listed.date_signed.isoformat() if listed.date_signed else None,
        "date_published": listed.date_published.isoformat() if listed.date_published else None,
        "region": listed.region,
        "file": facts.file,
        "related": [[rel.id, rel.line] for rel in facts.related],
        "superseded_by": [facts.superseded_by.id, facts.superseded_by.line] if facts.superseded_by else None,
    }


def _check(source: str, facts: dict) -> str:
    """A checksum of an entry's facts: a damaged manifest is not believed."""
    return hashlib.sha256(json.dumps([source, facts], ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _known(source: object, data: object, check: object) -> Known | None:
    """The facts recorded for a document, if complete, well-typed and unchanged since written."""
    if not (isinstance(source, str) and isinstance(data, dict) and check == _check(source, data)):
        return None
    try:
        texts = {name: data[name] for name in ("id", "kind", "title", "issuer", "doc_number", "region", "file")}
        signed, published = (_date(data[name]) for name in ("date_signed", "date_published"))
        if not all(isinstance(value, str) for value in texts.values()) or texts["kind"] not in m.KINDS:
            return None
        listed = m.Listed(
            texts["id"],
            texts["kind"],
            texts["title"],
            texts["issuer"],
            texts["doc_number"],
            signed,
            published,
            texts["region"],
        )
        related = tuple(_related(item) for item in data["related"])
        superseded_by = _related(data["superseded_by"]) if data["superseded_by"] is not None else None
    except (KeyError, TypeError, ValueError):
        return None
    return Known(source, m.Facts(listed, texts["file"], related, superseded_by))


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    return dt.date.fromisoformat(value)


def _related(item: object) -> m.Related:
    if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and type(item[1]) is int):
        raise ValueError(item)
    return m.Related(item[0], item[1])


def reuse(plan: DocumentPlan, key: str, previous: Manifest, old_site: Path, stage: Stage) -> dict[str, str] | None:
    """The document's files, into the stage, if its key is unchanged and each file is proven
    to be the one recorded (see `_reuse`); their hashes, or None."""
    entry = previous.documents.get(plan.facts.id)
    if entry is None or set(entry.files) != set(plan.paths):
        return None
    return _reuse(entry, key, old_site, stage)


def reuse_editions(
    plan: DocumentPlan, text_key: str, epub_key: str, previous: Manifest, old_site: Path, stage: Stage
) -> dict[str, str]:
    """The document's editions whose own key is unchanged, each kind proven whole: the text
    editions (.txt, braille: the document and the code are unchanged, a template may not
    be) and the EPUB (nor its templates). {file: SHA-256} of those kept."""
    entry = previous.documents.get(plan.facts.id)
    if entry is None:
        return {}
    kept: dict[str, str] = {}
    for wanted, old_key, key in (
        (plan.files.text_editions, entry.text_key, text_key),
        ((plan.files.epub,), entry.epub_key, epub_key),
    ):
        rels = [route.as_posix() for route in wanted]
        if old_key and all(rel in entry.files for rel in rels):
            kept |= _reuse(Built(old_key, {rel: entry.files[rel] for rel in rels}), key, old_site, stage) or {}
    return kept


def reuse_part(
    entry: Built | None, key: str, old_site: Path, stage: Stage, belongs: Callable[[str], bool]
) -> dict[str, str] | None:
    """The same for a part of the site whose files only its key determines (its own pages,
    the search index). The recorded paths are checked first: plain relative paths that
    `belongs` accepts, so a damaged manifest can never place a file outside the part."""
    if entry is None or not entry.files:
        return None
    for rel in entry.files:
        if posixpath.normpath(rel) != rel or rel.startswith(("/", ".")) or "/." in rel or not belongs(rel):
            return None
    return _reuse(entry, key, old_site, stage)


def _reuse(entry: Built, key: str, old_site: Path, stage: Stage) -> dict[str, str] | None:
    """Put the entry's files into the stage if its key is `key` and every file is proven to
    hold the recorded bytes: the one the stage holds already (of the standby site), or else
    the live site's, hard-linked. Never a path the stage has taken (a damaged manifest
    naming another's file). The files' hashes, or None (the stage is left as it was)."""
    if entry.key != key or not stage.taken.isdisjoint(entry.files):
        return None
    here, old_root = stage.root, os.path.realpath(old_site)
    to_link = {}
    for rel, sha256 in entry.files.items():
        if _proven(here, rel, sha256) is None:
            identity = _proven(old_root, rel, sha256)
            if identity is None:
                return None
            to_link[rel] = identity
    linked: list[Path] = []
    for rel, identity in to_link.items():
        target = stage.path / rel
        make_parent(target)
        try:
            clear_path(target)  # an earlier site's file, not the one wanted
            same = _link(os.path.join(old_root, rel), target, identity, entry.files[rel])
        except FileExistsError:  # put there meanwhile: never written over, never removed
            same = False
        else:
            linked.append(target)
        if not same:
            for path in linked:  # never leave a link to the live site for a renderer to write through
                path.unlink(missing_ok=True)
            return None
    stage.keep(entry.files)
    return dict(entry.files)


def _link(source: str, target: Path, identity: tuple[int, int], sha256: str) -> bool:
    """Hard-link (or, where links are impossible, copy) a proven file; False if it changed meanwhile."""
    try:
        os.link(source, target, follow_symlinks=False)  # the old site goes after the swap; the link keeps the data
        linked = os.lstat(target)
        return (linked.st_dev, linked.st_ino) == identity
    except FileExistsError:
        raise
    except OSError:
        shutil.copyfile(source, target, follow_symlinks=False)
        return digest_regular(target, _ANY_SIZE)[1] == sha256


def _proven(old_root: str, rel: str, sha256: str) -> tuple[int, int] | None:
    """(device, inode) of old_root/rel if it is a regular file, reached without
    following any link, holding exactly the bytes whose hash is `sha256`."""
    found = _open_proven(old_root, rel, sha256, keep=False)
    return None if found is None else found[0]


def read_proven(site: Path, rel: str, sha256: str) -> bytes | None:
    """The bytes of site/rel, proven as `reuse` proves a file (`serve` shows them), or None."""
    found = _open_proven(os.path.realpath(site), rel, sha256, keep=True)
    return None if found is None else found[1]


def _open_proven(old_root: str, rel: str, sha256: str, *, keep: bool) -> tuple[tuple[int, int], bytes] | None:
    path = os.path.join(old_root, rel)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if _where_opened(fd, path) != path:  # a link in place of a folder on its way
            return None
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None
        digest, blocks = hashlib.sha256(), []
        while block := os.read(fd, 1 << 20):
            digest.update(block)
            if keep:
                blocks.append(block)
        return ((status.st_dev, status.st_ino), b"".join(blocks)) if digest.hexdigest() == sha256 else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _where_opened(fd: int, path: str) -> str:
    """The path, without links, of the file open as `fd`: as the kernel names it (Linux:
    one call, and exactly the file opened), else as realpath finds it (one call per folder)."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return os.path.realpath(path)
