"""Editors' Markdown to safe HTML fragments (and to plain text).

Government plans are prose: paragraphs, emphasis, the odd link. Everything
else Markdown can do is switched off because it would fight the document
model: headings would break the outline, indented text would turn into code
blocks when pasted from Word, "1. " would become a browser-numbered list and
lose the numbering as written, and raw HTML could inject markup.

Text passes through token-level transforms (glossary first-use links, and the
speech-friendly markup in `speech`) so nothing is ever spliced into HTML
strings by hand.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, MutableMapping, Sequence
from typing import Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

SAFE_SCHEMES = ("http://", "https://", "mailto:")

# Rules editors never need in a plan (see the module docstring).
_DISABLED = [
    "heading",
    "lheading",
    "code",
    "fence",
    "blockquote",
    "hr",
    "list",
    "reference",
    "html_block",
    "html_inline",
    "image",
    "backticks",
]


class TokenTransform(Protocol):
    """A pass over a text's inline tokens (glossary links, spoken forms)."""

    def __call__(self, tokens: list[Token], env: MutableMapping[str, Any], /) -> list[Token]: ...

    def touches(self, text: str) -> bool:
        """Whether the pass could change `text` (False lets the text skip the parser)."""
        ...


# Every piece of Markdown syntax is ASCII (and so are line breaks): text without any
# ASCII character, most of a Chinese plan, is one paragraph of exactly itself.
_ASCII = re.compile(r"[\x00-\x7f]")


def is_safe_href(url: str) -> bool:
    url = url.strip()
    if url.startswith("#"):
        return True
    return url.lower().startswith(SAFE_SCHEMES)


def _base() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(_DISABLED)
    return md


@functools.cache
def _link_finder() -> MarkdownIt:
    md = _base()
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # markdown-it-py's hook; see every link
    return md


@functools.cache
def _plain_parser() -> MarkdownIt:
    return _base()


# A link needs one of these; text without them (most of a plan) has none to check.
_LINK_MARKS = ("[", "<")


def link_targets(source: str) -> list[str]:
    """Every link target in `source` as the page would write it (sorted, each once)."""
    if not any(mark in source for mark in _LINK_MARKS):
        return []
    found: set[str] = set()
    for token in _link_finder().parse(source):
        for child in token.children or []:
            if child.type == "link_open":
                found.add(str(child.attrGet("href") or ""))
    return sorted(found)


def bad_links(source: str) -> list[str]:
    """Every link target in `source` that is not http(s), mailto or #fragment."""
    return [href for href in link_targets(source) if not is_safe_href(href)]


class TextRenderer:
    """Renders one document's text fields in reading order.

    State that depends on reading order (which glossary terms were already
    linked) lives here, so a document is rendered once, in order, and every
    output mode reuses the fragments.
    """

    def __init__(self, transforms: Sequence[TokenTransform] = ()) -> None:
        self._md = _base()
        self._md.validateLink = is_safe_href  # type: ignore[method-assign]  # markdown-it-py's hook
        self._transforms = list(transforms)
        self._md.core.ruler.push("plansite_transforms", self._apply)

    def _apply(self, state: StateCore) -> None:
        for token in state.tokens:
            if token.type == "inline" and token.children:
                for transform in self._transforms:
                    token.children = transform(token.children, state.env)

    def block(self, source: str) -> Markup:
        """Paragraphs."""
        if self._is_plain(source, links=True):
            return Markup(f"<p>{source.strip()}</p>\n")  # what the parser gives, without parsing
        if _is_one_text(source):
            return Markup(f"<p>{self._one_text(source, {'links': True})}</p>\n")
        return Markup(self._md.render(source, {"links": True}))

    def inline(self, source: str, *, links: bool = True) -> Markup:
        """One line (a table cell, a definition); `links=False` adds no glossary links."""
        if self._is_plain(source, links=links):
            return Markup(source)
        if _is_one_text(source):
            return Markup(self._one_text(source, {"links": links}))
        return Markup(self._md.renderInline(source, {"links": links}))

    def _one_text(self, source: str, env: dict[str, Any]) -> str:
        """What the parser gives for text that is one text token (`_is_one_text`), without
        parsing: the token through the passes, then rendered."""
        tokens = [_text(source)]
        for transform in self._transforms:
            tokens = transform(tokens, env)
        return self._md.renderer.render(tokens, self._md.options, env)  # as renderInline does, token by token

    def _is_plain(self, source: str, *, links: bool) -> bool:
        """Whether `source` renders as itself: no Markdown, nothing a pass would change.
        (Without ASCII there is nothing to escape either: no < > & " '.)"""
        if source != source.strip() or not source or _ASCII.search(source):
            return False
        return not any(t.touches(source) for t in self._transforms if links or not isinstance(t, GlossaryLinker))


# What the parser would act on, with the rules left on: markdown-it's normalising of control
# characters and line breaks, escapes, emphasis, links and autolinks, entities. Text without any
# of these, and without space around it, is one text token in one paragraph (escaped as the
# parser escapes it): tests/test_markup.py compares this with the parser for every ASCII character.
_SYNTAX = re.compile(r"[\x00-\x1f\x7f\\*_\[\]<&]")


def _is_one_text(source: str) -> bool:
    return bool(source) and source == source.strip() and not _SYNTAX.search(source)


def plain_text(source: str) -> str:
    """Markdown source as the text a reader sees (for .txt and checks)."""
    if _is_one_text(source):
        return source  # no Markdown in it: the text as written
    parts: list[str] = []
    for token in _plain_parser().parse(source):
        if token.type == "paragraph_close":
            parts.append("\n\n")
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
    return "".join(parts).strip()


def map_text(tokens: list[Token], replace: Callable[[Token, bool], list[Token]]) -> list[Token]:
    """Replace each text token by what `replace(token, inside_a_link)` returns."""
    out: list[Token] = []
    in_link = 0
    for token in tokens:
        if token.type == "link_open":
            in_link += 1
        elif token.type == "link_close":
            in_link -= 1
        out.extend(replace(token, in_link > 0) if token.type == "text" else [token])
    return out


# --- glossary --------------------------------------------------------------


class GlossaryLinker:
    """Links the first use of each glossary term to its definition.

    At each place in the text the longest term still unlinked wins ("残疾人之家"
    over a shorter term inside it), and the earliest place first. The terms are
    kept in a trie, and only characters that can begin a term are visited
    (found by one regular expression, in C), so the time is linear in the text
    whatever the number of terms (at most one term's length of work per place).
    """

    def __init__(self, anchors: dict[str, str]) -> None:
        self._pending = dict(anchors)  # term -> anchor, until its first use is linked
        self._trie: dict[str, Any] = {}
        for term in anchors:
            node = self._trie
            for char in term:
                node = node.setdefault(char, {})
            node[_TERM_END] = term
        self._starts = re.compile("[" + "".join(re.escape(c) for c in sorted(self._trie)) + "]") if anchors else None

    def touches(self, text: str) -> bool:
        return bool(self._pending) and self._starts is not None and self._starts.search(text) is not None

    def __call__(self, tokens: list[Token], env: MutableMapping[str, Any]) -> list[Token]:
        if not self._pending or not env.get("links", True):
            return tokens
        return map_text(tokens, lambda token, in_link: [token] if in_link else self._link_text(token))

    def _link_text(self, token: Token) -> list[Token]:
        text = token.content
        out: list[Token] = []
        done = 0  # text before this is in `out`
        while self._pending:
            hit = self._first_hit(text, done)
            if hit is None:
                break
            start, term = hit
            anchor = self._pending.pop(term)
            if start > done:
                out.append(_text(text[done:start]))
            link = Token("link_open", "a", 1)
            link.attrSet("href", f"#{anchor}")
            link.attrSet("class", "term")
            out += [link, _text(term), Token("link_close", "a", -1)]
            done = start + len(term)
        if done < len(text):
            out.append(_text(text[done:]))
        return out

    def _first_hit(self, text: str, start: int) -> tuple[int, str] | None:
        """(place, term) of the earliest, then longest, unlinked term at or after `start`."""
        assert self._starts is not None
        for match in self._starts.finditer(text, start):
            node: dict[str, Any] = self._trie
            found = None
            for at in range(match.start(), len(text)):
                if text[at] not in node:
                    break
                node = node[text[at]]
                term = node.get(_TERM_END)
                if term is not None and term in self._pending:
                    found = term
            if found is not None:
                return match.start(), found
        return None


_TERM_END = ""  # the trie's key for "a term ends here": no character is the empty string


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
