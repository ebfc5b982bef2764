"""The five seed documents: published complete, and importable without edits.

The text test compares each seed (minus the reviewed chrome in
fixtures/seeds.yaml) with the text of its built page, character by character
after normalising whitespace and the width of punctuation, and in order.
"""

from __future__ import annotations

import copy
import difflib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from plansite.build import build_site
from plansite.content import load_content
from plansite.importer import import_file
from plansite.importer.lines import decode
from plansite.verify import ParsedPage

from .conftest import CONTENT, FIXTURES, SEEDS
from .html import table_name, visible_text

REVIEW = yaml.safe_load((FIXTURES / "seeds.yaml").read_text(encoding="utf-8"))
REQUIRED_RATIO = 0.995

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the project")


def normalise(text: str) -> str:
    """Fold punctuation width (NFKC: ，-> ,  （ -> ( ) and drop all whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def seed_lines(entry: dict) -> list[str]:
    """The seed's own text, line by line: chrome and metadata out, corrections in."""
    text = decode((SEEDS / entry["file"]).read_bytes())
    assert text is not None, f"{entry['file']} is not text"
    lines = text.splitlines()
    chrome = {number for number, _ in entry["chrome"]}
    for number, text in entry["chrome"]:
        assert normalise(lines[number - 1]) == normalise(text), (
            f"{entry['file']} line {number} changed: review seeds.yaml"
        )
    skip = {normalise(line) for line in entry["extra_chrome"] + entry["metadata"]}
    kept = []
    for number, line in enumerate(lines, 1):
        if number in chrome or normalise(line) in skip or not line.strip():
            continue
        for old, new in entry["corrections"].items():
            line = line.replace(old, new)
        kept.append(line)
    return kept


def page_text(page: ParsedPage) -> str:
    """The text of <main> in reading order, without the contents list (it repeats headings)."""
    main = copy.deepcopy(next(page.all("main")))  # the parsed page is shared by other tests
    for nav in list(main.iter("nav")):
        for parent in main.iter():
            if nav in list(parent):
                parent.remove(nav)
    return normalise(visible_text(page, main))


def compare(lines: list[str], text: str, title: str) -> tuple[float, list[str], list[str]]:
    """(share of characters found, lines missing, lines out of order)."""
    total = found = 0
    missing, out_of_order = [], []
    position = 0
    for line in lines:
        needle = normalise(line)
        total += len(needle)
        at = text.find(needle, position)
        if at >= 0:
            found += len(needle)
            position = at + len(needle)
            continue
        if needle in text:
            found += len(needle)
            if needle != normalise(title):  # the title is the page's <h1>, before everything
                out_of_order.append(line)
            continue
        # Not there whole: count the characters that are, and move past them.
        window = text[position : position + 3 * len(needle) + 200]
        matcher = difflib.SequenceMatcher(None, needle, window, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        found += sum(b.size for b in blocks)
        if blocks:
            position += blocks[-1].b + blocks[-1].size
        missing.append(line)
    return found / total, missing, out_of_order


@pytest.mark.parametrize("entry", REVIEW, ids=lambda e: e["id"])
def test_published_page_keeps_the_seed_text(entry: dict, real_pages) -> None:  # type: ignore[no-untyped-def]
    page = real_pages[f"plans/{entry['id']}/index.html"]
    title = next(d for d in load_content(CONTENT).documents if d.id == entry["id"]).title
    lines = seed_lines(entry)
    assert len(lines) > 10
    ratio, missing, out_of_order = compare(lines, page_text(page), title)
    report = "\n".join(f"  missing: {line[:100]}" for line in missing)
    assert ratio >= REQUIRED_RATIO, f"{entry['id']}: {ratio:.2%} of the seed's characters on the page\n{report}"
    assert not out_of_order, "out of order:\n" + "\n".join(out_of_order)


@pytest.mark.parametrize("entry", REVIEW, ids=lambda e: e["id"])
def test_importer_drops_exactly_the_reviewed_chrome(entry: dict) -> None:
    result = import_file(SEEDS / entry["file"])
    dropped = [(int(d.split("行")[0][1:]), d.split("：", 1)[1]) for d in result.dropped]
    assert dropped == [tuple(c) for c in entry["chrome"]]


@pytest.mark.parametrize("entry", REVIEW, ids=lambda e: e["id"])
def test_imported_seed_passes_check_and_builds(entry: dict, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text((CONTENT / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = import_file(SEEDS / entry["file"], doc_id=entry["id"])
    (content / f"{entry['id']}.yaml").write_text(result.yaml, encoding="utf-8")
    loaded = load_content(content)  # raises ContentError with every problem if the draft is invalid
    assert loaded.documents[0].body, "the draft has sections"
    build_site(content, tmp_path / "site")
    assert (tmp_path / "site" / "plans" / entry["id"] / "index.html").is_file()


def _tables(page: ParsedPage) -> dict[str, tuple[int, int]]:
    out = {}
    for table in page.all("table"):
        caption = table_name(page, table)
        body = table.find("tbody")
        assert body is not None
        rows = list(body.iter("tr"))
        out[caption] = (len(rows), len(list(rows[0])))
    return out


def test_the_named_tables_and_glossary_are_real(real_pages) -> None:  # type: ignore[no-untyped-def]
    jiangbei = _tables(real_pages["plans/jiangbei-disability-plan-2021-2025/index.html"])
    assert jiangbei["专栏1 “十四五”残疾人保障和发展主要指标"] == (11, 4)
    assert jiangbei["重点任务分工"] == (23, 4)
    fenghua = _tables(real_pages["plans/fenghua-disability-plan-2021-2025/index.html"])
    assert fenghua["宁波市奉化区残疾人事业发展“十四五”主要指标"] == (14, 3)
    bazhong = real_pages["plans/bazhong-disability-plan-2021-2025/index.html"]
    glossary = next(s for s in bazhong.all("section") if "glossary" in (s.get("class") or ""))
    assert len(list(glossary.iter("dt"))) == 8
    # Each term used in the text links once, from its first use, to its definition.
    doc = next(d for d in load_content(CONTENT).documents if d.id == "bazhong-disability-plan-2021-2025")
    body = page_text(bazhong).split(normalise("名词解释"))[0]
    used = [t for t in doc.glossary if normalise(t.term) in body]
    links = [a.get("href") for a in bazhong.all("a") if (a.get("href") or "").startswith("#term-")]
    assert len(used) >= 5
    assert sorted(links) == sorted(f"#term-{doc.glossary.index(t) + 1}" for t in used)


def test_drafting_notes_and_plan_link_to_each_other(real_pages) -> None:  # type: ignore[no-untyped-def]
    def related(page: ParsedPage) -> list[str]:
        section = next(s for s in page.all("section") if "related" in (s.get("class") or ""))
        return [a.get("href", "") for a in section.iter("a")]

    plan = real_pages["plans/jiangbei-disability-plan-2021-2025/index.html"]
    notes = real_pages["plans/jiangbei-disability-plan-drafting-notes/index.html"]
    assert "../jiangbei-disability-plan-drafting-notes/index.html" in related(plan)
    assert "../jiangbei-disability-plan-2021-2025/index.html" in related(notes)


def test_every_seed_is_published() -> None:
    published = {d.id for d in load_content(CONTENT).documents}
    assert {e["id"] for e in REVIEW} <= published
    assert len(REVIEW) == len(list(SEEDS.glob("*.txt")))
