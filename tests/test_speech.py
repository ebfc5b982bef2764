"""Spoken forms where speech engines misread, English marked only on real
English phrases, the plain-text channel's plain text, and linear time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plansite.speech import Segment, is_foreign, segments, speak_html, without_spoken_forms

from .timing import assert_linear


def spoken(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.spoken) for s in segments(text) if s.spoken]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("参保率＞95", [("＞95", "大于95")]),
        ("覆盖率≥90%", [("≥90%", "大于等于90%")]),
        ("比例>99%", [(">99%", "大于99%")]),
        ("低于＜5", [("＜5", "小于5")]),
        ("不超过≤3", [("≤3", "小于等于3")]),
        # a unit after a range is said after each end; the written unit stays as text
        ("（2021—2025年）", [("2021—2025", "2021年至2025")]),
        ("2021——2025年", [("2021——2025", "2021年至2025")]),
        ("3～5人", [("3～5", "3至5")]),
        ("3～5个月", [("3～5", "3个月至5")]),
        ("0-6岁残疾儿童", [("0-6", "0岁至6")]),
        ("规划(2021-2025年)", [("2021-2025", "2021年至2025")]),
    ],
)
def test_spoken_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert spoken(text) == expected


@pytest.mark.parametrize(
    "text", ["电话:023-63651188", "13883910958", "0.2万人", "第3节", "2022年4月", "江北府发〔2022〕20号"]
)
def test_what_speech_engines_read_well_stays_as_it_is(text: str) -> None:
    assert spoken(text) == []


def test_only_real_english_phrases_are_marked() -> None:
    latin = [
        s.text for s in segments("减免助残APP流量，C5驾驶证，IPV6、Wi-Fi和X光，开展Internet Plus行动。") if s.latin
    ]
    assert latin == ["Internet Plus"]
    assert is_foreign("accessibility") and not is_foreign("WCAG") and not is_foreign("5G")


def test_segments_cover_the_text_exactly() -> None:
    text = "到2025年，参保率＞95%，APP覆盖率≥90%（2021—2025年）。"
    assert "".join(s.text for s in segments(text)) == text
    assert segments("没有符号") == [Segment("没有符号")]


def test_speak_html_escapes_and_marks() -> None:
    html = speak_html("<script>＞95 Internet Plus")
    assert html == (
        '&lt;<span lang="en">script</span>&gt;<span class="say" data-say="大于95"><span aria-hidden="true">＞95</span></span> '
        '<span lang="en">Internet Plus</span>'
    )


def test_the_plain_text_channel_keeps_only_the_text() -> None:
    html = speak_html("参保率＞95%（2021—2025年）&amp;")
    assert without_spoken_forms(html) == "参保率＞95%（2021—2025年）&amp;amp;"
    assert without_spoken_forms('<span class="other">x</span>') == '<span class="other">x</span>'


@pytest.mark.parametrize(
    "unit",
    ["1", "＜1 a ", "2021—", "0-", "a.", "A B ", "＞", "—1"],
    ids=["digits", "compare-latin", "ranges", "hyphens", "dotted-latin", "words", "symbols", "dash-digit"],
)
def test_time_is_linear_in_the_text(unit: str) -> None:
    """Adversarial runs: 4× the text takes about 4× the time, never 16×."""
    assert_linear(segments, unit)


@given(st.text(alphabet="残疾人＞>≥≤＜~～—–-－%％年岁个（）() .,，。ABCabc0123456789０１２３٣", max_size=40))
def test_text_without_a_digit_or_latin_letter_is_only_escaped(text: str) -> None:
    """speak_html skips the rules for text with no digit (of any script) and no Latin letter,
    so every rule must need one; here no rule applies to such text, and with one it is spoken."""
    from markupsafe import escape

    from plansite.speech import _TRIGGER

    if _TRIGGER.search(text) is None:
        assert [(s.spoken, s.latin) for s in segments(text)] in ([], [("", False)])
        assert speak_html(text) == escape(text)
