"""Site search: a Pagefind index of every document, written into the site at build time.

Pagefind (PyPI `pagefind[extended]`) writes a static index and a small
WebAssembly search engine that runs in the reader's browser: no server, no
request to another host. Out of the box it splits Chinese into words at build
time but into single characters in the browser, so 托底 is indexed as one word
and searched as 托|底, and what it returns often does not contain the query.

So plansite splits the text itself, the same way on both sides (`index_text`
here, `units` in the search component's script, tested to agree):

- every letter or digit that is not ASCII (every 汉字) is a word of its own,
  a run of ASCII letters and digits is one word (2021, ICP);
- punctuation and spaces stay glued to the word before them, so the text can
  be shown again exactly (spaces as U+2060) but take no position of their own;
- the browser searches each word of the query as an exact phrase of these
  units, so 托底 finds 托底 and never 托养…底线, and 川府发〔2022〕9号 is found
  however its brackets are typed.

The records are the documents' .txt exports (the document's own text with its
metadata lines), in document order, so the index is byte-identical for the
same content.

Pagefind cannot update an index: any change indexes every record again (10 ms a
document, 10 s for 1000). So a site's documents are split into shards by their
address (`shards`), each a Pagefind index of its own in pagefind/<n>/, and the
search page merges them in the browser (Pagefind's `mergeIndex`, which shares
the first shard's WebAssembly engine). An edit indexes one shard again. The
price is paid by readers: the first search fetches each shard's entry and
metadata, and each word one index chunk per shard; so a shard holds up to
DOCUMENTS_PER_SHARD documents and there are never more than MAX_SHARDS.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from . import model as m
from . import pages
from .view import chinese_date
from .workers import default_processes, die_with_parent

BUNDLE = "pagefind"  # the index's folder in the site; each shard's index is a folder in it
# The parts of Pagefind's output the search page uses; its ready-made UIs are not published.
ENGINE = ("pagefind.js", "pagefind-worker.js")  # with the wasm.*.pagefind files: in the first shard only
INDEX = ("pagefind-entry.json",)  # with *.pf_meta, index/ and fragment/: in every shard
DOCUMENTS_PER_SHARD = 128  # Pagefind starts in 0.13 s and takes 10 ms a document: 128 are indexed in 1.5 s
MAX_SHARDS = 8  # a first search fetches 1 KB a shard, and each unit of the query 5 KB a shard
LANGUAGE = "und"  # not zh: Pagefind would segment again; our units need no stemming either
SPACE = "\u2060"  # a space of the text: no whitespace to Pagefind, restored by the search page

# [^\W_] is a letter or digit (str.isalnum); [\W_] punctuation, a space or a symbol.
_UNITS_ONLY = re.compile(r"[0-9A-Za-z]+|[^\W_]")
# index_text puts a space between every two characters, then takes away those that are not
# between two units: before punctuation, and inside a run of ASCII letters and digits.
_BEFORE_MARK = re.compile(r" (?=[\W_])")
_IN_ASCII_RUN = re.compile(r"(?<=[0-9A-Za-z]) (?=[0-9A-Za-z])")
_WHITESPACE = re.compile(r"\s+")
# Full-width letters and digits (２０２２, ＩＣＰ) are searched as the ASCII ones; nothing else is
# changed, so the text shown in the results is the document's own.
_HALF_WIDTH = {
    code: code - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(r[0], r[1] + 1)
}
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


class SearchIndexError(Exception):
    """Pagefind could not write the index (it is missing, or failed)."""


def half_width(text: str) -> str:
    # Only the runs that need it are translated: str.translate with a table is ten times
    # slower than a regular expression finding the (rare) full-width runs.
    return _FULL_WIDTH.sub(lambda run: run[0].translate(_HALF_WIDTH), text)


def units(text: str) -> list[str]:
    """The units of `text`, without its punctuation and spaces (search.js has the same function)."""
    return _UNITS_ONLY.findall(half_width(text))


def index_text(text: str) -> str:
    """The text as Pagefind should index it: units separated by spaces (see the module's docstring)."""
    # Most characters are units of their own (汉字): joining them all is done in C, and undoing
    # the few joins that are not wanted is faster than finding every unit (0.5 ms against 0.9 ms
    # for a 6,600-character document). No space is left in the text to be mistaken for a join.
    spaced = " ".join(_WHITESPACE.sub(SPACE, half_width(text.strip())))
    return _IN_ASCII_RUN.sub("", _BEFORE_MARK.sub("", spaced))


@dataclass(frozen=True)
class Record:
    doc_id: str
    url: str  # the document's route; the search page turns it into a link in its own mode
    text_file: str  # the document's .txt in the site: the text indexed
    meta: dict[str, str]


def records(documents: tuple[m.Listed, ...]) -> list[Record]:
    """One record per document, in document order."""
    found = []
    for doc in documents:
        meta = {"title": doc.title, "kind": doc.kind_label}
        if doc.doc_number:
            meta["number"] = doc.doc_number
        if doc.date:
            meta["date"] = chinese_date(doc.date)
        found.append(Record(doc.id, pages.document_route(doc.id).as_posix(), pages.text_file(doc.id).as_posix(), meta))
    return found


@dataclass(frozen=True)
class Shard:
    """Some of the site's documents, indexed by Pagefind into a folder of their own."""

    name: str  # its folder in pagefind/
    records: tuple[Record, ...]
    engine: bool  # the first shard also holds Pagefind's script and engine, which the search page loads

    @property
    def folder(self) -> str:
        return self.folder_of(self.name)

    @staticmethod
    def folder_of(name: str) -> str:
        return f"{BUNDLE}/{name}/"

    def holds(self, rel: str) -> bool:
        """Whether the file at `rel` in the site belongs to this shard's index."""
        return rel.startswith(self.folder)


def shard_count(documents: int) -> int:
    """How many shards `documents` are split into: a power of two, so that most documents stay
    in their shard when the site grows past a size; at most MAX_SHARDS."""
    count = 1
    while count < MAX_SHARDS and documents > count * DOCUMENTS_PER_SHARD:
        count *= 2
    return count


def shards(found: list[Record]) -> list[Shard]:
    """The records split into shards by a hash of their address (so an edit or a new document
    changes one shard), in order; shards without records are left out."""
    count = shard_count(len(found))
    groups: list[list[Record]] = [[] for _ in range(count)]
    for record in found:
        groups[_shard_number(record.url, count)].append(record)
    filled = [(number, group) for number, group in enumerate(groups) if group]
    return [Shard(str(number), tuple(group), engine=i == 0) for i, (number, group) in enumerate(filled)]


def shard_folders(urls: list[str]) -> tuple[str, ...]:
    """The folders of the shards that documents at `urls` are indexed in, in order (as
    `shards` makes them; without their records, so in a millisecond)."""
    count = shard_count(len(urls))
    return tuple(Shard.folder_of(str(number)) for number in sorted({_shard_number(url, count) for url in urls}))


def _shard_number(url: str, count: int) -> int:
    return int.from_bytes(hashlib.sha256(url.encode()).digest()[:4], "big") % count


def index_key(shard: Shard, text_hashes: dict[str, str]) -> str:
    """Everything a shard's index is made of: this module (how text is split and laid out for
    Pagefind), Pagefind's version, the shard's name and whether it holds the engine, and each
    record's address, metadata and .txt bytes (by their SHA-256 as the build wrote them).
    The same key gives the same index."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(_program_version().encode())
    lines = [[record.url, record.meta, text_hashes[record.text_file]] for record in shard.records]
    digest.update(json.dumps([shard.name, shard.engine, lines], ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def record_page(url: str, text: str, meta: dict[str, str]) -> str:
    """A record as the page Pagefind indexes: its metadata in <meta>, its split text as the body."""
    metas = "".join(
        f'<meta data-pagefind-meta="{name}[content]" content="{html.escape(value)}">\n'
        for name, value in sorted(meta.items())
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{html.escape(meta["title"])}</title>\n'
        f"{metas}</head><body data-pagefind-body>{html.escape(index_text(text))}</body></html>\n"
    )


def write_index(found: list[Record], site: Path) -> dict[str, str]:
    """Write the search index of `found` into site/pagefind/, from the .txt files in
    the site; returns {path in the site: SHA-256} of the files written."""
    with indexing(site) as index:
        for shard in shards(found):
            index.add(shard)
        return {rel: sha for files in index.finish().values() for rel, sha in files.items()}


class Indexing:
    """Pagefind indexing shards into site/pagefind/, at most `parallel` processes at once: a
    shard is added as soon as the .txt files of its documents are in the site, and indexed
    while the build goes on; `finish` waits for them all.

    Each record is written as a small page into a scratch folder, which Pagefind's command
    indexes (its Python API answers one record per 0.1 s: 100 s for 1000 documents).
    """

    def __init__(self, site: Path, scratch: Path, processes: ExitStack, parallel: int) -> None:
        self._site, self._scratch, self._processes, self._parallel = site, scratch, processes, parallel
        self._waiting: list[Shard] = []
        self._running: dict[str, tuple[Shard, subprocess.Popen[bytes], IO[bytes]]] = {}
        self._done: dict[str, dict[str, str]] = {}

    def add(self, shard: Shard) -> None:
        for record in shard.records:
            text = (self._site / record.text_file).read_text(encoding="utf-8-sig")
            page = self._scratch / shard.name / record.url
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(record_page(record.url, text, record.meta), encoding="utf-8")
        self._waiting.append(shard)
        self._poll()

    def finish(self) -> dict[str, dict[str, str]]:
        """For each shard's name, {path in the site: SHA-256} of its index's files."""
        deadline = time.monotonic() + INDEX_TIMEOUT
        while self._poll():
            if time.monotonic() >= deadline:
                raise SearchIndexError(f"无法生成搜索索引（Pagefind）：{INDEX_TIMEOUT} 秒内没有完成")
            with suppress(subprocess.TimeoutExpired):
                next(iter(self._running.values()))[1].wait(timeout=WAIT_STEP)
        return self._done

    def _poll(self) -> bool:
        """Take what the Pagefind processes that ended wrote, start the shards waiting where
        there is room; whether any still runs."""
        for name, (shard, process, log) in list(self._running.items()):
            if process.poll() is not None:
                del self._running[name]
                self._done[name] = _published(shard, process, log, self._site)
        while self._waiting and len(self._running) < self._parallel:
            shard = self._waiting.pop(0)
            log = self._processes.enter_context(tempfile.TemporaryFile())  # noqa: SIM115  (closed by the stack)
            process = _start(self._scratch / shard.name, self._site / shard.folder, log)
            self._processes.callback(_kill, process)
            self._running[shard.name] = (shard, process, log)
        return bool(self._running)


@contextmanager
def indexing(site: Path, parallel: int | None = None) -> Iterator[Indexing]:
    """Index shards into site/pagefind/ (`Indexing`), with at most `parallel` Pagefind
    processes (one a core the build may use). Leaving the block stops any still running."""
    # The scratch folder is in the staging folder: a killed build leaves nothing of its own elsewhere.
    with tempfile.TemporaryDirectory(prefix=".search-records-", dir=site) as scratch, ExitStack() as processes:
        yield Indexing(site, Path(scratch), processes, parallel or default_processes())


def _start(records: Path, output: Path, log: IO[bytes]) -> subprocess.Popen[bytes]:
    """Pagefind indexing the record pages in `records` into `output`."""
    command = [str(_executable()), "--site", str(records), "--output-path", str(output), "--keep-index-url", "--silent"]
    try:
        # Its messages go to a file: a pipe nobody reads yet could fill and stop it.
        # Killed with the build (Linux): an orphaned indexer would go on writing into a staging
        # folder the next build removes. Set in the child only without threads; with them
        # (worker processes are being managed), by setpriv, where there is one.
        parent = os.getpid()
        die = None
        if threading.active_count() == 1:
            die = lambda: die_with_parent(parent)  # noqa: E731
        elif setpriv := shutil.which("setpriv"):
            command = [setpriv, "--pdeathsig", "KILL", *command]
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die)
    except OSError as error:
        raise SearchIndexError(f"无法生成搜索索引（Pagefind）：{error}") from error


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()


def _published(shard: Shard, process: subprocess.Popen[bytes], log: IO[bytes], site: Path) -> dict[str, str]:
    """Keep the parts of a shard's Pagefind output the search page uses; {path in the site: SHA-256} of them."""
    output = site / shard.folder
    written = (output / "pagefind-entry.json").is_file() and (output / "pagefind.js").is_file() >= shard.engine
    if process.returncode != 0 or not written:
        log.seek(0)
        message = log.read().decode("utf-8", "replace").strip()[:2000]
        raise SearchIndexError(f"无法生成搜索索引（Pagefind 出错）：{message}")
    for path in sorted(output.iterdir()):
        engine = path.name in ENGINE or path.name.startswith("wasm.")
        if path.is_file() and not (path.name in INDEX or path.suffix == ".pf_meta" or (engine and shard.engine)):
            path.unlink()
        elif path.is_dir() and path.name not in ("index", "fragment"):
            shutil.rmtree(path)
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


INDEX_TIMEOUT = 600  # seconds; 1000 documents take a few
WAIT_STEP = 0.05  # seconds between looks at the Pagefind processes (one may end before the first)


def _program_version() -> str:
    """The installed Pagefind program's distribution and version (hashing its 58 MB would cost 0.15 s a build)."""
    executable = _executable()
    try:
        return f"{executable.parent.name} {importlib.metadata.version(executable.parent.name)}"
    except importlib.metadata.PackageNotFoundError:
        status = executable.stat()
        return f"{executable} {status.st_size} {status.st_mtime_ns}"


def _executable() -> Path:
    from pagefind.service import get_executable  # the binary installed with `pagefind[extended]`

    executable = get_executable()
    if executable is None or not executable.is_file():
        raise SearchIndexError(
            "找不到生成搜索索引的程序 Pagefind：请重新安装 plansite（pip install -e .，会一并安装 pagefind[extended]）。"
        )
    return executable
