"""`build.py serve`: build, serve on 127.0.0.1, rebuild and reload on change."""

from __future__ import annotations

import sys
from pathlib import Path

from livereload import Server

from .build import STATIC, TEMPLATES, build_site
from .output import OutputError
from .problems import ContentError


def _rebuild(content: Path, out: Path) -> None:
    try:
        result = build_site(content, out)
        print(f"已重新生成 {result.files} 个页面。", flush=True)
    except ContentError as error:
        # Keep serving the last good site; the editor fixes the file and saves again.
        print(error.report(), file=sys.stderr, flush=True)
    except OutputError as error:
        print(f"错误：{error}", file=sys.stderr, flush=True)


def serve(content: Path, out: Path, port: int) -> None:
    _rebuild(content, out)
    server = Server()
    for folder in (content, TEMPLATES, STATIC):
        server.watch(str(folder), lambda: _rebuild(content, out), delay=0.3)
    print(f"预览地址：http://127.0.0.1:{port}/  （按 Ctrl+C 停止）", flush=True)
    server.serve(root=str(out), host="127.0.0.1", port=port, open_url_delay=None)
