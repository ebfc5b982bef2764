"""From a text file to clean lines: decode, drop chrome, rejoin broken lines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..numbering import numbered, style_of
from .patterns import ISSUER, is_standalone, issuers

# Page numbers of a PDF or a printed page: — 3 —, - 3 -, 第 3 页, 第3页 共12页.
PAGE_NUMBERS = (r"[—–\-－]{1,2}\s*\d{1,4}\s*[—–\-－]{1,2}", r"第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?")

# The issuer's red letterhead (发文机关标志) over a printed document: the issuer is its signature's.
# Its issuers' names hold no sentence's punctuation: 各单位要学习贯彻，某市残联文件 is a sentence.
LETTERHEAD = r"[^，。；：！？、“”《》]{2,30}(人民政府|办公厅|办公室|委员会|残疾人联合会|残联)[\s\u3000]*文件"
_LETTERHEAD = re.compile(LETTERHEAD)

# Links to other articles, from this line to the end (a page's footer after them is chrome too)
RECOMMENDED = r"[▼▽↓\s]*(往期推荐|推荐阅读|往期回顾|精彩推荐|相关阅读|相关信息|相关新闻|相关文章|相关链接)[：:▼▽↓\s]*"
_CREDIT = r"(?:责任编辑|责编|编辑|审核|校对|排版|美编|初审|复审|终审)\s*[:：]\s*[^\s，。；：！？、]{1,12}"

# Lines that belong to a web page or a gazette, never to the document itself.
# Each is a whole-line pattern; what they remove is listed on stderr for review.
CHROME_PATTERNS: tuple[str, ...] = (
    # web-page toolbars and widgets
    r"语音播报",
    r"语音合成中.*",
    r"(进入|退出)播报模式",
    r"beginsound",
    r"扫一扫在手机打开当前页",
    r"无障碍版",
    r"纯文本通道",
    r"内部系统入口",
    r"欢迎访问.{0,30}网站",
    r"相关分类",
    r"\|?\s*注册\s*网站支持IPV6",
    r"首页(\s+\S+){2,}",  # a navigation bar: 首页 政务公开 政务服务 …
    r"(网站)?首页(\s*[|｜丨]\s*\S{1,12})+\s*[|｜丨]?",  # one with bars: 网站首页 | 政务公开
    LETTERHEAD,
    r"(您的)?当前位置[:：].*",
    r"首页\s*>.*",
    r"\S+(\s*>\s*\S+){2,}",  # breadcrumbs: 政务公开 > 某局 > 规划计划
    r"部门街镇|政务新媒体|矩阵|公开信箱|服务地图",
    # a page's tools, alone or several on a line: 【打印本页】【关闭窗口】, [打印] [关闭]
    r"([【\[]?(打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|加入收藏|收藏|返回顶部|字体[:：]?\s*大\s*中\s*小)[】\]]?\s*)+",
    r"(上一篇|下一篇|上一条|下一条|上一页|下一页)[:：].{0,80}",  # links to the articles either side
    # an article on a WeChat official account (公众号), saved or exported
    r"原创\s+.{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,20}",  # its byline: 原创 某市残联 2025年03月18日 09:30 浙江
    # its byline without 原创: 某市残联 某市残疾人联合会 2026年03月18日 09:30 浙江
    r"[^：:，。；]{0,40}(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})\s+\d{1,2}:\d{2}(\s*[^\s：:，。；\d]{1,8})?",
    r"(微信|手机)?扫一扫(\s*(关注|分享)[^。，]{0,12})?",  # 微信扫一扫 / 关注该公众号, beside a QR code
    r"关注(该|本|我们的)?公众号[^。]{0,10}",
    r"分享到[:：][^。]{0,40}",  # 分享到：微信 微博 QQ空间
    r"阅读原文[^。]{0,40}|(阅读|在看|点赞)\s*\d{1,9}([^。]{0,4}(阅读|在看|点赞|分享)\s*\d{1,9}){0,3}",  # 阅读 1024 在看 12
    RECOMMENDED,
    r"[^。]{0,12}蓝字[^。]{0,12}关注[^。]{0,12}",  # 点击上方蓝字关注我们
    r"[^。]{0,20}(点赞[^。]{0,6}在看|一键三连)[^。]{0,20}",  # 分享、点赞、在看，一键三连！
    r"▲\s*(图为|图片|上图|下图|图\s*[:：]).{0,80}",  # a photo's caption (the photo is not imported)
    r"点击.{0,6}阅读原文.{0,20}",
    r"长按.{0,8}二维码.{0,20}",
    # the editors' credits, each a name (审核：区残联在5个工作日内完成审核。 is a step of a procedure)
    rf"{_CREDIT}(?:[\s|｜]+{_CREDIT})*",
    # site footers
    r"©.*",
    r"版权所有.*",
    r"技术支持\s*[:：].{0,40}",
    r"网站标识码.*",
    r"(网站地图|联系我们|网站声明|关于我们|隐私声明)(\s*[|｜丨]\s*\S{1,8})*",
    r".*ICP备.*",
    r".*(访问量|在线人数).*",
    # a printed document's furniture: the page that holds only the 落款 says so
    r"[（(]\s*此页无正文\s*[）)]",
    # gazette furniture
    r"目\s*录",
    r"区政府文件|市政府文件|政府文件",
    # a gazette's running head, perhaps with its issue (a 统计公报's title is the document's own)
    r".{0,20}(政府|国务院|常务委员会|常委会)公报(\s*\d{4}\s*年\s*第\s*\d{1,3}\s*期)?",
    r".{2,20}人民政府办公室主办",
    r"公开发行\s*免费赠阅",
    r"\d{4}\s*[·.]\s*\d{1,2}",
    r"[(（]总第\s*\d+\s*期[)）]",
    r"编辑委员会",
    r"(主\s*任|副主任|编\s*辑|主\s*办|编辑出版|地\s*址|电\s*话|邮\s*编|印\s*刷|出刊日期)\s*[:：].*",
    r"-\s*\d+、.*[(（]\d+[)）]",  # a gazette's contents entry: - 1、……(1)
    *PAGE_NUMBERS,
)
T = TypeVar("T")

_CHROME = re.compile("|".join(f"(?:{p})" for p in CHROME_PATTERNS))

# Chrome that runs over several lines: from a line matching the first pattern
# through the next line matching the second (both dropped).
CHROME_BLOCKS: tuple[tuple[str, str], ...] = (
    (r"目\s*录", r".*[(（]\d+[)）]"),  # a gazette's contents, ending at a page number "(1)"
    (r"编辑委员会", r"出刊日期\s*[:：].*"),  # a gazette's editorial board and imprint
)
_BLOCKS = [(re.compile(a), re.compile(b)) for a, b in CHROME_BLOCKS]
MAX_BLOCK_LINES = 60  # a block that does not end soon was not chrome

# Sentence ends: a line ending in one of these is a whole paragraph.
TERMINAL = tuple("。！？；：:…”』」）)")


@dataclass
class Line:
    text: str
    number: int  # 1-based line number in the source, for the editor's review
    blank_before: bool = False
    heading: int = 0  # a heading's level where the source marks it (Markdown); 0 elsewhere
    # Characters at its start that the source sets apart (bold in Word, strong in a web page or
    # Markdown) with text after them: a run-in title (（一）加强组织领导。各地要……); 0 elsewhere.
    run_in: int = 0
    list_item: bool = False  # an item of a list the source marks (Markdown 1. / -, <ol>, <ul>): never a heading
    # The boxes the source draws around it (a one-cell table, a text box, a quotation), outermost
    # first, each numbered in the source's order: where a 专栏 drawn so ends. () outside any.
    frames: tuple[int, ...] = ()


MAX_FRAMES = 8  # boxes inside boxes deeper than this count as the deepest one (no document nests so deep)


_GOES_ON = "，,、；;：:）)』」”’》〉】"  # text that starts so continues the sentence before it
_ENDS = tuple("。！？")  # a full stop left outside the bold title ends the title


def run_in_length(text: str, before: str, title: str) -> int:
    """Where a run-in title that the source sets apart (bold) ends in its line `text`: `before` is
    the plain text ahead of it, nothing or a numbering label (（一）), `title` the text set apart.
    0 where the line does not start so, or nothing follows the title."""
    head = (before + title).strip()
    if not title.strip() or (before.strip() and style_of(before) is None) or not text.startswith(head):
        return 0
    after = text[len(head) :].lstrip()
    if after[:1] in _ENDS and after[1:].strip():  # **发展特殊教育**。办好……: the title's own full stop
        return len(text) - len(after) + 1
    return len(head) if after and after[0] not in _GOES_ON else 0  # （二）**加强**，…: emphasis in a sentence


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # control characters no text file holds


MIN_COMMON = 0.95  # of the Chinese characters of a GB18030 file, at least this many are common (GB2312)


class UnknownEncodingError(ValueError):
    """Bytes that decode as GB18030 but are not GB text: Big5, Shift_JIS… read as GB would be garbled."""


def decode(data: bytes) -> str | None:
    """UTF-8 or UTF-16 (by its byte-order mark), else UTF-8, else GB18030; None if it is not text.

    Nearly any bytes decode as GB18030, so a GB18030 text whose Chinese characters are not
    mostly common ones (GB2312) is another encoding read wrongly: UnknownEncodingError."""
    encodings = [e for bom, e in _BOMS if data.startswith(bom)] or ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            text = data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
        if _BINARY.search(text[:100_000]):
            return None
        if encoding == "gb18030" and not _mostly_common(text):
            raise UnknownEncodingError(encoding)
        return text
    return None


def _mostly_common(text: str) -> bool:
    """Whether at least MIN_COMMON of the characters beyond ASCII are in GB2312 (counted by
    encoding, at C speed: two bytes for each such character, nothing for the others)."""
    ascii_count = len(text.encode("ascii", "ignore"))
    wide = len(text) - ascii_count
    common = (len(text.encode("gb2312", "ignore")) - ascii_count) // 2
    return wide == 0 or common >= MIN_COMMON * wide


def is_chrome(text: str) -> bool:
    return bool(_CHROME.fullmatch(text.strip()))


def is_letterhead(text: str) -> bool:
    return bool(_LETTERHEAD.fullmatch(text.strip()))


def is_letterhead_table(cells: Iterable[str]) -> bool:
    """A joint document's letterhead laid out as a table: the issuers' names stacked in a
    column, 文件 beside them (a cell merged down); nothing else in it."""
    texts = ["".join(cell.split()) for cell in cells if cell.strip()]
    return "文件" in texts and len(texts) >= 2 and all(text == "文件" or ISSUER.match(text) for text in texts)


MAX_QUOTED = 60  # characters of an image's description or address quoted in the list of what was left out


def image_left_out(place: str, description: str, address: str) -> str:
    """The line that lists an image of the source in what the draft leaves out: the site
    publishes text, so what an image shows must be written as text (a chart as a table)."""
    description, address = " ".join(description.split())[:MAX_QUOTED], address.strip()[:MAX_QUOTED]
    what = "，".join(part for part in (f"“{description}”" if description else "", address) if part)
    return f"{place}（图片没有导入：请把图中的内容写成文字或表格，或作为附件发布）：{what or '没有说明文字'}"


def link_left_out(place: str, text: str, address: str) -> str | None:
    """The line that lists a link's address in what the draft leaves out (its text is imported):
    a draft's links are written by the editor, and a relative address means nothing beside the
    YAML file. None for a link with nothing more to say: to a place in the same page, to a
    script, or whose text already shows its address."""
    text, address = " ".join(text.split()), address.strip()
    if not address or address.startswith("#") or address.lower().startswith("javascript:"):
        return None
    if text and text in address:  # https://www.example.gov.cn/, or mailto:a@example.gov.cn shown as a@…
        return None
    return (
        f"{place}（链接的地址没有导入：需要时写成 [文字](网址)，附件写进 attachments）："
        f"“{text[:MAX_QUOTED]}” {address[:MAX_QUOTED]}"
    )


def clean_lines(text: str, dropped: list[str]) -> list[str]:
    """Normalised lines, chrome removed (and recorded in `dropped`)."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    running = _running_lines(raw_lines)
    chrome = _chrome_block_lines(raw_lines) | contents_lines(raw_lines) | running | menu_lines(raw_lines)
    out = []
    for number, raw in enumerate(raw_lines, 1):
        line = raw.rstrip().replace("\u00a0", " ")
        if raw.startswith("\t") and not line:
            line = "\t"  # a lone tab is an empty table cell, not a blank line
        if line.strip() and (number in chrome or is_chrome(line)):
            dropped.append(f"第{number}行：{line.strip()}")
            out.append(PAGE_BREAK if number in running or _PAGE_NUMBER.fullmatch(line.strip()) else "")
        else:
            out.append(line)
    return out


# What a printed page's running head or number leaves in the lines: blank to every rule, but a
# table's rows go on after it (tables.py).
PAGE_BREAK = "\f"
_PAGE_NUMBER = re.compile("|".join(f"(?:{p})" for p in PAGE_NUMBERS))
_NEVER_RUNNING = re.compile(r"^(附件|附表|表|图)\s*\d")  # an annex or a table may start every new page
MAX_RUNNING = 60  # characters: a running header or footer is one short line


def _running_lines(lines: list[str]) -> set[int]:
    """1-based numbers of a printed page's running header or footer (某省人民政府公报　2026年第5期):
    a short line, the same but for its digits on two pages or more, that stands next to a page
    number (— 3 —) everywhere but once (the first page's head has no page before it)."""

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", " ".join(text.split()))

    def candidate(text: str) -> bool:
        return (
            0 < len(text) <= MAX_RUNNING
            and not text.endswith(TERMINAL)
            and numbered(text) is None
            and not _NEVER_RUNNING.match(text)
            and not _PAGE_NUMBER.fullmatch(text)
        )

    filled = [i for i, line in enumerate(lines) if line.strip()]
    beside: Counter[str] = Counter()
    for k, i in enumerate(filled):
        if _PAGE_NUMBER.fullmatch(lines[i].strip()):
            for j in (filled[k - 1] if k else None, filled[k + 1] if k + 1 < len(filled) else None):
                if j is not None and candidate(lines[j].strip()):
                    beside[shape(lines[j])] += 1
    if not beside:
        return set()
    seen = Counter(shape(lines[i]) for i in filled)
    running = {s for s, n in beside.items() if seen[s] >= 2 and n >= seen[s] - 1}
    return {i + 1 for i in filled if shape(lines[i]) in running}


_RECOMMENDED = re.compile(RECOMMENDED)


MENU_ITEMS = 4  # lines of a site's menu, one under the other, at least
MENU_AT = 30  # a menu is among a page's first lines
_MENU_ITEM = re.compile(r"[\u4e00-\u9fff]{2,6}")  # 首页, 新闻中心, 政务公开: a few characters, nothing else


def menu_lines(lines: Sequence[str]) -> set[int]:
    """1-based numbers of a site's menu copied or printed with a page: four or more lines at its
    start (blank lines between them aside), each a few Chinese characters alone and no issuer
    (a joint document's issuers, 某市民政局 / 某市财政局, stand so too)."""
    found: set[int] = set()
    run: list[int] = []
    start = lines[:MENU_AT]
    for number, line in enumerate([*start, ""], 1):
        text = line.strip(" \u3000\r\n")  # a tab is a table's cell (一级指标 / \t / 二级指标), not blank
        if text and _MENU_ITEM.fullmatch(text) and not issuers(text):
            run.append(number)
        elif text or number > len(start):  # a line of another kind, or past the start: the run ends
            if len(run) >= MENU_ITEMS:
                found.update(run)
            run = []
    return found


def recommended_tail(lines: list[str]) -> int | None:
    """The 1-based number of an article's 往期推荐 line where the list of other articles under it
    runs to the end (within MAX_BLOCK_LINES lines); None where there is none."""
    for i in range(len(lines) - 1, max(len(lines) - MAX_BLOCK_LINES, 0) - 1, -1):
        if _RECOMMENDED.fullmatch(lines[i].strip()):
            return i + 1
    return None


def _chrome_block_lines(lines: list[str]) -> set[int]:
    """1-based numbers of the lines inside multi-line chrome blocks, and of an article's list of
    other articles (往期推荐 and the titles under it) near its end."""
    found: set[int] = set()
    if (tail := recommended_tail(lines)) is not None:
        found.update(range(tail, len(lines) + 1))
    for start_pattern, end_pattern in _BLOCKS:
        for i, line in enumerate(lines):
            if not start_pattern.fullmatch(line.strip()):
                continue
            for j in range(i, min(i + MAX_BLOCK_LINES, len(lines))):
                if j > i and end_pattern.fullmatch(lines[j].strip()):
                    found.update(range(i + 1, j + 2))
                    break
    return found


_CONTENTS_TITLE = re.compile(r"目\s*录")
MAX_CONTENTS = 200  # entries in one contents list, at most
_LEADER = re.compile(r"[\s.．。…·\-—_]*\d*\s*$")  # dot leaders and a page number after a contents entry


def _entry(line: str) -> str:
    return re.sub(r"\s+", "", _LEADER.sub("", line.strip()))


def contents_lines(lines: list[str]) -> set[int]:
    """A contents list copied from Word: "目录", then entries that reappear
    later as the document's headings (dot leaders and page numbers aside).
    Without this the outline would be imported twice."""
    found: set[int] = set()
    titles = [i for i, line in enumerate(lines) if _CONTENTS_TITLE.fullmatch(line.strip())]
    if not titles:
        return found
    last_seen: dict[str, int] = {}  # each entry's last line: one pass, so any number of lists stays linear
    for j, line in enumerate(lines):
        if line.strip():
            last_seen[_entry(line)] = j
    for i in titles:
        if i + 1 in found:
            continue  # inside a list already found
        last = None
        for j in range(i + 1, min(len(lines), i + 1 + MAX_CONTENTS)):
            if not lines[j].strip():
                continue
            entry = _entry(lines[j])
            if not entry or last_seen.get(entry, j) <= j:
                break  # the first line that is not repeated later starts the document
            last = j
        if last is not None and last > i + 1:
            found.update(range(i + 1, last + 2))  # 1-based: the title line and every entry
    return found


# Hard-wrap detection (wrap_width), measured on the seeds and gazette copies.
WRAP_MIN_LINE = 8  # shorter lines (headings, dates) say nothing about the wrap width
WRAP_MIN_LINES = 8  # fewer measured lines than this: too little text to tell
WRAP_TOLERANCE = 2  # characters a wrapped line may differ from the common width (punctuation)
WRAP_SHARE_LONG = 0.25  # a gazette column: 0.37 of lines at the common width; one paragraph per line: ≤ 0.14
WRAP_SHARE_SHORT = 0.5  # a short text must show the pattern more clearly
WRAP_SHORT_TEXT = 20  # measured lines below which a text counts as short
WRAP_COLUMN = (12, 60)  # the narrowest and widest column a layout breaks at, in characters
WRAP_MID_SENTENCE = 0.6  # share of wrapped lines that end mid-sentence (layout, not paragraphs)


def wrap_width(lines: list[str]) -> int | None:
    """The width a page layout broke lines at, if it did (e.g. a gazette's column).

    Hard-wrapped text has many lines of nearly the same length; prose with one
    paragraph per line does not.
    """
    measured = [s.strip() for s in lines if len(s.strip()) >= WRAP_MIN_LINE and "\t" not in s]
    if len(measured) < WRAP_MIN_LINES:
        return None
    common, _freq = Counter(len(s) for s in measured).most_common(1)[0]
    near = [s for s in measured if abs(len(s) - common) <= WRAP_TOLERANCE]
    share = len(near) / len(measured)
    needed = WRAP_SHARE_LONG if len(measured) >= WRAP_SHORT_TEXT else WRAP_SHARE_SHORT
    mid_sentence = sum(1 for s in near if not s.endswith(TERMINAL)) / max(len(near), 1)
    narrowest, widest = WRAP_COLUMN
    return common if share >= needed and narrowest <= common <= widest and mid_sentence >= WRAP_MID_SENTENCE else None


def join_broken(
    items: list[str | T], width: int | None = None, layout: Sequence[tuple[int, bool]] | None = None
) -> list[Line | T]:
    """Rejoin lines a layout broke mid-sentence; keep paragraphs and headings apart.

    Items that are not strings (tables found earlier) pass through untouched.
    `width`: the wrap width when known from more text than `items` (else measured here).
    `layout`: where the layout tells (a PDF's geometry), each item's last line as it broke it:
    its length, and whether it reached the right margin (else measured against the width).
    A paragraph's lines are kept apart until it ends and joined once: joining each line to the
    paragraph so far, or looking at all of it for each line, would take time growing with the
    square of its length.
    """
    strings = [i for i in items if isinstance(i, str)]
    width = width or wrap_width(strings)
    indents = _indents_paragraphs(strings)
    out: list[Line | T] = []
    pieces: list[str] = []  # the lines of the paragraph that out[-1] is, while it goes on
    length = 0  # of those lines together
    blank = gap = False  # blank: an empty line before this one; gap: one that is not a page's break
    last_length = 0  # length of the last physical line, not of the joined paragraph
    last = 0  # the item it was

    def close() -> None:
        if len(pieces) > 1 and isinstance(out[-1], Line):
            out[-1].text = join_lines(pieces)
        pieces.clear()

    for number, item in enumerate(items, 1):
        if not isinstance(item, str):
            close()
            out.append(item)
            last_length = 0
            continue
        text = item.strip()
        if not text:
            blank = True
            gap = gap or item != PAGE_BREAK  # a printed page's break is no gap in the text
            continue
        indented = item.startswith(_INDENTS) if indents and not gap else None
        if layout is not None:
            full: bool | None = bool(last) and layout[last - 1][1]
        else:
            full = None if width is None else last_length >= width - 3
        # The paragraph so far, as the rules look at it: whole while it is one line or short (a title
        # or a date may be over two lines), else its last line (a long paragraph is none of them).
        one_line = length == last_length
        whole = one_line or length <= MAX_STANDALONE
        so_far = join_lines(pieces) if whole else pieces[-1] if pieces else ""
        standalone = whole and is_standalone(so_far)
        if pieces and _continues(so_far, one_line, standalone, text, indented, full, measured=layout is not None):
            pieces.append(text)
            length += len(text)
        else:
            close()
            out.append(Line(text, number, blank))
            pieces.append(text)
            length = len(text)
        last_length, last = (layout[number - 1][0] if layout is not None else len(text)), number
        blank = gap = False
    close()
    return out


MAX_STANDALONE = 200  # characters: no title, date, doc number or issuer is longer


_PUNCTUATION = re.compile(r"[，。；：、！？,;:]")

# Chinese characters and full-width marks: a line break beside one joins without a space.
WIDE_CHAR = "[\u2e80-\U0010ffff]"
_JOINED = re.compile(f"{WIDE_CHAR}|[\u2010-\u2015]")  # and dashes (2021—2025): no space beside them either


_SENTENCE_END = tuple("。！？；")


def heading_lines(parts: list[str], level: int) -> list[tuple[str, int]]:
    """The lines of a block the source marks (a heading of `level`, 0 for none) and breaks with
    line breaks (<br>, Word's Shift+Enter), each with its level. In a heading, the lines before
    the first sentence are the heading, one line (a long heading broken for the layout: 二、推进
    社会保障和 / 基本公共服务); that sentence and the lines after it are text typed into the
    heading (一、总体要求 / 坚持……。). The title's lines stay apart: the head reads them (issuers
    on a line above 关于……的通知 are not the title). Empty lines are left out."""
    parts = [part for part in parts if part]
    if not level or len(parts) < 2:
        return [(part, level) for part in parts]
    end = next((n for n in range(1, len(parts)) if parts[n].endswith(_SENTENCE_END)), len(parts))
    heading = [(part, level) for part in parts[:end]] if level == 1 else [(join_lines(parts[:end]), level)]
    return heading + [(part, 0) for part in parts[end:]]


def join_lines(lines: Iterable[str]) -> str:
    """The lines of one paragraph or cell that a layout broke, rejoined: the one
    rule for every format. Nothing goes where the break is beside a Chinese
    character, a full-width mark or a dash (Chinese has no spaces); between two
    Latin words the break was a space."""
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if parts and not (_JOINED.match(parts[-1][-1]) or _JOINED.match(line[0])):
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


_INDENTS = ("\u3000", " ")  # a paragraph's first line starts so where the layout indents it
MIN_INDENTED = 0.1  # of the lines: fewer indented than this, and indenting tells nothing


def _indents_paragraphs(lines: list[str]) -> bool:
    """Whether the layout indents the first line of each paragraph (a gazette does: two spaces)."""
    filled = [line for line in lines if line.strip() and "\t" not in line.strip()]
    indented = sum(1 for line in filled if line.startswith(_INDENTS))
    return indented >= max(3, MIN_INDENTED * len(filled)) and indented < len(filled)


def _continues(
    previous: str,
    one_line: bool,
    standalone: bool,
    text: str,
    indented: bool | None,
    full: bool | None,
    *,
    measured: bool = False,
) -> bool:
    """Whether line `text` goes on from the paragraph `previous` (`one_line`: it is one line so far;
    `standalone`: it is a title, date, doc number or issuer, which stands on its own lines).
    `indented`: whether `text` is indented, where the layout indents paragraphs (else None).
    `full`: whether the line before reached the layout's width or right margin (None: unknown);
    `measured`: whether that was measured on the page (a PDF's geometry), not guessed from lengths."""
    unknown = full is None
    if (unknown and indented is None) or previous.endswith(TERMINAL) or numbered(text):
        return False
    if standalone or is_standalone(text):
        return False  # titles, doc numbers, dates and issuers stand on their own lines
    # Only a line that reached the layout's width was broken by the layout (without a width, the
    # indents tell, but a numbered line without punctuation is a heading unless it was full).
    heading = one_line and numbered(previous) is not None and not _PUNCTUATION.search(previous)
    if text.startswith(tuple(_GOES_ON)):
        return full or unknown  # nothing but the sentence before goes on with 、 or ，
    if indented is not None:
        return not indented and (full or (unknown and not heading))  # an indented line starts a paragraph
    if heading:
        # A numbered line with no punctuation, however long, is a heading on its own line; but one
        # the page shows reaching the right margin was broken there (a narrow column's heading).
        return measured and bool(full)
    return bool(full)
