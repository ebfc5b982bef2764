"""The command line: `python build.py build | serve | check`.

Exit codes: 0 success, 2 invalid content (every problem is listed on stderr),
1 any other failure that stops the build. A failed build never touches the
existing site.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content import load_content
from .output import OutputError
from .problems import ContentError

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_INVALID
    except OutputError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="plansite：把 content/ 中的 YAML 规划文件生成为无障碍静态网站。",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="生成网站（先在旁边的新文件夹里生成，成功后再替换）")
    _content_arg(build)
    build.add_argument("--out", type=Path, default=Path("site"), help="输出文件夹（默认 site/）")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="生成网站并在 127.0.0.1 上预览，文件改动后自动重新生成并刷新浏览器")
    _content_arg(serve)
    serve.add_argument("--out", type=Path, default=Path("site"), help="输出文件夹（默认 site/）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve.set_defaults(run=_serve)

    check = commands.add_parser("check", help="只检查内容，不生成任何文件")
    _content_arg(check)
    check.set_defaults(run=_check)
    return parser


def _content_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="内容文件夹（默认 content/）")


def _build(args: argparse.Namespace) -> int:
    from .build import build_site

    result = build_site(args.content, args.out)
    print(f"已生成 {result.documents} 份文件、{result.files} 个页面：{result.out}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    content = load_content(args.content)
    print(f"检查通过：{len(content.documents)} 份文件，没有发现问题。")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.content, args.out, args.port)
    return EXIT_OK
