"""`build.py serve` picks up every kind of change while it runs: content, a
template, a stylesheet and the program's own code; and says plainly when its
port is taken. Run against a copy of the program, so its files can be edited."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from plansite.build import build_site

from .conftest import CONTENT, ROOT, fetch, wait_for

PAGE = "plans/jiangbei-disability-plan-2021-2025/index.html"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving_copy(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    """A copy of the program serving a copy of content/; yields (program, address, process)."""
    program = tmp_path / "program"
    shutil.copytree(ROOT / "plansite", program / "plansite", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "build.py", program / "build.py")
    shutil.copytree(CONTENT, program / "content")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")  # a file: a pipe nobody reads would fill and stop the server
    server = subprocess.Popen(
        [sys.executable, "build.py", "serve", "--port", str(port)],
        cwd=program,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: fetch(f"{base}/{PAGE}") is not None), "serve did not come up"
        yield program, base, server
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_template_style_and_code_changes_reach_the_served_pages(tmp_path: Path) -> None:
    with serving_copy(tmp_path) as (program, base, _server):
        assert "data-edited" not in (fetch(f"{base}/{PAGE}") or "")
        components = program / "plansite" / "templates" / "components"
        edit(
            components / "site_footer" / "macro.html",
            '<footer class="site-footer">',
            '<footer class="site-footer" data-edited="yes">',
        )
        assert wait_for(lambda: 'data-edited="yes"' in (fetch(f"{base}/{PAGE}") or ""), 60), "a template change"
        assert 'data-edited="yes"' in (fetch(f"{base}/index.html") or ""), "every page that uses the template"

        (components / "site_footer" / "style.css").write_text(
            (components / "site_footer" / "style.css").read_text(encoding="utf-8")
            + "\n.edited-style { color: #000; }\n",
            encoding="utf-8",
        )
        assert wait_for(lambda: ".edited-style" in (fetch(f"{base}/static/css/site.css") or ""), 60), "a style change"

        edit(program / "plansite" / "strings.py", '"主办单位：{owner}"', '"主办单位（已改）：{owner}"')
        changed = wait_for(lambda: "主办单位（已改）：" in (fetch(f"{base}/{PAGE}") or ""), 90)
        assert changed, "a code change: " + (tmp_path / "serve.log").read_text(encoding="utf-8")[-2000:]


def test_a_busy_port_is_named_and_no_build_is_said_to_fail(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(CONTENT), "--port", str(port)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 1
    assert f"端口 {port} 已被占用" in run.stderr and "--port" in run.stderr
    assert "没有生成" not in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "site").exists(), "nothing was built for a server that cannot start"


def test_port_and_jobs_are_validated() -> None:
    for args in (
        ["serve", "--port", "99999"],
        ["serve", "--port", "0"],
        ["build", "--jobs", "0"],
        ["build", "--jobs", "-2"],
        ["build", "--jobs", "100000"],
    ):
        run = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, timeout=60
        )
        assert run.returncode == 2, args
        assert "错误：" in run.stderr and ("端口号" in run.stderr or "进程数" in run.stderr), run.stderr


def test_a_saved_document_is_shown_first_and_its_search_index_follows(tmp_path: Path) -> None:
    """The page is rebuilt without waiting for Pagefind; the index is made after it, in the
    background, and a stopped preview leaves no staging folder behind."""
    entry = "pagefind/0/pagefind-entry.json"  # five documents: one shard
    with serving_copy(tmp_path) as (program, base, server):
        before = fetch(f"{base}/{entry}")
        assert before
        edit(program / "content" / "jiangbei-disability-plan-2021-2025.yaml", "title: 编制背景", "title: 编制背景新")
        assert wait_for(lambda: "编制背景新" in (fetch(f"{base}/{PAGE}") or ""), 60), "the page"
        log = tmp_path / "serve.log"
        assert wait_for(lambda: "搜索索引已更新" in log.read_text(encoding="utf-8"), 60), log.read_text(
            encoding="utf-8"
        )
        assert fetch(f"{base}/{entry}") not in (None, before), "the index of the new text"
        swapped_out = lambda: [p.name for p in program.iterdir() if p.name.startswith(".site.")]  # noqa: E731
        assert wait_for(lambda: not swapped_out(), 30), f"previous sites removed in the background: {swapped_out()}"
        # Saved again, and stopped at once: the background index must not outlive the preview.
        edit(program / "content" / "jiangbei-disability-plan-2021-2025.yaml", "title: 编制背景新", "title: 编制背景")
        assert wait_for(lambda: "编制背景新" not in (fetch(f"{base}/{PAGE}") or "编制背景新"), 60)
        server.terminate()
        server.wait(timeout=30)
    time.sleep(1)  # an indexer left running would write on meanwhile
    # What a stopped preview leaves (a previous site it was removing) is marked as ours, so the
    # next build removes it; an indexer outliving it would leave an unmarked folder.
    build_site(program / "content", program / "site")
    leftovers = [p.name for p in program.iterdir() if p.name.startswith(".site.")]
    assert leftovers == [], leftovers


def test_a_watcher_that_fails_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The watcher runs in a thread of its own: if it cannot watch (here, the content folder is
    gone), the editor is told, instead of a preview that silently stops updating."""
    import threading

    from plansite.serve import Preview, _Reloader, _watch

    _watch(Preview(tmp_path / "gone", tmp_path / "site"), _Reloader(), threading.Event())
    error = capsys.readouterr().err
    assert "无法继续监视文件改动" in error and "serve" in error, error
