"""An OFD file (.ofd, GB/T 33190: China's format for fixed-layout electronic documents, as
公文 are issued) → its text, line by line, for the text reader.

An OFD is a zip of XML: OFD.xml names each document's Document.xml, which lists its pages; each
page's Content.xml holds text objects, each placed by its Boundary ("x y width height", in
millimetres from the page's top left) with text codes placed in it (X, Y: the baseline's start)
and the advance of each character after the first (DeltaX; "g 3 5.2" is three advances of 5.2).
The codes are put in lines by their baselines, left to right: a wide gap is a tab (a table's
columns, as the text reader reads them), a narrower one a space. Template pages (a running head,
a page number) and seals, pictures and annotations are not the text. Where a document's layout
matters more, its PDF (which an OFD reader saves) gives headings by size and ruled tables.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no types

OFD_ENTRY = "OFD.xml"
MAX_PAGES = 5000  # a gazette's year is a few hundred pages
MAX_PART_BYTES = 64 * 1024 * 1024  # one page's XML, unpacked
SAME_LINE = 0.5  # baselines closer than this many type sizes are one line
SPACE_GAP = 0.3  # a gap of this many type sizes between codes is a space
TAB_GAP = 2.0  # and of this many, a tab: a table's columns, or a 落款 set apart
_NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|-?\.\d+")


class NotReadableOfdError(ValueError):
    """The OFD has no text to read, or is damaged; the message (Chinese) says which."""


@dataclass(frozen=True)
class _Code:
    page: int
    baseline: float
    left: float
    right: float
    size: float
    text: str


def is_ofd(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return OFD_ENTRY in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def ofd_text(data: bytes) -> str:
    """The text of the OFD's first document, its pages in order, a line of text a line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            codes = [code for n, page in enumerate(_pages(package), 1) for code in _codes(package, page, n)]
    except (zipfile.BadZipFile, OSError, KeyError, etree.LxmlError, NotImplementedError) as error:
        raise NotReadableOfdError(f"文件已损坏或不是正常的 OFD（{type(error).__name__}）") from None
    lines = _lines(codes)
    if not any(line.strip() for line in lines):
        raise NotReadableOfdError("它没有文字，可能是扫描件：请先用 OCR 软件识别成文字，或找来 Word、网页版本导入")
    return "\n".join(lines)


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    info = package.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise NotReadableOfdError(f"其中的 {name} 太大（{info.file_size // 1024 // 1024} MB）")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(package.read(info), parser)


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element.iter() if _local(child) == name]


def _entry(base: str, location: str, names: dict[str, str]) -> str:
    """A file an OFD names, relative to the file naming it (or to the package, if it starts with
    /); `names`: the package's, by their lower case (a writer on Windows may change the case)."""
    location = location.strip().replace("\\", "/")
    path = location.lstrip("/") if location.startswith("/") else posixpath.normpath(posixpath.join(base, location))
    return names.get(path.lower(), path)


def _pages(package: zipfile.ZipFile) -> list[str]:
    """The pages' Content.xml, in the document's order."""
    names = {name.lower(): name for name in package.namelist()}
    root = _xml(package, OFD_ENTRY)
    doc_roots = [e.text or "" for e in _children(root, "DocRoot") if (e.text or "").strip()]
    if not doc_roots:
        raise KeyError("DocRoot")
    document_path = _entry("", doc_roots[0], names)
    document = _xml(package, document_path)
    base = posixpath.dirname(document_path)
    pages = []
    for holder in _children(document, "Pages"):
        for page in (child for child in holder if _local(child) == "Page"):
            location = page.get("BaseLoc") or next((c.text or "" for c in page if _local(c) == "BaseLoc"), "")
            if location.strip():
                pages.append(_entry(base, location, names))
    if len(pages) > MAX_PAGES:
        raise NotReadableOfdError(f"页数太多（{len(pages)} 页，最多 {MAX_PAGES} 页）")
    return pages


def _codes(package: zipfile.ZipFile, page_path: str, page: int) -> list[_Code]:
    """The page's text codes, placed on it: an object's codes are in its own space, which its
    CTM ("a b c d e f") scales and moves (a writer may give every size in points and a CTM of
    0.3528), within its Boundary."""
    out = []
    for text_object in _children(_xml(package, page_path), "TextObject"):
        box = _numbers(text_object.get("Boundary", ""))
        if len(box) < 2:
            continue
        a, b, c, d, e, f = _matrix(text_object.get("CTM", ""))
        across, down = math.hypot(a, b) or 1.0, math.hypot(c, d) or 1.0
        size = _size(text_object.get("Size")) * down
        for code in (child for child in text_object if _local(child) == "TextCode"):
            text = code.text or ""
            if not text:
                continue
            x0, y0 = _number(code.get("X")), _number(code.get("Y"))
            x, y = box[0] + a * x0 + c * y0 + e, box[1] + b * x0 + d * y0 + f
            width = (
                sum(_advances(code.get("DeltaX", ""), len(text) - 1)) * across + size
            )  # and the last character's own
            out.append(_Code(page, y, x, x + width, size, text))
    return out


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(text: str) -> tuple[float, ...]:
    """A CTM's six numbers; the identity where it has not six."""
    numbers = _numbers(text)
    return tuple(numbers) if len(numbers) == len(IDENTITY) else IDENTITY


def _numbers(text: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text)]


def _number(text: str | None) -> float:
    found = _numbers(text or "")
    return found[0] if found else 0.0


def _size(text: str | None) -> float:
    size = _number(text)
    return size if size > 0 else 3.5  # 10.5 pt, in millimetres, where none is given


def _advances(text: str, most: int) -> list[float]:
    """DeltaX as a list of at most `most` advances (one fewer than the code's characters):
    "g 3 5.2" is 5.2 three times."""
    words, n = text.split(), 0
    out: list[float] = []
    while n < len(words) and len(out) < most:
        if words[n] == "g" and n + 2 < len(words):
            count, value = int(_number(words[n + 1])), _number(words[n + 2])
            out += [value] * min(max(count, 0), most - len(out))
            n += 3
        else:
            out.append(_number(words[n]))
            n += 1
    return out


def _lines(codes: list[_Code]) -> list[str]:
    """The codes as lines of text: page by page, top to bottom, each left to right."""
    rows: list[list[_Code]] = []
    for code in sorted(codes, key=lambda c: (c.page, c.baseline, c.left)):
        if (
            rows
            and code.page == rows[-1][0].page
            and code.baseline - rows[-1][0].baseline <= SAME_LINE * rows[-1][0].size
        ):
            rows[-1].append(code)
        else:
            rows.append([code])
    margins = _margins(rows)
    return [_indent(row, margins[row[0].page]) + _join(row) for row in rows]


MAX_INDENT = 4  # characters a paragraph's first line is indented by (two, in a 公文)


def _margins(rows: list[list[_Code]]) -> dict[int, float]:
    """Each page's left margin: where most of its lines start (to the half millimetre)."""
    starts: dict[int, Counter[float]] = {}
    for row in rows:
        starts.setdefault(row[0].page, Counter())[round(min(c.left for c in row) * 2) / 2] += 1
    return {page: counter.most_common(1)[0][0] for page, counter in starts.items()}


def _indent(row: list[_Code], margin: float) -> str:
    """A first line's indent, as the ideographic spaces it is typed with: the text reader starts
    a paragraph there. A line further in (a centred title, a 落款 to the right) gets none."""
    first = min(row, key=lambda c: c.left)
    n = round((first.left - margin) / first.size)
    return "\u3000" * n if 1 <= n <= MAX_INDENT else ""


def _join(row: list[_Code]) -> str:
    parts: list[str] = []
    right = None
    for code in sorted(row, key=lambda c: c.left):
        if right is not None:
            gap = code.left - right
            parts.append("\t" if gap > TAB_GAP * code.size else " " if gap > SPACE_GAP * code.size else "")
        parts.append(code.text)
        right = code.right
    return "".join(parts).strip()
