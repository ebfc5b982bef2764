"""Reading editors' files safely, and saying in Chinese what the file system refused.

A name in content/ can be anything: a FIFO (opening it would wait forever), a
link to /dev/zero (reading it would never end), a folder called x.yaml. So a
file is opened without blocking, proven to be a regular file after opening
(what was opened, not what the name pointed to a moment earlier), and read
to at most its size limit plus one byte.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path


class ReadError(Exception):
    """A file that cannot be read as content; the message is Chinese and says what to do."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most `limit` + 1 of them (so the caller can tell it is too big)."""
    return b"".join(read_blocks(path, limit))


def read_blocks(path: Path, limit: int) -> Iterator[bytes]:
    """A regular file's bytes in blocks, stopping after `limit` + 1 bytes; ReadError otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ReadError(f"无法读取：{describe_os_error(error)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ReadError("这是一个文件夹，不是文件：请给文件夹换一个名字（不要以文件的扩展名结尾），或把它移出去。")
        if not stat.S_ISREG(mode):
            raise ReadError("这不是普通文件（是管道、设备或套接字）：这里只能放普通文件，请删除它。")
        left = limit + 1
        while left > 0:
            block = os.read(fd, min(left, 1 << 20))
            if not block:
                break
            left -= len(block)
            yield block
    except OSError as error:
        raise ReadError(f"无法读取：{describe_os_error(error)}") from None
    finally:
        os.close(fd)


def digest_regular(path: Path, limit: int) -> tuple[int, str]:
    """(size, sha256) of a regular file of at most `limit` bytes; the size is `limit` + 1 if it is bigger."""
    digest, size = hashlib.sha256(), 0
    for block in read_blocks(path, limit):
        digest.update(block)
        size += len(block)
    return size, digest.hexdigest()


# What the operating system's English message means, in words an editor or operator can act on.
_MEANINGS = {
    errno.ENOENT: "文件或文件夹不存在，请检查路径",
    errno.EACCES: "没有权限（请检查文件和文件夹的权限，或换一个有权限的位置）",
    errno.EPERM: "操作不被允许（请检查权限）",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中的某一段是文件，不是文件夹",
    errno.ENOSPC: "磁盘已满，请清理磁盘空间后重试",
    errno.EDQUOT: "磁盘配额已用完，请清理空间或请管理员增加配额",
    errno.EROFS: "这个位置是只读的（只读文件系统），请换一个可以写入的位置",
    errno.EBUSY: "这个位置正被占用（可能是挂载点），请换一个位置",
    errno.EXDEV: "不能跨磁盘移动（输出文件夹和它所在的文件夹不在同一个磁盘上），请换一个位置",
    errno.ELOOP: "链接（快捷方式）层数太多或指向了自己",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EMFILE: "同时打开的文件太多，请稍后重试",
    errno.EIO: "读写出错（磁盘或网络存储可能有故障）",
    errno.EEXIST: "同名的文件已存在",
}


def describe_os_error(error: OSError) -> str:
    """`error` in Chinese, naming the file it concerns."""
    meaning = _MEANINGS.get(error.errno or 0, f"系统错误（错误号 {error.errno}）")
    where = error.filename if error.filename is not None else ""
    return f"{meaning}：{where}" if where else meaning
