"""Speech-friendly text: say symbols as a person would, mark Latin as English.

Speech engines misread the symbols plans are full of: ＞95 may be skipped or
read as an English "greater-than", 2021—2025 as "2021 dash 2025", 〔2022〕 as
"bracket". Each such run is shown as written but hidden from assistive
technology, followed by its spoken form in visually hidden text:

    <span aria-hidden="true">＞95</span><span class="sr-only">（大于95）</span>

Screen readers say "大于95"; sighted readers see "＞95"; with CSS off (the
plain-text channel, a text browser) the line reads "＞95（大于95）", which is
still natural. Latin fragments (APP, C5, IPV6) get lang="en" so a Chinese
voice does not spell them as pinyin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token
from markupsafe import Markup, escape

from .markup import map_text

_COMPARE = {
    "＞": "大于",
    ">": "大于",
    "≥": "大于等于",
    "≧": "大于等于",
    "＜": "小于",
    "<": "小于",
    "≤": "小于等于",
    "≦": "小于等于",
}
_NUMBER = r"\d+(?:\.\d+)?%?"
_UNIT_AFTER_RANGE = r"(?=\s*(?:年|岁|周岁|月|日|个月|天|%|）|\)))"

# (pattern, spoken form of a match). Order matters: the first pattern wins where they overlap.
_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    # comparisons: ＞95  ≥90%  <5
    (re.compile(rf"([＞>≥≧＜<≤≦])\s*({_NUMBER})"), lambda m: f"{_COMPARE[m[1]]}{m[2]}"),
    # ranges with a dash or tilde: 2021—2025  0～6  3~5
    (re.compile(r"(\d+)\s*(?:——|—|–|～|~)\s*(\d+)"), lambda m: f"{m[1]}至{m[2]}"),
    # ranges with a hyphen only where they are plainly ranges (not phone numbers): 0-6岁  2021-2025
    (re.compile(rf"(\d{{1,2}})\s*[-－]\s*(\d{{1,3}}){_UNIT_AFTER_RANGE}"), lambda m: f"{m[1]}至{m[2]}"),
    (re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-－]\s*((?:19|20)\d\d)(?!\d)"), lambda m: f"{m[1]}至{m[2]}"),
    # the year in a document number: 江北府发〔2022〕20号
    (re.compile(r"[〔［\[](\d{4})[〕］\]]"), lambda m: f"{m[1]}年"),
)
_LATIN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9+]*(?:[.\-][A-Za-z0-9+]+)*(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Segment:
    text: str  # as written
    spoken: str = ""  # a spoken form, when the text is a symbol run
    latin: bool = False


def segments(text: str) -> list[Segment]:
    """Split text into plain runs, symbol runs with a spoken form, and Latin runs."""
    hits: list[tuple[int, int, Segment]] = []
    taken: list[tuple[int, int]] = []
    for pattern, say in _RULES:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            hits.append((start, end, Segment(match[0], spoken=say(match))))
            taken.append((start, end))
    for match in _LATIN.finditer(text):
        start, end = match.span()
        if not any(start < b and a < end for a, b in taken):
            hits.append((start, end, Segment(match[0], latin=True)))
    out: list[Segment] = []
    position = 0
    for start, end, segment in sorted(hits, key=lambda h: h[0]):
        if start > position:
            out.append(Segment(text[position:start]))
        out.append(segment)
        position = end
    if position < len(text):
        out.append(Segment(text[position:]))
    return out


def speak_html(text: str) -> Markup:
    """Plain text (a title, a caption, a metadata value) as speech-friendly HTML."""
    parts = []
    for s in segments(text):
        if s.spoken:
            parts.append(
                Markup('<span aria-hidden="true">{}</span><span class="sr-only">（{}）</span>').format(s.text, s.spoken)
            )
        elif s.latin:
            parts.append(Markup('<span lang="en">{}</span>').format(s.text))
        else:
            parts.append(escape(s.text))
    return Markup("").join(parts)


def speech_tokens(tokens: list[Token], env: MutableMapping[str, Any]) -> list[Token]:
    """The same, as a markdown-it token transform (see markup.TextRenderer)."""
    return map_text(tokens, _speak_token)


def _speak_token(token: Token, in_link: bool) -> list[Token]:
    if in_link and token.content.startswith(("http://", "https://")):
        return [token]  # a link that shows its own address
    out: list[Token] = []
    for s in segments(token.content):
        if s.spoken:
            out += _wrap(s.text, {"aria-hidden": "true"}) + _wrap(f"（{s.spoken}）", {"class": "sr-only"})
        elif s.latin:
            out += _wrap(s.text, {"lang": "en"})
        else:
            out.append(_text(s.text))
    return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _wrap(content: str, attrs: dict[str, str]) -> list[Token]:
    opening = Token("span_open", "span", 1)
    for name, value in attrs.items():
        opening.attrSet(name, value)
    return [opening, _text(content), Token("span_close", "span", -1)]
