"""The draft of a document while it is read: its tree, the patterns and limits
every stage of reading shares, and small readers of dates and captions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..numbering import numbered
from .lines import TERMINAL, Line
from .patterns import DATE_CN, DATE_HANZI, hanzi_number, hanzi_year
from .tables import TableDraft

# --- recognisers for the document's head and tail ---------------------------------

DATE_LINE = re.compile(r"^(日期|发布日期|发布时间|成文日期)[:：]\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})$")
PUBLISHED_BY = re.compile(r"^发布单位[:：]\s*(?P<issuer>\S+)\s+发布时间[:：]\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})$")
DATE_SOURCE = re.compile(r"^(?P<date>\d{4}-\d{1,2}-\d{1,2})(\s+\d{1,2}:\d{2})?\s+来源[:：]\s*(?P<source>.+)$")
# A web page's line of facts about the page: 发布时间：2026-01-15　来源：某市残联　浏览次数：123　【字体：大 中 小】
INFO_KEY = re.compile(
    r"【?(?P<key>发布时间|发布日期|日期|时间|来源|信息来源|作者|编辑|责任编辑|浏览次数|点击数|阅读次数|访问次数|访问量|字体)[:：]"
)
_ISO_START = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def info_line(text: str) -> dict[str, str] | None:
    """The fields of a web page's information line (two known keys or more, the first at its
    start), each value up to the next key; None for any other line."""
    keys = list(INFO_KEY.finditer(text))
    if len(keys) < 2 or keys[0].start() != 0:
        return None
    ends = [k.start() for k in keys[1:]] + [len(text)]
    return {k["key"]: text[k.end() : end].strip(" \u3000【】") for k, end in zip(keys, ends, strict=True)}


def info_date(fields: dict[str, str]) -> dt.date | None:
    """The publication date an information line states (2026-01-15 or 2026年1月15日, a time after it)."""
    for key in ("发布时间", "发布日期", "日期", "时间"):
        value = fields.get(key, "")
        if match := _ISO_START.match(value):
            return iso_date(match.group())
        if day := cn_date(value.split(" ")[0]):
            return day
    return None


NOTICE_TITLE = re.compile(r"^.*关于.*的(通知|决定|意见)$")
PRINTED = re.compile(r"关于印发(?P<title>.+?)的通知$")
QUOTED_TITLE = re.compile(r"《(?P<title>[^》]+)》")
PERIOD = re.compile(r"[（(](?P<a>\d{4})\s*[—\-–－~～]+\s*(?P<b>\d{4})\s*年?[）)]")
# 专栏1, 专栏一 (then a space), 【专栏2】 or [专栏3], then the 专栏's title.
BOX = re.compile(
    r"^(?P<open>[【\[])?专栏\s*(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3}(?=[\s：:】\]]|$))(?(open)[】\]])\s*[:：]?\s*(?P<title>.*)$"
)
ANNEX = re.compile(r"^(?P<label>附件\s*\d*|附表\s*\d*)\s*[:：]?\s*(?P<title>.*)$")
GLOSSARY = re.compile(r"^(名词解释|名词释义|术语解释)[:：]?$")
KIND_WORDS = (
    ("起草说明", "interpretation"),
    ("解读", "interpretation"),
    ("问答", "interpretation"),  # 政策问答: an interpretation as questions and answers
    ("答记者问", "interpretation"),  # ……负责人就《……》答记者问
    ("图解", "interpretation"),
    ("工作要点", "work-points"),
    ("规划", "plan"),
)
# What a title ends with says what the document is (brackets after it, such as （2021—2025年）, aside).
KIND_ENDINGS = (
    ("起草说明", "interpretation"),
    ("解读", "interpretation"),
    ("问答", "interpretation"),
    ("答记者问", "interpretation"),
    ("工作要点", "work-points"),
    ("规划", "plan"),
    ("纲要", "plan"),
    ("计划", "plan"),  # 行动计划: a plan for a few years
    ("意见", "opinion"),
    ("办法", "measures"),
    ("条例", "regulation"),
    ("法", "law"),
    ("通知", "notice"),
    ("方案", "programme"),
    ("决定", "decision"),
    ("规定", "provisions"),
    ("细则", "provisions"),
    ("公告", "announcement"),
    ("通告", "circular"),
    ("公示", "publicity"),
    ("通报", "bulletin"),
    ("公报", "communique"),  # 统计公报: a year's figures
    ("报告", "report"),
    ("批复", "reply"),
    ("答复", "response"),  # to a deputy's 建议 or a member's 提案
    ("函", "letter"),
    ("讲话", "speech"),  # ——在……上的讲话, often the subtitle
    ("致辞", "speech"),
    ("发言", "speech"),
    ("纪要", "minutes"),
    ("决议", "resolution"),
    ("总结", "summary"),
    ("章程", "charter"),
    ("指南", "guide"),  # 服务指南, 办事指南
    ("导则", "guide"),  # technical guidelines and standards
    ("规范", "guide"),
)
TRAILING_BRACKETS = re.compile(r"[（(][^（()）]*[)）]$")
TITLE_WORDS = ("规划", "要点", "说明", "方案", "意见", "办法", "计划", "纲要", "解读", "条例", "指南", "导则", "规范")

UNTITLED = "（请填写标题）"  # the title of a draft whose title was not found
MAX_HEADING = 40  # longer lines are prose, not headings
DIVISIONS = ("part", "chapter", "section", "article")  # 编 章 节 条: the numbering that divides a law
NOTE = re.compile(r"^注[：:]\s*")  # a table's notes start 注：
MAX_RUN_IN = 30  # a run-in title (“1.巩固……。聚焦……”) is at most this long
MAX_TITLE = 80  # a document title is at most this long (longer lines in the head are prose)
MAX_ADDRESSEES = 150  # a 主送 line (各镇人民政府、街道办事处……：) is at most this long
MAX_TAIL = 400  # items from the end where a 落款 followed by 附件 is looked for
MAX_BARE_ANNEX = 20  # a 附件 line with nothing after it is a heading only when this short
MIN_RUN_IN = 2  # characters before the 。 or ： that ends a run-in title
QUOTE_CHARS = 30  # how much of a line a 请核对 comment quotes


@dataclass
class BoxDraft:
    label: str
    title: str
    line: int
    blocks: list[str | TableDraft] = field(default_factory=list)


@dataclass
class SectionDraft:
    label: str
    title: str
    style: str
    line: int
    blocks: list[str | TableDraft | BoxDraft] = field(default_factory=list)
    sections: list[SectionDraft] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    marked: int = 0  # the heading level the source marked it with (Markdown), else 0
    run_in: bool = False  # its first block is the text after the title on the heading's own line


@dataclass
class TermDraft:
    label: str
    term: str
    definition: str
    line: int


@dataclass
class DocDraft:
    title: str = ""
    subtitle: str = ""  # ——在……上的讲话 under the title
    kind: str = ""
    issuer: str = ""
    doc_number: str = ""
    date_signed: dt.date | None = None
    date_published: dt.date | None = None
    period: tuple[int, int] | None = None
    region: str = ""
    source_title: str = ""
    index_number: str = ""  # 索引号, 主题分类, 主题词: from a 政府信息公开 block (govinfo.py)
    topic: str = ""
    keywords: list[str] = field(default_factory=list)
    validity: str = ""  # 有效性 (model.VALIDITY), where the block states it
    notice_title: str = ""
    addressees: str = ""
    notice_text: list[str] = field(default_factory=list)
    notice_signature: tuple[str, dt.date | None] | None = None
    # Text before the first and after the last section; tables and boxes found
    # there are lifted into sections of their own by _lift_blocks.
    preamble: list[str | TableDraft | BoxDraft] = field(default_factory=list)
    body: list[SectionDraft] = field(default_factory=list)
    closing: list[str | TableDraft | BoxDraft] = field(default_factory=list)
    glossary: list[TermDraft] = field(default_factory=list)
    annexes: list[SectionDraft] = field(default_factory=list)
    signature: tuple[str, dt.date | None] | None = None
    # （此件公开发布）, （联系人：……） under the 落款: the document's last words, in no section or annex
    public_notes: list[str] = field(default_factory=list)
    comments: dict[str, list[str]] = field(default_factory=dict)

    def note(self, key: str, text: str) -> None:
        self.comments.setdefault(key, []).append(text)


Item = Line | TableDraft


def iso_date(text: str) -> dt.date | None:
    try:
        y, m, d = (int(x) for x in text.split("-"))
        return dt.date(y, m, d)
    except ValueError:
        return None


def cn_date(text: str) -> dt.date | None:
    """2022年1月20日 or 二〇二二年一月二十日."""
    try:
        if match := DATE_CN.match(text):
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match := DATE_HANZI.match(text):
            return dt.date(hanzi_year(match["y"]), hanzi_number(match["m"]), hanzi_number(match["d"]))
    except (ValueError, KeyError):
        return None
    return None


def caption_like(text: str) -> bool:
    """A line that may name the table after it: short, not numbered, and no sentence (a lead-in
    such as 全年新增就业1200人。主要指标如下： is a paragraph of the text)."""
    return len(text) <= MAX_HEADING and not any(mark in text for mark in TERMINAL[:4]) and not numbered(text)


# A title that starts so explains the document it names (图解：某市……办法 is no 办法).
KIND_STARTS = tuple(
    (start, "interpretation")
    for start in ("图解", "一图读懂", "一图看懂", "一图了解", "一图速览", "图说", "解读", "读懂")
)


def kind_of(title: str) -> str:
    """The kind a title names by how it starts (图解：), else by its last word, else by a word in
    it; "" if none."""
    bare = title.strip().lstrip("【[（(")
    return (
        next((kind for start, kind in KIND_STARTS if bare.startswith(start)), "")
        or ending_kind(title)
        or next((kind for words, kind in KIND_WORDS if words in title), "")
    )


def ending_kind(title: str) -> str:
    bare = TRAILING_BRACKETS.sub("", title.strip())
    return next((kind for ending, kind in KIND_ENDINGS if bare.endswith(ending)), "")
