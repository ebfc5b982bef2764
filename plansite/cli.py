"""The command line: `python build.py build | serve | check`.

Exit codes: 0 success, 2 invalid content (every problem is listed on stderr),
1 any other failure that stops the build. A failed build never touches the
existing site.
"""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import NoReturn

from .braille import BrailleUnavailable
from .build import VerifyError
from .content import load_content, unread_files
from .files import ReadError, describe_os_error
from .output import OutputError
from .problems import ContentError
from .schema import MAX_SLUG, valid_id
from .search import SearchIndexError

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("已中止，原有的网站保持不变。", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:
        code, message = explain(error)
        print(message, file=sys.stderr)
        if code == EXIT_BUG:
            traceback.print_exc(file=sys.stderr)
        return EXIT_FAILED if code == EXIT_BUG else code


EXIT_BUG = -1  # explain()'s code for a failure that is ours, not the content's or the machine's


def explain(error: Exception) -> tuple[int, str]:
    """(exit code, Chinese message) for anything that stopped a build; `serve` reports with it too."""
    kept = "网站没有生成，原有的网站保持不变。"
    if isinstance(error, ContentError):
        return EXIT_INVALID, error.report()
    if isinstance(error, (OutputError, ReadError)):
        return EXIT_FAILED, f"错误：{error}"
    if isinstance(error, (SearchIndexError, BrailleUnavailable)):
        return EXIT_FAILED, f"错误：{error}\n{kept}"
    if isinstance(error, VerifyError):
        failures = "\n".join(f"  {f}" for f in error.failures)
        return EXIT_FAILED, f"生成的页面没有通过无障碍结构检查，原有的网站保持不变：\n{failures}"
    if isinstance(error, BrokenProcessPool):  # a worker was killed: by the kernel when memory ran out, most often
        return (
            EXIT_FAILED,
            f"错误：一个工作进程意外退出（多半是内存不足，被系统结束）。{kept}用 build 命令生成时，可以加 --jobs 1 减少同时运行的进程。",
        )
    if isinstance(error, OSError):  # the machine, not the program: disk full, read-only, no permission…
        return EXIT_FAILED, f"错误：{describe_os_error(error)}。{kept}"
    # A bug, not a mistake in the content: say so plainly, keep the details for maintainers.
    return EXIT_BUG, (
        f"程序内部出错（这不是您的文件的问题），{kept}请把下面的技术信息发给网站维护人员。\n--- 技术信息 ---"
    )


# argparse's own messages, in the words the rest of the program uses.
_ARGPARSE_WORDS = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("invalid choice: ", "没有这个命令或选项："),
    ("expected one argument", "后面要写一个值"),
    ("argument ", "参数 "),
    ("choose from ", "可选："),
)


class _ChineseParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for english, chinese in _ARGPARSE_WORDS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"错误：{message}。请运行 python build.py --help 查看用法。\n")


def _parser() -> argparse.ArgumentParser:
    parser = _ChineseParser(
        description="plansite：把 content/ 中的 YAML 规划文件生成为无障碍静态网站。",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_ChineseParser)

    build = commands.add_parser("build", help="生成网站（先在旁边的新文件夹里生成，成功后再替换）")
    _content_arg(build)
    build.add_argument("--out", type=Path, default=Path("site"), help="输出文件夹（默认 site/）")
    build.add_argument(
        "--verify", action="store_true", help="替换前用 html5lib 检查每个页面的无障碍结构，有问题则不替换"
    )
    build.add_argument(
        "--jobs", type=_jobs, default=0, help=f"并行生成页面的进程数，1—{MAX_JOBS}（默认每个处理器核心一个）"
    )
    build.add_argument("--clean", action="store_true", help="全部重新生成，不沿用上次生成的任何页面")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="生成网站并在 127.0.0.1 上预览，文件改动后自动重新生成并刷新浏览器")
    _content_arg(serve)
    serve.add_argument("--out", type=Path, default=Path("site"), help="输出文件夹（默认 site/）")
    serve.add_argument("--port", type=_port, default=8000, help="端口，1—65535（默认 8000）")
    serve.set_defaults(run=_serve)

    check = commands.add_parser("check", help="只检查内容，不生成任何文件")
    _content_arg(check)
    check.set_defaults(run=_check)

    importer = commands.add_parser(
        "import", help="把 Word（.docx、.doc）、WPS、PDF、OFD、网页、Markdown 或纯文本文件转成 YAML 草稿"
    )
    importer.add_argument(
        "file",
        type=Path,
        nargs="+",
        help="要导入的文件，可以是几个文件或一个文件夹（按内容判断格式；文字文件可以是 UTF-8、UTF-16 或 GB18030）",
    )
    importer.add_argument("--out", type=Path, help="写入的 YAML 文件（默认 content/<id>.yaml）")
    importer.add_argument("--id", help="文件的 id（网址的一部分，小写字母、数字、短横线）")
    importer.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    importer.set_defaults(run=_import)
    return parser


MAX_JOBS = 256


def _whole_number(text: str, low: int, high: int, what: str) -> int:
    if not text.strip().isascii() or not text.strip().isdigit() or not low <= int(text) <= high:
        raise argparse.ArgumentTypeError(f"“{text[:40]}”不是有效的{what}：请写 {low} 到 {high} 之间的整数")
    return int(text)


def _port(text: str) -> int:
    return _whole_number(text, 1, 65535, "端口号")


def _jobs(text: str) -> int:
    return _whole_number(text, 1, MAX_JOBS, "进程数")


def _content_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), help="内容文件夹（默认 content/）")


def _say_unread(content: Path) -> None:
    """Files in the content folder that look like documents but are not read (to stderr: they stop nothing)."""
    if unread := unread_files(content):
        print("注意：以下 YAML 文件没有读取，不会发布：\n" + "\n".join(f"  {line}" for line in unread), file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from .build import build_site

    _say_unread(args.content)
    result = build_site(args.content, args.out, verify=args.verify, jobs=args.jobs, clean=args.clean)
    reused = result.documents - result.rendered
    print(
        f"已生成 {result.documents} 份文件的网站（标准版、大字版、纯文本通道、.txt、电子书和盲文版），共 {result.files} 个文件：{result.out}"
        + (f"（其中 {reused} 份没有改动，沿用了上次生成的页面）" if reused else "")
    )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    _say_unread(args.content)
    content = load_content(args.content)
    print(f"检查通过：{len(content.documents)} 份文件，没有发现问题。")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    """Each file given (every file of a folder given) drafted into content/; one that cannot be
    read is said and the others go on."""
    if len(args.file) > 1 or args.file[0].is_dir():
        if args.out is not None or args.id is not None:
            print(
                "错误：--out 和 --id 只能用于导入一个文件；导入多个文件时，每个文件的 id 自动取定，写入 content/。",
                file=sys.stderr,
            )
            return EXIT_INVALID
    elif args.id is not None and not valid_id(args.id):
        print(
            f"错误：--id “{args.id}” 不能用作 id：只能用小写英文字母、数字和短横线（-），以字母或数字开头，"
            f"不超过 {MAX_SLUG} 个字符，例如 --id jiangbei-plan-2021。",
            file=sys.stderr,
        )
        return EXIT_INVALID
    files = [found for given in args.file for found in (_documents_in(given) if given.is_dir() else [given])]
    if not files:
        print(f"错误：{args.file[0]} 是一个空文件夹：没有要导入的文件。", file=sys.stderr)
        return EXIT_FAILED
    failed = [
        path
        for n, path in enumerate(files, 1)
        if not _import_one(path, args, f"【{n}/{len(files)}】" if len(files) > 1 else "")
    ]
    if len(files) > 1:
        print(
            f"导入了 {len(files) - len(failed)} 个文件"
            + (f"，{len(failed)} 个没有导入（原因见上面）：{'、'.join(p.name for p in failed)}" if failed else "")
            + "。请逐份对照原文核对，然后运行 python build.py check。"
        )
    return EXIT_FAILED if failed else EXIT_OK


# What a folder holds beside its documents: Word's lock files (~$规划.docx, while it is open),
# Windows' thumbnails and folder settings.
_NOT_DOCUMENTS = re.compile(r"^(~\$.*|thumbs\.db|desktop\.ini|\..*)$", re.IGNORECASE)


def _documents_in(folder: Path) -> list[Path]:
    """The files of a folder given to import, but those its system keeps there."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not _NOT_DOCUMENTS.match(p.name))


def _import_one(path: Path, args: argparse.Namespace, counter: str) -> bool:
    """Draft one file; False (the reason said) where it cannot be."""
    from .importer import SourceError, import_file

    if str(path).startswith(("http:/", "https:/")):  # the path has lost one slash of the address's two
        print(
            f"错误：不能直接导入网址 {str(path).replace(':/', '://', 1)}：导入程序不连接网络。请在浏览器里打开"
            "这个网页，另存为“网页，仅 HTML”（.html）文件，再导入保存的文件。",
            file=sys.stderr,
        )
        return False
    if not path.exists():
        print(f"错误：{counter}找不到文件 {path}。", file=sys.stderr)
        return False
    folder = args.out.parent if args.out else Path("content")
    try:
        result = import_file(path, args.id, taken=lambda i: (folder / f"{i}.yaml").exists())
    except SourceError as error:
        print(f"错误：{counter}{error}", file=sys.stderr)
        return False
    out = args.out or Path("content") / f"{result.doc_id}.yaml"
    if out.exists() and not args.force:
        print(f"错误：{counter}{out} 已存在；要覆盖请加 --force，或用 --out 指定别的文件。", file=sys.stderr)
        return False
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(result.yaml, encoding="utf-8")
    if result.dropped:
        print(
            f"{counter}{path.name}：以下内容没有作为正文导入（网页或公报的版面内容、图片、链接的地址，或已读作文件信息），请核对：",
            file=sys.stderr,
        )
        for line in result.dropped:
            print(f"  {line}", file=sys.stderr)
    print(f"{counter}已写入 {out}：请对照原文核对，尤其是标有“请核对”的地方，然后运行 python build.py check。")
    return True


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.content, args.out, args.port)
