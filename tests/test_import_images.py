"""An image of the source is not text: in every format the draft leaves it out and lists
it in what was not imported (with its description, where the source gives one), so that
an editor writes what a chart or photo shows as text; an icon is not listed. Each with
its control."""

from __future__ import annotations

import ctypes
import io
import struct
import zlib

from docx import Document
from docx.shared import Cm

from plansite.importer import import_bytes, import_text
from plansite.importer.draft import DocDraft
from plansite.importer.pdf import pdf_items


def _images(dropped: tuple[str, ...] | list[str]) -> list[str]:
    """The entries for images: where, and what (after the explanation)."""
    return [f"{entry.split('（', 1)[0]} {entry.split('）：', 1)[1]}" for entry in dropped if "（图片没有导入" in entry]


def test_markdown_images_are_listed_not_taken_as_text() -> None:
    result = import_text(
        "# 某县残联2025年工作要点\n\n## 一、总体要求\n\n坚持以人民为中心。\n\n"
        "![2021—2025年康复服务人数](images/chart.png)\n\n图1 康复服务人数\n\n"
        "| 项目 | 图示 |\n| --- | --- |\n| 康复 | ![](icon.png) |\n",
        source_name="plan.md",
        doc_id="plan",
    )
    assert _images(result.dropped) == ["第7行 “2021—2025年康复服务人数”，images/chart.png", "第13行 icon.png"]
    assert "2021—2025年康复服务人数" not in result.yaml  # the description was taken as a paragraph before
    assert "图1 康复服务人数" in result.yaml  # the caption is the document's text


def test_web_page_images_are_listed_but_icons_and_page_chrome_are_not() -> None:
    page = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某县残疾人康复服务方案</title></head>
<body><header><img src="/logo.png" alt="某县人民政府"></header>
<article><h1>某县残疾人康复服务方案</h1>
<p>一、康复服务覆盖全县。</p>
<p><img src="/uploads/chart1.png" alt="康复服务人数"></p>
<p>图1 康复服务人数<img src="/icons/pdf.gif" width="16" height="16"></p>
<p><img src="/uploads/photo.jpg" width="640"></p>
</article></body></html>"""
    result = import_text(page, source_name="page.html", doc_id="page")
    assert _images(result.dropped) == ["第5行 “康复服务人数”，/uploads/chart1.png", "第7行 /uploads/photo.jpg"]


def _png(width: int, height: int) -> bytes:
    rows = b"".join(b"\0" + b"\xc0\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_word_pictures_are_listed_with_their_alternative_text() -> None:
    document = Document()
    document.add_heading("某县残联2025年工作要点", 0)
    document.add_heading("一、总体要求", 1)
    document.add_paragraph("坚持以人民为中心的发展思想。")
    document.add_picture(io.BytesIO(_png(40, 30)), width=Cm(8))
    document.inline_shapes[0]._inline.docPr.set("descr", "康复服务人数柱状图")
    document.add_paragraph("图1 康复服务人数")
    document.add_picture(io.BytesIO(_png(40, 30)), width=Cm(8))  # no alternative text
    data = io.BytesIO()
    document.save(data)
    result = import_bytes(data.getvalue(), source_name="plan.docx", doc_id="plan")
    assert _images(result.dropped) == ["第4段 “康复服务人数柱状图”", "第6段 没有说明文字"]
    assert "图1 康复服务人数" in result.yaml


def test_word_without_pictures_lists_none() -> None:
    """The control: a document of text and a table lists nothing."""
    document = Document()
    document.add_heading("某县残联2025年工作要点", 0)
    document.add_paragraph("坚持以人民为中心的发展思想。")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "项目"
    data = io.BytesIO()
    document.save(data)
    assert _images(import_bytes(data.getvalue(), source_name="plan.docx", doc_id="plan").dropped) == []


def _pdf(*pages: list[tuple[float, float, float]]) -> bytes:
    """Pages of two lines of text, each with images of these (width, height, top), in points."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument.new()
    for images in pages:
        page = pdf.new_page(595, 842)
        for n, text in enumerate(("Plan for 2025", "The chart below shows the numbers.")):
            obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 12.0)
            buffer = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, 700 - 20 * n)
            pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        for width, height, top in images:
            image = pdfium.PdfImage.new(pdf)
            bitmap = pdfium.PdfBitmap.new_native(8, 8, pdfium_c.FPDFBitmap_BGR)
            bitmap.fill_rect((200, 0, 0, 255), 0, 0, 8, 8)
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(width, height).translate(72, 842 - top - height))
            page.insert_obj(image)
        page.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_pdf_images_are_counted_on_their_page_but_icons_are_not() -> None:
    dropped: list[str] = []
    pdf_items(_pdf([(300, 150, 300), (16, 16, 460), (200, 120, 500)]), DocDraft(), dropped)
    assert _images(dropped) == ["第1页 2 张"]
    control: list[str] = []
    pdf_items(_pdf([(16, 16, 300)]), DocDraft(), control)
    assert _images(control) == []


def test_a_pdf_image_on_every_page_at_one_place_is_the_running_head() -> None:
    logo, chart = (120, 40, 20), (300, 150, 300)
    dropped: list[str] = []
    pdf_items(_pdf([logo, chart], [logo], [logo]), DocDraft(), dropped)
    assert _images(dropped) == ["第1页 1 张"]
    control: list[str] = []  # the same image at another place on each page: the pages' own
    pdf_items(_pdf([(120, 40, 300)], [(120, 40, 400)], [(120, 40, 500)]), DocDraft(), control)
    assert _images(control) == ["第1页 1 张", "第2页 1 张", "第3页 1 张"]


def test_web_page_video_sound_formula_and_drawing_are_listed_and_their_fallback_text_is_not_text() -> None:
    """A 手语 video, a sound, an embedded player, a formula and a chart drawn in SVG: the site
    publishes text, so each is listed for the editor. The words a browser shows when it cannot
    play a video are not the document's; neither are a drawing's labels. An icon drawn in SVG
    (no words) is not listed (control)."""
    page = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某县残疾人康复服务方案</title></head>
<body><article><h1>某县残疾人康复服务方案</h1>
<p>一、康复服务覆盖全县。<svg width="12" height="12"><path d="M0 0h12v12z"/></svg></p>
<video controls title="手语版"><source src="/media/sign.mp4" type="video/mp4">您的浏览器不支持视频播放。</video>
<audio src="/media/read.mp3">您的浏览器不支持音频。</audio>
<iframe src="https://player.example.cn/v/123"></iframe>
<p>覆盖率按下式计算：<math alttext="覆盖率=服务人数/总人数"><mfrac><mi>a</mi><mi>b</mi></mfrac></math></p>
<svg width="600" height="300"><text x="10" y="20">2021年</text><text x="60" y="20">2025年</text></svg>
<table><tr><th>项目</th><th>说明</th></tr><tr><td>康复</td><td>见视频<video src="/media/b.mp4">不支持</video></td></tr></table>
</article></body></html>"""
    result = import_text(page, source_name="page.html", doc_id="page")
    listed = "\n".join(result.dropped)
    for shown in ("您的浏览器不支持", "2021年", "mfrac", "不支持", "计算：ab"):
        assert shown not in result.yaml.split("title:")[1], shown
    assert "第4行（视频没有导入" in listed and "“手语版”，/media/sign.mp4" in listed
    assert "第5行（音频没有导入" in listed and "/media/read.mp3" in listed
    assert "第6行（嵌入的网页或视频没有导入" in listed and "https://player.example.cn/v/123" in listed
    assert "第7行（公式没有导入：请用文字写出）：覆盖率=服务人数/总人数" in listed
    assert _images(result.dropped) == ["第8行 “2021年 2025年”"]
    assert "覆盖率按下式计算：" in result.yaml and "见视频" in result.yaml
