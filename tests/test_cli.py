"""The command line as an editor uses it: build, check, serve, exit codes, and
a failed build that leaves the previous site exactly as it was."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plansite import output
from plansite.cli import main

from .conftest import CONTENT, ROOT, fetch, serving, snapshot, wait_for

JIANGBEI = "jiangbei-disability-plan-2021-2025.yaml"


def run(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_help_documents_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "serve", "check", "import"):
        assert command in result.stdout
    assert "--content" in run("build", "--help").stdout
    assert "--jobs" in run("build", "--help").stdout and "--verify" in run("build", "--help").stdout
    assert "--port" in run("serve", "--help").stdout


def test_build_writes_the_site(tmp_path: Path) -> None:
    result = run("build", "--out", tmp_path / "site", "--jobs", "2", "--verify")
    assert result.returncode == 0, result.stderr
    again = run("build", "--out", tmp_path / "site")
    assert "其中 5 份没有改动" in again.stdout
    assert (tmp_path / "site" / "plans" / "jiangbei-disability-plan-2021-2025" / "index.html").is_file()
    assert (tmp_path / "site" / "static" / "css" / "site.css").is_file()


def test_failed_build_leaves_previous_site_unchanged(tmp_path: Path, content_copy: Path) -> None:
    site = tmp_path / "site"
    assert run("build", "--content", content_copy, "--out", site).returncode == 0
    before = snapshot(site)
    assert len(before) > 3
    broken = content_copy / JIANGBEI
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("title: 编制背景", "title: [编制背景"), encoding="utf-8"
    )

    result = run("build", "--content", content_copy, "--out", site)

    assert result.returncode == 2
    assert JIANGBEI in result.stderr and "第" in result.stderr and "行" in result.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"], "no staging folder is left behind"


def test_check_validates_without_writing(tmp_path: Path, content_copy: Path) -> None:
    result = run("check", "--content", content_copy, cwd=tmp_path)
    assert result.returncode == 0
    assert "检查通过" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]
    (content_copy / JIANGBEI).write_text("id: x\n", encoding="utf-8")
    result = run("check", "--content", content_copy, cwd=tmp_path)
    assert result.returncode == 2
    assert "缺少必填字段" in result.stderr


def test_yaml_files_that_are_not_read_are_named_without_stopping_anything(tmp_path: Path, content_copy: Path) -> None:
    """A document saved as .yml, or into a subfolder, would go unpublished without a word: check
    and build name it, and go on. Files put in extra/ (published as they are), hidden ones and
    the documents themselves are not named (controls)."""
    notes = (content_copy / JIANGBEI).read_text(encoding="utf-8")
    (content_copy / "2025").mkdir()
    (content_copy / "2025" / "moved.yaml").write_text(notes, encoding="utf-8")
    (content_copy / "renamed.yml").write_text(notes, encoding="utf-8")
    (content_copy / "extra").mkdir()
    (content_copy / "extra" / "published-as-is.yaml").write_text("x: 1\n", encoding="utf-8")
    (content_copy / ".backup.yml").write_text(notes, encoding="utf-8")
    for command in (["check"], ["build", "--out", tmp_path / "site"]):
        result = run(*command, "--content", content_copy, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        named = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
        assert named == [
            f"{content_copy / 'renamed.yml'}：扩展名是 .yml，不会读取；要发布请把扩展名改成 .yaml",
            f"{content_copy / '2025' / 'moved.yaml'}：在子文件夹里，不会读取（只读取 {content_copy} 这一层的 .yaml 文件）；"
            f"要发布请把它移到 {content_copy} 里",
        ], result.stderr
    assert "没有读取" not in run("check", cwd=ROOT).stderr  # the project's own content (control)


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    assert run("build", "--out", tmp_path / "a").returncode == 0
    assert run("build", "--out", tmp_path / "b").returncode == 0
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_refuses_to_replace_a_folder_it_did_not_build(tmp_path: Path) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "report.docx").write_bytes(b"not ours")
    result = run("build", "--out", precious)
    assert result.returncode == 1
    assert (precious / "report.docx").read_bytes() == b"not ours"
    assert run("build", "--out", ROOT).returncode == 1, "the project folder itself is refused"


def test_serve_rebuilds_when_content_changes(tmp_path: Path, content_copy: Path) -> None:
    with serving(content_copy, tmp_path / "site") as base:
        url = f"{base}/plans/jiangbei-disability-plan-2021-2025/index.html"
        assert "编制背景" in (fetch(url) or "")
        page = content_copy / JIANGBEI
        page.write_text(
            page.read_text(encoding="utf-8").replace("title: 编制背景", "title: 编制背景（修订）"), encoding="utf-8"
        )
        assert wait_for(lambda: "编制背景（修订）" in (fetch(url) or "")), "serve did not rebuild"


def test_an_internal_error_is_explained_and_the_site_kept(tmp_path: Path, content_copy: Path) -> None:
    site = tmp_path / "site"
    assert run("build", "--content", content_copy, "--out", site).returncode == 0
    before = snapshot(site)
    changed = content_copy / JIANGBEI
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("title: 编制背景", "title: 编制背景（二）"), encoding="utf-8"
    )
    # Simulate a bug in rendering (the changed document is rendered, the others reused).
    code = (
        "import sys, plansite.render as r; from plansite.cli import main;"
        "r.text_file = lambda *a: 1 / 0;"
        f"sys.exit(main(['build', '--content', {str(content_copy)!r}, '--out', {str(site)!r}, '--jobs', '1']))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith("程序内部出错（这不是您的文件的问题）")
    assert "ZeroDivisionError" in result.stderr.split("--- 技术信息 ---", 1)[1]
    assert snapshot(site) == before


@pytest.mark.parametrize("binary", ["/nonexistent/pagefind", "/bin/false"], ids=["missing", "failing"])
def test_a_missing_or_failing_search_indexer_is_reported_and_the_site_kept(tmp_path: Path, binary: str) -> None:
    site = tmp_path / "site"
    assert run("build", "--out", site).returncode == 0
    before = snapshot(site)
    # pagefind's own switch for the binary it runs (PAGEFIND_BINARY_PATH).
    result = run("build", "--out", site, env={**os.environ, "PAGEFIND_BINARY_PATH": binary})
    assert result.returncode == 1
    assert "搜索索引" in result.stderr and "原有的网站保持不变" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no staging folder is left behind"


@pytest.mark.parametrize("doc_id", ["../../outside", "Bad_ID", "a/b", "-x", "x" * 81])
def test_import_refuses_an_id_that_is_not_an_id(tmp_path: Path, doc_id: str) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("某市残疾人事业发展规划\n\n一、总则\n\n正文。\n", encoding="utf-8")
    result = run("import", source, f"--id={doc_id}", cwd=tmp_path)
    assert result.returncode == 2 and "不能用作 id" in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["plan.txt"], "nothing is written"


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("https://www.example.gov.cn/a.html", "不能直接导入网址 https://www.example.gov.cn/a.html：导入程序不连接网络"),
        ("folder", "folder 是一个空文件夹：没有要导入的文件"),
        ("missing.docx", "找不到文件 missing.docx"),
        ("folder/plan.yaml", "folder/plan.yaml 是 YAML 文件：网站的文件本来就是 YAML，不用导入"),
    ],
)
def test_import_says_what_it_was_given_instead_of_a_file(tmp_path: Path, given: str, said: str) -> None:
    (tmp_path / "folder").mkdir()
    if given.endswith(".yaml"):  # a site's own document, which was drafted as the text of its YAML
        (tmp_path / given).write_bytes((CONTENT / JIANGBEI).read_bytes())
    result = run("import", given, cwd=tmp_path)
    assert result.returncode == 1 and said in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "content").exists(), "nothing is written"


def test_import_drafts_many_files_and_a_folder_s_files_going_on_past_one_it_cannot_read(tmp_path: Path) -> None:
    """A 残联 moving its documents imports them together (import 旧文件/, or import *.docx): each
    drafted under its own id, one that cannot be read said, the others written, the result summed up."""
    old = tmp_path / "old"
    old.mkdir()
    (old / "plan.txt").write_text("某市残疾人事业发展规划\n\n一、总则\n\n坚持以人民为中心。\n", encoding="utf-8")
    (old / "notice.html").write_text(
        "<html><body><h1>关于开展助残日活动的通知</h1><p>各区残联：</p><p>请做好活动安排。</p></body></html>",
        encoding="utf-8",
    )
    (old / "photo.bin").write_bytes(bytes(range(256)) * 4)
    (old / ".hidden.txt").write_text("不导入", encoding="utf-8")
    (old / "desktop.ini").write_text("[.ShellClassInfo]\nIconResource=x\n", encoding="utf-8")  # Windows' own
    (old / "~$plan.docx").write_bytes(b"\x08ZhangSan" + bytes(150))  # Word's lock file beside an open document
    (old / "Thumbs.db").write_bytes(bytes(64))
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yaml").write_bytes((CONTENT / "site.yaml").read_bytes())

    result = run("import", "old", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "【2/3】photo.bin 不是文字文件" in result.stderr and "Traceback" not in result.stderr
    assert "导入了 2 个文件，1 个没有导入（原因见上面）：photo.bin。" in result.stdout
    drafts = sorted(p.name for p in (tmp_path / "content").glob("*.yaml") if p.name != "site.yaml")
    assert len(drafts) == 2
    assert run("check", cwd=tmp_path).returncode == 0

    again = run("import", "old/plan.txt", "old/notice.html", cwd=tmp_path)  # files named: ids of their own again
    assert again.returncode == 0 and "导入了 2 个文件。" in again.stdout
    assert len(list((tmp_path / "content").glob("*.yaml"))) == 5
    refused = run("import", "old/plan.txt", "old/notice.html", "--id", "x", cwd=tmp_path)
    assert refused.returncode == 2 and "--out 和 --id 只能用于导入一个文件" in refused.stderr


def test_untitled_drafts_get_ids_of_their_own(tmp_path: Path) -> None:
    from plansite.importer import import_text

    first = import_text("一、总则\n\n第一份的正文。\n", source_name="草稿.txt")
    second = import_text("一、总则\n\n第二份的正文。\n", source_name="草稿.txt")
    assert first.doc_id != second.doc_id


def test_an_imported_id_comes_from_the_doc_number_or_the_title() -> None:
    from plansite.importer import import_text

    numbered = import_text(
        "国办发〔2019〕4号\n\n国务院办公厅关于加强绩效考核工作的意见\n\n一、总则\n\n正文。\n", source_name="网页.txt"
    )
    assert numbered.doc_id == "guobanfa-2019-4"
    titled = import_text("某市残疾人事业发展规划\n\n一、总则\n\n正文。\n", source_name="草稿.txt")
    assert titled.doc_id == "moushicanjirenshiyefazhanguihua"
    assert import_text("某市规划\n\n一、总则\n\n正文。\n", source_name="mou-plan.txt").doc_id == "mou-plan"
    full_width = import_text("某县２０２５年工作要点\n\n一、总则\n\n正文。\n", source_name="草稿.txt")
    assert full_width.doc_id == "mouxian-2025-niangongzuoyaodian"  # full-width digits are digits of the id


def test_a_derived_id_never_overwrites_an_existing_document(tmp_path: Path) -> None:
    source = tmp_path / "规划.txt"
    source.write_text("某市残疾人事业发展规划\n\n一、总则\n\n正文。\n", encoding="utf-8")
    for _ in range(2):
        assert run("import", source, cwd=tmp_path).returncode == 0
    written = sorted(p.name for p in (tmp_path / "content").iterdir())
    assert written == ["moushicanjirenshiyefazhanguihua-2.yaml", "moushicanjirenshiyefazhanguihua.yaml"]
    assert "id: moushicanjirenshiyefazhanguihua-2\n" in (tmp_path / "content" / written[0]).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("code", "meaning"),
    [(errno.ENOSPC, "磁盘已满"), (errno.EROFS, "只读"), (errno.EACCES, "没有权限"), (errno.EDQUOT, "配额")],
)
def test_machine_errors_are_named_in_chinese_and_keep_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: int, meaning: str
) -> None:
    out = tmp_path / "site"
    assert main(["build", "--content", str(CONTENT), "--out", str(out)]) == 0
    before = snapshot(out)

    def failing_write(root: Path, rel: str, data: bytes) -> str:
        raise OSError(code, os.strerror(code), str(root / rel))

    monkeypatch.setattr(output, "write_bytes", failing_write)
    capsys.readouterr()
    assert main(["build", "--content", str(CONTENT), "--out", str(out), "--clean"]) == 1
    stderr = capsys.readouterr().err
    assert meaning in stderr and "原有的网站保持不变" in stderr, stderr
    assert "Traceback" not in stderr and os.strerror(code) not in stderr and "程序内部出错" not in stderr
    assert snapshot(out) == before
