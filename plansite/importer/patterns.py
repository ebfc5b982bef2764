"""Line patterns of an official document's head and tail, shared by the line
joiner (which must never join them) and the structure parser (which reads them)."""

from __future__ import annotations

import re

# 某残联发〔2026〕3号, perhaps with the 签发人 a report to a higher office names beside it
DOC_NUMBER = re.compile(
    r"^[（(]?(?P<n>[\u4e00-\u9fa5]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号)[)）]?"
    r"(?:[\s\u3000]*签发人[:：][\s\u3000]*(?P<signer>[^\s\u3000]{1,20}))?$"
)
# An office that signs: a government or its departments, or a body a 残联 site publishes for too
# (its centres and schools, the associations of blind and deaf people, its foundation, its 党组),
# whose name is longer (新闻中心, 服务中心 are a site's menu).
ISSUER = re.compile(
    r"^(?:[\u4e00-\u9fa5（）()]{2,40}"
    r"(?:人民政府|人民政府办公室|人民政府办公厅|联合会|委员会|办公室|办公厅|局|厅|残联|部|委|总局|署)"
    r"|[\u4e00-\u9fa5（）()]{4,40}"
    r"(?:中心|协会|基金会|研究会|促进会|学校|学院|大学|医院|研究院|研究所|党组|小组|公司)"
    r"|国务院|国务院办公厅|中共中央办公厅|中共中央)$"
)
_BETWEEN_ISSUERS = re.compile(r"[\s\u3000、]+")


def issuers(text: str) -> str | None:
    """An issuer line — one issuer, or several on one line as a joint document prints them
    (浙江省残疾人联合会　浙江省教育厅) — with its names one space apart; None for any other line."""
    names = _BETWEEN_ISSUERS.split(text.strip())
    return " ".join(names) if all(ISSUER.match(name) for name in names) else None


# The 附注 under a 落款: （此件公开发布）, （本文有删减）, and the contact a 请示 or a reply gives there,
# （联系人：李华；联系电话：0827-7654321）.
PUBLIC_NOTE = re.compile(r"^[（(](?:(?:此件|本文|此文)[^（()）]{1,20}|联系人[^（()）]{1,60})[）)]$")
MAX_NOTES = 2  # （此件公开发布） and a contact, at most, under one 落款
# 单位：万人, said apart from a table's title (a line between it and the table, a row of its own).
UNIT = re.compile(r"^[（(]?(?:计量)?单位[：:][^（()）]{1,30}[)）]?$")


def with_unit(title: str, unit: str) -> str:
    """A table's title with the unit said apart from it (单位：万人), as a screen reader should hear them together."""
    return title + (unit if unit.startswith(("（", "(")) else f"（{unit}）")


# The 版记 printed at a document's foot, after the 落款: 抄送 (copied to), the office that printed
# it and when (某县残联办公室　2026年3月2日印发), how many copies; before 2012 (GB/T 9704-1999)
# its 主题词 (KEYWORDS, read as the document's keywords) too.
_KEYWORDS = r"主\s*题\s*词\s*[:：]\s*(?P<words>\S.{0,100})"
KEYWORDS = re.compile(f"^{_KEYWORDS}$")
IMPRINT = re.compile(
    r"^(?:抄\s*送\s*[:：].*|.{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发|[（(]?共印\s*\d+\s*份[）)]?"
    f"|{_KEYWORDS})$"
)
DATE_CN = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")
# 二〇二二年一月二十日, as many official documents date their 落款
DATE_HANZI = re.compile(
    r"^(?P<y>[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日$"
)
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def hanzi_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31 (days and months)."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def hanzi_year(text: str) -> int:
    return int("".join(str(_DIGITS[c]) for c in text))


TITLE_END = re.compile(r"(通知|决定|意见|规划|要点|说明|方案|办法|计划|纲要|解读|条例|规定|细则)[)）]?$")


def is_standalone(text: str) -> bool:
    """A line that is complete by itself: a doc number, a date, an issuer, a title."""
    text = text.strip()
    return bool(
        DOC_NUMBER.match(text)
        or DATE_CN.match(text)
        or DATE_HANZI.match(text)
        or issuers(text)
        or TITLE_END.search(text)
    )
