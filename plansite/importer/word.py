"""A Word file (.docx) in: the same items as plain text.

python-docx opens the package; the body is read in order from its XML, so
paragraphs and tables keep their places:

- a paragraph in a heading style (标题 1…9 / Heading 1…9, or any style with an
  outline level) is a heading of that level, the Title style the title;
- automatic numbering is written out as Word displays it (`（三）`, `一、`,
  `1.`), from numbering.xml: each list's counters, its levels' formats and
  their text (`（%1）`), restarts under a higher level;
- a table keeps its merged cells (gridSpan across, vMerge down) and its header
  rows (tblHeader);
- a paragraph that starts in bold and goes on plain has a run-in title: the
  bold part (`（一）加强组织领导。` then the text);
- footnote and endnote references become 〔注N〕 and the notes follow the text as 注N：…;
- a text box is read once (Word keeps an older copy of it beside it), after the
  paragraph it is anchored in; its lines, and those of a one-cell table, know the
  box they are in, so a 专栏 drawn as a box ends where the box does;
- the document properties give the title (when the document shows it) and the
  主题词 (keywords).

Word has no line numbers; an item's number is its paragraph's position (第N段).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import LxmlError  # type: ignore[import-untyped]  # lxml ships no types

from .draft import DocDraft
from .lines import (
    MAX_FRAMES,
    Line,
    contents_lines,
    heading_lines,
    image_left_out,
    is_letterhead,
    is_letterhead_table,
    link_left_out,
    run_in_length,
)
from .tables import SourceCell, TableDraft, from_grid

SUFFIXES = (".docx", ".docm", ".dotx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# A picture or chart in a drawing (a text box is a drawing too, but its text is read as text);
# a picture in the older VML markup; the drawing's description (alternative text) and title.
_PICTURE = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"
_VML_PICTURE = "{urn:schemas-microsoft-com:vml}imagedata"
_DRAWING_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_TEXT_BOX = f"{W}txbxContent"  # a text box's paragraphs and tables (in a DrawingML shape or a VML one)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"  # a copy for older readers
_RUBY_TEXT = f"{W}rt"  # 拼音指南: the pinyin set over characters, a reading aid and not the text
_OBJECT = f"{W}object"  # an embedded object (an Excel sheet, an equation): its preview is a picture
_OLE_OBJECT = "{urn:schemas-microsoft-com:office:office}OLEObject"
# A SmartArt diagram (an organisation chart): its boxes' text is in a part of its own.
_DIAGRAM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}relIds"
_DRAWN_TEXT = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath"  # an equation (Insert > Equation)
_MATH_TEXT = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
# What an embedded object's program is, for the editor (its ProgID starts with the program).
OBJECT_KINDS = (("Excel", "Excel 表格"), ("Word", "Word 文档"), ("Equation", "公式"), ("PowerPoint", "演示文稿"))
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
MAX_LEVELS = 9
CHARACTER_STYLE = 2  # python-docx's WD_STYLE_TYPE.CHARACTER


# A character inserted from a symbol font (Insert > Symbol: w:sym) as the character it shows: the
# boxes and ticks of a form (□男 □女, ☑是). Another symbol is listed as left out.
SYMBOLS: dict[tuple[str, int], str] = {
    ("wingdings", 0xA8): "□",
    ("wingdings", 0xFB): "✗",
    ("wingdings", 0xFC): "✓",
    ("wingdings", 0xFD): "☒",
    ("wingdings", 0xFE): "☑",
    ("wingdings 2", 0x52): "☑",
    ("wingdings 2", 0x53): "☒",
    ("symbol", 0xD6): "√",
    ("symbol", 0xB4): "×",
}


MAX_GRID = 63  # columns: Word's own limit (a wider gridSpan or gridBefore is a damaged file's)
MAX_COUNT = 99_999  # a list's start


def whole(value: str | None, default: int, most: int) -> int:
    """An attribute Word writes as a whole number, at most `most`; `default` where it is missing
    or not one (a damaged or hand-made file: never an error, never a loop over a huge number)."""
    return min(int(value), most) if value and value.isascii() and value.isdigit() else default


class NotWordError(ValueError):
    """The file is not a Word document python-docx can open."""


def is_docx(data: bytes) -> bool:
    """A zip package holding word/document.xml."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "word/document.xml" in package.namelist()
    except zipfile.BadZipFile:
        return False


# --- automatic numbering --------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"  # 大写, as on cheques: chineseLegalSimplified


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百", *, legal: bool = False) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (chineseCounting); in 大写 (legal)
    the tens always have their digit: 10 → 壹拾, 12 → 壹拾贰."""
    if n <= 0 or n >= 1000:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        lead = digits[n // 10] if n >= 20 or legal else ""
        return lead + ten + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    if not rest:
        tail = ""
    elif rest < 10:
        tail = "零" + digits[rest]
    else:  # 110 is 一百一十, never 一百十
        tail = _chinese(rest, digits, ten, hundred, legal=legal)
        tail = tail if rest >= 20 or legal else digits[1] + tail
    return digits[n // 100] + hundred + tail


def _legal(n: int) -> str:
    return _chinese(n, _CN_LEGAL, "拾", "佰", legal=True)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalFullWidth2": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "chineseLegalSimplified": _legal,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,  # LibreOffice writes 一, 二, 三 so
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "ideographEnclosedCircle": lambda n: chr(0x3220 + n - 1) if 1 <= n <= 10 else _chinese(n),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "none": lambda n: "",
}


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str  # lvlText, e.g. （%1）


@dataclass
class Numbering:
    """numbering.xml: each list (numId) -> its levels; and the lists' counters as the body is read."""

    lists: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, root) -> Numbering:  # type: ignore[no-untyped-def]
        numbering = cls()
        if root is None:
            return numbering
        abstracts = {a.get(f"{W}abstractNumId"): _levels(a) for a in root.iter(f"{W}abstractNum")}
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = dict(abstracts.get(ref.get(f"{W}val") if ref is not None else None, {}))
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = whole(override.get(f"{W}ilvl"), 0, MAX_LEVELS)
                start = override.find(f"{W}startOverride")
                if start is not None and ilvl in levels:
                    old = levels[ilvl]
                    levels[ilvl] = _Level(whole(start.get(f"{W}val"), 1, MAX_COUNT), old.fmt, old.text)
            numbering.lists[num.get(f"{W}numId", "")] = levels
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """The label Word shows for the next paragraph of list `num_id` at level `ilvl`."""
        levels = self.lists.get(num_id)
        if not levels or ilvl not in levels or levels[ilvl].fmt == "bullet":
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a higher level restarts the levels under it

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            level = levels.get(k)
            if level is None:
                return ""
            count = counters.get(k, level.start)
            return FORMATS.get(level.fmt, str)(count)

        return re.sub(r"%(\d)", value, levels[ilvl].text)


def _levels(abstract) -> dict[int, _Level]:  # type: ignore[no-untyped-def]
    out = {}
    for lvl in abstract.iter(f"{W}lvl"):
        start, fmt, text = (_val(lvl, "start", "1"), _val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""))
        out[whole(lvl.get(f"{W}ilvl"), 0, MAX_LEVELS)] = _Level(whole(start, 1, MAX_COUNT), fmt, text)
    return out


def _val(element, tag: str, default: str) -> str:  # type: ignore[no-untyped-def]
    node = element.find(f"{W}{tag}")
    return node.get(f"{W}val", default) if node is not None else default


# --- the body -------------------------------------------------------------------------


@dataclass
class _Reader:
    document: Any  # docx.document.Document
    numbering: Numbering
    notes: dict[tuple[str, str], str]  # (footnote or endnote, id) -> the note's text
    dropped: list[str]  # the letterhead and images left out, for the editor to check
    items: list[Line | TableDraft] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)  # notes' texts, in order of reference
    count: int = 0  # paragraphs read
    frames: tuple[int, ...] = ()  # the boxes (text boxes, one-cell tables) around what is read now
    frame_count: int = 0  # boxes met so far: each box's number

    def blocks(self, parent) -> None:  # type: ignore[no-untyped-def]
        """The paragraphs and tables of the body, in order; those in a content control (a contents
        list, a cover page, a form's fields) or a custom XML block as well."""
        stack = [iter(parent.iterchildren())]  # a stack, not recursion: controls may nest deep
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            elif child.tag == f"{W}p":
                self.paragraph(child)
            elif child.tag == f"{W}tbl":
                self.table(child)
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                stack.append(iter(child.iterchildren()))

    def paragraph(self, p) -> None:  # type: ignore[no-untyped-def]
        self.count += 1
        boxes: list[Any] = []
        text = self.text(p, boxes if len(self.frames) < MAX_FRAMES else None)
        style = self.style_of(p)
        level = self.heading_level(p, style)
        label = self.number_label(p, style)
        plain, bold = self.bold_start(p, style)
        # A line break (Shift+Enter) starts a line of its own, as <br> does in a web page.
        parts = [part.strip() for part in (label + text).split("\n")]
        for n, (line, line_level) in enumerate(heading_lines(parts, level)):
            if is_letterhead(line) and not line_level:  # the red letterhead a printed copy starts with: not the text
                self.dropped.append(f"第{self.count}段（发文机关标志）：{line}")
            else:
                run_in = run_in_length(line, label + plain, bold) if n == 0 else 0
                self.items.append(Line(line, self.count, heading=line_level, run_in=run_in, frames=self.frames))
        for box in boxes:
            with self.framed():
                self.blocks(box)

    @contextmanager
    def framed(self) -> Iterator[None]:
        """While a box drawn in the document is read: the items read know they are in it."""
        self.frame_count += 1
        around, self.frames = self.frames, (*self.frames, self.frame_count)
        try:
            yield
        finally:
            self.frames = around

    def bold_start(self, p, style) -> tuple[str, str]:  # type: ignore[no-untyped-def]
        """(plain text before, bold text) of the paragraph's first bold runs, where plain text
        follows them: a bold run-in title, perhaps after a typed label; ("", "") where there is none."""
        inherited = _style_bold(style)
        plain: list[str] = []
        bold: list[str] = []
        for run in (node for node in _own_nodes(p, None) if node.tag == f"{W}r" and not _hidden(node)):
            piece = "".join(
                node.text or "" if node.tag == f"{W}t" else "\t" for node in run if node.tag in (f"{W}t", f"{W}tab")
            )
            if not piece.strip():  # spaces go with the part being read
                (bold if bold else plain).append(piece)
            elif self.run_bold(run, inherited):
                bold.append(piece)
            elif bold:  # plain text after the bold: the title ends here
                return "".join(plain), "".join(bold)
            else:
                plain.append(piece)
        return "", ""

    def run_bold(self, run, inherited: bool | None) -> bool:  # type: ignore[no-untyped-def]
        """Whether a run shows bold: its own formatting, else its character style, else the paragraph's."""
        rpr = run.find(f"{W}rPr")
        node = rpr.find(f"{W}b") if rpr is not None else None
        if node is not None:
            return node.get(f"{W}val", "true").lower() not in ("0", "false", "off")
        node = rpr.find(f"{W}rStyle") if rpr is not None else None
        if node is not None:
            try:
                found = _style_bold(self.document.styles.get_by_id(node.get(f"{W}val"), CHARACTER_STYLE))
            except (KeyError, ValueError):
                found = None
            if found is not None:
                return found
        return bool(inherited)

    def text(self, p, boxes: list[Any] | None = None) -> str:  # type: ignore[no-untyped-def]
        """The paragraph's text; its text boxes go into `boxes` (to be read after it), or where
        `boxes` is None are read as part of its text."""
        parts: list[str] = []
        for node in _own_nodes(p, boxes):
            tag = node.tag
            if tag == f"{W}t":
                run = node.getparent()
                # Text moved away (tracked) is read where it went.
                if run is None or run.getparent() is None or run.getparent().tag != f"{W}moveFrom":
                    parts.append(_in_symbol_font(run, node.text or ""))
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append("\t")
            elif tag == f"{W}noBreakHyphen":  # Word's non-breaking hyphen (2021-2025 kept on one line)
                parts.append("-")
            elif tag == f"{W}sym":
                parts.append(self.symbol(node))
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                note = self.notes.get((tag[len(W) : -len("Reference")], node.get(f"{W}id", "")))
                if note is not None:
                    self.cited.append(note)
                    parts.append(f"〔注{len(self.cited)}〕")
            elif tag == f"{W}delText":
                continue  # tracked deletions are not the text
            elif tag in (f"{W}drawing", f"{W}pict"):
                self.image(node)
            elif tag == _OBJECT:
                self.embedded(node)
            elif tag == _MATH:
                formula = "".join(t.text or "" for t in node.iter(_MATH_TEXT))
                self.dropped.append(
                    f"第{self.count}段（公式没有导入：请用文字写出，如“覆盖率＝服务人数÷总人数×100%”）：{formula}"
                )
            elif tag == f"{W}r" and _hidden(node):
                text = "".join(t.text or "" for t in node.iter(f"{W}t"))
                if text.strip():
                    self.dropped.append(f"第{self.count}段（隐藏文字，Word 里不显示也不打印，没有导入）：{text}")
            elif tag == f"{W}hyperlink":
                self.link(node)
        return "".join(parts)

    def link(self, node) -> None:  # type: ignore[no-untyped-def]
        """A link's text is read as text; its address (another document, a web page) is listed."""
        relation = self.document.part.rels.get(node.get(f"{R}id", ""))
        if relation is None or not relation.is_external:
            return  # a link to a bookmark in the document (w:anchor)
        text = "".join(t.text or "" for t in node.iter(f"{W}t"))
        if line := link_left_out(f"第{self.count}段", text, relation.target_ref):
            self.dropped.append(line)

    def symbol(self, node) -> str:  # type: ignore[no-untyped-def]
        """The character a symbol font's glyph shows, where it is a form's box or tick; else ""
        and the symbol is listed as left out."""
        font = (node.get(f"{W}font") or "").strip()
        try:
            code = int(node.get(f"{W}char") or "", 16) & 0xFF  # F0A8: the font's A8, in the private area
        except ValueError:
            code = -1
        shown = SYMBOLS.get((font.lower(), code), "")
        if not shown:
            self.dropped.append(
                f"第{self.count}段（符号字体 {font or '未知'} 的字符没有导入：请对照原文，用文字写出它的意思）"
            )
        return shown

    def embedded(self, node) -> None:  # type: ignore[no-untyped-def]
        """An embedded object is not text the importer can read: it is listed, with its program."""
        ole = next(node.iter(_OLE_OBJECT), None)
        program = (ole.get("ProgID") or "") if ole is not None else ""
        kind = next((f"（{name}）" for start, name in OBJECT_KINDS if program.startswith(start)), "")
        self.dropped.append(
            f"第{self.count}段（嵌入的对象{kind}没有导入：请把它的内容复制成 Word 里的文字或表格再导入，或作为附件发布）"
        )

    def image(self, drawing) -> None:  # type: ignore[no-untyped-def]
        """A picture or chart is not text: it is listed in what was left out, with its alternative
        text; a SmartArt diagram with the text in its boxes."""
        diagram = next(drawing.iter(_DIAGRAM), None)
        if diagram is not None:
            self.dropped.append(
                f"第{self.count}段（图示（SmartArt）没有导入：请把其中的内容写成文字或表格）：{self.diagram_text(diagram)}"
            )
            return
        if next(drawing.iter(_PICTURE, _CHART, _VML_PICTURE), None) is None:
            return
        properties = next(drawing.iter(_DRAWING_PROPERTIES), None)
        description = ""
        if properties is not None:
            description = properties.get("descr") or properties.get("title") or ""
        self.dropped.append(image_left_out(f"第{self.count}段", description, ""))

    def diagram_text(self, ids) -> str:  # type: ignore[no-untyped-def]
        """The text in a SmartArt diagram's boxes, in the order of its data ("" where unreadable)."""
        from docx.oxml import parse_xml

        part = self.document.part.related_parts.get(ids.get(f"{R}dm", ""))
        try:
            root = parse_xml(part.blob) if part is not None else None
        except LxmlError:
            return ""
        return (
            "／".join(t.text for t in root.iter(_DRAWN_TEXT) if t.text and t.text.strip()) if root is not None else ""
        )

    def style_of(self, p):  # type: ignore[no-untyped-def]
        ppr = p.find(f"{W}pPr")
        node = ppr.find(f"{W}pStyle") if ppr is not None else None
        style_id = node.get(f"{W}val") if node is not None else None
        try:
            return self.document.styles.get_by_id(style_id, 1) if style_id else None
        except (KeyError, ValueError):
            return None

    def heading_level(self, p, style) -> int:  # type: ignore[no-untyped-def]
        for holder in self._chain(p, style):
            ppr = holder.find(f"{W}pPr")
            outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
            level = whole(outline.get(f"{W}val"), MAX_LEVELS, MAX_LEVELS) if outline is not None else MAX_LEVELS
            if level < MAX_LEVELS:  # 9 is Word's body text
                return level + 2
        while style is not None:
            name = (style.name or "").strip()
            if name.lower() in ("title", "标题"):
                return 1
            match = _HEADING_STYLE.match(name)
            if match:
                return int(match.group(1)) + 1
            style = style.base_style
        return 0

    def number_label(self, p, style) -> str:  # type: ignore[no-untyped-def]
        for holder in self._chain(p, style):
            ppr = holder.find(f"{W}pPr")
            num = ppr.find(f"{W}numPr") if ppr is not None else None
            if num is None:
                continue
            num_id = num.find(f"{W}numId")
            ilvl = num.find(f"{W}ilvl")
            if num_id is None or num_id.get(f"{W}val") == "0":
                return ""
            return self.numbering.label(
                num_id.get(f"{W}val", ""), whole(ilvl.get(f"{W}val"), 0, MAX_LEVELS) if ilvl is not None else 0
            )
        return ""

    @staticmethod
    def _chain(p, style) -> Iterator[Any]:  # type: ignore[no-untyped-def]
        """The paragraph, then its style and the styles it is based on (direct formatting wins)."""
        yield p
        while style is not None:
            yield style.element
            style = style.base_style

    def table(self, tbl) -> None:  # type: ignore[no-untyped-def]
        cells = [tr.findall(f"{W}tc") for tr in tbl.findall(f"{W}tr")]
        texts = ("".join(t.text or "" for t in tc.iter(f"{W}t")) for row in cells for tc in row)
        one_line = len(cells) < 2 or all(len(row) <= 1 for row in cells)
        if one_line and len(self.frames) < MAX_FRAMES and not is_letterhead_table(texts):
            # One row or one column: a box drawn around text (a 专栏), read as what it holds: its
            # paragraphs, and the tables in it (a 专栏 of indicators) as tables.
            with self.framed():
                for tc in (tc for row in cells for tc in row):
                    self.blocks(tc)
            return
        self.data_table(tbl)

    def data_table(self, tbl) -> None:  # type: ignore[no-untyped-def]
        rows: list[list[SourceCell]] = []
        paragraphs: dict[tuple[int, int], list[str]] = {}  # (row, index) -> the cell's paragraphs
        above: dict[int, tuple[int, int]] = {}  # grid column -> (row, index) of the cell a vMerge continues
        spans: dict[tuple[int, int], int] = {}  # (row, index) -> rows it covers
        first = self.count + 1
        for tr in tbl.findall(f"{W}tr"):
            trpr = tr.find(f"{W}trPr")
            header = trpr is not None and trpr.find(f"{W}tblHeader") is not None
            before = trpr.find(f"{W}gridBefore") if trpr is not None else None
            column = whole(before.get(f"{W}val"), 0, MAX_GRID) if before is not None else 0
            row: list[SourceCell] = []
            for tc in tr.findall(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span_node = tcpr.find(f"{W}gridSpan") if tcpr is not None else None
                cols = max(whole(span_node.get(f"{W}val"), 1, MAX_GRID), 1) if span_node is not None else 1
                merge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                if merge is not None and merge.get(f"{W}val", "continue") == "continue" and column in above:
                    spans[above[column]] = spans.get(above[column], 1) + 1
                    column += cols
                    continue
                in_cell = list(_paragraphs(tc))
                paragraphs[(len(rows), len(row))] = [
                    line.strip() for p in in_cell for line in self.text(p).split("\n") if line.strip()
                ]
                text = " ".join(paragraphs[(len(rows), len(row))])
                self.count += len(in_cell)
                key = (len(rows), len(row))
                for c in range(column, column + cols):
                    above[c] = key
                row.append(SourceCell(text, 1, cols, header))
                column += cols
            rows.append(row)
        source = [
            [SourceCell(c.text, spans.get((r, k), 1), c.cols, c.header) for k, c in enumerate(row)]
            for r, row in enumerate(rows)
        ]
        if is_letterhead_table(c.text for row in source for c in row):
            names = [c.text for row in source for c in row if c.text and "".join(c.text.split()) != "文件"]
            self.dropped.append(f"第{first}段（发文机关标志）：{' '.join(names)} 文件")
            return
        if not any(c.header for c in source[0] if source):
            source[0:1] = [[SourceCell(c.text, c.rows, c.cols, True) for c in source[0]]] if source else []
        table = from_grid(source, first)
        if table is not None:
            table.frames = self.frames
            self.items.append(table)
        else:  # one row or one column: a box drawn around text (a 专栏), read as its paragraphs
            with self.framed():
                self.items += [
                    Line(text, first, frames=self.frames)
                    for r, row in enumerate(source)
                    for k in range(len(row))
                    for text in paragraphs[(r, k)]
                ]


def _own_nodes(p, boxes: list[Any] | None) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The paragraph's nodes in document order, without the copy of a drawing kept for older
    readers (its text would be read twice); its text boxes' contents go into `boxes`, or where
    `boxes` is None are walked as the paragraph's own."""
    stack = [iter(p)]  # a stack, not recursion: runs and boxes may nest deep
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif node.tag in (_FALLBACK, _RUBY_TEXT):
            continue
        elif node.tag == _TEXT_BOX and boxes is not None:
            boxes.append(node)
        else:
            yield node
            if node.tag != _OBJECT and not (node.tag == f"{W}r" and _hidden(node)):  # read as a whole, or not
                stack.append(iter(node))


_SYMBOL_FONT_AREA = re.compile("[\uf000-\uf0ff]")  # where a symbol font's characters are typed


def _in_symbol_font(run, text: str) -> str:  # type: ignore[no-untyped-def]
    """Text typed in a symbol font (☑ typed in Wingdings is U+F0FE) as the characters SYMBOLS
    knows; any other stays as it is, a private-use character the importer marks for the editor."""
    if run is None or not _SYMBOL_FONT_AREA.search(text):
        return text
    fonts = run.find(f"{W}rPr/{W}rFonts")
    names = (
        {(fonts.get(f"{W}{kind}") or "").strip().lower() for kind in ("ascii", "hAnsi", "eastAsia", "cs")}
        if fonts is not None
        else set()
    )
    return _SYMBOL_FONT_AREA.sub(
        lambda m: next(
            (SYMBOLS[name, ord(m[0]) & 0xFF] for name in names if (name, ord(m[0]) & 0xFF) in SYMBOLS), m[0]
        ),
        text,
    )


def _hidden(run) -> bool:  # type: ignore[no-untyped-def]
    """Whether a run is hidden text (Font > Hidden), which Word neither shows nor prints."""
    rpr = run.find(f"{W}rPr")
    node = rpr.find(f"{W}vanish") if rpr is not None else None
    return node is not None and node.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _paragraphs(cell) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A table cell's paragraphs, those of tables nested in it too, but not the paragraphs of a
    text box in one of them (which is read with the paragraph's text)."""
    stack = [iter(cell)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif node.tag == f"{W}p":
            yield node
        elif node.tag != _FALLBACK:
            stack.append(iter(node))


def _style_bold(style) -> bool | None:  # type: ignore[no-untyped-def]
    """Bold as a style sets it, or the style it is based on; None where none says."""
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return None


NOTES = (("footnote", "脚注"), ("endnote", "尾注"))  # Word's two kinds of note, one numbering in a draft


def _notes(document, dropped: list[str]) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    """The footnotes' and endnotes' texts by (kind, id); a part that cannot be read gives none of
    its notes, and is listed as left out."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    parts = {RT.FOOTNOTES: NOTES[0], RT.ENDNOTES: NOTES[1]}
    notes = {}
    for rel in document.part.rels.values():
        if rel.reltype not in parts or rel.is_external:
            continue
        kind, name = parts[rel.reltype]
        try:
            root = parse_xml(rel.target_part.blob)
        except LxmlError:
            dropped.append(f"（{name}无法读取：文件的{name}部分已损坏，请在 Word 里打开后另存再导入，或补写{name}）")
            continue
        for note in root.iter(f"{W}{kind}"):
            if note.get(f"{W}type") in (None, "normal"):  # not the separator lines
                notes[kind, note.get(f"{W}id", "")] = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
    return notes


def word_items(data: bytes, known: DocDraft, dropped: list[str]) -> list[Line | TableDraft]:
    """The document's paragraphs and tables, headings marked; properties go into `known`, and
    what is left out (the letterhead, images, a contents list) into `dropped`."""
    import docx  # imported here: only an import of a Word file needs it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except LxmlError as error:  # XML nested deeper than lxml reads (256), or not XML
        raise NotWordError(f"内容不是正常的 Word 格式：{error}") from error
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise NotWordError(str(error)) from error
    numbering_part = None
    try:
        numbering_part = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_part = None
    reader = _Reader(document, Numbering.read(numbering_part), _notes(document, dropped), dropped)
    reader.blocks(document.element.body)
    # A contents list typed or made by Word ("目录", then entries that come back as the headings).
    contents = contents_lines([item.text if isinstance(item, Line) else "" for item in reader.items])
    for n in sorted(contents):
        item = reader.items[n - 1]
        if isinstance(item, Line):
            dropped.append(f"第{item.number}段（目录）：{item.text}")
    reader.items = [item for n, item in enumerate(reader.items, 1) if n not in contents]
    reader.items += [Line(f"注{i}：{text}", reader.count) for i, text in enumerate(reader.cited, 1)]
    _properties(document, reader.items, known)
    return reader.items


def _properties(document, items: list[Line | TableDraft], known: DocDraft) -> None:  # type: ignore[no-untyped-def]
    """The title property marks the paragraph that shows it (a property alone is often stale); keywords."""
    from docx.opc.parts.coreprops import CorePropertiesPart

    # Found by its kind of content, not by its relationship: LibreOffice links it by a name of the
    # relationship (…/officedocument/2006/relationships/metadata/core-properties) python-docx does
    # not know, and python-docx then gives properties of its own (title "Word Document").
    part = next((p for p in document.part.package.iter_parts() if isinstance(p, CorePropertiesPart)), None)
    if part is None:
        return
    props = part.core_properties
    title = (props.title or "").strip()
    if title and not any(isinstance(i, Line) and i.heading == 1 for i in items):
        squeezed = re.sub(r"\s+", "", title)
        for item in items[:20]:
            if isinstance(item, Line) and re.sub(r"\s+", "", item.text) == squeezed:
                item.heading = 1
                break
    keywords = [k for k in re.split(r"[\s,，;；、]+", props.keywords or "") if k]
    if keywords and not known.keywords:
        known.keywords = keywords
