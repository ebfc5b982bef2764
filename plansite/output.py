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
    """Yield an empty folder to write into; swap it in place of `out` on success."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    stage.chmod(0o755)  # mkdtemp makes 0700; web servers need to read the site
    try:
        yield stage
        (stage / MARKER).write_text("plansite\n", encoding="utf-8")
        _swap_in(stage, out)
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)


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
