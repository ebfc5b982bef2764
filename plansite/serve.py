"""`build.py serve`: build, serve on 127.0.0.1, rebuild and reload on change.

Only documents whose content changed are rendered again (see cache.py), so a
save shows in the browser in seconds even for a large site. Templates and
styles are watched too (every build fingerprints them afresh); a change to the
program's own Python code restarts the preview, since a running process
cannot unload the old code.

Changes are found by watchfiles (the kernel's file events, in a thread of its
own), not by livereload's watcher, which walks every watched file each 0.8 s,
builds on the server's own thread (nothing is served meanwhile) and drops a
reload that comes within 3 s of the last. livereload still serves the site and
tells the open pages to reload.

The search index takes Pagefind longest (seconds for a thousand documents), so
a save is shown first, with the last build's index, and indexed after, in the
background; a newer save stops that and is shown in its turn. `build` always
waits for the index: what it publishes is complete.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import watchfiles
from livereload import Server
from livereload import server as livereload_server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

from .build import BuildResult, build_site
from .paths import PACKAGE
from .search import Stopped

EXIT_OK, EXIT_FAILED = 0, 1


class Preview:
    """The builds of one `serve`: one at a time, the search index in the background."""

    def __init__(self, content: Path, out: Path) -> None:
        self.content, self.out = content, out
        self._stop = threading.Event()
        self._indexer: threading.Thread | None = None
        self._building = threading.Lock()  # the first build and the watcher's take turns

    def rebuild(self, *, search_now: bool = False) -> None:
        """Build what changed and return once the pages are in place; if the search index is
        behind, index in the background."""
        with self._building:
            self.stop_indexing()
            result = _build(self.content, self.out, search_now=search_now)
            if result is not None:
                print(f"已重新生成：{result.rendered} 份文件有改动。", flush=True)
                if result.search_behind:
                    self._indexer = threading.Thread(target=self._index, name="search-index", daemon=True)
                    self._indexer.start()

    def stop_indexing(self) -> None:
        """Stop the background indexing, if any (its staging folder goes, the site stays)."""
        if self._indexer is not None:
            self._stop.set()
            self._indexer.join()
            self._indexer = None
            self._stop.clear()

    def _index(self) -> None:
        if _build(self.content, self.out, index_only=True, stop=self._stop) is not None:
            print("搜索索引已更新。", flush=True)


def _build(
    content: Path,
    out: Path,
    *,
    search_now: bool = True,
    index_only: bool = False,
    stop: threading.Event | None = None,
) -> BuildResult | None:
    """The result of a build, or None if it failed (said on stderr) or was stopped."""
    from .cli import EXIT_BUG, explain

    try:
        return build_site(
            content, out, search_now=search_now, index_only=index_only, stop=stop, remove_old=_remove_later
        )
    except Stopped:
        return None
    except Exception as error:
        # Keep serving the last good site; the editor fixes the file and saves again.
        code, message = explain(error)
        print(message, file=sys.stderr, flush=True)
        if code == EXIT_BUG:
            import traceback

            traceback.print_exc(file=sys.stderr)
        return None


def _remove_later(old: Path) -> None:
    """The previous site, swapped out, is removed while the new one is served (a second for a
    thousand documents); if the preview stops first, the next build removes what is left."""
    threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True).start()


class _Reloader(Watcher):
    """In place of livereload's watcher, which would poll: it only learns, when the server
    starts, the server's loop, on which `reload` then tells the open pages to reload."""

    def __init__(self) -> None:
        super().__init__()
        self._loop: IOLoop | None = None

    def start(self, callback: Callable[[], None]) -> bool:
        self._loop = IOLoop.current()
        return True  # changes are found elsewhere: livereload starts no polling of its own

    def examine(self) -> tuple[None, None]:
        return None, None

    def reload(self) -> None:
        if self._loop is not None:  # thread-safe, unlike everything else in tornado
            self._loop.add_callback(LiveReloadHandler.reload_waiters)


def _watch(preview: Preview, reloader: _Reloader, stop: threading.Event) -> None:
    """Rebuild on each change of the content or the program and reload the open pages; a
    change to Python code restarts the preview. Runs until `stop` is set."""
    try:
        for changes in watchfiles.watch(
            preview.content, PACKAGE, debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop, raise_interrupt=False
        ):
            if any(path.endswith(".py") and Path(path).is_relative_to(PACKAGE) for _change, path in changes):
                _restart(preview)
            preview.rebuild()
            reloader.reload()
    except Exception as error:  # a thread boundary: the content folder gone, the limit of watched files reached
        # Said, not swallowed with the thread: the preview would go on showing old pages.
        print(
            f"错误：无法继续监视文件改动（{error}），预览不再自动更新：请处理后按 Ctrl+C 停止并重新运行 serve。",
            file=sys.stderr,
            flush=True,
        )


# Files changed together (an editor writing a temporary file and renaming it, a folder
# copied in) are one rebuild: it starts STEP_MS after the last change, or DEBOUNCE_MS after the first.
STEP_MS, DEBOUNCE_MS = 30, 500


def _restart(preview: Preview) -> None:
    print("程序代码有改动，正在重新启动预览……", flush=True)
    preview.stop_indexing()  # Pagefind would outlive the old program
    # orig_argv keeps "-m plansite" or "build.py" as the command was typed.
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


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
    if taken:  # said before building, so it is never mistaken for a failed build
        print(f"错误：{taken}", file=sys.stderr)
        return EXIT_FAILED
    preview = Preview(content, out)
    reloader, stop = _Reloader(), threading.Event()
    # Watching from before the first build: a save made while it runs is built next.
    watcher = threading.Thread(target=_watch, args=(preview, reloader, stop), name="watch", daemon=True)
    watcher.start()
    preview.rebuild(search_now=True)
    _inject_external_script(port)
    server = Server(watcher=reloader)
    print(f"预览地址：http://127.0.0.1:{port}/  （按 Ctrl+C 停止）", flush=True)
    # Stopped by a signal, as by Ctrl+C: livereload then returns, and the indexer is stopped
    # (Pagefind would otherwise go on writing into a staging folder the next build removes).
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve(root=str(out), host="127.0.0.1", port=port, open_url_delay=None)
    except OSError as error:  # taken in the moment since the check above
        print(f"错误：{_port_taken(port) or error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        stop.set()
        preview.stop_indexing()
    return EXIT_OK


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
