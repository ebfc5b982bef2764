"""Where each page lives, how pages link to each other, and which files a
document produces.

A page has a route (the same in every mode, e.g. plans/x/index.html) and a
mode; its file is the mode's prefix plus the route. Every link is relative,
so the site works from any sub-path of any server and straight from the disk
(file://). That is why links name `index.html`: a folder link does not open
its index under file://.

`DocumentFiles` is the one definition of a document's output files: the
renderer writes exactly these, and an incremental build reuses exactly these.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from pathlib import PurePosixPath

from .modes import MODES, TEXT, Mode

STATIC = PurePosixPath("static")
INDEX = PurePosixPath("index.html")
INDEX_TEXT = TEXT.prefix / "index.txt"  # the document list as plain text
INDEX_BRAILLE = TEXT.prefix / "index.brf"  # and in braille (BRF), with its Unicode-braille copy
INDEX_BRAILLE_TEXT = TEXT.prefix / "index.braille.txt"
HELP = PurePosixPath("help/index.html")  # 使用帮助
NOT_FOUND = PurePosixPath("404.html")  # what the server shows for an address that does not exist
STATEMENT = PurePosixPath("accessibility/index.html")  # 无障碍声明
SEARCH = PurePosixPath("search/index.html")  # 搜索
QR_FILE = "qr.svg"  # 扫一扫: a page's QR code, beside the page


@functools.lru_cache(maxsize=1 << 16)  # asked for every document at each save under `serve`
def document_route(doc_id: str) -> PurePosixPath:
    return PurePosixPath("plans") / doc_id / "index.html"


def attachment_file(doc_id: str, name: str) -> PurePosixPath:
    """An attachment (原件), shared by every mode."""
    return PurePosixPath("files") / doc_id / name


def text_file(doc_id: str) -> PurePosixPath:
    """The plain-text (.txt) export of a document, beside the text channel."""
    return TEXT.prefix / "plans" / f"{doc_id}.txt"


def braille_file(doc_id: str) -> PurePosixPath:
    """The braille edition (BRF) of a document, beside its .txt."""
    return TEXT.prefix / "plans" / f"{doc_id}.brf"


def braille_text_file(doc_id: str) -> PurePosixPath:
    """The braille edition in Unicode braille, for braille display software and review."""
    return TEXT.prefix / "plans" / f"{doc_id}.braille.txt"


def epub_file(doc_id: str) -> PurePosixPath:
    """The EPUB of a document, beside its page, shared by every mode."""
    return PurePosixPath("plans") / doc_id / f"{doc_id}.epub"


@dataclass(frozen=True)
class Alternate:
    mode: Mode
    href: str
    current: bool


@dataclass(frozen=True)
class Page:
    route: PurePosixPath  # the same in every mode
    mode: Mode
    title: str  # unique across the site within a mode; <title> adds the mode and site name
    text_file: PurePosixPath | None = None  # the .txt export, for document pages
    # Links from the site's root path (/zwgk/plans/…) instead of relative ones: for
    # 404.html, which the server shows at whatever address was asked for.
    root_path: str = ""

    @functools.cached_property  # a page makes hundreds of links: its place is worked out once
    def path(self) -> PurePosixPath:
        return PurePosixPath(mode_path(self.mode, self.route.as_posix()))

    @functools.cached_property
    def _folder(self) -> str:
        return self.path.parent.as_posix()

    def href(self, target: PurePosixPath | str) -> str:
        """A relative link from this page to `target`, a path from the site root."""
        target = str(target)
        target, _, fragment = target.partition("#")
        if self.root_path:
            return self.root_path + posixpath.normpath(target) + ("#" + fragment if fragment else "")
        link = relative(posixpath.normpath(target), self._folder)
        return link + ("#" + fragment if fragment else "")

    def link(self, route: PurePosixPath | str) -> str:
        """A link to another page in this page's mode."""
        return self.href(posixpath.join(self.mode.prefix.as_posix(), str(route)))

    def static(self, name: str) -> str:
        return self.href(STATIC / name)

    @property
    def alternates(self) -> tuple[Alternate, ...]:
        """This page in every mode, for the mode links and <link rel="alternate">."""
        return tuple(Alternate(mode, self.href(mode.prefix / self.route), mode == self.mode) for mode in MODES)

    def qr_path(self, base_url: str) -> PurePosixPath | None:
        """The page's QR code: only with a public address to encode, and in modes that show
        images. Beside the page: qr.svg for an index.html, N.qr.svg for a listing's page N.html
        (each encodes its own page's address)."""
        if not (base_url and self.mode.images):
            return None
        name = QR_FILE if self.path.name == "index.html" else f"{self.path.stem}.{QR_FILE}"
        return self.path.parent / name


def mode_path(mode: Mode, route: str) -> str:
    """The file of the page at `route` in `mode`, from the site's root."""
    return posixpath.normpath(posixpath.join(mode.prefix.as_posix(), route))


def relative(target: str, folder: str) -> str:
    """posixpath.relpath(target, folder) for two normalised paths from the site root, without
    its two calls to os.getcwd (a third of a listing page's time went there)."""
    if target.startswith("..") or folder.startswith(".."):
        return posixpath.relpath(target, folder)
    to = [] if target == "." else target.split("/")
    here = [] if folder == "." else folder.split("/")
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def pages_in_every_mode(
    route: PurePosixPath, title: str, text: PurePosixPath | None, root_path: str = ""
) -> tuple[Page, ...]:
    return tuple(Page(route, mode, title, text_file=text, root_path=root_path) for mode in MODES)


@dataclass(frozen=True)
class DocumentFiles:
    """Every file one document produces: its page in each mode, their QR codes, its
    editions (.txt, EPUB, braille as BRF and as Unicode braille), its attachments."""

    pages: tuple[Page, ...]
    text: PurePosixPath
    epub: PurePosixPath
    braille: PurePosixPath
    braille_text: PurePosixPath
    base_url: str
    attachments: tuple[PurePosixPath, ...] = ()

    @classmethod
    def of(cls, doc_id: str, title: str, base_url: str, attachments: tuple[str, ...] = ()) -> DocumentFiles:
        text = text_file(doc_id)
        files = tuple(attachment_file(doc_id, name) for name in attachments)
        return cls(
            pages_in_every_mode(document_route(doc_id), title, text),
            text,
            epub_file(doc_id),
            braille_file(doc_id),
            braille_text_file(doc_id),
            base_url,
            files,
        )

    @property
    def editions(self) -> tuple[PurePosixPath, ...]:
        return (self.text, self.epub, self.braille, self.braille_text)

    @property
    def text_editions(self) -> tuple[PurePosixPath, ...]:
        """The editions made from the document's text alone (no template): .txt and braille."""
        return (self.text, self.braille, self.braille_text)

    @property
    def paths(self) -> list[str]:
        paths = []
        for page in self.pages:
            paths.append(page.path.as_posix())
            qr = page.qr_path(self.base_url)
            if qr:
                paths.append(qr.as_posix())
        return [*paths, *(e.as_posix() for e in self.editions), *(a.as_posix() for a in self.attachments)]
