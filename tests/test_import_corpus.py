"""The importer on the real documents of ../shared/corpus/import/: per-file figures.

For every file: the draft passes `check` and builds unedited; every heading in
its .headings file is found (label and title, spaces and a closing 。 aside); no
Markdown or HTML markup is published as text (the title and metadata of the web
pages and Markdown copies are tested in test_import_govinfo.py and
test_import_markdown.py);
and every line of the source that was not dropped as page chrome is in the
built .txt (text kept). Text kept and invented headings (sections not in
.headings) are printed, not yet asserted: tables with merged cells and
multi-line cells (05, 08, 12) are not yet imported as tables, and enumerations
inside articles still become headings (issue #12)."""

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
_SQUEEZE = re.compile(r"\s+|[。．.：:]$")
TARGET_RECALL = 0.95


def _walk(sections: tuple[m.Section, ...]) -> list[m.Section]:
    found = []
    for section in sections:
        found.append(section)
        found += _walk(section.sections)
    return found


@pytest.mark.skipif(not SOURCES, reason="../shared/corpus/import/ is not beside the project")
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_the_importer_on_the_corpus(source: Path, tmp_path: Path) -> None:
    doc, result = draft_of_file(source, tmp_path)
    build_site(tmp_path / "content", tmp_path / "site")

    expected = [
        line.strip() for line in Path(f"{source}.headings").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    wanted = {_SQUEEZE.sub("", h) for h in expected}
    sections = [s for s in _walk((*doc.body, *doc.annexes)) if s.title]
    names = {_SQUEEZE.sub("", f"{s.label}{s.title}") for s in sections} | {_SQUEEZE.sub("", s.title) for s in sections}
    recall = sum(_SQUEEZE.sub("", h) in names for h in expected) / len(expected)
    invented = [
        s for s in sections if not {_SQUEEZE.sub("", f"{s.label}{s.title}"), _SQUEEZE.sub("", s.title)} & wanted
    ]

    built = comparable((tmp_path / "site" / pages.text_file(doc.id)).read_text(encoding="utf-8-sig"))
    dropped = {int(d.split("行")[0].removeprefix("第")) for d in result.dropped if d.startswith("第")}
    lines = [
        comparable(line)
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
        if number not in dropped
    ]
    lines = [line for line in lines if line]
    kept = sum(line in built for line in lines) / len(lines)
    print(
        f"\n{source.name}: headings {recall:.0%} of {len(expected)}, invented {len(invented)} of {len(sections)}, "
        f"lines kept {kept:.1%}, title {doc.title}, kind {doc.kind}"
    )
    assert recall >= TARGET_RECALL, sorted(wanted - names)[:10]
    # Markdown and HTML markup are never published as text (YAML comments aside).
    published = [line for line in result.yaml.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in published if re.search(r"^\s*-?\s*#|<!--", line)]
