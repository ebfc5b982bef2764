"""DAISY Ace, the EPUB accessibility checker, on every EPUB the sites publish: 0
violations (its own checks of the package and axe-core in Chromium on every
part). Ace is run as published on npm, its Puppeteer pointed at Debian's Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from plansite.content import load_content
from plansite.pages import epub_file

from ..conftest import CONTENT, FEATURES
from ..test_epub import rewritten
from . import gate
from .conftest import SERVE_ROOT, SITES, _require, built_pages

ACE = gate.ROOT / "node_modules" / ".bin" / "ace-cli"


def ace(book: Path, report: Path) -> list[str]:
    """Every violation Ace finds in `book`, as "rule (impact) in file: description"."""
    _require(ACE, "make test runs npm ci (package.json: @daisy/ace-cli)")
    _require(gate.CHROMIUM, "make test installs Debian's chromium")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(gate.CHROMIUM)}
    run = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(report), str(book)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    found = report / "report.json"
    assert found.exists(), f"Ace wrote no report for {book.name} (exit {run.returncode}):\n{run.stderr[-2000:]}"
    data = json.loads(found.read_text(encoding="utf-8"))
    violations = []
    for part in data.get("assertions", []):
        where = part.get("earl:testSubject", {}).get("url", "")
        for check in part.get("assertions", []):
            if check.get("earl:result", {}).get("earl:outcome") == "fail":
                test = check.get("earl:test", {})
                violations.append(
                    f"{test.get('dct:title')} ({test.get('earl:impact')}) in {where}: "
                    f"{check.get('earl:result', {}).get('dct:description', '')[:200]}"
                )
    return violations


def books() -> list[Path]:
    built_pages()  # the sites of the browser gate, built once
    found = [
        SERVE_ROOT / name / epub_file(doc.id)
        for name, content in SITES.items()
        for doc in load_content(content).documents
    ]
    assert {CONTENT, FEATURES} <= set(SITES.values()) and len(found) >= 6
    return found


@pytest.mark.parametrize("index", range(len(load_content(CONTENT).documents) + len(load_content(FEATURES).documents)))
def test_ace_finds_no_violation(index: int, tmp_path: Path) -> None:
    book = books()[index]
    assert ace(book, tmp_path / "report") == [], book.name


def test_ace_finds_the_faults_we_put_in(tmp_path: Path) -> None:
    """The check can fail: a link with no name in a chapter, and no accessibility summary."""
    book = books()[0]
    with zipfile.ZipFile(book) as source:
        chapter, opf = source.read("EPUB/chapter-1.xhtml"), source.read("EPUB/package.opf")
    broken = tmp_path / "broken.epub"
    faults = {
        "EPUB/chapter-1.xhtml": chapter.replace(b"</main>", b'<p><a href="front.xhtml"></a></p></main>'),
        "EPUB/package.opf": re.sub(rb'<meta property="schema:accessibilitySummary">.*?</meta>\n', b"", opf),
    }
    broken.write_bytes(rewritten(book, faults))
    violations = ace(broken, tmp_path / "report")
    assert any(v.startswith("link-name") and "chapter-1.xhtml" in v for v in violations), violations
    assert any("accessibilitysummary" in v.lower() for v in violations), violations
