"""`build.py serve` picks up every kind of change while it runs: content, a
template, a stylesheet and the program's own code; and says plainly when its
port is taken. Run against a copy of the program, so its files can be edited."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from tornado.websocket import websocket_connect

from plansite.build import build_site
from plansite.output import STAGE_MARKER

from .conftest import CONTENT, ROOT, fetch, serving, snapshot, wait_for

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


def first_message_on_connecting(base: str, page_url: str) -> dict[str, object]:
    """Connect to the preview's reload socket as livereload.js does for the page at `page_url`
    (hello, then info), then say hello again: the first message after info is what the page is
    told on connecting: a reload, or the answer to the second hello."""

    async def connect() -> dict[str, object]:
        socket = await websocket_connect(base.replace("http://", "ws://") + "/livereload")
        try:
            hello = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
            await socket.write_message(json.dumps(hello))
            assert "hello" in str(await socket.read_message())
            await socket.write_message(json.dumps({"command": "info", "url": page_url, "plugins": {}}))
            await socket.write_message(json.dumps(hello))
            return dict(json.loads(str(await asyncio.wait_for(socket.read_message(), 30))))
        finally:
            socket.close()

    # In a thread of its own: the browser tests' Playwright leaves an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, connect()).result()


def test_a_page_served_before_a_save_and_connected_after_it_reloads(tmp_path: Path, content_copy: Path) -> None:
    """A page connects to the reload socket a moment after it is served; a save in between
    would be missed (it was, under load, in CI). It is told to reload on connecting, and a
    page served after the save is not (it would reload for ever)."""
    with serving(content_copy, tmp_path / "site") as base:
        url, text_url = f"{base}/{PAGE}", f"{base}/text/{PAGE}"
        assert "编制背景（已保存）" not in (fetch(url) or "")
        edit(content_copy / "jiangbei-disability-plan-2021-2025.yaml", "title: 编制背景", "title: 编制背景（已保存）")
        # Another page shows when the save is in the preview; the page itself is not asked for again.
        assert wait_for(lambda: "编制背景（已保存）" in (fetch(text_url) or "")), "the save reached the preview"
        assert first_message_on_connecting(base, url)["command"] == "reload"
        assert "编制背景（已保存）" in (fetch(url) or "")  # as the reloaded page asks for it
        assert first_message_on_connecting(base, url)["command"] == "hello"


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


def test_the_site_on_disk_and_its_search_index_follow_the_preview(tmp_path: Path) -> None:
    """The preview is up before the site on disk is built; a build in the background makes it
    (with the search index) and makes it again after a save, which the preview shows at
    once; the site it leaves is a clean build's. A stopped preview kills the build it runs,
    which leaves no staging folder behind."""
    entry = "pagefind/0/pagefind-entry.json"  # five documents: one shard
    log = tmp_path / "serve.log"
    built = lambda: log.read_text(encoding="utf-8").count("搜索索引已更新")  # noqa: E731
    with serving_copy(tmp_path) as (program, base, server):
        assert wait_for(lambda: built() == 1, 60), log.read_text(encoding="utf-8")
        before = fetch(f"{base}/{entry}")
        assert before
        plan = program / "content" / "jiangbei-disability-plan-2021-2025.yaml"
        edit(plan, "title: 编制背景", "title: 编制背景新")
        assert wait_for(lambda: "编制背景新" in (fetch(f"{base}/{PAGE}") or ""), 10), "the page, at once"
        assert wait_for(lambda: built() == 2, 60), log.read_text(encoding="utf-8")
        assert fetch(f"{base}/{entry}") not in (None, before), "the index of the new text"
        assert snapshot(program / "site") == snapshot(build_site(program / "content", tmp_path / "clean").out)
        # Saved again, and stopped while its build runs: the build must not outlive the preview.
        edit(plan, "title: 编制背景新", "title: 编制背景")
        assert wait_for(lambda: bool(_builds_of(program / "site")), 30), "a build in the background"
        server.terminate()
        server.wait(timeout=30)
    assert wait_for(lambda: not _builds_of(program / "site"), 10), "the build was killed with the preview"
    # What a killed build leaves (its staging folder, the standby) is marked as ours: the next build
    # writes into it, and leaves the site before as the standby, nothing else.
    build_site(program / "content", program / "site")
    leftovers = [p.name for p in program.iterdir() if p.name.startswith(".site.")]
    assert leftovers == [".site.next"], leftovers
    assert not (program / ".site.next" / STAGE_MARKER).exists()


def _builds_of(out: Path) -> list[int]:
    """The processes building into `out` (their command line names it)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            words = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"build" in words and str(out.resolve()).encode() in words:
            found.append(int(proc.name))
    return found


def test_a_watcher_that_fails_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The watcher runs in a thread of its own: if it cannot watch (here, the content folder is
    gone), the editor is told, instead of a preview that silently stops updating."""
    import threading

    from plansite.serve import Preview, _Reloader, _watch

    preview = Preview(tmp_path / "gone", tmp_path / "site")
    try:
        _watch(preview, _Reloader(), threading.Event())
    finally:
        preview.builds.stop()  # its thread goes with it
    error = capsys.readouterr().err
    assert "无法继续监视文件改动" in error and "serve" in error, error


def test_builds_in_the_background_follow_the_saves_and_die_with_the_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One build at a time, started after the saves; saves while one runs are built after it;
    a build that finishes makes the preview follow the new site; stopping the preview kills
    the build and what it started (as Pagefind)."""
    from plansite import serve

    pids, script = tmp_path / "pids", tmp_path / "build.sh"
    # A build that starts a helper of its own, then takes its time.
    script.write_text(f"sleep 60 &\necho $$ $! >> {pids}\nsleep 1\n", encoding="utf-8")
    monkeypatch.setattr(serve, "_build_command", lambda content, out: ["sh", str(script)])

    site = _FollowingSite()
    builds = serve.DiskBuilds(site, tmp_path / "content", tmp_path / "site")  # type: ignore[arg-type]
    started = lambda: len(pids.read_text().split()) // 2 if pids.exists() else 0  # noqa: E731
    try:
        builds.wanted()
        assert wait_for(lambda: started() == 1, 10), "a build started"
        builds.wanted()
        builds.wanted()
        assert wait_for(lambda: site.followed == 1, 10), "the build ran to its end and the preview followed it"
        assert wait_for(lambda: started() == 2, 10), "the saves meanwhile: one build after it"
        script.write_text(f"sleep 60 &\necho $$ $! >> {pids}\nwait\n", encoding="utf-8")
        assert wait_for(lambda: site.followed == 2, 10)
        builds.wanted()
        assert wait_for(lambda: started() == 3, 10)
    finally:
        builds.stop()
    last = [int(pid) for pid in pids.read_text().split()[-2:]]
    assert wait_for(lambda: not any(_running(pid) for pid in last), 10), "stopped: the build and its helper killed"
    assert site.followed == 2, "a killed build is not followed"


class _FollowingSite:
    """In place of the live site: counts the builds it was told to follow."""

    followed = 0

    def built(self) -> None:
        self.followed += 1


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:  # gone, or going while read
        return False


def test_a_background_build_that_cannot_start_is_said_and_the_next_save_tries_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from plansite import serve

    command = [str(tmp_path / "no-such-program")]
    monkeypatch.setattr(serve, "_build_command", lambda content, out: command)

    site = _FollowingSite()
    builds = serve.DiskBuilds(site, tmp_path / "content", tmp_path / "site")  # type: ignore[arg-type]
    try:
        builds.wanted()
        assert wait_for(lambda: "无法在后台生成网站文件夹" in capsys.readouterr().err, 10)
        command[:] = ["true"]
        builds.wanted()
        assert wait_for(lambda: site.followed == 1, 10), "the thread goes on"
    finally:
        builds.stop()
