"""The site as `serve` shows it: the site last built on disk, and what changed since,
rendered in memory when it is asked for.

A build publishes a whole site at once and proves every file it reuses: seconds for a
thousand documents, too long to wait for after each save. Like `hugo server`, the preview
keeps what it needs in memory instead. After a save it reads the changed files and works
out every document's and every part's content key as a build does
(`build.document_keys`, `build.part_key`): milliseconds. Each file asked for is then

- read from the site on disk when the key it was built with is the key now and its
  bytes are the ones the site's manifest records (proven as a build proves a file it
  reuses: `cache.read_proven`);
- else rendered, with the files made with it (a document's pages and editions, a
  listing's pages), and kept for the next request.

So a template edit renders the one page the browser reloads, not three thousand; a
stylesheet is served from the package's files as they are. The site on disk, and the
search index in it, is brought up to date by an ordinary build that `serve` runs in the
background; when it is done, `built` makes the preview follow it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .build import EXTRA, Keys, document_keys, index_folders, part_key, plan_documents, static_files
from .cache import Fingerprints, Manifest, fingerprints, read_manifest, read_proven
from .content import Content, Known, load_content
from .files import ReadError, read_regular
from .output import MARKER
from .problems import ContentError
from .render import DocumentJob, DocumentPlan, SitePart, environment, render_document, site_parts
from .search import BUNDLE

RENDERED_KEPT = 64  # documents and parts rendered, kept for the next request (most recent first)
MAX_SERVED_BYTES = 1 << 31  # a file of the content's extra/ or of the index read whole: never bigger


@dataclass(frozen=True)
class Snapshot:
    """What the preview shows, as of the last save: never changed, replaced whole. Made at
    each save, so what only some requests need (a document's keys, the site's own pages) is
    worked out when first asked for."""

    content: Content
    prints: Fingerprints
    disk: Manifest  # the site on disk, as its manifest records it
    plans: dict[str, DocumentPlan]  # by id
    owners: dict[str, str]  # each file of a document -> the document's id
    static: dict[str, bytes]
    statuses: dict[str, tuple[int, ...]]  # each file of the content folder, as it was before it was read

    def keys(self, doc_id: str) -> Keys:
        return document_keys(self.plans[doc_id], self.prints)

    @functools.cached_property
    def parts(self) -> tuple[tuple[SitePart, str], ...]:
        """The site's own pages in parts, each with its key."""
        listed = tuple(facts.listed for facts in self.content.facts)
        parts = site_parts(self.content.site, listed, index_folders(listed))
        return tuple((part, part_key(part, self.content.site, self.prints.pages)) for part in parts)

    def known(self) -> dict[str, Known]:
        """The documents as the next update may take them without parsing them again (if their
        bytes are the same): all but those with attachments, whose files are hashed each time."""
        return {plan.facts.file: Known(plan.source, plan.facts) for plan in self.plans.values() if not plan.attachments}


def snapshot(content: Content, prints: Fingerprints, disk: Manifest, statuses: dict[str, tuple[int, ...]]) -> Snapshot:
    plans = plan_documents(content)
    return Snapshot(
        content,
        prints,
        disk,
        {plan.facts.id: plan for plan in plans},
        {rel: plan.facts.id for plan in plans for rel in plan.paths},
        static_files(),
        statuses,
    )


class LiveSite:
    """The preview's site. `update` and `built` are called from the watcher's and the
    background build's threads; `file` from the server's one thread, which alone renders."""

    def __init__(self, content: Path, out: Path) -> None:
        self.content, self.out = content, out
        self._now: Snapshot | None = None  # None until the content was first read without problems
        self._changing = threading.Lock()  # updates and builds replace the snapshot in turn
        self._rendered: OrderedDict[tuple[str, ...], Mapping[str, str | bytes]] = OrderedDict()

    def update(self, *, code: bool = True) -> None:
        """Read the content again (the files that changed: the others are known) and, if `code`
        (the templates, the styles) changed, the program's files. Raises ContentError listing
        every problem, as a build does; the preview then goes on showing the last good state."""
        with self._changing:
            before = self._now
            prints = before.prints if before is not None and not code else fingerprints()
            # A build reads each template once; the preview looks whether it changed (a file status
            # at each import), and compiles again only the one that did.
            environment().auto_reload = True
            disk = before.disk if before is not None else read_manifest(self.out)
            statuses = _statuses(self.content)  # before reading: a file written meanwhile is read again next time
            if before is not None and before.prints.code == prints.code:
                known, seen = before.known(), before.statuses
                # A file whose status (inode, size, times of change) is as it was is not read
                # again, as git and make do: the build that follows proves every file by its hash.
                content = load_content(self.content, known, lambda path: seen.get(path.name) == statuses.get(path.name))
            else:  # read by other code: proven by their hashes, or read again
                content = load_content(self.content, disk.known(prints.code))
            self._now = snapshot(content, prints, disk, statuses)

    def built(self) -> None:
        """The site on disk was built again: serve from it what it now holds."""
        with self._changing:
            if self._now is not None:
                self._now = replace(self._now, disk=read_manifest(self.out))

    def file(self, rel: str) -> bytes | None:
        """The bytes of the site's file `rel` (a plain relative path), or None if there is none."""
        now = self._now
        if rel == MARKER:  # the manifest is the build's, not the readers'
            return None
        if now is None:  # the content has problems: the site on disk as it is
            return _regular(self.out, rel)
        if rel in now.static:
            return now.static[rel]
        if rel in now.owners:
            return self._document_file(now, now.owners[rel], rel)
        found = self._part_file(now, rel)
        if found is not None:
            return found
        if rel.startswith(f"{BUNDLE}/"):  # the search index as the last build left it
            return _regular(self.out, rel)
        return _regular(self.content / EXTRA, rel)

    def _document_file(self, now: Snapshot, doc_id: str, rel: str) -> bytes | None:
        plan, keys = now.plans[doc_id], now.keys(doc_id)
        files = plan.files
        was = now.disk.documents.get(doc_id)
        if was is not None and rel in was.files:
            old_key, key = (
                (was.text_key, keys.text)
                if rel in {route.as_posix() for route in files.text_editions}
                else (was.epub_key, keys.epub)
                if rel == files.epub.as_posix()
                else (was.key, keys.pages)
            )
            if old_key == key:
                found = read_proven(self.out, rel, was.files[rel])
                if found is not None:
                    return found
        try:
            rendered = self._rendering(("document", doc_id, keys.pages), lambda: self._render_document(now, plan, keys))
        except ContentError:  # changed since it was read: the watcher has it, and a newer snapshot follows
            return None  # (and nothing is kept: the file may be saved back as it was)
        return _bytes(rendered.get(rel))

    def _render_document(self, now: Snapshot, plan: DocumentPlan, keys: Keys) -> Mapping[str, str | bytes]:
        """A document's files: its editions read from the site on disk where they are proven
        still right (a template edit leaves them as they were), the rest rendered. Raises
        ContentError if its file changed since the snapshot was made."""
        kept: dict[str, bytes] = {}
        was = now.disk.documents.get(plan.facts.id)
        if was is not None:
            for routes, old_key, key in (
                (plan.files.text_editions, was.text_key, keys.text),
                ((plan.files.epub,), was.epub_key, keys.epub),
            ):
                rels = [route.as_posix() for route in routes]
                if old_key == key and all(rel in was.files for rel in rels):
                    proven = {rel: read_proven(self.out, rel, was.files[rel]) for rel in rels}
                    kept |= {rel: data for rel, data in proven.items() if data is not None}
        doc = now.content.document(plan.facts.id)
        files: dict[str, str | bytes] = dict(kept)
        files |= render_document(DocumentJob(doc, plan, {rel: len(data) for rel, data in kept.items()}))
        for attachment, route in zip(doc.attachments, plan.files.attachments, strict=True):
            data = _regular(Path(attachment.source).parent, Path(attachment.source).name)
            if data is not None and hashlib.sha256(data).hexdigest() == attachment.sha256:
                files[route.as_posix()] = data
        return files

    def _part_file(self, now: Snapshot, rel: str) -> bytes | None:
        """A file of the site's own pages: from disk if its part is unchanged, else rendered.
        Rendered, in turn, until one makes `rel`: the part that made it before, the parts new
        since (a listing grown by a page), and changed parts that made files in its folder or
        none at all (a QR code beside pages, a sitemap, once the site has an address). Not
        every changed part: an address no part makes (a browser asks for /favicon.ico) would
        render them all."""
        made_it, new, near = [], [], []
        folder = posixpath.dirname(rel)
        for part, key in now.parts:
            was = now.disk.parts.get(part.name)
            if was is None:
                new.append((part, key))
            elif rel in was.files:
                if was.key == key:
                    found = read_proven(self.out, rel, was.files[rel])
                    if found is not None:
                        return found
                made_it.append((part, key))
            elif was.key != key and (not was.files or any(posixpath.dirname(other) == folder for other in was.files)):
                near.append((part, key))
        for part, key in (*made_it, *new, *near):
            rendered = self._rendering(("part", part.name, key), part.render)
            if rel in rendered:
                return _bytes(rendered[rel])
        return None

    def _rendering(
        self, key: tuple[str, ...], render: Callable[[], Mapping[str, str | bytes]]
    ) -> Mapping[str, str | bytes]:
        """What `render` makes, from memory if it was made under the same key (content keys:
        a key decides the files)."""
        if key in self._rendered:
            self._rendered.move_to_end(key)
            return self._rendered[key]
        files = render()
        self._rendered[key] = files
        while len(self._rendered) > RENDERED_KEPT:
            self._rendered.popitem(last=False)
        return files


def _statuses(folder: Path) -> dict[str, tuple[int, ...]]:
    """{name: (inode, size, modified, changed)} of the files in `folder`."""
    try:
        with os.scandir(folder) as entries:
            found: dict[str, tuple[int, ...]] = {}
            for entry in entries:
                try:
                    status = entry.stat()  # of the file a link leads to: that is what is read
                except OSError:
                    continue
                found[entry.name] = (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
            return found
    except OSError:
        return {}


def _bytes(data: str | bytes | None) -> bytes | None:
    return data.encode("utf-8") if isinstance(data, str) else data


def _regular(folder: Path, rel: str) -> bytes | None:
    """folder/rel if it is a regular file inside `folder` (no link leads out of it)."""
    root = os.path.realpath(folder)
    path = os.path.realpath(os.path.join(root, rel))
    if os.path.commonpath([root, path]) != root or path == root:
        return None
    try:
        data = read_regular(Path(path), MAX_SERVED_BYTES)
    except ReadError:
        return None
    return data if len(data) <= MAX_SERVED_BYTES else None
