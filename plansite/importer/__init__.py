"""`build.py import`: draft a YAML document from a plain-text plan.

    bytes -> lines (chrome dropped, listed) -> tables found -> broken lines
    rejoined -> structure parsed -> YAML with review comments

Markdown (a .md file, or text with Markdown headings) is read by markdown-it-py
instead (markdown.py), and a saved web page by html5lib (html.py), into the
same lines and tables, their headings marked.

The draft passes `build.py check` as it is; the editor then reviews it
against the source, guided by the `# 请核对` comments.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..characters import EQUIVALENT, PRIVATE_USE, RADICAL, UNKNOWN
from ..files import ReadError, read_regular
from ..reader import INVISIBLE, LINE
from ..schema import MAX_SLUG, SLUG
from .draft import QUOTE_CHARS, UNTITLED, DocDraft
from .emit import emit
from .govinfo import read_block
from .html import TooDeepError, html_items, is_html
from .lines import Line, UnknownEncodingError, clean_lines, decode, join_broken
from .markdown import front_matter_date, is_markdown, markdown_items
from .mhtml import NoPageError, is_mhtml, mhtml_page
from .ofd import NotReadableOfdError, is_ofd, ofd_text
from .office import OLE, ConversionError, has_stream, office_format, to_docx
from .pdf import NotReadablePdfError, is_pdf, pdf_items
from .structure import parse
from .tables import TableDraft, find_tables
from .word import NotWordError, is_docx, word_items

_NUMBER = re.compile(r"^(?P<org>[\u4e00-\u9fff]{1,12})[〔\[［(（](?P<year>\d{4})[〕\]］)）]\s*(?P<n>\d+)\s*号$")
MAX_SOURCE_BYTES = 64 * 1024 * 1024  # a gazette PDF with scans is a few MB
MAX_TITLE_ID = 48  # characters of a title's pinyin in an id
ID_DIGEST = 8  # hex digits of the title's hash in a generated id (doc-1a2b3c4d)


@dataclass(frozen=True)
class ImportResult:
    yaml: str
    doc_id: str
    dropped: tuple[str, ...]  # chrome lines left out, for the editor to check


def _nothing_taken(_: str) -> bool:
    return False


class SourceError(ValueError):
    """The file cannot be read as a document; the message (Chinese) says why and what to do."""


class NoTextError(SourceError):
    """No text was read from the source; `left_out` lists what was read and not imported."""

    def __init__(self, message: str, left_out: list[str]) -> None:
        super().__init__(message)
        self.left_out = tuple(left_out)


def import_text(
    text: str, *, source_name: str, doc_id: str | None = None, taken: Callable[[str], bool] = _nothing_taken
) -> ImportResult:
    dropped: list[str] = []
    known = DocDraft()
    hint = ""  # why no text may have been read, where the format says
    if is_html(text, source_name):
        hint = SCRIPTED_PAGE
        try:
            items = html_items(text, known, dropped, dropped)
        except TooDeepError as error:
            raise SourceError(
                f"{source_name} 不像正常的网页：{error}。请在浏览器里打开它，复制正文后存为文字文件再导入。"
            ) from error
    elif is_markdown(text, source_name):
        items, fields = markdown_items(text, dropped)
        known = _stated(fields, dropped)
    else:
        lines = clean_lines(read_block(text, known, dropped), dropped)
        items = join_broken(find_tables(lines))
    return _result(_parsed(items, known, dropped, source_name, hint), text, source_name, doc_id, dropped, taken)


def import_bytes(
    data: bytes, *, source_name: str, doc_id: str | None = None, taken: Callable[[str], bool] = _nothing_taken
) -> ImportResult:
    """A file as it arrives, its format told by its content: Word, PDF, or text (HTML, Markdown,
    plain); a .doc, .wps, .rtf or .odt is first saved as .docx by LibreOffice, a page saved as
    one file (.mht) is its HTML, and an OFD its text."""
    if fmt := office_format(data, source_name):
        try:
            data = to_docx(data, fmt)
        except ConversionError as error:
            raise SourceError(f"{source_name} 是{fmt.name}。{error}。") from None
    if is_docx(data):
        known = DocDraft()
        left_out: list[str] = []
        try:
            items = word_items(data, known, left_out)
        except NotWordError as error:
            raise SourceError(
                f"{source_name} 看起来是 Word 文件，但无法打开（{error}）：文件可能已损坏，请在 Word 或 WPS 里另存为 .docx 再导入。"
            ) from error
        return _result(_parsed(items, known, left_out, source_name), source_name, source_name, doc_id, left_out, taken)
    if is_pdf(data):
        dropped: list[str] = []
        known = DocDraft()
        try:
            items = pdf_items(data, known, dropped)
        except NotReadablePdfError as error:
            raise SourceError(f"{source_name} 是 PDF，但读不出文字：{error}。") from error
        return _result(_parsed(items, known, dropped, source_name), source_name, source_name, doc_id, dropped, taken)
    if is_ofd(data):
        try:
            laid_out = ofd_text(data)
        except NotReadableOfdError as error:
            raise SourceError(f"{source_name} 是 OFD 版式文件，但读不出文字：{error}。") from None
        return import_text(laid_out, source_name=source_name, doc_id=doc_id, taken=taken)
    if other := _other_format(data):
        raise SourceError(f"{source_name} 是{other}。")
    try:
        text = mhtml_page(data) if is_mhtml(data) else decode(data)
    except NoPageError as error:
        raise SourceError(
            f"{source_name} 是保存成单个文件的网页（.mht），但{error}：请在浏览器里打开原网页，另存为“网页，仅 HTML”再导入。"
        ) from None
    except UnknownEncodingError:
        raise SourceError(
            f"{source_name} 的编码既不是 UTF-8、UTF-16，也不像 GB18030（GBK）：可能是繁体的 Big5 或日文等其他编码，"
            "按 GB18030 读出来会是乱码。请用记事本或 WPS 打开，另存为 UTF-8 编码后再导入。"
        ) from None
    if text is None:
        raise SourceError(
            f"{source_name} 不是文字文件，也不是 Word（.docx）或 PDF：无法导入。"
            "文字文件请存为 UTF-8、UTF-16 或 GB18030 编码。"
        )
    return import_text(text, source_name=source_name, doc_id=doc_id, taken=taken)


# Formats a 残联 receives that the importer does not read, with what to do instead.
OLE_FORMATS: tuple[tuple[str, str], ...] = (  # a stream inside a compound file -> what the file is
    (
        "EncryptedPackage",  # a .docx (or .xlsx) with a password is a compound file holding it encrypted
        "加了密码的 Office 文件，不能直接导入：请在 Word 或 WPS 里打开它，去掉密码后另存为 .docx 再导入",
    ),
    ("Workbook", "Excel 97-2003 表格（.xls），不能直接导入：请把表格复制到 Word 文件里，或另存为 CSV 后作为附件发布"),
    ("PowerPoint Document", "PowerPoint 97-2003 演示文稿（.ppt），不能直接导入：请找来文件的 Word 或 PDF 版本再导入"),
)
OTHER_OLE = "Office 97-2003 文件，但不是 Word 文件，不能直接导入：请找来文件的 Word（.docx）或 PDF 版本再导入"
ZIP_FORMATS: tuple[tuple[str, str], ...] = (  # a file inside the zip package -> what the package is
    ("content.xml", "OpenDocument 表格或演示文稿（.ods、.odp），不能直接导入：请找来文件的 Word 或 PDF 版本再导入"),
    ("xl/workbook.xml", "Excel 表格（.xlsx），不能直接导入：请把表格复制到 Word 文件里，或另存为 CSV 后作为附件发布"),
    ("ppt/presentation.xml", "PowerPoint 演示文稿（.pptx），不能直接导入：请找来文件的 Word 或 PDF 版本再导入"),
)


def _other_format(data: bytes) -> str:
    """What a file the importer does not read is, with what to do; "" for anything else."""
    if data.startswith(OLE):
        return next((what for stream, what in OLE_FORMATS if has_stream(data, stream)), OTHER_OLE)
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return ""
        return next((what for name, what in ZIP_FORMATS if name in names), "")
    return ""


# Why a page may hold no text: many sites fill the page by script once a browser has opened it.
SCRIPTED_PAGE = "网页的正文可能是浏览器打开后由脚本载入的，请在浏览器里打开它，复制正文存为文字文件再导入"
NO_TEXT_HINT = "文件可能是空的，或只有图片（请先用 OCR 软件识别成文字）"


def _parsed(
    items: list[Line | TableDraft], known: DocDraft, dropped: list[str], source_name: str, hint: str = ""
) -> DocDraft:
    """The draft of the items, their characters first made what a reader can find and hear: a
    radical that stands for a character (⼈ for 人, ⻓ for 长, as a PDF's text often has them) that
    character, so that 第⼀章 is a heading; a private-use code point (a 生僻字 made in one office's
    font) 〓, where the editor sees it and writes the character. Without any text, no draft: an
    empty one would be a file `check` refuses, for a reason the editor could not see."""
    if not known.title and not any(isinstance(item, TableDraft) or item.text.strip() for item in items):
        left_out = f"（另有 {len(dropped)} 处当作网页导航等没有导入）" if dropped else ""
        raise NoTextError(f"{source_name} 里没有读出正文文字{left_out}：{hint or NO_TEXT_HINT}。", dropped)
    fixed = _Characters()
    for item in items:
        if isinstance(item, Line):
            item.text = fixed(item.text)
        else:
            item.rows = [[fixed(cell) for cell in row] for row in item.rows]
            item.caption, item.notes = fixed(item.caption), [fixed(note) for note in item.notes]
    for key in ("title", "subtitle", "doc_number", "issuer"):
        setattr(known, key, fixed(getattr(known, key)))
    known.keywords = [fixed(word) for word in known.keywords]
    dropped += fixed.said()
    return parse(items, known)


class _Characters:
    """Text with radicals made characters and private-use code points made 〓; what was done, said."""

    QUOTED = 3  # places of private-use characters quoted to the editor
    AROUND = 6  # characters quoted either side of one

    def __init__(self) -> None:
        self.radicals = 0
        self.private = 0
        self.places: list[str] = []

    def __call__(self, text: str) -> str:
        if RADICAL.search(text):
            self.radicals += len(RADICAL.findall(text))
            text = RADICAL.sub("", text.translate(EQUIVALENT))  # ⺀, and unassigned code points, stand for nothing
        if PRIVATE_USE.search(text):
            for found in PRIVATE_USE.finditer(text):
                self.private += 1
                if len(self.places) < self.QUOTED:
                    start, end = max(0, found.start() - self.AROUND), found.end() + self.AROUND
                    self.places.append(PRIVATE_USE.sub(UNKNOWN, text[start:end]))
            text = PRIVATE_USE.sub(UNKNOWN, text)
        return text

    def said(self) -> list[str]:
        out = []
        if self.radicals:
            out.append(
                f"（把 {self.radicals} 个部首字符换成了它们代表的汉字，如“⼈”换成“人”：从 PDF 取出的文字常有这种字符，"
                "看起来一样，但搜索找不到，读屏软件可能读错）"
            )
        if self.private:
            places = "、".join(f"……{place}……" for place in self.places)
            out.append(
                f"（{self.private} 个字符是私用区编码，多是某种字体里自造的生僻字或符号，别的电脑显示不出，读屏软件也读不出，"
                f"草稿里写成了“{UNKNOWN}”：请对照原文改成标准的字，在 {places}{'等处' if self.private > len(self.places) else ''}）"
            )
        return out


def _result(
    draft: DocDraft, text: str, source_name: str, doc_id: str | None, dropped: list[str], taken: Callable[[str], bool]
) -> ImportResult:
    chosen, comment = _choose_id(doc_id, source_name, draft, text, taken)
    # Zero-width characters and bidi controls are never the document's text (check refuses them).
    yaml_text, hidden = INVISIBLE.subn("", emit(draft, chosen, source_name, comment))
    if hidden:
        dropped.append(f"（删除了 {hidden} 个看不见的字符：零宽字符或文字方向控制符）")
    return ImportResult(yaml_text, chosen, tuple(dropped))


def _stated(fields: dict[str, object], dropped: list[str]) -> DocDraft:
    """What Markdown front matter states outright (title, subtitle, 发文字号, 发文机关, date); a
    value longer than a one-line field takes is listed as left out, not stated."""
    known = DocDraft()
    for key in ("title", "subtitle", "doc_number", "issuer"):
        value = fields.get(key)
        text = " ".join(str(value).split()) if isinstance(value, str | int) else ""
        if len(text) > LINE:
            dropped.append(
                f"文件开头的 {key} 有 {len(text)} 个字，超过 {LINE} 字的上限，没有作为文件信息：{text[:QUOTE_CHARS]}……"
            )
        elif text:
            setattr(known, key, text)
    for key in ("date_published", "date"):
        if known.date_published is None:
            known.date_published = front_matter_date(fields.get(key))
    return known


def import_file(path: Path, doc_id: str | None = None, taken: Callable[[str], bool] = _nothing_taken) -> ImportResult:
    """`taken`: whether an id is already used (a derived id then gets -2, -3…)."""
    if path.suffix.lower() in (".yaml", ".yml"):  # a site's own file: imported, it became a draft of its YAML
        raise SourceError(
            f"{path} 是 YAML 文件：网站的文件本来就是 YAML，不用导入。请直接把它放进 content/，再运行 python build.py check。"
        )
    try:
        data = read_regular(path, MAX_SOURCE_BYTES)
    except ReadError as error:
        raise SourceError(f"{path}：{error}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"{path} 太大（超过 {MAX_SOURCE_BYTES // 1024 // 1024} MB）：请只导入文件的正文部分。")
    return import_bytes(data, source_name=path.name, doc_id=doc_id, taken=taken)


def _choose_id(
    doc_id: str | None, source_name: str, draft: DocDraft, text: str, taken: Callable[[str], bool]
) -> tuple[str, str]:
    """--id as given; else the file's name if it is an id already, a phrase an editor chose
    (jiangbei-plan.docx; not a site's index.html or a word like plan.txt), else
    the 发文字号 in pinyin (国办发〔2019〕4号 -> guobanfa-2019-4), else the title in pinyin,
    else (no title) a hash of the text; never one that is `taken`."""
    if doc_id:
        return doc_id, ""
    stem = Path(source_name).stem.lower()
    number = _NUMBER.match(draft.doc_number or "")
    review = "请核对：id 会成为网址的一部分，可改成更有意义的英文短语（小写字母、数字、短横线）。"
    if SLUG.match(stem) and len(stem) <= MAX_SLUG and re.search(r"[a-z]", stem) and "-" in stem:
        chosen, comment = stem, "请核对：id 取自文件名，会成为网址的一部分，建议改成有意义的英文短语。"
    elif number:
        chosen, comment = f"{_pinyin(number['org'])}-{number['year']}-{number['n']}", review
    elif draft.title != UNTITLED and _pinyin(draft.title, MAX_TITLE_ID):
        chosen, comment = _pinyin(draft.title, MAX_TITLE_ID), review
    else:  # an untitled draft is named by its text, so that two of them never share an id
        chosen = f"doc-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:ID_DIGEST]}"
        comment = "请核对：请把 id 改成有意义的英文短语（小写字母、数字、短横线），它会成为网址的一部分。"
    base, n = chosen, 1
    while taken(chosen):
        n += 1
        chosen = f"{base}-{n}"
    return chosen, comment


def _pinyin(text: str, limit: int = MAX_SLUG) -> str:
    """Chinese as pinyin without tones, one word per run of characters, letters and digits kept;
    cut at a syllable so that it is at most `limit` long."""
    from pypinyin import lazy_pinyin

    out = ""
    text = unicodedata.normalize("NFKC", text)  # ２０２５ and ＩＣＰ are the digits and letters of an address too
    for run in re.findall(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+", text):
        syllables = lazy_pinyin(run) if "\u4e00" <= run[0] <= "\u9fff" else [run.lower()]
        joined = "-" if out else ""
        for syllable in syllables:
            syllable = re.sub(r"[^a-z0-9]", "", syllable)
            if len(out) + len(joined) + len(syllable) > limit:
                return out
            out += joined + syllable
            joined = ""
    return out
