"""The QR code's SVG, read back module by module, decodes to the address (the browser test decodes a screenshot)."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from PIL import Image

from plansite.qr import BORDER, qr_svg

_RUN = re.compile(r"([Mm])(\d+) (\d+)(?:\.5)?h(\d+)")


def dark_modules(svg: str) -> tuple[int, set[tuple[int, int]]]:
    """The SVG's side in modules and the dark ones, from its stroke path (absolute and relative moves)."""
    side = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))  # type: ignore[union-attr]
    stroke = re.search(r'<path stroke="#000" d="([^"]*)"', svg).group(1)  # type: ignore[union-attr]
    dark = set()
    x = y = 0
    for move, dx, dy, length in _RUN.findall(stroke):
        if move == "M":
            x, y = int(dx), int(dy)
        else:
            x += int(dx)
        dark |= {(x + i, y) for i in range(int(length))}
        x += int(length)
    return side, dark


def decode(svg: str) -> list[str]:
    side, dark = dark_modules(svg)
    scale = 8
    image = Image.new("L", (side * scale, side * scale), 255)
    for x, y in dark:
        image.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.gov.cn/plans/",
        "https://www.example.gov.cn/plans/large/plans/jiangbei-disability-plan-2021-2025/",
        "https://www.example.gov.cn/" + "a" * 300 + "/",
    ],
)
def test_svg_decodes_to_the_address(url: str) -> None:
    assert decode(qr_svg(url)) == [url]


def test_quiet_zone_is_light() -> None:
    side, dark = dark_modules(qr_svg("https://www.example.gov.cn/plans/"))
    assert dark, "a QR code has dark modules"
    assert all(BORDER <= x < side - BORDER and BORDER <= y < side - BORDER for x, y in dark)


def test_a_broken_code_does_not_decode() -> None:
    """The check above can fail: a code with its finder patterns erased decodes to nothing."""
    svg = qr_svg("https://www.example.gov.cn/plans/")
    _side, dark = dark_modules(svg)
    erased = {(x, y) for x, y in dark if not (x < BORDER + 8 and y < BORDER + 8)}
    runs = "".join(f"M{x} {y}.5h1" for x, y in sorted(erased))
    broken = re.sub(r'(<path stroke="#000" d=")[^"]*', lambda m: m.group(1) + runs, svg)
    assert decode(broken) == []


def test_same_address_same_bytes() -> None:
    url = "https://www.example.gov.cn/plans/plans/x/"
    assert qr_svg(url) == qr_svg(url)
