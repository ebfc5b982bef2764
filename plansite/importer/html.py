"""A saved web page (.html, .htm) in: the same items as plain text.

html5lib parses the page the way a browser does (any markup, any nesting),
then one walk in document order turns it into lines and tables:

- navigation chrome is left out and listed (<nav>, <script>, <form>, the
  page's own <header>/<footer>, and elements whose class or id says nav, menu,
  breadcrumb, share, footer, print or 二维码);
- <h1>…<h6> become lines marked with their level (the first <h1> the title);
- each block (<p>, <div>, <li>, …) becomes a line; <br> breaks it; white
  space between Chinese characters (a line break in the source) is no space;
- a data <table> keeps its rowspan, colspan and <th> header rows; the gov.cn
  政府信息公开 table (索引号, 发文机关, 发文字号…) is read into the metadata; a
  layout table (one holding other tables, or one column) is walked like a
  <div>.

Line numbers are found by locating each block's text in the source, so the
editor's review comments point at the page's own lines.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from xml.etree.ElementTree import Element

import html5lib

from .draft import DocDraft, iso_date
from .govinfo import read_lines, read_rows
from .lines import (
    MAX_FRAMES,
    MAX_QUOTED,
    WIDE_CHAR,
    Line,
    heading_lines,
    image_left_out,
    is_chrome,
    link_left_out,
    run_in_length,
)
from .tables import SourceCell, TableDraft, from_grid

SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml")  # (.mht: its page, taken out by mhtml.py)
_DOCTYPE = re.compile(r"\A\ufeff?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_CHROME_TAGS = {"script", "style", "noscript", "template", "nav", "form", "button", "select"}
# What the site cannot publish as text, listed for the editor (a 手语 video, a formula); the text
# inside such an element is what a browser shows when it cannot play it, never the document's.
MEDIA = {
    "video": "视频",
    "audio": "音频",
    "iframe": "嵌入的网页或视频",
    "embed": "嵌入的内容",
    "object": "嵌入的内容",
    "math": "公式",
    "svg": "图形",  # an icon, or a chart drawn in the page: listed where it has words
}
_PAGE_CHROME_TAGS = {"header", "footer", "aside"}  # chrome when they belong to the page, not to an article
_CHROME_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|share|sharing|footer|toolbar|tools?|print|qr|qrcode|ewm|sidebar"
    r"|related|xgwj|xglj|xgxx)(?:$|[-_\s\d])",  # xgwj 相关文件, xglj 相关链接, xgxx 相关信息
    re.IGNORECASE,
)
_BLOCKS = {
    "p", "div", "li", "dd", "dt", "blockquote", "pre", "section", "article", "main", "center", "ul", "ol", "dl",
    "table", "tr", "td", "th", "caption", "figure", "figcaption", "address", "body", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SPACE = re.compile(r"[ \t\n\r\f\u00a0]+")
# In a web page a source line break is white space like any other, so only a space between two
# Chinese characters is known to be a break (join_lines' rule where the break is known).
_BETWEEN_CJK = re.compile(f"(?<={WIDE_CHAR}) (?={WIDE_CHAR})")
MAX_CELL_TEXT = 500  # characters: a "cell" longer than this is a layout table's column of text
# A style that sets text in bold, as editors of 公众号 articles and CMS pages write it (<span style=…>).
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
# A style that draws a border around an element: a box an editor drew (a 专栏), as a page's editor writes it.
_DRAWN_BORDER = re.compile(
    r"border(?:-style)?\s*:[^;]{0,100}\b(?:solid|dashed|dotted|double|groove|ridge)\b", re.IGNORECASE
)


def is_html(text: str, source_name: str) -> bool:
    return PurePath(source_name).suffix.lower() in SUFFIXES or bool(_DOCTYPE.match(text[:2000]))


def tidy(text: str) -> str:
    """Collapsed white space, none between Chinese characters (a source line break)."""
    return _BETWEEN_CJK.sub("", _SPACE.sub(" ", text)).strip(" \u3000")


_BODY_TAG = re.compile(r"<body[\s>]", re.IGNORECASE)


@dataclass
class _Walk:
    source: str
    known: DocDraft
    read: list[str]
    dropped: list[str]
    items: list[Line | TableDraft] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)  # text of the block being read
    position: int = 0  # where in the source the last block was found
    line: int = 1
    # The block's first <strong> or <b>, for a run-in title: (text before it, its text).
    strong: Element | None = None  # that element while it is read
    strong_start: int | None = None  # parts of `inline` before it; None until a block has one
    run_in: tuple[str, str] = ("", "")
    numbers: dict[int, str] = field(default_factory=dict)  # the items of an <ol> not read yet -> 1., 2.…
    in_items: int = 0  # list items open around the text being read: it is a list's text, never a heading
    has_text: bool = False  # the block being read has text already
    number_only: bool = False  # the block holds nothing but a list item's number so far
    links: list[str] = field(default_factory=list)  # the block's links, listed with it unless it is chrome
    frames: list[tuple[Element, int]] = field(default_factory=list)  # the boxes drawn around the text read now
    frame_count: int = 0  # boxes met so far: each box's number

    def _find(self, text: str, end: int) -> int:
        """Where the start of `text` is in the source, from the last block found on (before `end`); -1 if not.
        Its first eight characters, else its first three (markup may part them: <span>索引号：</span>…)."""
        for probe in (text[:8], text[:3]):
            if probe and (found := self.source.find(probe, self.position, end)) >= 0:
                return found
        return -1

    def peek(self, text: str) -> int:
        """The source line of text inside the block being read: found as `locate` finds it, but
        without moving on, so that the block's own text is still found from its start. Looked for
        only as far as PEEK_CHARS on, so that many such lookups stay linear in the page."""
        found = self._find(text, self.position + PEEK_CHARS)
        return self.line + self.source.count("\n", self.position, found) if found >= 0 else self.line

    def locate(self, text: str) -> int:
        """The source line of a block's text (searched forward, so linear in the page)."""
        found = self._find(text, len(self.source))
        if found >= 0:
            self.line += self.source.count("\n", self.position, found)
            self.position = found
        return self.line

    def add(self, text: str, *, source: bool = True) -> None:
        """Text of the block being read. A newline in the page's source is white space (only <br>
        breaks a line)."""
        if source:
            text = _SOURCE_BREAK.sub(" ", text)
        self.inline.append(text)
        if text.strip():
            self.has_text, self.number_only = True, False

    def flush(self, heading: int = 0, *, opening: bool = False) -> None:
        """The block read so far, as lines. `opening`: a block opens inside it; a list item's number
        with nothing after it yet then waits for that block (<li><h1>主要目标</h1></li>)."""
        if opening and self.number_only:
            return
        before, title = self.run_in
        links, self.links = self.links, []
        parts = [tidy(part) for part in "".join(self.inline).split("\n")]
        for text, level in heading_lines(parts, heading):
            if not heading and is_chrome(text):  # 当前位置：首页 > …, as in copied text
                self.dropped.append(f"第{self.locate(text)}行（网页导航等）：{text[:60]}")
                links = []  # the chrome's own links
            else:
                run_in = run_in_length(text, tidy(before), tidy(title)) if "\n" not in before + title else 0
                self.items.append(
                    Line(
                        text,
                        self.locate(text),
                        heading=level,
                        run_in=run_in,
                        list_item=self.in_items > 0,
                        frames=self._frames(),
                    )
                )
                title = ""  # only the block's first line starts with it
        self.dropped += links
        self.inline = []
        self.strong, self.strong_start, self.run_in = None, None, ("", "")
        self.has_text = self.number_only = False

    def _frames(self) -> tuple[int, ...]:
        return tuple(number for _el, number in self.frames)

    def walk(self, root: Element) -> None:
        """The page in document order, with a stack rather than recursion: a page may nest
        elements thousands deep."""
        stack: list[tuple[Element, bool, bool]] = [(root, False, False)]  # element, in an article, closing
        while stack:
            el, in_article, closing = stack.pop()
            tag = _name(el)
            if closing:
                if el is self.strong and self.strong_start is not None:
                    start = self.strong_start
                    self.run_in = ("".join(self.inline[:start]), "".join(self.inline[start:]))
                    self.strong = None
                if tag in _HEADINGS:
                    self.flush(heading=int(tag[1]))
                elif tag in _BLOCKS:
                    self.flush()
                if tag == "li":
                    self.in_items -= 1
                if self.frames and self.frames[-1][0] is el:
                    self.flush()
                    self.frames.pop()
                self._tail(el)
                continue
            if _is_chrome(el, tag, in_article):
                text = tidy("".join(el.itertext()))
                if text and tag not in ("script", "style", "template"):
                    self.dropped.append(f"第{self.locate(text)}行（网页导航等）：{text[:60]}")
                self._tail(el)
                continue
            if tag == "br":
                self.add("\n", source=False)
                self._tail(el)
                continue
            if tag == "img":
                self.image(el)
                self._tail(el)
                continue
            if tag in MEDIA:
                self.media(el, tag)
                self._tail(el)
                continue
            if tag == "a" and (note := _footnote_number(el)):  # a footnote's mark, or its text's start
                self.add(f"〔注{note}〕" if self.has_text else f"注{note}：", source=False)
                self._tail(el)
                continue
            if tag == "a" and (href := el.get("href", "")):
                text = "".join(el.itertext())
                link = link_left_out(f"第{self.peek(tidy(text) or href)}行", text, href)
                self.links += [link] if link else []
            if tag == "table" and self.table(el):
                self._tail(el)
                continue
            if tag in _HEADINGS or tag in _BLOCKS:
                self.flush(opening=True)
            if _is_frame(el, tag) and len(self.frames) < MAX_FRAMES:
                self.flush()
                self.frame_count += 1
                self.frames.append((el, self.frame_count))
            if tag == "ol":  # the numbers a browser shows before the items are the document's text
                start = _number(el.get("start"))
                items = [child for child in el if child.tag == "li"]
                self.numbers.update({id(item): f"{start + k}." for k, item in enumerate(items)})
            if tag == "li":
                self.in_items += 1
                if number := self.numbers.pop(id(el), ""):
                    self.add(number, source=False)
                    self.number_only = True  # until text follows it
            if (tag in ("strong", "b") or _BOLD_STYLE.search(el.get("style") or "")) and self.strong_start is None:
                self.strong, self.strong_start = el, len(self.inline)
            if el.text:
                self.add(el.text)
            stack.append((el, in_article, True))
            inside = in_article or tag in ("article", "main")
            stack += [(child, inside, False) for child in reversed(el)]

    def image(self, el: Element) -> None:
        """An image is not text: it is listed in what was left out, but for an icon (a few pixels
        wide or high, as its attributes say), which shows nothing of the document."""
        sizes = [re.match(r"\s*(\d{1,5})\s*(px)?\s*$", el.get(name) or "") for name in ("width", "height")]
        if any(size and int(size[1]) <= ICON_PIXELS for size in sizes):
            return
        address = el.get("src", "")
        where = f"第{self.locate(address)}行" if address else f"第{self.line}行"
        self.dropped.append(image_left_out(where, el.get("alt") or el.get("title") or "", address))

    def media(self, el: Element, tag: str) -> None:
        """A video, a sound, an embedded page or a formula is listed in what was left out, with its
        address (or a formula's text), for the editor to write out or publish as an attachment."""
        if tag == "math":
            what = el.get("alttext") or tidy("".join(el.itertext()))
            self.dropped.append(f"第{self.locate(what)}行（公式没有导入：请用文字写出）：{what}")
            return
        if tag == "svg":
            words = tidy(" ".join(t for t in el.itertext() if t.strip()))
            if words:  # an icon has none
                self.dropped.append(image_left_out(f"第{self.locate(words.split()[0])}行", words, ""))
            return
        sources = [el.get("src") or el.get("data") or ""] + [child.get("src", "") for child in el.iter("source")]
        address = next((a.strip() for a in sources if a and a.strip()), "")
        where = f"第{self.locate(address)}行" if address else f"第{self.line}行"
        name = el.get("title") or el.get("aria-label") or ""
        what = "，".join(part for part in (f"“{name}”" if name else "", address[:MAX_QUOTED]) if part)
        self.dropped.append(
            f"{where}（{MEDIA[tag]}没有导入：网站只发布文字，请把其中的内容写成文字，或作为附件发布）：{what or '没有地址'}"
        )

    def _tail(self, el: Element) -> None:
        if el.tail:
            self.add(el.tail)

    def table(self, el: Element) -> bool:
        """A data table, or the metadata block: read, True. A layout table: False (walk it as blocks)."""
        rows = [r for r in _rows(el)]
        cells = [[c for c in r if c.tag in ("td", "th")] for r in rows]
        if any(t is not el for t in el.iter("table")) or max((len(r) for r in cells), default=0) < 2:
            return False
        if _is_layout(el, len(rows), [c for row in cells for c in row]):
            return False
        source = [
            [
                SourceCell(_cell_text(c), _number(c.get("rowspan")), _number(c.get("colspan")), c.tag == "th")
                for c in row
            ]
            for row in cells
            if row
        ]
        if any(len(c.text) > MAX_CELL_TEXT for row in source for c in row):
            return False
        self.flush()
        texts = [[c.text for c in row] for row in source]
        first = next((c.text for row in source for c in row if c.text), "")
        line = self.locate(first)
        if read_rows(texts, self.known):
            self.read += [f"第{line}行（已读作文件信息）：{' '.join(t for t in row if t)}" for row in texts]
            return True
        table = from_grid(source, line)
        if table is None:
            return False
        for a in (a for row in cells for c in row for a in c.iter("a")):
            text, href = "".join(a.itertext()), a.get("href", "")
            link = link_left_out(f"第{self.peek(tidy(text) or href)}行", text, href)
            self.dropped += [link] if link else []
        caption = el.find("caption")
        if caption is not None and tidy("".join(caption.itertext())):
            self.items.append(Line(tidy("".join(caption.itertext())), line, frames=self._frames()))
        table.frames = self._frames()
        self.items.append(table)
        return True


def _is_chrome(el: Element, tag: str, in_article: bool) -> bool:
    if tag in _CHROME_TAGS or (tag in _PAGE_CHROME_TAGS and not in_article):
        return True
    if not isinstance(el.tag, str):
        return True  # a comment or processing instruction: never text
    if el.get("title", "").lower() in ("header", "footer"):
        return True  # a Word or LibreOffice page's running header and footer, exported into the page
    if (tag in ("ul", "ol") and _is_menu(el)) or (tag in _LINK_BAR_TAGS and _is_link_bar(el)):
        return True
    name = f"{el.get('class', '')} {el.get('id', '')}".strip()
    return bool(name) and bool(_CHROME_NAME.search(name)) and tag not in ("td", "th", "tr", "table")


MENU_LINKS = 3  # a site's menu in a page has at least this many links
MENU_LINK_CHARS = 8  # each of a few characters: 首页, 政务公开, 办事服务
_FILE_LINK = re.compile(r"\.(pdf|docx?|xlsx?|wps|ofd|zip|rar)(?:$|[?#])", re.IGNORECASE)


def _is_menu(el: Element) -> bool:
    """A list of a site's pages (首页 新闻中心 政务公开 …), whatever its class: every item is one
    short link to a page. A list of files (附件1 附件2) or of longer titles is the document's."""
    items = [child for child in el if child.tag == "li"]
    if len(items) < MENU_LINKS or len(items) != sum(1 for child in el if isinstance(child.tag, str)):
        return False
    for item in items:
        links = [a for a in item.iter("a") if a.get("href")]
        if len(links) != 1 or not _site_link(links[0], "".join(item.itertext())):
            return False
    return True


def _site_link(link: Element, text: str) -> bool:
    """A link of a site's menu: a few characters (`text`, the link's or its item's), to a page,
    not to a file nor an annex (附件1 …)."""
    text = text.strip()
    return (
        0 < len(text) <= MENU_LINK_CHARS
        and not _FILE_LINK.search(link.get("href", ""))
        and not text.startswith(("附件", "附表"))
    )


_LINK_BAR_TAGS = ("td", "div", "p", "span", "center")
_SEPARATORS = re.compile(r"[\s|｜丨·•>＞/、]+")


LINK_BAR_NODES = 200  # a menu is small: a block of more elements is not looked into (so each look is bounded)


def _is_link_bar(el: Element) -> bool:
    """A block of a site's links and nothing else (an older page's menu in a table cell, links
    between <br>s; a row of footer links), perhaps under a short label (栏目导航): as a menu."""
    nodes = list(itertools.islice(el.iter(), LINK_BAR_NODES + 1))
    if len(nodes) > LINK_BAR_NODES or any(isinstance(t.tag, str) and t.tag in ("table", "img") for t in nodes[1:]):
        return False
    links = [a for a in nodes if a.tag == "a" and a.get("href")]
    if len(links) < MENU_LINKS:
        return False
    if not all(_site_link(link, "".join(link.itertext())) for link in links):
        return False
    inside = sum(len(_SEPARATORS.sub("", "".join(link.itertext()))) for link in links)
    return len(_SEPARATORS.sub("", "".join(el.itertext()))) - inside <= MENU_LINK_CHARS


_SOURCE_BREAK = re.compile(r"[\r\n]+")
PEEK_CHARS = 4000  # how far on from the block's start text inside it is looked for (a long paragraph)
ICON_PIXELS = 48  # an image no wider or higher than this is an icon or a spacer, not a figure
_FOOTNOTE_MARK = re.compile(r"[\[［(（]?(\d{1,3})[\]］)）]?")  # 1, [1], （1）


def _footnote_number(el: Element) -> str:
    """The number of a footnote link (<a href="#…"><sup>1</sup></a>, as Word and LibreOffice write
    one into the text and before the note itself); "" for any other link."""
    if not el.get("href", "").startswith("#"):
        return ""
    match = _FOOTNOTE_MARK.fullmatch("".join(el.itertext()).strip())
    return match.group(1) if match else ""


def _is_frame(el: Element, tag: str) -> bool:
    """A box drawn around text: a quotation, a table of one column that is not a data table (a
    table of more is read as a table, or is the page's layout), an element its style draws a
    border around."""
    if tag == "blockquote":
        return True
    if tag == "table":
        return all(sum(1 for c in row if c.tag in ("td", "th")) <= 1 for row in _rows(el))
    return bool(_DRAWN_BORDER.search(el.get("style") or ""))


LAYOUT_BLOCKS = 6  # paragraphs in one cell: a page laid out in a table holds the document so; a data cell holds a few
LAYOUT_ROWS = 5  # rows of a page laid out in a table: a banner, the menu and the document, a footer


def _is_layout(table: Element, rows: int, cells: list[Element]) -> bool:
    """A table that lays out a page (an older CMS: the menu in one cell, the document in the
    next, the footer in a row across), not one of the document's: it says so (role), a cell
    holds a heading, or, in a table of a few rows, a cell holds the paragraphs of a text (a data
    table's cell listing six measures is one of many rows)."""
    if table.get("role", "").lower() in ("presentation", "none"):
        return True
    for cell in cells:
        if any(isinstance(node.tag, str) and node.tag in _HEADINGS for node in cell.iter()):
            return True
        if (
            rows <= LAYOUT_ROWS
            and sum(1 for node in cell.iter() if node.tag in ("p", "div", "br", "li")) >= LAYOUT_BLOCKS
        ):
            return True
    return False


def _rows(table: Element) -> list[Element]:
    """The table's own rows (thead, tbody, tfoot or direct), not those of a nested table."""
    out = []
    for child in table:
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            out += [r for r in child if r.tag == "tr"]
    return out


def _cell_text(cell: Element) -> str:
    """A cell's paragraphs joined by a space (a cell is one value in the model)."""
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(cell, False)]  # element, closing (no recursion: see walk)
    while stack:
        el, closing = stack.pop()
        if closing:
            parts.append(el.tail or "" if el is not cell else "")
            continue
        if not isinstance(el.tag, str) or _name(el) in _CHROME_TAGS or _name(el) in MEDIA:
            parts.append(el.tail or "")
            continue
        if el.tag in _BLOCKS or el.tag == "br":
            parts.append("\n")
        parts.append(el.text or "")
        stack.append((el, True))
        stack += [(child, False) for child in reversed(el)]
    return " ".join(t for t in (tidy(p) for p in "".join(parts).split("\n")) if t)


def _name(el: Element) -> str:
    """An element's name without its namespace: html5lib puts <svg> and <math> in their own."""
    return el.tag.rpartition("}")[2] if isinstance(el.tag, str) else ""


def _number(value: str | None) -> int:
    """rowspan / colspan as a browser reads it: digits at the start, at least 1, at most 1000."""
    match = re.match(r"\s*(\d{1,4})", value or "")
    return min(max(int(match.group(1)), 1), 1000) if match else 1


class TooDeepError(ValueError):
    """Elements nested deeper than any real page: parsing it would take quadratic time."""


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option"}  # fmt: skip
MAX_DEPTH = 512  # elements inside one another, as browsers also cap it


def _nesting(text: str) -> int:
    """How deep the page's elements nest (a linear count of open and close tags; tags a page
    may leave open, such as <p> and <td>, are not counted)."""
    depth = deepest = 0
    for match in _TAG.finditer(text):
        if match.group(2).lower() in _VOID or match.group(3):
            continue
        depth = max(depth - 1, 0) if match.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def html_items(text: str, known: DocDraft, read: list[str], dropped: list[str]) -> list[Line | TableDraft]:
    """The page's lines and tables; its metadata block goes into `known`."""
    if (depth := _nesting(text)) > MAX_DEPTH:
        raise TooDeepError(f"元素嵌套了 {depth} 层（正常网页不超过 {MAX_DEPTH} 层）")
    root = html5lib.parse(text, namespaceHTMLElements=False)
    body = root.find("body")
    walk = _Walk(text, known, read, dropped)
    if body_tag := _BODY_TAG.search(text):  # the page's <title> repeats text of its body
        walk.line, walk.position = text.count("\n", 0, body_tag.start()) + 1, body_tag.start()
    if body is not None:
        walk.walk(body)
    walk.flush()
    walk.items = read_lines(walk.items, known, read)
    metas = _gov_metas(root, known, read)
    title = root.find("head/title")
    stated = metas.get("ArticleTitle") or (tidy(title.text) if title is not None and title.text else "")
    if not any(isinstance(i, Line) and i.heading == 1 for i in walk.items) and stated:
        _title_from_head(walk.items, stated)
    return walk.items


# 政府网站网页元数据 (the metadata a government site puts in every page's head): what a saved
# page states outright. Its title marks the title line; the rest fills what the page left open.
GOV_METAS = ("ArticleTitle", "PubDate", "ContentSource", "Keywords")
_META_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _gov_metas(root: Element, known: DocDraft, read: list[str]) -> dict[str, str]:
    """The page's government metadata, by name; its date, source and keywords go into `known`
    where nothing else stated them (each listed as read)."""
    found: dict[str, str] = {}
    for meta in root.iterfind("head/meta"):
        name, content = meta.get("name", ""), tidy(meta.get("content", ""))
        if name in GOV_METAS and content and name not in found:
            found[name] = content
            read.append(f"网页元数据 {name}：{content[:60]}")
    if (date := _META_DATE.match(found.get("PubDate", ""))) and known.date_published is None:
        known.date_published = iso_date(date.group())  # None for an impossible date
    if found.get("ContentSource") and not known.source_title:
        known.source_title = found["ContentSource"]
    if found.get("Keywords") and not known.keywords:
        known.keywords = [k for k in re.split(r"[\s,，;；、]+", found["Keywords"]) if k]
    return found


def _title_from_head(items: list[Line | TableDraft], title: str) -> None:
    """Without an <h1>, the page's first line that the stated title (ArticleTitle, else <title>,
    where site names follow it) starts with is the title."""
    for item in items[:20]:
        if isinstance(item, Line) and len(item.text) >= 4 and title.startswith(item.text):
            item.heading = 1
            return
