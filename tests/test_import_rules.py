"""Fixture pairs, as markdown-it-py tests its rules: each source in
tests/fixtures/importer/ (text, Markdown, a saved page, a Word file, a PDF) and
the draft it must give (NAME.yaml, reviewed), one per rule that reads a shape
documents arrive in. After a deliberate change, review the difference and
rewrite the drafts with UPDATE_IMPORTER_FIXTURES=1. The Word file and the PDF
are written by tests/binary_fixtures.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plansite.importer import import_file

from .test_importer import draft_of_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "importer"
SOURCES = sorted(p for p in FIXTURES.iterdir() if p.suffix != ".yaml")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_a_source_gives_its_reviewed_draft(source: Path, tmp_path: Path) -> None:
    draft = import_file(source, "fixture").yaml
    expected = source.with_suffix(".yaml")
    if os.environ.get("UPDATE_IMPORTER_FIXTURES"):
        expected.write_text(draft, encoding="utf-8")
    assert draft == expected.read_text(encoding="utf-8")
    draft_of_file(source, tmp_path)  # and it passes check
