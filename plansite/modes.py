"""The output modes: one document model, rendered by the same templates with
different flags and stylesheets (never a second copy of the document logic).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePosixPath


@dataclass(frozen=True)
class TableLayout:
    """How a mode lays out a table: of the mode, all a document's sections depend on (so they
    are rendered once for every mode alike, `render.DocumentBody`)."""

    scroll_tables: bool
    table_cards: bool


@dataclass(frozen=True, kw_only=True)
class Mode:
    name: str
    prefix: PurePosixPath  # where the mode's pages live under the site root
    label_key: str  # key in strings.T: the mode's name (in titles)
    nav_key: str  # key in strings.T: its entry in the 阅读模式 navigation
    stylesheets: tuple[str, ...]  # under static/; none for the plain-text channel
    read_aloud: bool  # offer the 语音播报 control (it only appears where speech works)
    scroll_tables: bool  # wrap tables in a focusable scroll container (pointless without CSS)
    table_cards: bool  # tables may show as cards (narrow 大字版): every row complete, merged cells repeated
    images: bool  # may show images (the QR code); the plain-text channel has none
    in_title: bool  # <title> names the mode (every mode but the standard one)
    spoken_forms: bool  # symbols carry spoken forms (they need the stylesheet); else the plain text
    text_size: bool  # offer the 文字大小 control (it needs the stylesheet)
    search: bool  # the search page has its search field (it needs script); else it links to the listings

    @property
    def table_layout(self) -> TableLayout:
        return TableLayout(self.scroll_tables, self.table_cards)


STANDARD = Mode(
    name="standard",
    prefix=PurePosixPath("."),
    label_key="mode_standard",
    nav_key="mode_standard",
    stylesheets=("css/site.css",),
    read_aloud=True,
    scroll_tables=True,
    table_cards=False,
    images=True,
    in_title=False,
    spoken_forms=True,
    text_size=True,
    search=True,
)
LARGE = Mode(
    name="large",
    prefix=PurePosixPath("large"),
    label_key="mode_large",
    nav_key="mode_large_nav",
    stylesheets=("css/site.css", "css/large.css"),
    read_aloud=True,
    scroll_tables=True,
    table_cards=True,
    images=True,
    in_title=True,
    spoken_forms=True,
    text_size=True,
    search=True,
)
TEXT = Mode(
    name="text",
    prefix=PurePosixPath("text"),
    label_key="mode_text",
    nav_key="mode_text",
    stylesheets=(),
    read_aloud=False,
    scroll_tables=False,
    table_cards=False,
    images=False,
    in_title=True,
    spoken_forms=False,
    text_size=False,
    search=False,
)

MODES: tuple[Mode, ...] = (STANDARD, LARGE, TEXT)

# Not a mode of the site: how the EPUB's parts use the components (epub.py). Like the
# plain text (no scroll containers, cards or images), but with its spoken forms: the EPUB
# has the stylesheet that speaks them.
EPUB = replace(TEXT, name="epub", prefix=PurePosixPath("."), spoken_forms=True)
