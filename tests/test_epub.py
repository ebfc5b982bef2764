"""The EPUB edition: valid by EPUBCheck (0 errors, 0 warnings), structured as the
document is, with its accessibility metadata, and byte-identical build to build.
DAISY Ace runs in tests/browser/test_epub_ace.py (it needs Chromium)."""

from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from pathlib import Path

import html5lib
import pytest

from plansite import model as m
from plansite.build import build_site
from plansite.content import load_content
from plansite.numbering import heading_text
from plansite.pages import document_route, epub_file
from plansite.render import size_label

from .conftest import CONTENT, FEATURES

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck (scripts/install-test-tools.sh)
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"


@pytest.fixture(scope="module")
def sites(real_site: Path, feature_site: Path) -> dict[str, Path]:
    """The sites the whole session builds once (conftest), by name."""
    return {"real": real_site, "features": feature_site}


def books(sites: dict[str, Path]) -> list[tuple[m.Document, Path]]:
    return [
        (doc, sites[name] / epub_file(doc.id))
        for name, content in (("real", CONTENT), ("features", FEATURES))
        for doc in load_content(content).documents
    ]


def epubcheck(path: Path) -> tuple[int, str]:
    """EPUBCheck's exit code and report: 0 only with no error and no warning (--failonwarnings)."""
    if not EPUBCHECK.exists():
        pytest.fail("EPUBCheck is missing: run scripts/install-test-tools.sh")
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), "--failonwarnings", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.returncode, result.stdout + result.stderr


def test_every_epub_passes_epubcheck_with_no_error_and_no_warning(sites: dict[str, Path]) -> None:
    found = books(sites)
    assert len(found) >= 6
    for doc, path in found:
        code, report = epubcheck(path)
        assert code == 0 and "0 fatals / 0 errors / 0 warnings" in report, f"{doc.id}:\n{report}"


def rewritten(path: Path, change: Mapping[str, bytes | None]) -> bytes:
    """The EPUB at `path` with some entries replaced (or, for None, left out)."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = change.get(info.filename, source.read(info))
            if data is not None:
                target.writestr(info, data)
    return out.getvalue()


def test_epubcheck_fails_a_broken_book(sites: dict[str, Path], tmp_path: Path) -> None:
    _doc, path = books(sites)[0]
    with zipfile.ZipFile(path) as book:
        chapter = book.read("EPUB/chapter-1.xhtml").decode()
    broken = tmp_path / "broken.epub"
    # a link to a part that is not there, and a tag left open
    broken.write_bytes(
        rewritten(
            path, {"EPUB/chapter-1.xhtml": chapter.replace("</main>", '<a href="gone.xhtml">x</a><p></main>').encode()}
        )
    )
    code, report = epubcheck(broken)
    assert code != 0 and "ERROR" in report
    no_metadata = tmp_path / "no-language.epub"
    with zipfile.ZipFile(path) as book:
        opf = book.read("EPUB/package.opf").decode()
    no_metadata.write_bytes(
        rewritten(path, {"EPUB/package.opf": re.sub(r"<dc:language>.*?</dc:language>\n", "", opf).encode()})
    )
    code, report = epubcheck(no_metadata)
    assert code != 0


def headings(sections: tuple[m.Section, ...]) -> list[str]:
    """Every section's heading, in order, as the contents show it."""
    return [t for s in sections for t in (heading_text(s.label, s.title), *headings(s.sections))]


def test_a_book_is_the_documents_structure(sites: dict[str, Path]) -> None:
    for doc, path in books(sites):
        with zipfile.ZipFile(path) as book:
            names = book.namelist()
            assert names[0] == "mimetype" and book.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
            assert book.read("mimetype") == b"application/epub+zip"
            parts = {name: ET.fromstring(book.read(name)) for name in names if name.endswith(".xhtml")}
            opf = ET.fromstring(book.read("EPUB/package.opf"))
        chapters = [name for name in parts if re.fullmatch(r"EPUB/chapter-\d+\.xhtml", name)]
        assert len(chapters) == len(doc.body), doc.id  # one file per chapter
        assert len([n for n in parts if "annex-" in n]) == len(doc.annexes)
        assert ("EPUB/glossary.xhtml" in parts) == bool(doc.glossary)
        for root in parts.values():
            assert root.get("lang") == "zh-CN" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
        # the navigation document lists every section, each link reaching its heading
        nav = parts["EPUB/nav.xhtml"]
        toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB_NS}type") == "toc")
        links = [(a.get("href") or "", "".join(a.itertext())) for a in toc.iter(f"{XHTML}a")]
        wanted = headings(doc.body + doc.annexes)
        texts = [text for _href, text in links]
        assert [t for t in texts if t in wanted] == wanted, doc.id
        for href, text in links:
            file, _, anchor = href.partition("#")
            target = parts[f"EPUB/{file}"]
            if anchor:
                element = next((e for e in target.iter() if e.get("id") == anchor), None)
                assert element is not None and text in "".join(element.itertext()).replace("\xa0", " ") + text, href
        # every link inside the book reaches an element that exists
        for name, root in parts.items():
            for a in root.iter(f"{XHTML}a"):
                href = a.get("href") or ""
                if href.startswith(("https://", "http://", "mailto:")):
                    continue  # the text's own links, to other sites
                file, _, anchor = href.partition("#")
                target = parts[f"EPUB/{file}"] if file else root
                assert not anchor or any(e.get("id") == anchor for e in target.iter()), f"{name}: {a.get('href')}"
        metadata = {(e.get("property") or ""): (e.text or "") for e in opf.iter(f"{OPF}meta")}
        for needed in ("schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard",
                       "schema:accessibilitySummary", "dcterms:conformsTo", "dcterms:modified"):  # fmt: skip
            assert metadata.get(needed), f"{doc.id}: {needed}"
        assert "WCAG 2.2 Level AA" in metadata["dcterms:conformsTo"]
        spine = opf.find(f"{OPF}spine")
        assert spine is not None and spine.get("page-progression-direction") == "ltr"


def test_tables_glossary_and_spoken_forms_are_in_the_book(sites: dict[str, Path]) -> None:
    seen = {"table": 0, "th": 0, "say": 0, "term link": 0}
    for doc, path in books(sites):
        with zipfile.ZipFile(path) as book:
            text = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
        seen["table"] += text.count("<table")
        seen["th"] += text.count('scope="col"')
        seen["say"] += text.count('class="say" data-say=')
        seen["term link"] += len(re.findall(r'href="glossary\.xhtml#term-\d+"', text))
        tables = sum(1 for s in doc.body for b in s.blocks if isinstance(b, m.Table))
        assert text.count("<table") >= tables
    assert all(seen.values()), seen


def test_the_document_page_links_each_edition_with_its_format_and_size(sites: dict[str, Path]) -> None:
    for doc, path in books(sites):
        site = path.parents[2]
        page = html5lib.parse((site / document_route(doc.id)).read_text(encoding="utf-8"))
        links = {
            "".join(a.itertext()): a.get("href") or "" for a in page.iter(f"{XHTML}a") if a.get("download") is not None
        }
        for label, edition in (("电子书（EPUB，", path), ("盲文版（BRF，", site / "text" / "plans" / f"{doc.id}.brf")):
            text, href = next((t, h) for t, h in links.items() if label in t)
            assert (site / document_route(doc.id)).parent.joinpath(href).resolve() == edition.resolve()
            assert size_label(edition.stat().st_size) in text, text


def test_a_book_is_the_same_bytes_in_every_build(sites: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_site(FEATURES, again, clean=True)
    for doc in load_content(FEATURES).documents:
        first = (sites["features"] / epub_file(doc.id)).read_bytes()
        assert (again / epub_file(doc.id)).read_bytes() == first
        with zipfile.ZipFile(io.BytesIO(first)) as book:
            assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
