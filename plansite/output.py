"""Writing the site: into a fresh folder beside --out, swapped in at the end.

A build that fails, or is killed halfway, leaves the previous site exactly as
it was. On Linux the swap is one atomic renameat2(RENAME_EXCHANGE); elsewhere
two renames with a window of microseconds.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .paths import PACKAGE, PROJECT

MARKER = ".plansite-site"  # marks a folder as our output, so we never replace anything else
STAGE_MARKER = ".plansite-stage"  # marks a staging folder, so a killed build's leftovers can go
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(Exception):
    pass


def check_target(out: Path, content: Path) -> None:
    """Refuse an output folder that is not ours to replace: one holding or inside the
    program, the content, a Git repository or the home folder, a mount point, a file,
    or a folder of other files."""
    out = out.resolve()
    for path in (PROJECT, content, Path.home()):
        path = path.resolve()
        if out == path or out in path.parents:
            raise OutputError(f"输出文件夹 {out} 包含 {path}：请换一个输出文件夹（默认是 site/）。")
    for inside in (PACKAGE, content):
        if inside.resolve() in out.parents:
            raise OutputError(f"输出文件夹 {out} 在 {inside.resolve()} 里面：请换一个输出文件夹（默认是 site/）。")
    if PROJECT in out.parents and out.parent != PROJECT:
        raise OutputError(
            f"输出文件夹 {out} 在程序的文件夹 {PROJECT} 的子文件夹里：请用程序文件夹下的 site/，或程序文件夹以外的位置。"
        )
    if ".git" in out.parts:
        raise OutputError(f"输出文件夹 {out} 在 Git 仓库的内部文件夹（.git）里：请换一个输出文件夹。")
    if out.exists():
        if not out.is_dir():
            raise OutputError(f"输出位置 {out} 是一个文件，不是文件夹：请换一个输出文件夹。")
        if os.path.ismount(out):
            raise OutputError(
                f"输出文件夹 {out} 是一个挂载点（单独挂载的磁盘或共享目录），无法整体替换："
                f"请改用它里面的一个子文件夹，例如 {out / 'site'}。"
            )
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
        _MADE.clear()  # folders made in an earlier stage, which may have had this name
        swapped = False
        try:
            (stage / STAGE_MARKER).write_text("plansite staging folder\n", encoding="utf-8")
            yield stage
            (stage / STAGE_MARKER).unlink()
            if not (stage / MARKER).exists():  # the build may have written its manifest there
                (stage / MARKER).write_text("plansite\n", encoding="utf-8")
            publishable(stage)
            swapped = True  # from here on, `stage` holds the previous site, or nothing
            _swap_in(stage, out)
        finally:
            if not swapped and stage.exists():
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
    """Folders of earlier builds that were killed: a staging folder (marked as
    such), or the previous site swapped out but not yet removed (marked as a site)."""
    for leftover in [*out.parent.glob(f".{out.name}.new-*"), *out.parent.glob(f".{out.name}.old-*")]:
        if leftover.is_symlink() or not leftover.is_dir():
            continue
        if (leftover / STAGE_MARKER).exists() or (leftover / MARKER).exists():
            shutil.rmtree(leftover, ignore_errors=True)


def publishable(stage: Path) -> None:
    """Make every file readable by the web server whatever the umask (0644, folders
    0755), and prove the stage holds nothing but folders and regular files."""
    for folder, dirs, files in os.walk(stage):
        os.chmod(folder, 0o755)
        for name in [*dirs, *files]:
            path = os.path.join(folder, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                raise OutputError(f"生成的网站里出现了不是普通文件的 {path}：网站没有替换，请重新生成。")
            if stat.S_ISREG(mode) and stat.S_IMODE(mode) != 0o644:
                os.chmod(path, 0o644)


def _swap_in(stage: Path, out: Path) -> None:
    if not out.exists():
        os.rename(stage, out)
        return
    if _exchange(stage, out):
        shutil.rmtree(stage, ignore_errors=True)  # now holds the previous site
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


_MADE: set[Path] = set()  # folders this process made in staging folders


def write_file(root: Path, rel: str, data: str | bytes) -> str:
    """Write a text (as UTF-8) or bytes; the SHA-256 of the bytes written."""
    return write_bytes(root, rel, data.encode("utf-8") if isinstance(data, str) else data)


def write_text(root: Path, rel: str, text: str) -> str:
    """Write `text` as UTF-8, exactly the characters given (CRLF stays CRLF); the SHA-256 of the bytes."""
    return write_bytes(root, rel, text.encode("utf-8"))


def make_parent(path: Path) -> None:
    """Make the folder `path` goes in: one mkdir per folder, not one per file."""
    if path.parent not in _MADE:
        path.parent.mkdir(parents=True, exist_ok=True)
        _MADE.add(path.parent)


def write_bytes(root: Path, rel: str, data: bytes) -> str:
    path = root / rel
    if path.parent not in _MADE and not root.is_dir():
        # The staging folder is gone (the build was stopped): never make it again.
        raise FileNotFoundError(errno.ENOENT, "staging folder removed", str(root))
    make_parent(path)
    try:
        _write_new(path, data)
    except FileNotFoundError:  # made in an earlier staging folder of the same name
        if not root.is_dir():
            raise
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_new(path, data)
    return hashlib.sha256(data).hexdigest()


def _write_new(path: Path, data: bytes) -> None:
    """Write a new file: never into one already there, which may be a link to a file of the
    live site (a file reused from the last build)."""
    if os.path.lexists(path):
        path.unlink()
    with open(path, "xb") as handle:
        handle.write(data)
