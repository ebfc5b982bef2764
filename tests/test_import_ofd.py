"""OFD files (importer/ofd.py), written by formats.to_ofd as OFD writers lay out a printed page: each line a
text object at its place (a paragraph's first line indented, a table's cells in columns), or each
character one (as converters write them), or a line one code with its advances (DeltaX, "g 3 5.6"),
in millimetres or in points scaled by the object's CTM.
A document laid out so gives the draft of the same text copied as lines (the gazette's text)."""

from __future__ import annotations

import io
import zipfile

import pytest

from plansite.importer import SourceError, import_bytes, import_text

from . import formats
from .formats import NS, to_ofd
from .test_import_formats import PUBLISHED

DOCUMENTS = tuple(PUBLISHED)  # plans with tables among them (tabs: cells set in columns)


@pytest.mark.parametrize("how", ["lines", "characters", "advances", "scaled"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_document_laid_out_in_an_ofd_gives_the_draft_of_its_text(name: str, how: str) -> None:
    gazette = formats.to_gazette_text(PUBLISHED[name])
    expected = import_text(gazette, source_name=f"{name}.txt", doc_id="x")
    result = import_bytes(to_ofd(formats.gazette_pages(gazette), how), source_name=f"{name}.ofd", doc_id="x")
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


def test_an_ofd_s_entities_are_not_expanded() -> None:
    """A billion laughs in a page's XML is refused, never expanded (nor waited for)."""
    import time

    bomb = '<!DOCTYPE p [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    laid = io.BytesIO()
    source_bytes = io.BytesIO(to_ofd([["某市残疾人就业工作方案", "一、总则"]]))
    with zipfile.ZipFile(source_bytes, "r") as source, zipfile.ZipFile(laid, "w") as package:
        for name in source.namelist():
            data = source.read(name)
            if name.endswith("Content.xml"):
                data = data.replace(b"?>", b"?>" + bomb.encode() + b"]>", 1).replace("总则".encode(), b"&i;")
            package.writestr(name, data)
    start = time.perf_counter()
    with pytest.raises(SourceError, match=r"x\.ofd 是 OFD 版式文件，但读不出文字：文件已损坏"):
        import_bytes(laid.getvalue(), source_name="x.ofd", doc_id="x")
    assert time.perf_counter() - start < 5
