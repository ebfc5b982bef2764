"""Word 97-2003 (.doc), WPS (.wps), RTF and OpenDocument (.odt) files, imported through
LibreOffice (importer/office.py): the same draft as the .docx they were saved from, and every
way the conversion can fail said in Chinese, without waiting."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
import yaml

from plansite.importer import SourceError, import_bytes, office

from . import formats

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
# A plan with automatic Chinese numbering (一、 （一）), a merged table, a footnote and keywords;
# a notice typed as offices type one, under a red letterhead.
SOURCES = ("word-office-plan", "word-printed-notice")
SAVED_AS = ("doc", "rtf", "odt")
# LibreOffice writes an automatic number's text (the 、 of 一、) into RTF in its locale's code page,
# as ?: the plan's RTF is not the plan. The notice's numbers are typed.
CASES = [(name, fmt) for name in SOURCES for fmt in SAVED_AS if (name, fmt) != ("word-office-plan", "rtf")]


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each Word fixture as LibreOffice saves it in each older or other format."""
    folder = tmp_path_factory.mktemp("office")
    return {(name, fmt): formats.convert(FIXTURES / f"{name}.docx", folder, fmt) for name, fmt in CASES}


def _draft(data: bytes, source_name: str) -> tuple[dict, tuple[str, ...]]:
    result = import_bytes(data, source_name=source_name, doc_id="x")
    return yaml.safe_load(result.yaml), result.dropped


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_a_file_in_an_older_format_gives_the_draft_of_its_docx(
    saved: dict[tuple[str, str], Path], name: str, fmt: str
) -> None:
    source = saved[name, fmt]
    assert source.read_bytes()[:4] != b"PK\x03\x04" or fmt == "odt", "LibreOffice saved it in the format asked"
    expected = _draft((FIXTURES / f"{name}.docx").read_bytes(), f"{name}.docx")
    assert _draft(source.read_bytes(), source.name) == expected


def test_a_wps_file_is_read_as_the_word_97_2003_file_it_is(saved: dict[tuple[str, str], Path]) -> None:
    """WPS saves .wps in Word 97-2003's format; LibreOffice is told so, whatever the file's name."""
    name = SOURCES[0]
    expected = _draft((FIXTURES / f"{name}.docx").read_bytes(), f"{name}.docx")
    assert _draft(saved[name, "doc"].read_bytes(), f"{name}.wps") == expected


WORD_97 = office.OLE + bytes(500) + "WordDocument".encode("utf-16-le") + bytes(2000)  # named so, but no document


def test_a_damaged_word_97_2003_file_is_refused_with_what_to_do() -> None:
    with pytest.raises(
        SourceError, match=r"x\.doc 是老式的 Word 97-2003 文件（\.doc）。LibreOffice 没能把它转成 \.docx.*另存为|已损坏"
    ):
        import_bytes(WORD_97, source_name="x.doc")


def test_without_libreoffice_the_message_says_what_to_install_or_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office, "soffice", lambda: None)
    with pytest.raises(SourceError, match=r"x\.wps 是WPS 文字文件.*没有找到 LibreOffice.*apt install.*另存为 \.docx"):
        import_bytes(WORD_97, source_name="x.wps")
    with pytest.raises(SourceError, match=r"RTF 文件.*没有找到 LibreOffice"):
        import_bytes(b"{\\rtf1\\ansi \\u20013?}", source_name="x.rtf")


def test_a_conversion_that_hangs_is_stopped_with_all_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LibreOffice that never finishes (a password prompt, a loop in a damaged file) and the
    process it started are stopped after CONVERT_SECONDS, and the import says so."""
    pids = tmp_path / "pids"
    hanging = tmp_path / "soffice"
    hanging.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pids}\nsleep 300\n", encoding="utf-8")
    hanging.chmod(hanging.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(office, "soffice", lambda: str(hanging))
    monkeypatch.setattr(office, "CONVERT_SECONDS", 1)
    start = time.monotonic()
    with pytest.raises(SourceError, match="转换超过 1 秒还没有完成，已停止"):
        import_bytes(WORD_97, source_name="x.doc")
    assert time.monotonic() - start < 30
    started = int(pids.read_text(encoding="utf-8"))
    for _ in range(50):  # the kill is sent; the process is reaped by init
        if not _alive(started):
            break
        time.sleep(0.1)
    assert not _alive(started), "the process LibreOffice started is stopped too"


def test_an_import_stopped_with_ctrl_c_stops_the_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice runs in a session of its own, which a terminal's Ctrl+C does not reach: the
    import stops it, with what it started, before it stops itself."""
    import subprocess

    pids = tmp_path / "pids"
    hanging = tmp_path / "soffice"
    hanging.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pids}\nsleep 300\n", encoding="utf-8")
    hanging.chmod(hanging.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(office, "soffice", lambda: str(hanging))

    def interrupted(self: subprocess.Popen[bytes], *args: object, **kwargs: object) -> tuple[bytes, bytes]:
        for _ in range(100):  # until the script has started what it starts
            if pids.exists() and pids.read_text(encoding="utf-8").strip():
                break
            time.sleep(0.05)
        raise KeyboardInterrupt

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_bytes(WORD_97, source_name="x.doc")
    started = int(pids.read_text(encoding="utf-8"))
    for _ in range(50):
        if not _alive(started):
            break
        time.sleep(0.1)
    assert not _alive(started), "the process LibreOffice started is stopped too"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")  # a zombie is gone


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        ("Workbook", "Excel 97-2003 表格（.xls），不能直接导入"),
        ("PowerPoint Document", "PowerPoint 97-2003 演示文稿（.ppt），不能直接导入"),
        ("EncryptedPackage", "加了密码的 Office 文件，不能直接导入：请在 Word 或 WPS 里打开它，去掉密码"),
    ],
)
def test_a_compound_file_that_is_not_a_word_document_is_named(stream: str, message: str) -> None:
    data = office.OLE + bytes(500) + stream.encode("utf-16-le") + bytes(2)
    with pytest.raises(SourceError, match=message):
        import_bytes(data, source_name="x")
