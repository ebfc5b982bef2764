"""Attachments (原件 PDF, Word, WPS, OFD, spreadsheets) kept beside a document's
YAML: published with the site, linked with format and size, validated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plansite.build import build_site
from plansite.content import load_content
from plansite.problems import ContentError
from plansite.verify import verify_site

from .conftest import FEATURES

PDF = b"%PDF-1.4\n% plansite test\n" + b"0" * 2000


def _content(tmp_path: Path, attachments: str, files: dict[str, bytes], site_extra: str = "") -> Path:
    content = tmp_path / "content"
    shutil.copytree(FEATURES, content)
    plan = content / "feature-plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + f"attachments:\n{attachments}", encoding="utf-8")
    for name, data in files.items():
        (content / name).write_bytes(data)
    if site_extra:
        site = content / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8") + site_extra, encoding="utf-8")
    return content


def test_attachments_are_published_and_linked_with_format_and_size(tmp_path: Path) -> None:
    content = _content(
        tmp_path,
        "  - {file: 原文.pdf, title: 原文}\n  - {file: table.xlsx, title: 任务分工表}\n",
        {"原文.pdf": PDF, "table.xlsx": b"PK" + b"1" * 3000},
    )
    out = tmp_path / "site"
    build_site(content, out, verify=True)
    assert (out / "files/feature-plan/原文.pdf").read_bytes() == PDF
    for mode in ("", "large/", "text/"):
        html = (out / f"{mode}plans/feature-plan/index.html").read_text(encoding="utf-8")
        prefix = "../../" if not mode else "../../../"
        assert f'href="{prefix}files/feature-plan/原文.pdf" download>原文（PDF，2.0 KB）</a>' in html, mode
        assert "任务分工表（Excel，2.9 KB）" in html
    # A changed file is published again, and its size follows (the content key includes its hash).
    (content / "原文.pdf").write_bytes(PDF * 3)
    result = build_site(content, out)
    assert result.rendered == 1
    assert (out / "files/feature-plan/原文.pdf").read_bytes() == PDF * 3
    assert "原文（PDF，5.9 KB）" in (out / "plans/feature-plan/index.html").read_text(encoding="utf-8")
    assert not verify_site(out, "/plans/")


@pytest.mark.parametrize(
    ("entry", "files", "site_extra", "message"),
    [
        ("  - {file: 缺失.pdf, title: 原文}\n", {}, "", "找不到附件“缺失.pdf”"),
        ("  - {file: run.exe, title: 程序}\n", {"run.exe": b"MZ"}, "", "不是可以发布的附件类型"),
        ("  - {file: ../site.yaml, title: 设置}\n", {}, "", "只写文件名"),
        (
            "  - {file: big.pdf, title: 原文}\n",
            {"big.pdf": b"0" * (2 * 1024 * 1024)},
            "max_attachment_mb: 1\n",
            "超过了 1 MB",
        ),
    ],
    ids=["missing", "type", "path", "size"],
)
def test_an_attachment_that_cannot_be_published_is_explained(
    tmp_path: Path, entry: str, files: dict[str, bytes], site_extra: str, message: str
) -> None:
    content = _content(tmp_path, entry, files, site_extra)
    with pytest.raises(ContentError) as caught:
        load_content(content)
    problems = [str(p) for p in caught.value.problems]
    assert any("attachments[1].file" in p and message in p for p in problems), problems


def test_a_link_in_place_of_an_attachment_is_refused(tmp_path: Path) -> None:
    content = _content(tmp_path, "  - {file: 原文.pdf, title: 原文}\n", {})
    (content / "原文.pdf").symlink_to("/etc/hostname")
    with pytest.raises(ContentError) as caught:
        load_content(content)
    assert any("是一个链接" in str(p) for p in caught.value.problems)
