"""Work in worker processes: rendering many documents, reading many content files.

Render workers write their files straight into the staging folder, so the
parent never holds the whole site in memory. Workers die with the build.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path
from typing import Any, TypeVar

from .files import ReadError, read_blocks
from .model import Attachment
from .output import STAGE_MARKER, clear_path, make_parent, write_file
from .render import DocumentJob, render_document

PARALLEL_FROM = 40  # below this many documents, starting workers costs more than it saves
CHUNKS_PER_WORKER = 4  # small enough chunks that no worker is left with the long tail
_PR_SET_PDEATHSIG = 1


def default_processes() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


Written = dict[str, dict[str, str]]  # {document id: {file: SHA-256 of its bytes}}


def render_documents(
    batches: list[list[DocumentJob]], stage: Path, processes: int, done: Callable[[Written], None] = lambda _: None
) -> Written:
    """Render and write every job's files, batch after batch as far as the workers allow;
    `done` is called (in this process) with the files of each part as soon as it is written,
    so that work on a batch can start while the next ones render."""
    jobs = [job for batch in batches for job in batch]
    written: Written = {}
    if processes <= 1 or len(jobs) < PARALLEL_FROM:
        for batch in batches:
            part = _render_into(str(stage), batch)
            done(part)
            written |= part
        return written
    chunks = _chunks([len(batch) for batch in batches], processes * CHUNKS_PER_WORKER)
    global _INHERITED
    fork = _can_fork()
    if fork:
        # A forked worker inherits the jobs: nothing to pickle, nothing to import again.
        # Frozen, the parent's objects are never scanned (or copied) by the workers' collector.
        gc.freeze()
        _INHERITED = jobs
    try:
        # Under serve's threads forking is unsafe: workers start clean and get the jobs pickled.
        with _pool(processes, "fork" if fork else "spawn") as pool:
            if fork:
                pending = {pool.submit(_render_inherited, str(stage), chunk) for chunk in chunks}
            else:
                pending = {pool.submit(_render_into, str(stage), [jobs[i] for i in chunk]) for chunk in chunks}
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    part = future.result()
                    done(part)
                    written |= part
            return written
    finally:
        _INHERITED = []
        gc.unfreeze()


Item = TypeVar("Item")
Result = TypeVar("Result")


def map_in_workers(
    function: Callable[[Item], Result], items: Sequence[Item], processes: int, *, parallel_from: int = PARALLEL_FROM
) -> list[Result]:
    """`function` of each item, in order: in `processes` forked workers, which inherit the
    function and the items (only the results are pickled), when there are `parallel_from`
    items or more and forking is safe; else in this process."""
    if processes <= 1 or len(items) < parallel_from or not _can_fork():
        return [function(item) for item in items]
    global _INHERITED_CALL
    _INHERITED_CALL = (function, items)
    size = -(-len(items) // (processes * CHUNKS_PER_WORKER))
    try:
        with _pool(processes, "fork") as pool:
            firsts = range(0, len(items), size)
            parts = pool.map(_call_inherited, firsts, [size] * len(firsts))
            return [result for part in parts for result in part]
    finally:
        _INHERITED_CALL = None


def _call_inherited(first: int, count: int) -> list[Any]:
    assert _INHERITED_CALL is not None  # set before the workers were forked
    function, items = _INHERITED_CALL
    return [function(item) for item in items[first : first + count]]


_INHERITED_CALL: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _pool(processes: int, start_method: str) -> ProcessPoolExecutor:
    """Worker processes that die with the build."""
    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=get_context(start_method),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


def _chunks(sizes: list[int], count: int) -> list[list[int]]:
    """About `count` chunks of job indices (jobs numbered batch after batch), in the batches'
    order, none across two batches; a batch's chunks interleave its jobs, spreading long and
    short documents evenly over the workers."""
    size = max(1, -(-sum(sizes) // count))
    chunks, first = [], 0
    for length in sizes:
        parts = max(1, -(-length // size))
        chunks += [list(range(first + i, first + length, parts)) for i in range(min(parts, length))]
        first += length
    return chunks


_INHERITED: list[DocumentJob] = []  # the jobs, for workers forked from the build


def _can_fork() -> bool:
    """Forking copies only the calling thread: safe only when the build has no other threads."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _render_inherited(stage: str, indices: list[int]) -> dict[str, dict[str, str]]:
    return _render_into(stage, [_INHERITED[i] for i in indices])


def _render_into(stage: str, jobs: list[DocumentJob]) -> dict[str, dict[str, str]]:
    written = {}
    for job in jobs:
        if not (Path(stage) / STAGE_MARKER).exists():
            raise RuntimeError(f"the staging folder {stage} was removed: the build was stopped")
        rendered = render_document(job)
        if any(rel in job.kept for rel in rendered):  # a kept file is a link to the live site's: never write through it
            raise RuntimeError(f"{job.doc.id}: rendered a file that was kept from the last build")
        files = {rel: write_file(Path(stage), rel, data) for rel, data in rendered.items()}
        for attachment, route in zip(job.doc.attachments, job.plan.files.attachments, strict=True):
            files[route.as_posix()] = _copy_attachment(attachment, Path(stage) / route)
        written[job.doc.id] = files
    return written


def _copy_attachment(attachment: Attachment, target: Path) -> str:
    """Copy an attachment, proving it is still the file that was checked (its hash is in the content key)."""
    make_parent(target)
    clear_path(target)  # never write into a file already there: it may be a link to the live site's
    digest = hashlib.sha256()
    with open(target, "xb") as out:
        for block in read_blocks(Path(attachment.source), attachment.size):
            digest.update(block)
            out.write(block)
    if digest.hexdigest() != attachment.sha256:
        raise ReadError(f"附件 {attachment.name} 在生成过程中被改动了：请等改动完成后重新生成网站。")
    return attachment.sha256


def die_with_parent(parent: int) -> None:
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
