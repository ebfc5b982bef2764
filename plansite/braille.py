"""The braille edition (盲文版): a document in 国家通用盲文 (the national common braille
scheme, with tones), laid out in pages for embossers and refreshable braille displays.

Translation is liblouis's, with its table for the scheme (`zhcn-cbs.ctb`), called
through the C library: braille rules are never written here. This module only lays
out the cells liblouis gives, as braille is read:

- a page of `cells` × `lines` (30 × 27 by default, 40 × 25 as an option); its last
  line carries the page number at the right, as braille books number their pages;
- the title and first-level headings centred, with a blank line before; deeper
  headings start at cell 5, every line of them; headings keep their numbering as
  written and never end a page (they move to the next page with the line after);
- a paragraph starts at cell 3 (two blank cells), its other lines at cell 1;
- lines of a block of lines (the metadata, each table row, a signature) start at
  cell 1 and continue at cell 3;
- a line breaks between characters, never inside a syllable's cells, a number or a
  Latin word, and never before a closing or after an opening punctuation mark.

Two files: `.brf` (North American Braille ASCII, the format embossers and braille
displays open; CR LF line ends, a form feed between pages) and the same pages in
Unicode braille (U+2800–U+28FF) as a `.txt` for display users and reviewers.
Wrapping is one pass over the cells, so the time is linear in the text.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .strings import T
from .textexport import BOM, TextBlock

TABLE = "zhcn-cbs.ctb"  # 国家通用盲文方案, liblouis-data
BRF_DISPLAY = "en-us-brf.dis"  # dots to North American Braille ASCII, the BRF encoding
BLANK = "\u2800"  # the empty cell
CRLF = "\r\n"
FORM_FEED = "\f"

_DOTS_IO, _UC_BRL = 4, 64  # liblouis translation modes: give dot patterns, as Unicode braille
_LOG_ERROR = 40000  # liblouis log level: errors only (the Chinese table warns about its own duplicates)

# Never at the start of a line (they close what comes before) or at its end (they open what follows).
_NO_START = frozenset("，。、；：？！）》」』”’…—·%")
_NO_END = frozenset("（《「『“‘")


class BrailleUnavailable(Exception):
    """liblouis or its Chinese table is not installed: an environment error, said in Chinese."""


# --- liblouis ------------------------------------------------------------------


@dataclass(frozen=True)
class _Louis:
    lib: ctypes.CDLL
    char_size: int  # liblouis's widechar: 2 (UTF-16) or 4 (UTF-32) bytes
    version: str


_errors: list[str] = []  # what liblouis logged during the current call


@ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p)
def _log(level: int, message: bytes | None) -> None:
    _errors.append((message or b"").decode("utf-8", "replace"))


@functools.cache
def _louis() -> _Louis:
    """The library, with the table compiled once per process (workers inherit it when forked)."""
    name = ctypes.util.find_library("louis") or "liblouis.so.20"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        raise BrailleUnavailable(T["braille_no_liblouis"]) from None
    lib.lou_version.restype = ctypes.c_char_p
    lib.lou_getTable.restype = ctypes.c_void_p
    lib.lou_registerLogCallback(_log)
    lib.lou_setLogLevel(_LOG_ERROR)
    _errors.clear()
    if not lib.lou_getTable(TABLE.encode()) or not lib.lou_getTable(BRF_DISPLAY.encode()):
        raise BrailleUnavailable(T["braille_no_table"].format(table=TABLE, detail="；".join(_errors)[:300]))
    return _Louis(lib, int(lib.lou_charSize()), lib.lou_version().decode())


def library_fingerprint() -> str:
    """liblouis's version and the bytes of the tables it reads: a new table changes the braille,
    so it changes every fingerprint (cache.fingerprints)."""
    louis = _louis()
    digest = hashlib.sha256(f"liblouis {louis.version} widechar {louis.char_size}".encode())
    for path in _table_files():
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return f"liblouis {louis.version} tables {digest.hexdigest()}"


def _table_files() -> list[Path]:
    """The table files liblouis reads for TABLE and BRF_DISPLAY, following `include` lines."""
    folders = [Path(p) for p in os.environ.get("LOUIS_TABLEPATH", "").split(",") if p]
    folders += [Path("/usr/share/liblouis/tables"), Path("/usr/local/share/liblouis/tables")]
    found: dict[str, Path] = {}
    todo = [TABLE, BRF_DISPLAY]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        path = next((folder / name for folder in folders if (folder / name).is_file()), None)
        if path is None:
            continue
        found[name] = path
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] == "include":
                todo.append(words[1])
    return [found[name] for name in sorted(found)]


@dataclass(frozen=True)
class Cells:
    """Braille for a text: the cells (Unicode braille) and, for each cell, the index of
    the character of the text it stands for (so lines break between characters)."""

    text: str
    cells: str
    source: tuple[int, ...]


@functools.lru_cache(maxsize=4096)  # headings, labels and page numbers come back often
def translate(text: str) -> Cells:
    """`text` in braille, by liblouis with the national common braille table.

    The table reads the characters of GB2312 and some more; for one it lacks (硚 of 硚口区,
    堃 or 喆 in a name), liblouis writes its code, which means nothing to a reader. Chinese
    braille writes a character's sound, not the character, so such a character is
    translated as a character the table has with the same one reading and tone (硚 as 桥):
    the same cells the table would give it."""
    found = _translate(text)
    if max(found.cells, default=BLANK) < _EIGHT_DOT:  # every cell six-dot: every character read
        return found
    spoken = text.translate(_homophones(text))
    if spoken == text:
        return found
    again = _translate(spoken)
    return Cells(text, again.cells, again.source)  # the same characters, one for one: the same places


# liblouis marks the code it writes for a character its table lacks with dot 7 (U+2840 on).
_EIGHT_DOT = "\u2840"
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def _homophones(text: str) -> dict[int, str]:
    """For each ideograph of `text` that the table lacks, a character it has with the same sound."""
    found: dict[int, str] = {}
    for char in set(_IDEOGRAPH.findall(text)):
        if not _in_table(char) and (stand_in := _homophone(char)):
            found[ord(char)] = stand_in
    return found


@functools.lru_cache(maxsize=8192)
def _in_table(char: str) -> bool:
    return max(_translate(char).cells, default=BLANK) < _EIGHT_DOT


@functools.lru_cache(maxsize=8192)
def _homophone(char: str) -> str | None:
    """A character of the table with `char`'s reading (pinyin with its tone), if `char` has one."""
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.TONE3, heteronym=True)[0]
    return _by_reading().get(readings[0]) if len(readings) == 1 else None


@functools.cache
def _by_reading() -> dict[str, str]:
    """Each reading (kun1) -> the first character of GB2312 (in its order) read only so, that
    the table has: always the same one, so the braille is the same from build to build."""
    from pypinyin import Style, pinyin

    found: dict[str, str] = {}
    for first in range(0xB0, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                char = bytes((first, second)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            readings = pinyin(char, style=Style.TONE3, heteronym=True)[0]
            if len(readings) == 1 and readings[0] not in found and _in_table(char):
                found[readings[0]] = char
    return found


def _translate(text: str) -> Cells:
    louis = _louis()
    encoding = "utf-32-le" if louis.char_size == 4 else "utf-16-le"
    data = text.encode(encoding)
    units = len(data) // louis.char_size
    widechar = ctypes.c_uint32 if louis.char_size == 4 else ctypes.c_uint16
    inbuf = (widechar * max(units, 1)).from_buffer_copy(data or bytes(louis.char_size))
    capacity = units * 8 + 64
    while True:  # liblouis stops where its output is full: then give it more room
        inlen, outlen = ctypes.c_int(units), ctypes.c_int(capacity)
        out = (widechar * capacity)()
        positions = (ctypes.c_int * capacity)()
        _errors.clear()
        ok = louis.lib.lou_translate(
            TABLE.encode(), inbuf, ctypes.byref(inlen), out, ctypes.byref(outlen),
            None, None, None, positions, None, _DOTS_IO | _UC_BRL,
        )  # fmt: skip
        if not ok:
            raise BrailleUnavailable(T["braille_failed"].format(detail="；".join(_errors)[:300]))
        if inlen.value >= units:
            break
        if capacity > units * 64:  # never: a character is at most a dozen cells
            raise BrailleUnavailable(T["braille_failed"].format(detail="output too long"))
        capacity *= 2
    cells = bytes(out)[: outlen.value * louis.char_size].decode(encoding)
    source = tuple(positions[: outlen.value])
    if louis.char_size == 2 and len(text) != units:  # positions count UTF-16 units: map them to characters
        unit_to_char = [i for i, ch in enumerate(text) for _ in range(2 if ord(ch) > 0xFFFF else 1)]
        source = tuple(unit_to_char[min(p, units - 1)] for p in source)
    if len(cells) != len(source):  # a character outside the BMP in the output (never braille)
        raise BrailleUnavailable(T["braille_failed"].format(detail="unexpected output"))
    return Cells(text, cells, source)


def to_brf(cells: str) -> str:
    """Unicode braille as North American Braille ASCII (BRF), by liblouis's display table
    for it. Blank cells become spaces; line and page ends pass through."""
    return cells.translate(_brf_table())


@functools.cache
def _brf_table() -> dict[int, str]:
    """Each cell as BRF, asked of liblouis once for the 64 six-dot cells."""
    louis = _louis()
    widechar = ctypes.c_uint32 if louis.char_size == 4 else ctypes.c_uint16
    dots = (widechar * 64)(*[0x8000 | bits for bits in range(64)])
    chars = (widechar * 64)()
    if not louis.lib.lou_dotsToChar(BRF_DISPLAY.encode(), dots, chars, 64, 0):
        raise BrailleUnavailable(T["braille_failed"].format(detail=BRF_DISPLAY))
    # BRF is six-dot: a cell with dot 7 or 8 (liblouis writes a character its table lacks as
    # its code, marked with dot 7) is written as its six-dot part.
    table = {0x2800 + bits: chr(chars[bits & 0x3F]) for bits in range(256)}
    table[ord(BLANK)] = " "
    return table


# --- layout --------------------------------------------------------------------


def wrap(braille: Cells, width: int, first: int = 0, rest: int = 0) -> list[str]:
    """The cells in lines of at most `width`, the first indented by `first` cells and
    the others by `rest`; breaks only where `_may_break` allows, preferring a blank cell."""
    cells, source, text = braille.cells, braille.source, braille.text
    lines: list[str] = []
    start, n = 0, len(cells)
    while start < n:
        while start < n and cells[start] == BLANK:  # a line never starts with a blank cell
            start += 1
        if start >= n:
            break
        room = width - (first if not lines else rest)
        if n - start <= room:
            end = n
        else:
            blank = cells.rfind(BLANK, start, start + room) + 1  # just after the last blank cell, or 0
            if blank > start + room // 2:  # a blank cell in the line's second half is the best place
                end = blank
            else:  # else the last break allowed, looked for from the line's end (mostly a cell or two back)
                ends = range(min(start + room, n - 1), start, -1)
                end = next((k for k in ends if _may_break(text, source, k)), 0) or blank or start + room
        indent = first if not lines else rest
        lines.append(BLANK * indent + cells[start:end].rstrip(BLANK))
        start = end
    return lines


def _may_break(text: str, source: tuple[int, ...], k: int) -> bool:
    """May a line end before cell `k`? Only between two characters of the text, not
    inside a number or a Latin word, not before a closing or after an opening mark."""
    a, b = source[k - 1], source[k]
    if b <= a:  # inside one character's cells (or liblouis reordered them)
        return False
    before, after = text[b - 1], text[b]
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        return False
    return after not in _NO_START and before not in _NO_END


def centred(lines: list[str], width: int) -> list[str]:
    return [BLANK * ((width - len(line)) // 2) + line for line in lines]


@dataclass(frozen=True)
class _Laid:
    """One block's lines, and how it sits on the page."""

    lines: list[str]
    space_before: bool = False  # a blank line before it, unless it starts a page
    keep_with_next: bool = False  # a heading: never the last thing on a page


def _lay_block(block: TextBlock, width: int) -> list[_Laid]:
    if block.kind in ("title", "heading") and block.level <= 1:
        lines = centred(wrap(translate(block.text), width), width)
        return [_Laid(lines, space_before=True, keep_with_next=True)]
    if block.kind == "heading":
        return [_Laid(wrap(translate(block.text), width, 4, 4), keep_with_next=True)]
    if block.kind == "paragraph":  # a list inside a paragraph has an item on each line
        return [_Laid(wrap(translate(line), width, 2, 0)) for line in block.text.split("\n") if line.strip()]
    return [_Laid(wrap(translate(line), width, 0, 2)) for line in block.text.split("\n") if line.strip()]


def paginate(blocks: Iterable[TextBlock], page: m.BraillePage) -> list[list[str]]:
    """The blocks in pages of `page.lines` lines, the last of each the page number."""
    body = page.lines - 1
    pages: list[list[str]] = []
    current: list[str] = []

    def new_page() -> None:
        nonlocal current
        if current:
            pages.append(current)
        current = []

    laid = [item for block in blocks for item in _lay_block(block, page.cells)]
    for i, item in enumerate(laid):
        space = item.space_before and bool(current)
        # A heading moves to the next page unless it and the next block's first line fit;
        # anything else starts where there is room for one line, and flows on.
        need = len(item.lines) + (1 if i + 1 < len(laid) else 0) if item.keep_with_next else 1
        if current and len(current) + space + need > body:
            new_page()
            space = False
        if space:
            current.append("")
        for line in item.lines:
            if len(current) == body:
                new_page()
            current.append(line)
    new_page()
    return [_numbered(lines, n, page) for n, lines in enumerate(pages, start=1)]


def _numbered(lines: list[str], number: int, page: m.BraillePage) -> list[str]:
    """The page's lines, blank lines to fill it, and its number at the right of the last line."""
    label = translate(str(number)).cells.strip(BLANK)
    return [*lines, *[""] * (page.lines - 1 - len(lines)), BLANK * (page.cells - len(label)) + label]


@dataclass(frozen=True)
class Edition:
    """The braille edition of one text: the BRF file and the same pages in Unicode braille."""

    brf: bytes  # Braille ASCII
    unicode: str


def edition(blocks: Iterable[TextBlock], page: m.BraillePage) -> Edition:
    pages = paginate(blocks, page)
    unicode_pages = [CRLF.join(line.rstrip(BLANK) for line in lines) for lines in pages]
    brf = to_brf((CRLF + FORM_FEED).join(unicode_pages) + CRLF).encode("ascii")
    # The Unicode file is read on screen and in a browser: a blank line between pages, not a form feed.
    text = BOM + (CRLF + CRLF).join(unicode_pages) + CRLF
    return Edition(brf, text)
