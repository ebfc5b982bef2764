"""Writing the site: into the standby folder beside --out, swapped in at the end.

The standby (`.site.next` beside `site/`) holds the site before the live one:
after a swap, the folder that was live becomes the standby. A build writes the
next site into it in place, so the files it still holds need not be linked or
written again, but none is kept unless the build proves it (`cache.reuse`: its
bytes have the hash the live site's manifest records for an unchanged key);
what the new site does not hold is removed before the swap. A build that
fails, or is killed halfway, leaves the live site exactly as it was. On Linux
the swap is one atomic renameat2(RENAME_EXCHANGE); elsewhere three renames
with a window of microseconds.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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


@dataclass
class Stage:
    """The folder the next site is written into, and the files this build has put in it.

    It may hold files of an earlier site (the standby's): each is kept only where the
    build proves it, written over (as a new file) where rendered, and removed at the end
    if the new site does not hold it. So every file the new site holds must be taken.
    """

    path: Path
    taken: set[str] = field(default_factory=set)  # paths in the site of the files this build put here
    written: set[str] = field(default_factory=set)  # those of them it wrote (the others it proved and kept)
    root: str = field(init=False)  # the folder's path without links, as `cache` proves files below it

    def __post_init__(self) -> None:
        self.root = os.path.realpath(self.path)

    def keep(self, rels: Iterable[str]) -> None:
        """Files proven to be the ones wanted (the stage's own, or linked from the live site)."""
        self.taken.update(rels)

    def wrote(self, rels: Iterable[str]) -> None:
        rels = set(rels)
        self.taken |= rels
        self.written |= rels

    def clear(self, folder: str) -> None:
        """Remove a folder of an earlier site from the stage (one about to be written anew)."""
        clear_path(self.path / folder)


@contextmanager
def staged_output(out: Path) -> Iterator[Stage]:
    """Yield the stage to write the next site into; swap it in place of `out` on success.

    Builds into the same folder take turns (a lock on the parent folder). A
    build that fails removes its stage; one killed halfway leaves it marked as
    a stage, and the next build proves what it may keep of it as of any standby.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out.parent):
        stage = Stage(_stage(out))
        _MADE.clear()  # folders made in an earlier stage, which may have had this name
        swapped = False
        try:
            yield stage
            (stage.path / STAGE_MARKER).unlink()
            if MARKER not in stage.taken:  # the build may have written its manifest there
                write_text(stage.path, MARKER, "plansite\n")
                stage.wrote([MARKER])
            publishable(stage.path, stage.taken)
            swapped = True  # from here on, the stage holds the previous site, or nothing
            _swap_in(stage.path, out)
        finally:
            if not swapped and stage.path.exists():
                shutil.rmtree(stage.path, ignore_errors=True)


def standby_folder(out: Path) -> Path:
    """Where the site before the live one is kept, for the next build to write into."""
    return out.with_name(f".{out.name}.next")


def _stage(out: Path) -> Path:
    """A folder to write the next site into, marked as a stage: the standby, or else what a
    killed build left, under a name of its own (so a process of a killed build still
    writing by the old name, which outlived it, can never write into this build's); a new
    empty one if there is neither. Nothing in it but folders and regular files: no link
    for a write to follow."""
    standby = standby_folder(out)
    if os.path.lexists(standby) and (standby.is_symlink() or not standby.is_dir() or not _is_ours(standby)):
        raise OutputError(
            f"{standby} 不是本程序生成的文件夹，但占用了网站备用文件夹的名字：请把它移走或删除后重新生成。"
        )
    found = [standby] if os.path.lexists(standby) else []
    # Killed builds' leftovers: a stage (marked as such), or the site before, renamed by a swap.
    for leftover in sorted([*out.parent.glob(f".{out.name}.new-*"), *out.parent.glob(f".{out.name}.old-*")]):
        if not leftover.is_symlink() and leftover.is_dir() and _is_ours(leftover):
            found.append(leftover)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))  # 0700: nothing to publish yet
    if found:
        os.rename(found[0], stage)  # onto the empty folder just made
        os.chmod(stage, _CLOSED)
        for extra in found[1:]:
            shutil.rmtree(extra, ignore_errors=True)
        _only_folders_and_files(stage)
        (stage / MARKER).unlink(missing_ok=True)  # no longer that site: a killed build leaves no site here
    marker = stage / STAGE_MARKER
    marker.unlink(missing_ok=True)
    marker.write_text("plansite staging folder\n", encoding="utf-8")
    return stage


def _only_folders_and_files(top: Path) -> None:
    """Remove every link, pipe, socket or device below `top`."""
    folders = [str(top)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif not entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


def _is_ours(folder: Path) -> bool:
    return (folder / STAGE_MARKER).is_file() or (folder / MARKER).is_file()


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


def publishable(stage: Path, keep: set[str]) -> None:
    """Remove what the stage holds beyond `keep` (files of an earlier site, empty folders);
    make every file readable by the web server whatever the umask (0644, folders 0755);
    and prove the stage holds nothing but folders and regular files."""
    filled: set[str] = set()  # folders holding something kept
    for folder, dirs, files in os.walk(stage, topdown=False):
        rel_folder = os.path.relpath(folder, stage)
        prefix = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
        for name in files:
            path = os.path.join(folder, name)
            mode = os.lstat(path).st_mode
            if prefix + name not in keep and not stat.S_ISLNK(mode):
                os.unlink(path)
                continue
            if not stat.S_ISREG(mode):
                raise OutputError(f"生成的网站里出现了不是普通文件的 {path}：网站没有替换，请重新生成。")
            if stat.S_IMODE(mode) != 0o644:
                os.chmod(path, 0o644)
            filled.add(folder)
        for name in dirs:
            path = os.path.join(folder, name)
            if stat.S_ISLNK(os.lstat(path).st_mode):
                raise OutputError(f"生成的网站里出现了不是普通文件的 {path}：网站没有替换，请重新生成。")
            if path in filled:
                filled.add(folder)
            else:
                os.rmdir(path)  # held nothing kept: a folder of an earlier site
        os.chmod(folder, 0o755)


def _swap_in(stage: Path, out: Path) -> None:
    """Put the stage in place of `out`; `out`'s site becomes the standby, closed to other
    users: a web server serving the folder `out` is in must not show it."""
    if not out.exists():
        os.rename(stage, out)
        return
    if _exchange(stage, out):
        old = stage  # the site before, now at the stage's name
    else:
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, old)
        os.rename(stage, out)
    os.chmod(old, _CLOSED)
    try:
        os.rename(old, standby_folder(out))  # a kill before this leaves it a leftover the next build takes
    except OSError:  # something took the name meanwhile: the next build starts from an empty stage
        shutil.rmtree(old, ignore_errors=True)


_CLOSED = 0o700  # the standby's mode: the site before is not published


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
    """Make the folder `path` goes in: one mkdir per folder, not one per file. A file in the
    way (of an earlier site, whose files may have had other names) is removed."""
    if path.parent not in _MADE:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            blocking = next(p for p in [path.parent, *path.parent.parents] if os.path.lexists(p) and not p.is_dir())
            blocking.unlink()
            path.parent.mkdir(parents=True, exist_ok=True)
        _MADE.add(path.parent)


def clear_path(path: Path) -> None:
    """Remove what the stage holds at `path` (an earlier site's file or folder), so that a new
    file is written there: never into one already there, which may be a link to a file of
    the live site (one proven and kept)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


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
    clear_path(path)
    with open(path, "xb") as handle:
        handle.write(data)
