"""Rendering: documents and the index to the text of their files.

Everything a document's pages depend on travels in one `DocumentJob` (the
document, and its plan: the documents it links to, its unique title, the site settings),
so rendering is a function of the job, the templates and the static files
alone: safe to run in worker processes (`workers`). What decides the job, and so
the content key of its files (`cache`), is its `DocumentPlan`, known before the
document is read in full. Which files a document produces is `pages.DocumentFiles`.

The Jinja environment is autoescaped and strict, and fed only by views.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from markupsafe import Markup, escape

from . import braille, epub, pages
from . import model as m
from .listings import NEWEST, ListingPage, Ways, listing_routes, page_numbers, ways_in
from .modes import EPUB, TableLayout
from .numbering import heading_text
from .pages import DocumentFiles, Page
from .paths import TEMPLATES
from .qr import page_url, qr_svg
from .sitefiles import feed_file, map_files, mapped, newest
from .speech import speak_html, without_spoken_forms
from .strings import PROSE, T
from .textexport import TextBlock, document_blocks, index_blocks, text_file
from .view import RelatedView, SectionView, build_view, chinese_date

# Every page forbids inline script and style, plugins, <base> and forms, and
# loads nothing from another host. Scripts are files of the site's own.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)
# The search page alone may compile WebAssembly: Pagefind's search engine is WebAssembly.
SEARCH_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"
)


def content_security_policy(page: Page) -> str:
    """The policy of one page (in its <meta>; docs/nginx/plansite.conf sends the same as a header)."""
    return (
        SEARCH_CONTENT_SECURITY_POLICY if page.route == pages.SEARCH and page.mode.search else CONTENT_SECURITY_POLICY
    )


@dataclass(frozen=True)
class DocumentPlan:
    """A document's pages before they are rendered: everything that decides them (so its
    repr, with the code, is their content key) and which files they are."""

    facts: m.Facts
    source: str  # SHA-256 of the document's YAML file: with the code, it decides the document
    attachments: tuple[tuple[str, int, str], ...]  # (name, size, SHA-256) of each attachment
    related: tuple[RelatedView, ...]
    title: str  # unique across the site
    site: m.SiteConfig

    @property
    def files(self) -> DocumentFiles:
        return DocumentFiles.of(self.facts.id, self.title, self.site.base_url, tuple(a[0] for a in self.attachments))

    @property
    def paths(self) -> tuple[str, ...]:
        """Its files' paths in the site (`files.paths`: the same whatever the title), worked out
        once for each document (`serve` asks for all of them at each save)."""
        return _document_paths(self.facts.id, self.site.base_url, tuple(a[0] for a in self.attachments))


@functools.lru_cache(maxsize=1 << 16)
def _document_paths(doc_id: str, base_url: str, attachments: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(DocumentFiles.of(doc_id, "", base_url, attachments).paths)


@dataclass(frozen=True)
class DocumentJob:
    """What rendering a document's pages needs: its plan, and the document read in full.
    `kept` gives the size of each edition (.txt, braille, EPUB) already in place, reused
    from the last build: those are not made again."""

    doc: m.Document
    plan: DocumentPlan
    kept: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentEntry:
    """A document as the index lists it."""

    doc: m.Listed
    route: str
    text_file: str


# --- the Jinja environment -----------------------------------------------------


def breakable(url: str) -> Markup:
    """An address shown as text, with line-break chances after / and . (<wbr>).

    Long addresses must wrap at 320 CSS px even without a stylesheet (the
    plain-text channel), so the chances are in the markup, not in CSS.
    """
    parts = re.split(r"(?<=[/.?&=])", url)
    return Markup("<wbr>").join(escape(part) for part in parts if part)


def heading_html(label: str, title: str) -> str:
    """A heading's text with its label marked up (the numbering, as written)."""
    return heading_text(label, title, lambda text: Markup('<span class="label">{}</span>').format(text))


class CompiledTemplates(FileSystemBytecodeCache):
    """Templates compiled by an earlier build, kept in Jinja's own cache folder (a folder in the
    system's temporary folder that only this user may use, or none): compiling the thirty
    templates of a page takes 0.15 s, a tenth of a build after an edit, and each worker pays it.

    Jinja takes a compiled template only if its source is the same byte for byte. Its file
    name also holds this module's SHA-256 and Jinja's version: the environment's settings
    (here) and the compiler decide the code as much as the source does. The cache is only a
    saving: a folder that cannot be used, or is full, is left alone.
    """

    def __init__(self, directory: str | None = None) -> None:
        settings = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
        super().__init__(directory, pattern=f"plansite-{settings}-%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_templates() -> CompiledTemplates | None:
    try:
        return CompiledTemplates()
    except (OSError, RuntimeError):  # no temporary folder, or one another user could write into
        return None


@functools.cache
def environment() -> Environment:
    """One Jinja environment per process: templates are read and compiled once, and not
    looked at again (a page imports some thirty: a file status each). `serve` turns reloading
    on (`live.LiveSite.update`), so that an edited template is compiled again."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        auto_reload=False,
        bytecode_cache=_compiled_templates(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["t"] = T
    env.globals["prose"] = PROSE
    env.globals["page_numbers"] = page_numbers
    env.globals["size_label"] = size_label
    env.globals["csp"] = content_security_policy
    env.globals["read_aloud_strings"] = {k: v for k, v in T.items() if k.startswith("read_")}
    env.globals["text_size_strings"] = {k: v for k, v in T.items() if k.startswith("text_size")}
    env.globals["search_strings"] = {k: v for k, v in T.items() if k.startswith("search_")}
    env.filters["chinese_date"] = chinese_date
    env.filters["heading_text"] = heading_text
    env.filters["heading_html"] = heading_html
    env.filters["speak"] = speak_html
    env.filters["breakable"] = breakable
    return env


# --- pages and documents -------------------------------------------------------


def render_page(
    template: Template, page: Page, site: m.SiteConfig, *, addressable: bool = True, **context: Any
) -> dict[str, str]:
    """One page, and its QR code where the site has a public address and the mode shows images.

    A page that is not `addressable` (404.html, shown at any address) has no
    address of its own: no canonical link, no QR code.
    """
    base_url = site.base_url if addressable else ""
    url = page_url(base_url, page.path) if base_url else ""
    qr = page.qr_path(base_url)
    html = template.render(page=page, site=site, page_url=url, qr=qr.name if qr else "", **context)
    files = {page.path.as_posix(): html if page.mode.spoken_forms else without_spoken_forms(html)}
    if qr:
        files[qr.as_posix()] = qr_svg(url)
    return files


def file_size(text: str) -> str:
    """A text file's size as its download link says it: 512 字节, 8.5 KB, 12 KB, 1.2 MB."""
    return size_label(len(text.encode("utf-8")))


def size_label(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{round(value)} {unit}"
    return T["size_bytes"].format(n=size)


SECTIONS_TEMPLATE = "components/sections/macro.html"
CONTENTS_TEMPLATE = "components/contents/macro.html"


@dataclass(frozen=True)
class _SectionsPage:
    """All the sections' components may know of the page they are on: how it lays out tables.
    Reading anything else (its address) fails the build instead of being shared wrongly."""

    mode: TableLayout


class DocumentBody:
    """A document's sections as HTML, for its page in every mode and its EPUB. A section is
    the same in all of them but for its tables (`modes.TableLayout`), so each top-level
    section is rendered once, or once per layout if it holds a table: most of a page's
    rendering is done once, not four times."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[str, str, TableLayout | None], Markup] = {}
        self._macros: dict[TableLayout, Any] = {}
        self._contents: Markup | None = None

    def contents(self, items: tuple[SectionView, ...]) -> Markup:
        """The contents list of the web pages: the same in every mode (it links within the page)."""
        if self._contents is None:
            module: Any = environment().get_template(CONTENTS_TEMPLATE).make_module()
            self._contents = Markup(module.contents(items, "contents-title")) if items else Markup("")
        return self._contents

    def sections(self, items: tuple[SectionView, ...], layout: TableLayout, css_class: str = "section") -> Markup:
        """What the sections component makes of `items` (it makes each of them in turn)."""
        return Markup("").join(self._section(section, layout, css_class) for section in items)

    def epub_sections(self, items: tuple[SectionView, ...], css_class: str) -> Markup:
        return self.sections(items, EPUB.table_layout, css_class)

    def _section(self, section: SectionView, layout: TableLayout, css_class: str) -> Markup:
        key = (section.id, css_class, layout if section.has_tables else None)
        if key not in self._rendered:
            if layout not in self._macros:
                template = environment().get_template(SECTIONS_TEMPLATE)
                self._macros[layout] = template.make_module({"page": _SectionsPage(layout)})
            self._rendered[key] = Markup(self._macros[layout].sections((section,), css_class))
        return self._rendered[key]


def render_document(job: DocumentJob) -> dict[str, str | bytes]:
    """Every file of one document (`job.files`): its page in each mode, their QR codes, its
    editions (.txt, EPUB, braille), but those `job.kept`."""
    view = build_view(job.doc, job.plan.related)
    template = environment().get_template(DOCUMENT_TEMPLATES[0])
    plan = job.plan.files
    site = job.plan.site
    body = DocumentBody()
    editions: dict[PurePosixPath, str | bytes] = {}
    if plan.epub.as_posix() not in job.kept:
        url = page_url(site.base_url, plan.pages[0].path) if site.base_url else ""
        editions[plan.epub] = epub.book(environment(), view, site, url, body.epub_sections)
    if not all(route.as_posix() in job.kept for route in plan.text_editions):
        blocks = document_blocks(job.doc, view.metadata)
        in_braille = braille.edition(blocks, site.braille_page)
        editions |= {plan.text: text_file(blocks), plan.braille: in_braille.brf, plan.braille_text: in_braille.unicode}
    sizes = {route: len(_bytes(data)) for route, data in editions.items()}
    sizes |= {route: job.kept[route.as_posix()] for route in plan.editions if route not in editions}
    labels = {
        plan.text: ("mode_txt_file", "text/plain"),
        plan.epub: ("epub_file", "application/epub+zip"),
        plan.braille: ("braille_file", ""),
        plan.braille_text: ("braille_text_file", "text/plain"),
    }
    downloads = [
        {
            "route": route.as_posix(),
            "type": "",
            "label": T["attachment_label"].format(title=a.title, format=a.format, size=size_label(a.size)),
        }
        for a, route in zip(job.doc.attachments, plan.attachments, strict=True)
    ]
    for route in plan.editions:
        key, media_type = labels[route]
        downloads.append(
            {"route": route.as_posix(), "type": media_type, "label": T[key].format(size=size_label(sizes[route]))}
        )
    files: dict[str, str | bytes] = {}
    for page in plan.pages:
        layout = page.mode.table_layout
        files.update(
            render_page(
                template,
                page,
                site,
                view=view,
                download_list=downloads,
                contents_html=body.contents(view.contents),
                sections_html=body.sections(view.body, layout),
                annexes_html=body.sections(view.annexes, layout, "annex"),
            )
        )
    files |= {route.as_posix(): data for route, data in editions.items()}
    return files


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _entries(documents: tuple[m.Listed, ...]) -> list[DocumentEntry]:
    return [
        DocumentEntry(doc, pages.document_route(doc.id).as_posix(), pages.text_file(doc.id).as_posix())
        for doc in documents
    ]


def _listing_blocks(
    site: m.SiteConfig, title: str, documents: tuple[m.Listed, ...], text: PurePosixPath
) -> list[TextBlock]:
    folder = text.parent.as_posix()
    listed = [(doc, pages.relative(pages.text_file(doc.id).as_posix(), folder)) for doc in documents]
    return index_blocks(site, title, listed)


def _listing_text(site: m.SiteConfig, title: str, documents: tuple[m.Listed, ...], text: PurePosixPath) -> str:
    return text_file(_listing_blocks(site, title, documents, text))


def render_home(site: m.SiteConfig, ways: Ways) -> dict[str, str | bytes]:
    """The home page (the newest documents and the ways in) in every mode, and the list of
    every document as text and in braille."""
    newest = ways.everything.documents
    blocks = _listing_blocks(site, site.name, newest, pages.INDEX_TEXT)
    text, in_braille = text_file(blocks), braille.edition(blocks, site.braille_page)
    files: dict[str, str | bytes] = {
        pages.INDEX_TEXT.as_posix(): text,
        pages.INDEX_BRAILLE.as_posix(): in_braille.brf,
        pages.INDEX_BRAILLE_TEXT.as_posix(): in_braille.unicode,
    }
    downloads = [
        {
            "route": pages.INDEX_TEXT.as_posix(),
            "label": T["mode_txt_file"].format(size=file_size(text)),
            "type": "text/plain",
        },
        {
            "route": pages.INDEX_BRAILLE.as_posix(),
            "label": T["index_braille_file"].format(size=size_label(len(in_braille.brf))),
            "type": "",
        },
    ]
    template = environment().get_template(INDEX_TEMPLATE)
    # The home page's title is the site's name alone (base.html adds it once).
    for page in pages.pages_in_every_mode(pages.INDEX, "", pages.INDEX_TEXT):
        files.update(
            render_page(template, page, site, documents=_entries(newest[:NEWEST]), ways=ways, download_list=downloads)
        )
    return files


def _file(route: PurePosixPath, data: str) -> dict[str, str | bytes]:
    return {route.as_posix(): data}


def render_listing_page(site: m.SiteConfig, listing: ListingPage) -> dict[str, str | bytes]:
    """One page of a listing in every mode."""
    template = environment().get_template(LISTING_TEMPLATE)
    number = listing.number
    title = (
        listing.title if number == 1 else T["listing_page"].format(title=listing.title, n=number, total=listing.pages)
    )
    files: dict[str, str | bytes] = {}
    for page in pages.pages_in_every_mode(listing.page_route(number), title, listing.text_file):
        files.update(
            render_page(template, page, site, listing=listing, number=number, documents=_entries(listing.entries))
        )
    return files


# The site's own pages: (route, template, title).
SITE_PAGES = (
    (pages.SEARCH, "search.html", T["search"]),
    (pages.HELP, "help.html", T["help"]),
    (pages.STATEMENT, "statement.html", T["statement"]),
)
SITE_ROUTES = (pages.INDEX, *(route for route, _template, _title in SITE_PAGES))  # pages besides documents
INDEX_TEMPLATE, LISTING_TEMPLATE, NOT_FOUND_TEMPLATE = "index.html", "listing.html", "not_found.html"
EPUB_TEMPLATE = epub.CHAPTER_TEMPLATE
# The templates each kind of page starts from (cache.fingerprints follows what they import).
# (A document's sections are rendered from Python, once for all its pages: `DocumentBody`.)
DOCUMENT_TEMPLATES = ("document.html", EPUB_TEMPLATE, SECTIONS_TEMPLATE, CONTENTS_TEMPLATE)
EPUB_TEMPLATES = (EPUB_TEMPLATE, SECTIONS_TEMPLATE)
PAGE_TEMPLATES = (INDEX_TEMPLATE, LISTING_TEMPLATE, *(name for _route, name, _title in SITE_PAGES), NOT_FOUND_TEMPLATE)


def render_search_page(site: m.SiteConfig, ways: Ways, index_folders: tuple[str, ...]) -> dict[str, str | bytes]:
    """搜索 in every mode (where there is no script, it offers the ways in instead), searching
    the index's shards in `index_folders` (search.shards; the first holds the engine)."""
    return _own_page(site, pages.SEARCH, ways=ways, index_folders=index_folders)


def render_site_pages(site: m.SiteConfig) -> dict[str, str | bytes]:
    """使用帮助, 无障碍声明 and the 404 page, in every mode: made from the site settings alone."""
    files = _own_page(site, pages.HELP) | _own_page(site, pages.STATEMENT)
    # The server shows 404.html at any address, so its links start from the
    # site's root path when base_url gives it (else they work from the root).
    template = environment().get_template(NOT_FOUND_TEMPLATE)
    for page in pages.pages_in_every_mode(pages.NOT_FOUND, T["not_found"], None, root_path=site.root_path):
        files.update(render_page(template, page, site, addressable=False))
    return files


def _own_page(site: m.SiteConfig, route: PurePosixPath, **context: Any) -> dict[str, str | bytes]:
    name, title = next((name, title) for known, name, title in SITE_PAGES if known == route)
    template = environment().get_template(name)
    files: dict[str, str | bytes] = {}
    for page in pages.pages_in_every_mode(route, title, None):
        files.update(render_page(template, page, site, **context))
    return files


@dataclass(frozen=True)
class SitePart:
    """A part of the site besides the documents, rendered (or reused) as one: `inputs` is
    everything its files are made of besides the code, the templates and the site settings,
    so an edit re-renders exactly the parts that show what changed."""

    name: str  # as the manifest names it
    inputs: str
    render: Callable[[], Mapping[str, str | bytes]]


def site_parts(site: m.SiteConfig, documents: tuple[m.Listed, ...], index_folders: tuple[str, ...]) -> list[SitePart]:
    """The home page, each listing, the site's own pages, and the sitemap, robots.txt and feed.
    A title edited changes the home page and the listings that show the document; a new
    document, also the sitemap and the feed; the help page changes with the site settings alone."""
    ways = ways_in(documents)
    routes = [route.as_posix() for route in (*SITE_ROUTES, *listing_routes(ways))]
    every_listing = repr(ways)
    in_map, in_feed = mapped(documents, routes), newest(documents)
    parts = [
        SitePart("pages/home", every_listing, lambda: render_home(site, ways)),
        SitePart(
            "pages/search",
            repr((every_listing, index_folders)),
            lambda: render_search_page(site, ways, index_folders),
        ),
        SitePart("pages/own", "", lambda: render_site_pages(site)),
        SitePart("pages/sitemap", repr(in_map), lambda: map_files(site, in_map)),
        SitePart("pages/feed", repr(in_feed), lambda: feed_file(site, in_feed)),
    ]
    for listing in ways.all:
        # Its .txt, and each of its pages on its own: a title edited re-renders the page it is on.
        text = _listing_text(site, listing.title, listing.documents, listing.text_file)
        parts.append(
            SitePart(f"pages/{listing.folder}.txt", repr(listing), functools.partial(_file, listing.text_file, text))
        )
        parts += [
            SitePart(
                f"pages/{listing.folder}#{page.number}", repr(page), functools.partial(render_listing_page, site, page)
            )
            for page in (listing.page(number, file_size(text)) for number in range(1, listing.pages + 1))
        ]
    return parts
