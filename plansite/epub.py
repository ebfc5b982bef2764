"""A document as an accessible EPUB 3 (电子书), for e-book apps that keep the reader's
place, change the type and read aloud.

One XHTML file per part: the front (title, metadata, 印发通知, preamble), each chapter
(the closing text and signature follow the last), each annex and the glossary, with
a navigation document built from the contents. The parts are made by the same
components as the web page (so the same headings, tables with their headers, glossary
links and spoken forms), as XHTML proven well-formed by the XML parser (html5lib
rewrites anything that is not). Links to an anchor in another part
are pointed at that part's file.

The package carries the accessibility metadata EPUB Accessibility 1.1 asks for, and
the zip is deterministic: a fixed order, a fixed time stamp (the document's date),
fixed permissions; `mimetype` first and stored, as the format requires.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

import html5lib
from jinja2 import Environment
from markupsafe import Markup, escape

from . import model as m
from .modes import EPUB
from .numbering import heading_text
from .pages import Page
from .paths import SPOKEN_FORMS, TEMPLATES
from .strings import T
from .view import DocumentView, SectionView

CONTAINER = "META-INF/container.xml"
FOLDER = "EPUB"  # the package's folder inside the zip
# The book's stylesheet: its own rules, then the spoken forms' rule the web pages use too.
STYLES = (TEMPLATES / "epub" / "style.css", SPOKEN_FORMS)
GLOSSARY = "glossary.xhtml"
# The parts are made by this template (and the components it imports); the package
# files by the others in templates/epub/.
CHAPTER_TEMPLATE = "epub/chapter.html"
EPUB_NS = "http://www.idpf.org/2007/ops"  # epub:type
_EPOCH = dt.date(1980, 1, 1)  # the earliest time a zip entry can carry
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class _Part:
    name: str  # file name inside EPUB/
    kind: str  # its epub:type: frontmatter, bodymatter or backmatter
    title: str  # its <title> and contents entry
    html: str  # the fragment, before it becomes XHTML


@dataclass(frozen=True)
class Entry:
    """A line of the navigation document."""

    href: str
    text: str
    children: tuple[Entry, ...] = ()


def book(
    env: Environment,
    view: DocumentView,
    site: m.SiteConfig,
    page_url: str,
    sections: Callable[[tuple[SectionView, ...], str], Markup],
) -> bytes:
    """The EPUB file of one document, made with the site's templates (`env`); `page_url`,
    its web address or "", names it; `sections` gives the HTML of sections (with their class),
    laid out as the EPUB lays out tables (`render.DocumentBody`, shared with the web pages)."""
    doc = view.doc
    chapter = env.get_template(CHAPTER_TEMPLATE)
    page = Page(PurePosixPath("index.html"), EPUB, doc.title)
    parts = list(_parts(view, sections, lambda **context: chapter.render(page=page, view=view, **context)))
    bodies = [_xhtml(part.html) for part in parts]
    anchors: dict[str, str] = {}  # id -> the part it is in
    for part, body in zip(parts, bodies, strict=True):
        for anchor in _ID.findall(body):
            anchors.setdefault(anchor, part.name)
    files: list[tuple[str, bytes]] = []
    page_template = env.get_template("epub/page.xhtml")
    for part, body in zip(parts, bodies, strict=True):
        linked = Markup(_point_links(body, part.name, anchors))
        files.append((part.name, page_template.render(title=part.title, kind=part.kind, body=linked).encode()))
    entries = _entries(view, parts, anchors)
    nav = env.get_template("epub/nav.xhtml").render(title=doc.title, entries=entries).encode()
    date = doc.date_published or doc.date_signed
    opf = env.get_template("epub/package.opf").render(
        doc=doc,
        site=site,
        identifier=_identifier(site, doc.id, page_url),
        date=date.isoformat() if date else "",
        modified=f"{(date or _EPOCH).isoformat()}T00:00:00Z",
        description=view.description,
        files=[{"id": f"part-{i}", "name": name} for i, (name, _data) in enumerate(files, start=1)],
    )
    container = env.get_template("epub/container.xml").render()
    return _zip(
        [
            (CONTAINER, container.encode()),
            (f"{FOLDER}/package.opf", opf.encode()),
            (f"{FOLDER}/nav.xhtml", nav),
            (f"{FOLDER}/style.css", b"\n".join(path.read_bytes() for path in STYLES)),
            *((f"{FOLDER}/{name}", data) for name, data in files),
        ]
    )


def _parts(
    view: DocumentView, sections: Callable[[tuple[SectionView, ...], str], Markup], render: Callable[..., str]
) -> Iterator[_Part]:
    doc = view.doc
    yield _Part("front.xhtml", "frontmatter", doc.title, render(part="front", closing=not view.body))
    for i, section in enumerate(view.body, start=1):
        last = i == len(view.body)
        html = sections((section,), "section")
        yield _Part(
            f"chapter-{i}.xhtml", "bodymatter", _title(section), render(part="chapter", section_html=html, closing=last)
        )
    for i, section in enumerate(view.annexes, start=1):
        html = sections((section,), "annex")
        yield _Part(
            f"annex-{i}.xhtml", "backmatter", _title(section), render(part="annex", section_html=html, closing=False)
        )
    if view.glossary:
        yield _Part(GLOSSARY, "backmatter", T["glossary"], render(part="glossary", closing=False))


def _title(section: SectionView) -> str:
    return heading_text(section.label, str(section.title.striptags()))


def _entries(view: DocumentView, parts: list[_Part], anchors: dict[str, str]) -> list[Entry]:
    """The navigation document: the front, every section (nested as the document is), the glossary."""

    def of(section: SectionView) -> Entry:
        return Entry(f"{anchors[section.id]}#{section.id}", _title(section), tuple(of(s) for s in section.sections))

    entries = [Entry(parts[0].name, parts[0].title)]
    entries += [of(section) for section in view.contents]
    entries += [Entry(part.name, part.title) for part in parts if part.name == GLOSSARY]
    return entries


# In XHTML written by us or by html5lib, every attribute value is quoted with " and
# escaped, so these find exactly the ids and the in-page links.
_ID = re.compile(r'\sid="([^"]+)"')
_IN_PAGE_LINK = re.compile(r'href="#([^"]+)"')
_VOID = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b([^>]*?)\s*/?>")


def _point_links(body: str, here: str, anchors: dict[str, str]) -> str:
    """A link to an anchor in another part goes to that part's file."""

    def point(found: re.Match[str]) -> str:
        there = anchors.get(found[1], here)
        return found[0] if there == here else f'href="{there}#{found[1]}"'

    return _IN_PAGE_LINK.sub(point, body)


def _xhtml(html: str) -> str:
    """An HTML fragment of ours as XHTML. The components write well-formed markup but for
    void elements (<br>), so those are closed and the result is proven well-formed by the
    XML parser; anything else goes through html5lib, read as a browser reads it."""
    closed = _VOID.sub(r"<\1\2/>", html)
    try:
        ET.fromstring(f'<div xmlns:epub="{EPUB_NS}">{closed}</div>')
        return closed
    except ET.ParseError:
        fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
        return escape(fragment.text or "") + "".join(
            ET.tostring(child, encoding="unicode", short_empty_elements=True) for child in fragment
        )


def _identifier(site: m.SiteConfig, doc_id: str, page_url: str) -> str:
    """The same document keeps the same identifier in every build: its web address, or a
    name-based UUID of the site and the document's id."""
    if page_url:
        return page_url
    return uuid.uuid5(uuid.NAMESPACE_URL, f"plansite:{site.name}:{doc_id}").urn


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("mimetype", zipfile.ZIP_STORED), b"application/epub+zip")
        for name, data in files:
            archive.writestr(_entry(name, zipfile.ZIP_DEFLATED), data, compresslevel=9)
    return buffer.getvalue()


def _entry(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = compression
    info.create_system = 3  # Unix, whatever the machine
    info.external_attr = 0o100644 << 16
    return info
