"""The importer on the real documents of ../shared/corpus/import/: per-file figures.

For every file: the draft passes `check` and builds unedited; heading recall
≥ 95% of its .headings file (label and title, spaces and a closing 。 aside);
invented headings (sections not in .headings) ≤ 5%; every table of .tables with
its row count (group rows counted either way); text kept ≥ 99.5% (every line,
or every tab-separated cell, of the source that was not dropped as chrome or
read as metadata is in the built .txt); the metadata .meta lists (issuer, 发文
字号, 成文 and 发布 dates, a signature); no Markdown or HTML markup published as
text. The other formats of documents are tested in test_import_formats.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plansite import model as m
from plansite import pages
from plansite.build import build_site

from .search_quality import comparable
from .test_import_markdown import CORPUS
from .test_importer import draft_of_file

SOURCES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
SQUEEZE = re.compile(r"\s+|[。．.：:]$")
TARGET_RECALL = 0.95
MAX_INVENTED = 0.05
TARGET_KEPT = 0.995
_META_DATE = r"(\d{4}-\d{2}-\d{2})"


def tables_of(sections: tuple[m.Section, ...], blocks: tuple[m.Block, ...] = ()) -> list[m.Table]:
    found = [b for b in blocks if isinstance(b, m.Table)]
    for box in (b for b in blocks if isinstance(b, m.Box)):
        found += tables_of((), box.blocks)
    for section in sections:
        found += tables_of(section.sections, section.blocks)
    return found


def _meta(source: Path) -> dict[str, str]:
    """What the .meta file's metadata and signature lines state."""
    text = Path(f"{source}.meta").read_text(encoding="utf-8")
    line = next((x for x in text.splitlines() if x.startswith("metadata:")), "")
    found = {}
    if match := re.search(r"issuer (\S+?),", line):
        found["issuer"] = match.group(1)
    if match := re.search(r"(\S+〔\d{4}〕\d+号)", line):
        found["doc_number"] = match.group(1)
    if match := re.search(r"成文 " + _META_DATE, line):
        found["date_signed"] = match.group(1)
    if match := re.search(r"发布 " + _META_DATE, line):
        found["date_published"] = match.group(1)
    signature = re.search(r"signature: (yes|no)", text)
    found["signature"] = signature.group(1) if signature else ""
    return found


def sections_of(sections: tuple[m.Section, ...]) -> list[m.Section]:
    found = []
    for section in sections:
        found.append(section)
        found += sections_of(section.sections)
    return found


@pytest.mark.skipif(not SOURCES, reason="../shared/corpus/import/ is not beside the project")
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_the_importer_on_the_corpus(source: Path, tmp_path: Path) -> None:
    doc, result = draft_of_file(source, tmp_path)
    build_site(tmp_path / "content", tmp_path / "site")

    expected = [
        line.strip() for line in Path(f"{source}.headings").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    wanted = {SQUEEZE.sub("", h) for h in expected}
    sections = [s for s in sections_of((*doc.body, *doc.annexes)) if s.title]
    names = {SQUEEZE.sub("", f"{s.label}{s.title}") for s in sections} | {SQUEEZE.sub("", s.title) for s in sections}
    recall = sum(SQUEEZE.sub("", h) in names for h in expected) / len(expected)
    invented = [s for s in sections if not {SQUEEZE.sub("", f"{s.label}{s.title}"), SQUEEZE.sub("", s.title)} & wanted]

    built = comparable((tmp_path / "site" / pages.text_file(doc.id)).read_text(encoding="utf-8-sig"))
    dropped = {int(d.split("行")[0].removeprefix("第")) for d in result.dropped if d.startswith("第")}
    pieces = [
        comparable(cell)
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
        if number not in dropped
        for cell in line.split("\t")
    ]
    pieces = [p for p in pieces if p]
    missing = [p for p in pieces if p not in built]
    kept = 1 - len(missing) / len(pieces)
    tables = [len(t.rows) for t in tables_of((*doc.body, *doc.annexes), ())]
    allowed = [
        [int(n) for n in count.split("|")]
        for count in Path(f"{source}.tables").read_text(encoding="utf-8").split()
        if count != "0"
    ]
    print(
        f"\n{source.name}: headings {recall:.0%} of {len(expected)}, invented {len(invented)} of {len(sections)}, "
        f"tables {tables} (listed {allowed}), text kept {kept:.2%}, title {doc.title}, kind {doc.kind}"
    )
    assert recall >= TARGET_RECALL, sorted(wanted - names)[:10]
    assert len(invented) <= MAX_INVENTED * len(sections), [f"{s.label}{s.title}" for s in invented][:10]
    assert len(tables) == len(allowed) and all(n in ok for n, ok in zip(tables, allowed, strict=True)), tables
    assert kept >= TARGET_KEPT, missing[:5]
    meta = _meta(source)
    stated = {
        "issuer": doc.issuer,
        "doc_number": doc.doc_number,
        "date_signed": str(doc.date_signed),
        "date_published": str(doc.date_published),
    }
    assert {k: stated[k] for k in meta if k in stated} == {k: v for k, v in meta.items() if k in stated}
    signed = doc.signature or (doc.notice.signature if doc.notice else None)
    assert (signed is not None) == (meta["signature"] == "yes"), signed
    # Markdown and HTML markup are never published as text (YAML comments aside).
    published = [line for line in result.yaml.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in published if re.search(r"^\s*-?\s*#|<!--", line)]
