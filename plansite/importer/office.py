"""Word 97-2003 (.doc), WPS, RTF and OpenDocument text files, saved as .docx by LibreOffice.

The importer reads .docx itself (word.py). Many documents a 残联 receives are in the older
or other word-processor formats, which are binary or loosely specified and have no well-kept
Python reader; LibreOffice reads them all, and saves them as .docx for word.py. It is run
headless, with a profile of its own in a temporary folder (so a LibreOffice the editor has
open is neither used nor disturbed, and no macro setting of theirs applies), and stopped
with everything it started if it takes longer than CONVERT_SECONDS.

LibreOffice is optional: without it these files are refused with what to do instead.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: Word 97-2003, WPS, Excel 97-2003…
CONVERT_SECONDS = 180  # a 300-page .doc takes LibreOffice about 20 s on a slow machine
ODT_MIMETYPES = (b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template")
# Where LibreOffice is when it is not on PATH (macOS, Windows).
SOFFICE_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.exe",
    "C:/Program Files (x86)/LibreOffice/program/soffice.exe",
)


@dataclass(frozen=True)
class OfficeFormat:
    name: str  # what the file is, for messages (Chinese)
    suffix: str  # the name LibreOffice is given it by, which chooses its reader


class ConversionError(Exception):
    """LibreOffice is missing or could not save the file as .docx; the message (Chinese) says which."""


def office_format(data: bytes, source_name: str) -> OfficeFormat | None:
    """The word-processor format LibreOffice converts that `data` is in; None for any other file
    (a .docx, a PDF, text, or an Office file that is not a text document)."""
    if data.startswith(OLE) and has_stream(data, "WordDocument"):
        # WPS saves its .wps files as Word 97-2003 documents; LibreOffice reads both as .doc.
        if source_name.lower().endswith(".wps"):
            return OfficeFormat("WPS 文字文件（.wps）", ".doc")
        return OfficeFormat("老式的 Word 97-2003 文件（.doc）", ".doc")
    if data.startswith(b"{\\rtf"):
        return OfficeFormat("RTF 文件（.rtf）", ".rtf")
    if data.startswith(b"PK") and _zip_member(data, "mimetype") in ODT_MIMETYPES:
        return OfficeFormat("OpenDocument 文本文件（.odt）", ".odt")
    return None


def has_stream(data: bytes, name: str) -> bool:
    """Whether a compound file has a stream called `name`: its directory stores names in UTF-16."""
    return name.encode("utf-16-le") + b"\x00\x00" in data


def _zip_member(data: bytes, name: str) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return package.read(name)[:200].strip() if name in package.namelist() else b""
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return b""


def soffice() -> str | None:
    """LibreOffice's command, if this machine has it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((place for place in SOFFICE_PLACES if Path(place).is_file()), None)


def to_docx(data: bytes, fmt: OfficeFormat) -> bytes:
    """The file saved as .docx by LibreOffice."""
    binary = soffice()
    if binary is None:
        raise ConversionError(
            "导入这种文件要先用 LibreOffice 把它转成 .docx，但这台电脑上没有找到 LibreOffice（soffice）："
            "请安装 LibreOffice（Debian、Ubuntu：sudo apt install libreoffice-writer-nogui），"
            "或在 Word、WPS 里把它另存为 .docx 再导入"
        )
    with tempfile.TemporaryDirectory(prefix="plansite-import-") as folder:
        work = Path(folder)
        source, out = work / f"source{fmt.suffix}", work / "out"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so that a stop reaches what it started
            )
        except OSError as error:
            raise ConversionError(f"无法启动 LibreOffice（{binary}：{error.strerror or error}）") from None
        try:
            said, _ = process.communicate(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise ConversionError(
                f"LibreOffice 转换超过 {CONVERT_SECONDS} 秒还没有完成，已停止：文件可能太大、已损坏或加了密码"
            ) from None
        except BaseException:  # Ctrl+C: its own session never hears it, so it is stopped here
            _stop(process)
            raise
        converted = out / "source.docx"
        if not converted.is_file():
            reason = said.decode("utf-8", "replace").strip().splitlines()
            last = next((line for line in reversed(reason) if "Warning" not in line), "没有生成 .docx")
            raise ConversionError(
                f"LibreOffice 没能把它转成 .docx（LibreOffice 的提示：{last[:200]}）：文件可能已损坏或加了密码"
            )
        return converted.read_bytes()


def _stop(process: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(process.pid, signal.SIGKILL)
    else:  # Windows: no process groups
        process.kill()
    process.wait()
