"""Documents as they arrive in other formats: every published document and the
feature plan (merged cells, group rows, seven levels) written as a saved gov.cn
page, a Word file and the PDF LibreOffice prints from it (tests/formats.py),
imported back and measured against the model they came from.

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
from .test_importer import draft_of_file

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [
    *load_content(ROOT / "content").documents,
    *load_content(ROOT / "tests" / "fixtures" / "features").documents,
]
FORMATS = ("html", "docx", "pdf")
_SQUEEZE = re.compile(r"\s+|[。．.：:]$")
TARGET_RECALL = 0.95
MAX_INVENTED = 0.05
TARGET_KEPT = 0.995


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every document in every format, the PDFs printed by one LibreOffice run."""
    folder = tmp_path_factory.mktemp("formats")
    out: dict[tuple[str, str], Path] = {}
    for doc in DOCUMENTS:
        (folder / f"{doc.id}.html").write_text(formats.to_html(doc), encoding="utf-8")
        formats.to_docx(doc, folder / f"{doc.id}.docx")
        out[(doc.id, "html")] = folder / f"{doc.id}.html"
        out[(doc.id, "docx")] = folder / f"{doc.id}.docx"
    if formats.soffice():
        pdfs = folder / "pdf"
        pdfs.mkdir()
        subprocess.run(
            [formats.soffice() or "soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
             "--convert-to", "pdf", "--outdir", str(pdfs), *(str(folder / f"{d.id}.docx") for d in DOCUMENTS)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        for doc in DOCUMENTS:
            out[(doc.id, "pdf")] = pdfs / f"{doc.id}.pdf"
    return out


def _sections(sections: tuple[m.Section, ...]) -> list[m.Section]:
    found = []
    for section in sections:
        found.append(section)
        found += _sections(section.sections)
    return found


def _tables(sections: tuple[m.Section, ...], blocks: tuple[m.Block, ...] = ()) -> list[int]:
    rows = []
    for block in blocks:
        if isinstance(block, m.Table):
            rows.append(len(block.rows))
        elif isinstance(block, m.Box):
            rows += _tables((), block.blocks)
    for section in sections:
        rows += _tables(section.sections, section.blocks)
    return rows


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.id)
def test_a_document_comes_back_from_its_format(
    doc: m.Document, fmt: str, sources: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    if (doc.id, fmt) not in sources:
        pytest.fail("LibreOffice (soffice) is missing: scripts/install-test-tools.sh installs it")
    source = tmp_path / "in" / sources[(doc.id, fmt)].name
    source.parent.mkdir()
    shutil.copy(sources[(doc.id, fmt)], source)
    draft, result = draft_of_file(source, tmp_path)
    build_site(tmp_path / "content", tmp_path / "site")
    want = formats.expected(doc)

    wanted = {_SQUEEZE.sub("", h) for h in want.headings}
    sections = [s for s in _sections((*draft.body, *draft.annexes)) if s.title]
    names = {_SQUEEZE.sub("", f"{s.label}{s.title}") for s in sections} | {_SQUEEZE.sub("", s.title) for s in sections}
    recall = sum(_SQUEEZE.sub("", h) in names for h in want.headings) / max(len(want.headings), 1)
    invented = [
        s for s in sections if not {_SQUEEZE.sub("", f"{s.label}{s.title}"), _SQUEEZE.sub("", s.title)} & wanted
    ]
    built = comparable((tmp_path / "site" / pages.text_file(draft.id)).read_text(encoding="utf-8-sig"))
    pieces = [comparable(p) for p in want.pieces if comparable(p)]
    missing = [p for p in pieces if p not in built]
    kept = 1 - len(missing) / max(len(pieces), 1)
    tables = _tables((*draft.body, *draft.annexes))
    print(
        f"\n{doc.id}.{fmt}: headings {recall:.0%} of {len(want.headings)}, invented {len(invented)} of {len(sections)}, "
        f"tables {tables} (source {want.tables}), text kept {kept:.2%}, dropped {len(result.dropped)}"
    )
    assert recall >= TARGET_RECALL, sorted(wanted - names)[:10]
    assert len(invented) <= MAX_INVENTED * max(len(sections), 1), [f"{s.label}{s.title}" for s in invented][:10]
    assert tables == want.tables
    assert draft.title == doc.title
    assert draft.doc_number == doc.doc_number
    assert kept >= TARGET_KEPT, missing[:5]
