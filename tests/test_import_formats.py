"""Documents as they arrive in other formats: every published document, the
feature plan (merged cells, group rows, seven levels) and every document of
../shared/corpus/import/ written as a saved gov.cn page, a Word file with
heading styles and automatic numbering, a Word file typed with bold headings
and run-in titles, the PDFs LibreOffice prints from both, and a gazette's
text as a reader copies it (tests/formats.py), imported back and measured.

A published document is measured against its own model. A corpus document is
first imported from its text (test_import_corpus.py checks that draft against
the corpus), written out from that draft, and measured against the corpus's own
.headings and .tables, so nothing of the importer's is its own yardstick.

Per file and format: the draft passes `check` and builds; heading recall ≥ 95%
and invented headings ≤ 5%; every table with its rows; title and 发文字号; text
kept ≥ 99.5% (every paragraph and table cell of the source is in the built
.txt). The figures are printed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plansite import model as m
from plansite import pages
from plansite.build import build_site
from plansite.content import load_content

from . import formats
from .search_quality import comparable
from .test_import_corpus import MAX_INVENTED, SQUEEZE, TARGET_KEPT, TARGET_RECALL, sections_of, tables_of
from .test_import_markdown import CORPUS
from .test_importer import draft_of_file

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = {
    d.id: d
    for d in (
        *load_content(ROOT / "content").documents,
        *load_content(ROOT / "tests" / "fixtures" / "features").documents,
    )
}
CORPUS_FILES = (
    {p.stem.removesuffix("_md").removesuffix("_web"): p for p in sorted(CORPUS.glob("*.txt"))}
    if CORPUS.is_dir()
    else {}
)
CASES = [*PUBLISHED, *CORPUS_FILES]
# Word with styles and automatic numbering, and Word typed with bold (typed.docx), each also as a
# PDF; a gazette's text as a reader copies it (hard-wrapped, running head, page numbers).
FORMATS = ("html", "docx", "pdf", "typed.docx", "typed.pdf", "gazette.txt")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, m.Document]:
    """The published documents, and each corpus document as imported from its text."""
    out = dict(PUBLISHED)
    for name, path in CORPUS_FILES.items():
        out[name] = draft_of_file(path, tmp_path_factory.mktemp(name))[0]
    return out


@pytest.fixture(scope="module")
def sources(documents: dict[str, m.Document], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every document in every format, the PDFs printed by one LibreOffice run."""
    folder = tmp_path_factory.mktemp("formats")
    out: dict[tuple[str, str], Path] = {}
    for name, doc in documents.items():
        (folder / f"{name}.html").write_text(formats.to_html(doc), encoding="utf-8")
        formats.to_docx(doc, folder / f"{name}.docx")
        formats.to_typed_docx(doc, folder / f"{name}.typed.docx")
        (folder / f"{name}.gazette.txt").write_text(formats.to_gazette_text(doc), encoding="utf-8")
        for fmt in ("html", "docx", "typed.docx", "gazette.txt"):
            out[(name, fmt)] = folder / f"{name}.{fmt}"
    if formats.soffice():
        pdfs = folder / "pdf"
        pdfs.mkdir()
        words = [folder / f"{name}.{fmt}" for name in documents for fmt in ("docx", "typed.docx")]
        subprocess.run(
            [formats.soffice() or "soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
             "--convert-to", "pdf", "--outdir", str(pdfs), *map(str, words)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        for name in documents:
            out[(name, "pdf")] = pdfs / f"{name}.pdf"
            out[(name, "typed.pdf")] = pdfs / f"{name}.typed.pdf"
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", CASES)
def test_a_document_comes_back_from_its_format(
    name: str, fmt: str, documents: dict[str, m.Document], sources: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    if (name, fmt) not in sources:
        pytest.fail("LibreOffice (soffice) is missing: scripts/install-test-tools.sh installs it")
    doc = documents[name]
    source = tmp_path / "in" / sources[(name, fmt)].name
    source.parent.mkdir()
    shutil.copy(sources[(name, fmt)], source)
    draft, result = draft_of_file(source, tmp_path)
    build_site(tmp_path / "content", tmp_path / "site")
    want = formats.expected(doc)
    allowed = [[n] for n in want.tables]
    if name in CORPUS_FILES:  # the corpus's own record of its headings and tables
        corpus = CORPUS_FILES[name]
        want.headings[:] = [
            h.strip() for h in Path(f"{corpus}.headings").read_text(encoding="utf-8").splitlines() if h.strip()
        ]
        allowed = [
            [int(n) for n in c.split("|")]
            for c in Path(f"{corpus}.tables").read_text(encoding="utf-8").split()
            if c != "0"
        ]

    wanted = {SQUEEZE.sub("", h) for h in want.headings}
    sections = [s for s in sections_of((*draft.body, *draft.annexes)) if s.title]
    names = {SQUEEZE.sub("", f"{s.label}{s.title}") for s in sections} | {SQUEEZE.sub("", s.title) for s in sections}
    recall = sum(SQUEEZE.sub("", h) in names for h in want.headings) / max(len(want.headings), 1)
    invented = [s for s in sections if not {SQUEEZE.sub("", f"{s.label}{s.title}"), SQUEEZE.sub("", s.title)} & wanted]
    built = comparable((tmp_path / "site" / pages.text_file(draft.id)).read_text(encoding="utf-8-sig"))
    pieces = [comparable(p) for p in want.pieces if comparable(p)]
    missing = [p for p in pieces if p not in built]
    kept = 1 - len(missing) / max(len(pieces), 1)
    tables = [len(t.rows) for t in tables_of((*draft.body, *draft.annexes))]
    print(
        f"\n{name}.{fmt}: headings {recall:.0%} of {len(want.headings)}, invented {len(invented)} of {len(sections)}, "
        f"tables {tables} (source {want.tables}), text kept {kept:.2%}, dropped {len(result.dropped)}"
    )
    assert recall >= TARGET_RECALL, sorted(wanted - names)[:10]
    assert len(invented) <= MAX_INVENTED * max(len(sections), 1), [f"{s.label}{s.title}" for s in invented][:10]
    assert len(tables) == len(allowed) and all(n in ok for n, ok in zip(tables, allowed, strict=True)), tables
    assert draft.title == doc.title
    assert draft.doc_number == doc.doc_number
    assert kept >= TARGET_KEPT, missing[:5]
    if fmt.endswith("pdf"):  # running headers and page numbers (— 2 —) are listed as dropped, never published
        assert any("页码" in d for d in result.dropped)
    if fmt.endswith("pdf") or fmt == "gazette.txt":
        assert not re.search(r"—\s*\d+\s*—", built) and "2026年第5期" not in built
