"""`build.py serve`: build, serve on 127.0.0.1, rebuild and reload on change.

Only documents whose content changed are rendered again (see cache.py), so a
save shows in the browser in seconds even for a large site.
"""

from __future__ import annotations

import sys
from pathlib import Path

from livereload import Server
from livereload import server as livereload_server

from .build import build_site
from .output import OutputError
from .paths import STATIC, TEMPLATES
from .problems import ContentError


def _rebuild(content: Path, out: Path) -> None:
    try:
        result = build_site(content, out)
        print(f"已重新生成：{result.rendered} 份文件有改动。", flush=True)
    except ContentError as error:
        # Keep serving the last good site; the editor fixes the file and saves again.
        print(error.report(), file=sys.stderr, flush=True)
    except OutputError as error:
        print(f"错误：{error}", file=sys.stderr, flush=True)


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


def serve(content: Path, out: Path, port: int) -> None:
    _rebuild(content, out)
    _inject_external_script(port)
    server = Server()
    for folder in (content, TEMPLATES, STATIC):
        server.watch(str(folder), lambda: _rebuild(content, out), delay=0.3)
    print(f"预览地址：http://127.0.0.1:{port}/  （按 Ctrl+C 停止）", flush=True)
    server.serve(root=str(out), host="127.0.0.1", port=port, open_url_delay=None)
