"""OFD files (importer/ofd.py), written here as OFD writers lay out a printed page: each line a
text object at its place (a paragraph's first line indented, a table's cells in columns), or each
character one (as converters write them), or a line one code with its advances (DeltaX, "g 3 5.6"),
in millimetres or in points scaled by the object's CTM.
A document laid out so gives the draft of the same text copied as lines (the gazette's text)."""

from __future__ import annotations

import io
import zipfile
from html import escape

import pytest

from plansite.importer import SourceError, import_bytes, import_text

from . import formats
from .test_import_formats import PUBLISHED

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 5.6  # 16 pt, a 公文's body type, in millimetres
LEFT, TOP, LEADING = 28.0, 37.0, 9.0  # a 公文's margins and line pitch (mm)
COLUMN = 45.0  # a table's columns, this far apart


POINT = 0.3528  # millimetres: a writer that sizes in points scales each object by it (its CTM)


def _text_object(n: int, x: float, y: float, text: str, how: str, repeat: int = 0) -> str:
    scale = POINT if how == "scaled" else 1.0  # the object's own units: points, or millimetres
    size = SIZE / scale
    ctm = f' CTM="{POINT} 0 0 {POINT} 0 0"' if how == "scaled" else ""
    if how in ("advances", "scaled"):
        delta = f' DeltaX="g {repeat or len(text) - 1} {size:.3f}"' if len(text) > 1 else ""
        codes = f'<ofd:TextCode X="0" Y="{size:.3f}"{delta}>{escape(text)}</ofd:TextCode>'
    else:  # a line a code; a converter's character a code is written by the caller
        codes = f'<ofd:TextCode X="0" Y="{SIZE}">{escape(text)}</ofd:TextCode>'
    width = SIZE * max(len(text), 1)
    return (
        f'<ofd:TextObject ID="{n}" Boundary="{x:.2f} {y:.2f} {width:.2f} {SIZE * 1.2:.2f}"{ctm} Font="1" '
        f'Size="{size:.3f}">{codes}</ofd:TextObject>'
    )


def to_ofd(pages: list[list[str]], how: str = "lines", repeat: int = 0) -> bytes:
    """An OFD of `pages` of typed lines: leading ideographic spaces are an indent, tabs separate
    cells set in columns, and a line of spaces first (a page number) is centred. `repeat`: the
    count each line's advance is said to repeat (a damaged or hostile file's)."""
    out = io.BytesIO()
    objects = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.1" DocType="OFD"><ofd:DocBody>'
            "<ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>",
        )
        listed = "".join(f'<ofd:Page ID="{n + 100}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        package.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData><ofd:PageArea>'
            f"<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
            f"<ofd:Pages>{listed}</ofd:Pages></ofd:Document>",
        )
        for n, lines in enumerate(pages):
            placed = []
            for i, line in enumerate(lines):
                y = TOP + i * LEADING
                if line.startswith(" "):  # a page number, centred
                    cells = [(LEFT + 70, line.strip())]
                else:
                    indent = len(line) - len(line.lstrip("\u3000"))
                    x, cells = LEFT + indent * SIZE, []
                    for cell in line.lstrip("\u3000").split("\t"):  # each column clear of the one before
                        cells.append((x, cell))
                        x += max(COLUMN, (len(cell) + 3) * SIZE)
                for x, text in cells:
                    if how == "characters":
                        for k, char in enumerate(text):
                            objects += 1
                            placed.append(_text_object(objects, x + k * SIZE, y, char, how))
                    elif text:
                        objects += 1
                        placed.append(_text_object(objects, x, y, text, how, repeat))
            package.writestr(
                f"Doc_0/Pages/Page_{n}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="1">'
                f"{''.join(placed)}</ofd:Layer></ofd:Content></ofd:Page>",
            )
    return out.getvalue()


def _gazette_pages(text: str) -> list[list[str]]:
    """The gazette's text, page by page (each page ends with its number)."""
    pages, page = [], []
    for line in text.rstrip("\n").split("\n"):
        page.append(line)
        if line.strip().startswith("— ") and line.strip().endswith(" —"):
            pages.append(page)
            page = []
    return pages + ([page] if page else [])


DOCUMENTS = tuple(PUBLISHED)  # plans with tables among them (tabs: cells set in columns)


@pytest.mark.parametrize("how", ["lines", "characters", "advances", "scaled"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_document_laid_out_in_an_ofd_gives_the_draft_of_its_text(name: str, how: str) -> None:
    gazette = formats.to_gazette_text(PUBLISHED[name])
    expected = import_text(gazette, source_name=f"{name}.txt", doc_id="x")
    result = import_bytes(to_ofd(_gazette_pages(gazette), how), source_name=f"{name}.ofd", doc_id="x")
    assert result.yaml.replace(f"{name}.ofd", f"{name}.txt") == expected.yaml
    assert result.dropped == expected.dropped
    assert PUBLISHED[name].title in result.yaml


def test_an_ofd_without_text_or_without_its_document_says_so() -> None:
    with pytest.raises(SourceError, match=r"x\.ofd 是 OFD 版式文件，但读不出文字：它没有文字，可能是扫描件"):
        import_bytes(to_ofd([[]]), source_name="x.ofd")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as package:
        package.writestr("OFD.xml", f"<ofd:OFD {NS}><ofd:DocBody/></ofd:OFD>")
    with pytest.raises(SourceError, match=r"x\.ofd 是 OFD 版式文件，但读不出文字：文件已损坏或不是正常的 OFD"):
        import_bytes(broken.getvalue(), source_name="x.ofd")


def _seconds(data: bytes) -> float:
    import time

    start = time.perf_counter()
    import_bytes(data, source_name="x.ofd", doc_id="x")
    return time.perf_counter() - start


def test_reading_an_ofd_grows_linearly_and_an_advance_repeated_a_billion_times_costs_nothing() -> None:
    page = ["\u3000\u3000" + "残疾人就业服务稳步推进。" * 3] * 30

    def pages(n: int) -> list[list[str]]:
        return [page] * n

    small = min(_seconds(to_ofd(pages(5), "characters")) for _ in range(2))
    large = min(_seconds(to_ofd(pages(20), "characters")) for _ in range(2))
    assert large < max(small, 0.02) * 10, (small, large)
    assert _seconds(to_ofd([["某市残疾人就业工作方案"]], "advances", repeat=1_000_000_000)) < 5
