"""扫一扫在手机打开当前页: the QR code as the browser shows it decodes to the page's address."""

from __future__ import annotations

import io

import pytest

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("features/plans/feature-plan/index.html", "https://www.example.gov.cn/plans/plans/feature-plan/"),
        ("features/large/plans/feature-plan/index.html", "https://www.example.gov.cn/plans/large/plans/feature-plan/"),
        ("features/index.html", "https://www.example.gov.cn/plans/"),
    ],
)
def test_qr_code_decodes_to_the_address_shown_beside_it(open_page, path: str, address: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(path).page
    figure = page.locator(".page-qr")
    assert figure.locator("figcaption a").inner_text() == address
    shot = figure.locator("img").screenshot()
    decoded = [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]
    assert decoded == [address]


def test_plain_text_channel_shows_the_address_without_an_image(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page("features/text/plans/feature-plan/index.html").page
    assert page.locator("img").count() == 0
    assert page.locator(".page-url a").inner_text() == "https://www.example.gov.cn/plans/text/plans/feature-plan/"


def test_no_qr_code_without_a_public_address(open_page) -> None:  # type: ignore[no-untyped-def]
    """content/site.yaml has no base_url: there is no address to encode."""
    page = open_page("real/plans/jiangbei-disability-plan-2021-2025/index.html").page
    assert page.locator(".page-qr, .page-url").count() == 0
