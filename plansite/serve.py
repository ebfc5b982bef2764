"""`build.py serve`: serve the site on 127.0.0.1 from memory, follow every save at once,
and keep the site on disk up to date in the background.

What a save changes is rendered when the browser asks for it (`live.LiveSite`, as
`hugo server` does): a saved document, template or stylesheet is on the reloaded page in
about a tenth of a second, whatever the size of the site. The site on disk (and in it
the search index, which takes Pagefind seconds) is made by an ordinary `build`, run in
a process of its own a moment after the last save (saves made while it runs are built
after it); stopping the preview kills it, which is safe because a killed build leaves
the site as it was. So the preview is up at once, even before the first build is done,
and `site/` is always a complete site.

Changes are found by watchfiles (the kernel's file events, in a thread of its own), not
by livereload's watcher, which walks every watched file each 0.8 s and drops a reload
that comes within 3 s of the last; livereload tells the open pages to reload. A change
to the program's own Python code restarts the preview, since a running process cannot
unload the old code.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import os
import posixpath
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from urllib.parse import quote, unquote, urlsplit

import watchfiles
from livereload import Server
from livereload import server as livereload_server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop

from .live import LiveSite
from .output import OutputError, check_target
from .paths import PACKAGE

EXIT_OK, EXIT_FAILED = 0, 1


class Preview:
    """What `serve` shows, and the builds that bring the site on disk up to date."""

    def __init__(self, content: Path, out: Path) -> None:
        self.content, self.out = content, out
        self.site = LiveSite(content, out)
        self.builds = DiskBuilds(self.site, content, out)

    def update(self, *, code: bool = True) -> None:
        """Show the files as they are now and build the site on disk after them; if the
        content has problems, say them on stderr and go on showing the last good state."""
        from .cli import EXIT_BUG, explain

        try:
            self.site.update(code=code)
        except Exception as error:
            # Keep showing the last good state; the editor fixes the file and saves again.
            exit_code, message = explain(error)
            print(message, file=sys.stderr, flush=True)
            if exit_code == EXIT_BUG:
                import traceback

                traceback.print_exc(file=sys.stderr)
        else:
            print("预览已更新。", flush=True)
            self.builds.wanted()  # with problems it would fail, saying them again


class DiskBuilds:
    """The site on disk, built again after saves by `build` in a process of its own: one at a
    time, QUIET_S after the last save (saves while one runs are built after it: killing it
    would leave a site on disk that never catches up while an editor saves often). When a
    build is done, the preview serves from the new site. Stopped, it kills the build."""

    def __init__(self, site: LiveSite, content: Path, out: Path) -> None:
        self.site, self.content, self.out = site, content, out
        self._asked = threading.Condition()
        self._last_save: float | None = None  # when a build was last asked for; None: none is
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="disk-builds", daemon=True)
        self._thread.start()

    def wanted(self) -> None:
        with self._asked:
            self._last_save = time.monotonic()
            self._asked.notify()

    def stop(self) -> None:
        with self._asked:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                # The build, its workers and Pagefind: a killed build leaves the site as it
                # was, and its staging folder (marked as ours) goes with the next build.
                if hasattr(os, "killpg"):
                    os.killpg(self._process.pid, signal.SIGKILL)
                else:  # not POSIX: no process groups, the build alone is killed
                    self._process.kill()
            self._asked.notify()
        self._thread.join(STOP_WAIT_S)  # gone with the preview: nothing of it runs on in this process

    def _run(self) -> None:
        while True:
            with self._asked:
                while not self._stopped and (self._last_save is None or time.monotonic() - self._last_save < QUIET_S):
                    wait = None if self._last_save is None else QUIET_S - (time.monotonic() - self._last_save)
                    self._asked.wait(wait)
                if self._stopped:
                    return
                self._last_save = None
                try:
                    process = self._process = subprocess.Popen(
                        _build_command(self.content, self.out),
                        cwd=PACKAGE.parent,  # this copy of the program
                        stdout=subprocess.DEVNULL,  # its errors (stderr) are the editor's to read
                        start_new_session=True,  # its own process group, killed whole
                    )
                except OSError as error:  # said, not lost with the thread; the next save tries again
                    print(f"错误：无法在后台生成网站文件夹（{error}），预览不受影响。", file=sys.stderr, flush=True)
                    continue
            if process.wait() == 0:
                self.site.built()
                print(f"网站文件夹 {self.out} 已重新生成，搜索索引已更新。", flush=True)


STOP_WAIT_S = 10  # for the killed build to be reaped and the thread to end
QUIET_S = 0.5  # a build starts when saves have stopped this long: the preview comes first


def _build_command(content: Path, out: Path) -> list[str]:
    nice = shutil.which("nice")  # the build yields the processor to the preview's rendering
    command = [
        sys.executable,
        "-m",
        "plansite",
        "build",
        "--content",
        str(content.resolve()),
        "--out",
        str(out.resolve()),
    ]
    return [nice, "-n", "10", *command] if nice else command


class _Reloader(Watcher):
    """In place of livereload's watcher, which would poll: it only learns, when the server
    starts, the server's loop, on which `reload` then tells the open pages to reload.

    A page is told only once it has connected, and it connects a moment after it was
    served: a save in that moment would leave it showing what it was served with. So
    each update counts a version, each page served notes the version it was served at,
    and a page that connects after a newer version is told to reload at once. Both are
    read and written on the server's loop only."""

    def __init__(self) -> None:
        super().__init__()
        self._loop: IOLoop | None = None
        self.version = 0
        self._served: dict[str, int] = {}  # each file served -> the version it was served at

    def start(self, callback: Callable[[], None]) -> bool:
        self._loop = IOLoop.current()
        return True  # changes are found elsewhere: livereload starts no polling of its own

    def examine(self) -> tuple[None, None]:
        return None, None

    def reload(self) -> None:
        if self._loop is not None:  # thread-safe, unlike everything else in tornado
            self._loop.add_callback(self._reload_pages)

    def _reload_pages(self) -> None:
        self.version += 1
        _PageReloadHandler.reload_waiters()  # the class livereload's server was given its settings on

    def served(self, rel: str) -> None:
        self._served[rel] = self.version

    def outdated(self, url: str) -> bool:
        """Whether the page at `url` (as the page gives it) was served before the last update."""
        rel = _site_path(unquote(urlsplit(url).path))
        return rel is not None and self._served.get(rel, self.version) < self.version


class _PageReloadHandler(LiveReloadHandler):
    """livereload's socket for the open pages; a page that connects having missed an update
    is told to reload (see `_Reloader`)."""

    reloader: _Reloader  # set before the server starts

    def on_message(self, message: str | bytes) -> None:
        super().on_message(message)
        try:
            said = json.loads(message)
        except ValueError:
            return
        url = said.get("url") if isinstance(said, dict) and said.get("command") == "info" else None
        if isinstance(url, str) and self.reloader.outdated(url):
            self.send_message({"command": "reload", "path": "*", "liveCSS": True, "liveImg": True})


def _watch(preview: Preview, reloader: _Reloader, stop: threading.Event) -> None:
    """Show each change of the content or the program and reload the open pages; a change
    to Python code restarts the preview. Runs until `stop` is set."""
    try:
        for changes in watchfiles.watch(
            preview.content, PACKAGE, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop, raise_interrupt=False
        ):
            program = [Path(path) for _change, path in changes if Path(path).is_relative_to(PACKAGE)]
            if any(path.suffix == ".py" for path in program):
                _restart(preview)
            preview.update(code=bool(program))
            reloader.reload()
    except Exception as error:  # a thread boundary: the content folder gone, the limit of watched files reached
        # Said, not swallowed with the thread: the preview would go on showing old pages.
        print(
            f"错误：无法继续监视文件改动（{error}），预览不再自动更新：请处理后按 Ctrl+C 停止并重新运行 serve。",
            file=sys.stderr,
            flush=True,
        )


# Files changed together (an editor writing a temporary file and renaming it, a folder
# copied in) are one update: it comes STEP_MS after the last change, or DEBOUNCE_MS after the first.
STEP_MS, DEBOUNCE_MS = 10, 500


def _restart(preview: Preview) -> None:
    print("程序代码有改动，正在重新启动预览……", flush=True)
    preview.builds.stop()  # a build of the old program would outlive it
    # orig_argv keeps "-m plansite" or "build.py" as the command was typed.
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


class _PreviewHandler(web.RequestHandler):
    """Serves the live site (livereload's transform adds its script to every page)."""

    site: LiveSite  # set before the server starts
    reloader: _Reloader  # likewise

    def initialize(self, path: str, default_filename: str) -> None:  # livereload's arguments, not needed
        pass

    def get(self, path: str) -> None:
        self._respond(path, body=True)

    def head(self, path: str) -> None:
        self._respond(path, body=False)

    def _respond(self, path: str, *, body: bool) -> None:
        rel = _site_path(path)  # tornado has decoded %XX
        data = None if rel is None else self.site.file(rel)
        if data is None and rel is not None and self.site.file(posixpath.join(rel, "index.html")) is not None:
            self.redirect(f"/{quote(rel)}/", permanent=False)  # a folder, as a web server answers
            return
        if data is None or rel is None:
            self.set_status(404)
            rel, data = "404.html", self.site.file("404.html") or b"404"
        media, _encoding = mimetypes.guess_type(rel)
        text = media is not None and (media.startswith("text/") or media in _TEXT_TYPES)
        self.set_header("Content-Type", f"{media}; charset=utf-8" if text else media or "application/octet-stream")
        self.set_header("Cache-Control", "no-store")  # a preview: every reload asks again
        self.reloader.served(rel)
        if body:
            self.write(data)
        else:
            self.set_header("Content-Length", str(len(data)))


_TEXT_TYPES = {"application/javascript", "application/json", "application/xml", "image/svg+xml"}


def _site_path(path: str) -> str | None:
    """The site's file a request names ("" and folders: their index.html), or None if the
    path could name nothing in the site (an empty, . or .. segment)."""
    path = path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    if any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in path.split("/")):
        return None
    return path


def _port_taken(port: int) -> str | None:
    """Why the port cannot be used, or None if it is free."""
    with socket.socket() as probe:
        # As the server binds: connections it closed a moment ago (TIME_WAIT) do not make the port busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"端口 {port} 已被占用（可能已经有一个预览在运行）：请关掉它，或用 --port 换一个端口，例如 --port {port + 1 if port < 65535 else 8000}。"
            return f"不能使用端口 {port}（{error.strerror}）：请用 --port 换一个 1024 以上的端口，例如 --port 8000。"
    return None


def _inject_external_script(port: int) -> None:
    """Make livereload add <script src=…> instead of its inline snippet.

    Our pages' Content-Security-Policy forbids inline script, so the snippet
    would be blocked and the browser would never reload. livereload.js comes
    from the same origin, which the policy allows.
    """
    tag = f'<script src="/livereload.js?port={port}"></script>'.encode()
    injector = livereload_server.LiveScriptInjector
    original = injector.transform_first_chunk

    def transform_first_chunk(self, status_code, headers, chunk, finishing):  # type: ignore[no-untyped-def]
        self.script = tag
        return original(self, status_code, headers, chunk, finishing)

    injector.transform_first_chunk = transform_first_chunk


def serve(content: Path, out: Path, port: int) -> int:
    taken = _port_taken(port)
    if taken:  # said before anything else, so it is never mistaken for a failed build
        print(f"错误：{taken}", file=sys.stderr)
        return EXIT_FAILED
    try:
        check_target(out, content)  # the site on disk is served, and built: it must be ours
    except OutputError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_FAILED
    preview = Preview(content, out)
    reloader, stop = _Reloader(), threading.Event()
    # Watching from before the content is first read: no save is missed.
    watcher = threading.Thread(target=_watch, args=(preview, reloader, stop), name="watch", daemon=True)
    watcher.start()
    preview.update()
    _inject_external_script(port)
    _PreviewHandler.site, _PreviewHandler.reloader = preview.site, reloader
    _PageReloadHandler.reloader = reloader
    livereload_server.LiveReloadHandler = _PageReloadHandler  # the name its server routes /livereload to
    server = Server(watcher=reloader)
    server.SFH = _PreviewHandler
    print(f"预览地址：http://127.0.0.1:{port}/  （按 Ctrl+C 停止）", flush=True)
    # Stopped by a signal, as by Ctrl+C: livereload then returns, and the build is killed.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve(root=str(out), host="127.0.0.1", port=port, open_url_delay=None)
    except OSError as error:  # taken in the moment since the check above
        print(f"错误：{_port_taken(port) or error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        stop.set()
        preview.builds.stop()
    return EXIT_OK


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
