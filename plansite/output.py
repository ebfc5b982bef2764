"""Writing the site: into a fresh folder beside --out, swapped in at the end.

A build that fails, or is killed halfway, leaves the previous site exactly as
it was. On Linux the swap is one atomic renameat2(RENAME_EXCHANGE); elsewhere
two renames with a window of microseconds.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = ".plansite-site"  # marks a folder as our output, so we never replace anything else
STAGE_MARKER = ".plansite-stage"  # marks a staging folder, so a killed build's leftovers can go
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(Exception):
    pass


def check_target(out: Path, protected: list[Path]) -> None:
    """Refuse to replace a folder that is not ours (the project, content, home…)."""
    out = out.resolve()
    for path in protected:
        path = path.resolve()
        if out == path or out in path.parents:
            raise OutputError(f"输出文件夹 {out} 包含 {path}：请换一个输出文件夹（默认是 site/）。")
    if out.exists():
        if not out.is_dir():
            raise OutputError(f"输出位置 {out} 是一个文件，不是文件夹：请换一个输出文件夹。")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise OutputError(
                f"输出文件夹 {out} 里已有其他文件，不是本程序生成的网站：为避免误删，请换一个空文件夹或删除它。"
            )


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """Yield an empty folder to write into; swap it in place of `out` on success.

    Builds into the same folder take turns (a lock on the parent folder). A
    build killed halfway leaves only its staging folder, marked as ours, which
    the next build removes.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out.parent):
        _remove_leftovers(out)
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        try:
            (stage / STAGE_MARKER).write_text("plansite staging folder\n", encoding="utf-8")
            stage.chmod(0o755)  # mkdtemp makes 0700; web servers need to read the site
            yield stage
            (stage / STAGE_MARKER).unlink()
            if not (stage / MARKER).exists():  # the build may have written its manifest there
                (stage / MARKER).write_text("plansite\n", encoding="utf-8")
            _swap_in(stage, out)
        finally:
            if stage.exists():
                shutil.rmtree(stage, ignore_errors=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock, builds must not overlap
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _remove_leftovers(out: Path) -> None:
    """Staging and swapped-out folders of earlier builds that were killed."""
    for pattern, marker in ((f".{out.name}.new-*", STAGE_MARKER), (f".{out.name}.old-*", MARKER)):
        for leftover in out.parent.glob(pattern):
            if leftover.is_dir() and (leftover / marker).exists():
                shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(stage: Path, out: Path) -> None:
    if not out.exists():
        os.rename(stage, out)
        return
    if _exchange(stage, out):
        shutil.rmtree(stage)  # now holds the previous site
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.rename(out, old)
    os.rename(stage, out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def write_text(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    # newline="" : write exactly the characters given (CRLF files stay CRLF).
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
