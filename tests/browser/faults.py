"""Fault pages: a clean page, and the same page with one known fault each.

The gate's checks must report each fault (test_faults.py); other tests use
them to show their own checks can fail.
"""

from __future__ import annotations

import base64
from pathlib import Path

CLEAN = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name}</title>
<style>
body {{ font-size: 18px; line-height: 1.8; color: #1a1a1a; background: #fff; margin: 0 1rem; }}
a {{ color: #0b4a8b; }}
:focus-visible {{ outline: 3px solid #000; outline-offset: 2px; }}
.skip {{ position: absolute; top: -10rem; }} .skip:focus {{ top: 0; }}
</style>{head}</head>
<body>{skip}<header><p>测试网站</p></header>
<nav aria-label="网站导航"><a href="../clean.html">首页</a></nav>
<main id="main" tabindex="-1"><h1>{name}</h1><p>正文段落。</p>{body}</main>
<footer><p>页脚</p></footer></body></html>
"""
SKIP = '<a class="skip" href="#main">跳到正文</a>'
WIDE_TABLE = (
    '<table style="width:900px"><caption>宽表格</caption><tr><th scope="col">甲</th><th scope="col">乙</th></tr>'
    "<tr><td>1</td><td>2</td></tr></table>"
)
NO_HEADERS = "<table><caption>没有表头</caption>" + "<tr><td>1</td><td>2</td><td>3</td><td>4</td></tr>" * 4 + "</table>"
# A merged cell whose headers attribute names the wrong column header.
WRONG_HEADERS = (
    '<table><caption>合并单元格</caption><thead><tr><th scope="col" id="h0">领域</th><th scope="col" id="h1">指标</th></tr></thead>'
    '<tbody><tr><td rowspan="2" headers="h1">康复</td><td headers="h1">救助人数</td></tr>'
    '<tr><td headers="h1">适配率</td></tr></tbody></table>'
)

# name: (extra head, extra body, keep the skip link)
PAGES: dict[str, tuple[str, str, bool]] = {
    "clean": ("", "", True),
    "image-without-alt": ("", '<img src="pixel.png">', True),
    "low-contrast": ("", '<p style="color:#aaaaaa">浅灰色的文字。</p>', True),
    "below-aaa-contrast": ("", '<p style="color:#767676">对比度 4.5:1，达到 AA，未达到 AAA。</p>', True),
    "table-without-headers": ("", NO_HEADERS, True),
    "merged-cell-with-wrong-headers": ("", WRONG_HEADERS, True),
    "skipped-heading": ("", "<h3>跳过了二级标题</h3><p>内容。</p>", True),
    "invalid-attribute": ("", '<p aria-labeledby="x">拼错的属性。</p>', True),
    "wide-table-without-container": ("", WIDE_TABLE, True),
    "hidden-focus": ("<style>a:focus, a:focus-visible { outline: none !important; }</style>", "", True),
    "no-skip-link": ("", "", False),
    "keyboard-trap": (
        "",
        "<label>输入 <input onkeydown=\"if (event.key === 'Tab') event.preventDefault()\"></label>",
        True,
    ),
    "clipped-with-text-spacing": (
        "",
        '<p style="height:1.2em; line-height:1; overflow:hidden">固定高度的一行文字。</p>',
        True,
    ),
    "loads-from-another-host": ('<link rel="stylesheet" href="https://cdn.example.com/site.css">', "", True),
    # What real readers get: a spoken form as visually hidden text is copied and
    # breaks find-in-page and the heading's name; a tall header pushes the h1
    # off a phone's first screen; a table that does not become cards.
    "spoken-form-as-text": (
        "<style>.sr { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;"
        " overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }</style>",
        '<h2>规划（<span aria-hidden="true">2021—2025</span><span class="sr">（2021至2025）</span>年）</h2>'
        '<p>参保率<span aria-hidden="true">＞95</span><span class="sr">（大于95）</span>。</p>',
        True,
    ),
    # the old plain-text channel: the same markup without a stylesheet shows the spoken form
    "spoken-form-without-css": (
        "",
        '<p>参保率<span aria-hidden="true">＞95</span><span class="sr-only">（大于95）</span>。</p>',
        True,
    ),
    "tall-header": ("<style>header { height: 700px; }</style>", "", True),
    "table-too-wide-on-a-phone": (
        "<style>td, th { font-size: 24px; }</style>",
        '<table><caption>指标</caption><tr><th scope="col">序号</th><th scope="col">指标</th><th scope="col">目标值</th>'
        '<th scope="col">属性</th></tr><tr><td>1</td><td>残疾人家庭人均收入年均增长</td><td>同步</td><td>预期性</td></tr></table>',
        True,
    ),
}

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def write_fault_pages(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pixel.png").write_bytes(PIXEL)
    for name, (head, body, skip) in PAGES.items():
        html = CLEAN.format(name=name, head=head, body=body, skip=SKIP if skip else "")
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
