"""Spoken forms for symbols speech engines misread, and Latin marked as English."""

from __future__ import annotations

import pytest

from plansite.speech import Segment, segments, speak_html


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
        ("（2021—2025年）", [("2021—2025", "2021至2025")]),
        ("2021——2025年", [("2021——2025", "2021至2025")]),
        ("3～5人", [("3～5", "3至5")]),
        ("0-6岁残疾儿童", [("0-6", "0至6")]),
        ("规划(2021-2025年)", [("2021-2025", "2021至2025")]),
        ("江北府发〔2022〕20号", [("〔2022〕", "2022年")]),
    ],
)
def test_spoken_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert spoken(text) == expected


@pytest.mark.parametrize("text", ["电话:023-63651188", "13883910958", "0.2万人", "第3节", "2022年4月"])
def test_numbers_that_are_not_symbols_stay_as_they_are(text: str) -> None:
    assert spoken(text) == []


def test_latin_fragments() -> None:
    latin = [s.text for s in segments("减免助残APP流量，C5驾驶证，网站支持IPV6和Wi-Fi。") if s.latin]
    assert latin == ["APP", "C5", "IPV6", "Wi-Fi"]


def test_segments_cover_the_text_exactly() -> None:
    text = "到2025年，参保率＞95%，APP覆盖率≥90%（2021—2025年）。"
    assert "".join(s.text for s in segments(text)) == text
    assert segments("没有符号") == [Segment("没有符号")]


def test_speak_html_escapes_and_marks() -> None:
    html = speak_html("<script>＞95 APP")
    assert html == (
        '&lt;script&gt;<span aria-hidden="true">＞95</span><span class="sr-only">（大于95）</span> '
        '<span lang="en">APP</span>'
    ).replace("&lt;script&gt;", '&lt;<span lang="en">script</span>&gt;')
