"""Incremental builds: reuse a document's files when nothing they depend on changed.

Each document job gets a content key: a hash of the job itself (the
validated document, its related documents, its title, the site settings) and
of the code, templates and static files that render it, read afresh for
every build (so `serve` sees a template edited while it runs). The built site
records, per document, the key and the SHA-256 of every file it wrote. The
next build reuses a document's files only if its key is unchanged *and* every
file in the old site is still a regular file (no link anywhere on its path)
with exactly the recorded bytes; anything else is rendered again. So a
damaged or tampered site, or one written meanwhile by another build, is never
carried forward, and the output is byte-identical to a clean build.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .files import ReadError, digest_regular, read_regular
from .output import MARKER
from .paths import PACKAGE
from .render import DocumentJob

MANIFEST_VERSION = 3
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
_ANY_SIZE = 1 << 62  # a copied file of ours is hashed whole, whatever its size


@dataclass(frozen=True)
class Built:
    """What a build published for one document: its content key and its files' hashes."""

    key: str
    files: dict[str, str]  # path in the site -> SHA-256 of its bytes


# Published as they are (static/css/, static/js/) and never read while rendering a page:
# an edited stylesheet or script is copied by every build and re-renders nothing.
AS_IS = frozenset({".css", ".js"})


def code_fingerprint(package: Path = PACKAGE) -> str:
    """Everything that shapes rendered pages besides the content: our code and templates.

    About 130 files, 0.4 MB: hashing them costs milliseconds, so it is done for
    every build rather than trusted from an earlier one.
    """
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):  # templates live in the package
        if path.is_file() and path.suffix != ".pyc" and path.suffix not in AS_IS:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def job_key(job: DocumentJob, fingerprint: str) -> str:
    # The dataclasses' reprs are deterministic and cover every field.
    return hashlib.sha256(f"{fingerprint}\n{job!r}".encode()).hexdigest()


@dataclass(frozen=True)
class Manifest:
    """What the last build published: per document, and per part of the site besides
    the documents (its own pages, the search index), a key and the files' hashes."""

    documents: dict[str, Built]
    parts: dict[str, Built]


NOTHING = Manifest({}, {})


def read_manifest(site: Path) -> Manifest:
    """What the site built last time holds, or NOTHING if unknown or unreadable."""
    try:
        data = json.loads(read_regular(site / MARKER, MAX_MANIFEST_BYTES))
    except (ReadError, ValueError):
        return NOTHING
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return NOTHING
    return Manifest(_entries(data.get("documents")), _entries(data.get("parts")))


def _entries(data: object) -> dict[str, Built]:
    """The well-formed entries of one table of the manifest (anything else is not reused)."""
    if not isinstance(data, dict):
        return {}
    built = {}
    for name, entry in data.items():
        if isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("files"), dict):
            files = entry["files"]
            if all(isinstance(rel, str) and isinstance(sha, str) for rel, sha in files.items()):
                built[name] = Built(entry["key"], files)
    return built


def manifest_text(documents: dict[str, Built], parts: dict[str, Built]) -> str:
    def table(built: dict[str, Built]) -> dict[str, dict]:
        return {
            name: {"key": entry.key, "files": dict(sorted(entry.files.items()))}
            for name, entry in sorted(built.items())
        }

    data = {"version": MANIFEST_VERSION, "documents": table(documents), "parts": table(parts)}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def reuse(job: DocumentJob, key: str, previous: Manifest, old_site: Path, stage: Path) -> dict[str, str] | None:
    """Link the document's files from the old site into the stage if its key is
    unchanged and each file is proven to be the one recorded; their hashes, or None."""
    entry = previous.documents.get(job.doc.id)
    if entry is None or set(entry.files) != set(job.files.paths):
        return None
    return _reuse(entry, key, old_site, stage)


def reuse_part(
    entry: Built | None, key: str, old_site: Path, stage: Path, belongs: Callable[[str], bool]
) -> dict[str, str] | None:
    """The same for a part of the site whose files only its key determines (its own pages,
    the search index). The recorded paths are checked first: plain relative paths that
    `belongs` accepts and that nothing in the stage holds yet, so a damaged manifest can
    never place a file outside the part or over another."""
    if entry is None or not entry.files:
        return None
    for rel in entry.files:
        if posixpath.normpath(rel) != rel or rel.startswith(("/", ".")) or "/." in rel or not belongs(rel):
            return None
        if os.path.lexists(stage / rel):
            return None
    return _reuse(entry, key, old_site, stage)


def _reuse(entry: Built, key: str, old_site: Path, stage: Path) -> dict[str, str] | None:
    if entry.key != key:
        return None
    old_root = os.path.realpath(old_site)
    proven = {}
    for rel, sha256 in entry.files.items():
        identity = _proven(old_root, rel, sha256)
        if identity is None:
            return None
        proven[rel] = identity
    linked: list[Path] = []
    for rel, identity in proven.items():
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            same = _link(os.path.join(old_root, rel), target, identity, entry.files[rel])
        except FileExistsError:  # never written over, never removed: not ours
            same = False
        else:
            linked.append(target)
        if not same:
            for path in linked:  # never leave a link to the live site for a renderer to write through
                path.unlink(missing_ok=True)
            return None
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
    path = os.path.join(old_root, rel)
    if os.path.realpath(path) != path:  # a link in place of the file or of a folder on its way
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None
        digest = hashlib.sha256()
        while block := os.read(fd, 1 << 20):
            digest.update(block)
        return (status.st_dev, status.st_ino) if digest.hexdigest() == sha256 else None
    except OSError:
        return None
    finally:
        os.close(fd)
