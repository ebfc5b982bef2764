"""Speech-friendly text: a spoken form where speech engines misread a symbol,
and lang="en" on real English phrases.

Measured with espeak-ng (the engine behind NVDA's default voice and many
phones' readers): ＞ ≥ ＜ ≤ ～ are dropped, so "＞95" is read as "95", and
"0-6" becomes "零六". Such a run is shown and copied as written; assistive
technology gets its spoken form from CSS generated content that carries only
alternative text (`content: "" / attr(data-say)`, in static/css/spoken-forms.css):

    <span class="say" data-say="大于95"><span aria-hidden="true">＞95</span></span>

So what a reader sees, copies, finds with the browser or reads in a text
browser is the document's own text, character for character, and the
accessible name of a heading reads as one phrase ("2021年至2025年"). The
plain-text channel has no stylesheet, so it carries the plain text
(`without_spoken_forms`). 〔2022〕 reads fine and has no spoken form.

Every rule is one pass of one regular expression with no nested repetition,
so the time is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
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
# A unit after a range is said after each end: 2021—2025年 → 2021年至2025年.
_UNITS = "个月|周岁|年|岁|月|日|天|%"

# One expression, alternatives in priority order; each starts at a digit run's
# first digit or at a symbol, so a long run of digits is tried once.
_SYMBOLS = re.compile(
    r"(?P<compare>[＞>≥≧＜<≤≦])\s*(?P<number>\d+(?:\.\d+)?%?)"
    # ranges with a dash or tilde: 2021—2025  0～6  3~5
    rf"|(?<!\d)(?P<a>\d+)\s*(?:——|—|–|～|~)\s*(?P<b>\d+)(?P<unit>{_UNITS})?"
    # a hyphen only where it is plainly a range (not a phone number): 0-6岁, 2021-2025
    rf"|(?<![\d-])(?P<ha>\d{{1,2}})\s*[-－]\s*(?P<hb>\d{{1,3}})(?=\s*(?:{_UNITS}|）|\)))(?P<hunit>{_UNITS})?"
    r"|(?<![\d-])(?P<ya>(?:19|20)\d\d)\s*[-－]\s*(?P<yb>(?:19|20)\d\d)(?!\d)(?P<yunit>年)?"
)
# A Latin run: words joined by spaces, dots or hyphens (APP, C5, Wi-Fi, Internet Plus).
_LATIN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9+]*(?:[ .\-][A-Za-z0-9+]+)*(?![A-Za-z0-9])")
_WORD = re.compile(r"[A-Za-z]+")
_FOREIGN_WORD = 5  # a lower-case word this long is English, not an abbreviation (APP, C5, X, IPV6)


@dataclass(frozen=True)
class Segment:
    text: str  # as written
    spoken: str = ""  # a spoken form, when the text is a symbol run
    latin: bool = False  # an English phrase (lang="en")


def _spoken(match: re.Match[str]) -> tuple[str, str]:
    """(the text the spoken form replaces, the spoken form); a unit stays outside."""
    if match["compare"]:
        return match[0], f"{_COMPARE[match['compare']]}{match['number']}"
    for a, b, unit in (("a", "b", "unit"), ("ha", "hb", "hunit"), ("ya", "yb", "yunit")):
        if match[a]:
            said_unit = match[unit] or ""
            written = match[0][: len(match[0]) - len(said_unit)]
            return written, f"{match[a]}{said_unit}至{match[b]}"
    raise AssertionError("every alternative of _SYMBOLS is handled")


def is_foreign(run: str) -> bool:
    """Abbreviations and codes are read in the document's own voice (WCAG 3.1.2
    exempts them); only a real English phrase switches the voice."""
    words = _WORD.findall(run)
    long_words = [w for w in words if len(w) >= 3 and not w.isupper()]
    return (len(words) >= 2 and bool(long_words)) or any(len(w) >= _FOREIGN_WORD for w in long_words)


def segments(text: str) -> list[Segment]:
    """Split text into plain runs, symbol runs with a spoken form, and English phrases."""
    hits: list[tuple[int, int, Segment]] = []
    for match in _SYMBOLS.finditer(text):
        written, said = _spoken(match)
        hits.append((match.start(), match.start() + len(written), Segment(written, spoken=said)))
    if _WORD.search(text):  # any Latin letter: look for English phrases
        position, found = 0, []
        for start, end, _segment in hits:
            found += _latin(text, position, start)
            position = end
        hits = sorted(hits + found + _latin(text, position, len(text)), key=lambda h: h[0])
    out: list[Segment] = []
    position = 0
    for start, end, segment in hits:
        if start > position:
            out.append(Segment(text[position:start]))
        out.append(segment)
        position = end
    if position < len(text):
        out.append(Segment(text[position:]))
    return out


def _latin(text: str, start: int, end: int) -> list[tuple[int, int, Segment]]:
    return [
        (m.start(), m.end(), Segment(m[0], latin=True)) for m in _LATIN.finditer(text, start, end) if is_foreign(m[0])
    ]


def speak_html(text: str) -> Markup:
    """Plain text (a title, a caption, a metadata value) as speech-friendly HTML."""
    if _TRIGGER.search(text) is None:  # no rule applies: most headings and titles
        return escape(text)
    parts = []
    for s in segments(text):
        if s.spoken:
            parts.append(
                Markup('<span class="say" data-say="{}"><span aria-hidden="true">{}</span></span>').format(
                    s.spoken, s.text
                )
            )
        elif s.latin:
            parts.append(Markup('<span lang="en">{}</span>').format(s.text))
        else:
            parts.append(escape(s.text))
    return Markup("").join(parts)


# Every rule needs a digit (any script's: \\d) or a Latin letter.
_TRIGGER = re.compile(r"[\dA-Za-z]")


class SpeechTokens:
    """The same, as a markdown-it token transform (see markup.TextRenderer)."""

    def __call__(self, tokens: list[Token], env: MutableMapping[str, Any]) -> list[Token]:
        return map_text(tokens, _speak_token)

    def touches(self, text: str) -> bool:
        return _TRIGGER.search(text) is not None


speech_tokens = SpeechTokens()


_SPOKEN_FORM = re.compile(r'<span class="say" data-say="[^"]*"><span aria-hidden="true">([^<]*)</span></span>')


def without_spoken_forms(html: str) -> str:
    """A page for the plain-text channel: the spoken forms' markup removed, the text kept.

    Without a stylesheet a spoken form cannot be given, and the symbol hidden
    from assistive technology would be lost; so the channel carries the
    document's text as written. The markup matched is only ever ours
    (speak_html and speech_tokens), with its values escaped.
    """
    return _SPOKEN_FORM.sub(r"\1", html)


def _speak_token(token: Token, in_link: bool) -> list[Token]:
    if in_link and token.content.startswith(("http://", "https://")):
        return [token]  # a link that shows its own address
    out: list[Token] = []
    for s in segments(token.content):
        if s.spoken:
            out += _wrap(_wrap_tokens(s.text, {"aria-hidden": "true"}), {"class": "say", "data-say": s.spoken})
        elif s.latin:
            out += _wrap([_text(s.text)], {"lang": "en"})
        else:
            out.append(_text(s.text))
    return out


def _wrap_tokens(content: str, attrs: dict[str, str]) -> list[Token]:
    return _wrap([_text(content)], attrs)


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _wrap(inner: list[Token], attrs: dict[str, str]) -> list[Token]:
    opening = Token("span_open", "span", 1)
    for name, value in attrs.items():
        opening.attrSet(name, value)
    return [opening, *inner, Token("span_close", "span", -1)]
