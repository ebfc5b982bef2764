"""The content model as editors write it: YAML nodes -> `model` objects.

Reading top to bottom mirrors a document file top to bottom. Every reader
records problems on the shared `Reader` and still returns something usable,
so one run reports every problem in a file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote

import yaml

from . import model as m
from .files import ReadError, digest_regular
from .markup import is_safe_href, link_targets
from .numbering import style_of
from .reader import LINE, Reader, child, describe, index, is_null
from .view import build_view, part_anchors

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 80


def valid_id(value: str) -> bool:
    """A document id (and so a file and folder name in the site): lower-case letters, digits, hyphens."""
    return bool(SLUG.match(value)) and len(value) <= MAX_SLUG


MAX_DEPTH = 8  # 第X章 / 第X节 / 一、/ （一）/ 1. / （1）/ ① and one to spare

EMPTY_SECTION = (
    "这个章节没有内容：请在 blocks 里写正文，或在 sections 里写下一级章节；标题本身就是正文的，请把它写成上一级的段落。"
)
EMPTY_ANNEX = "附件没有内容：请填写 blocks（段落、表格）或 sections（章节）。"

DOCUMENT_FIELDS = (
    "subtitle",
    "issuer",
    "doc_number",
    "date_signed",
    "date_published",
    "period",
    "region",
    "source",
    "related",
    "notice",
    "preamble",
    "body",
    "closing",
    "glossary",
    "annexes",
    "signature",
    "index_number",
    "topic",
    "keywords",
    "validity",
    "superseded_by",
    "attachments",
)


def read_document(r: Reader, root: yaml.Node, folder: Path | None = None, max_mb: int = 50) -> m.Document | None:
    """`folder`: where the document's file is (its attachments are beside it)."""
    if not isinstance(root, yaml.MappingNode):
        r.error(
            root,
            "",
            f"文件的最外层应该是“字段: 值”的形式，从 id: … 开始，现在是{describe(root)}：请参照 docs/editing.md 的示例。",
        )
        return None
    f = r.mapping(root, "", required=("id", "kind", "title"), optional=DOCUMENT_FIELDS)
    if f is None:
        return None
    doc_id = _slug(r, f.get("id"), "id")
    kind = r.text(f.get("kind"), "kind", limit=LINE)
    if kind and kind not in m.KINDS:
        choices = "、".join(f"{k}（{v}）" for k, v in m.KINDS.items())
        r.error(f["kind"], "kind", f"“{kind}”不是可用的文件类型：请写 {choices} 之一。")
    body = _sections(r, f["body"], "body", 1) if "body" in f else ()
    preamble = _markdown(r, f.get("preamble"), "preamble")
    if not body and not preamble and "body" not in f:
        r.error(root, "body", "文件没有正文：请填写 body（章节）或 preamble（正文段落）。")
    doc = m.Document(
        id=doc_id,
        kind=kind,
        title=r.text(f.get("title"), "title", limit=LINE),
        subtitle=r.text(f.get("subtitle"), "subtitle", required=False, limit=LINE),
        issuer=r.text(f.get("issuer"), "issuer", required=False, limit=LINE),
        doc_number=r.text(f.get("doc_number"), "doc_number", required=False, limit=LINE),
        date_signed=r.date(f["date_signed"], "date_signed") if "date_signed" in f else None,
        date_published=r.date(f["date_published"], "date_published") if "date_published" in f else None,
        period=_period(r, f["period"]) if "period" in f else None,
        region=r.text(f.get("region"), "region", required=False, limit=LINE),
        source=_source(r, f["source"]) if "source" in f else None,
        related=_related(r, f["related"]) if "related" in f else (),
        notice=_notice(r, f["notice"]) if "notice" in f else None,
        preamble=preamble,
        body=body,
        closing=_markdown(r, f.get("closing"), "closing"),
        glossary=_glossary(r, f["glossary"]) if "glossary" in f else (),
        annexes=_annexes(r, f["annexes"]) if "annexes" in f else (),
        signature=_signature(r, f["signature"], "signature") if "signature" in f else None,
        file=r.file,
        index_number=r.text(f.get("index_number"), "index_number", required=False, limit=LINE),
        topic=r.text(f.get("topic"), "topic", required=False, limit=LINE),
        keywords=_texts(r, f["keywords"], "keywords", "主题词") if "keywords" in f else (),
        validity=_validity(r, f.get("validity")),
        superseded_by=_superseded_by(r, f["superseded_by"]) if "superseded_by" in f else None,
        attachments=_attachments(r, f["attachments"], folder, max_mb) if "attachments" in f and folder else (),
    )
    _check_in_page_links(r, doc)
    return doc


def _attachments(r: Reader, node: yaml.Node, folder: Path, max_mb: int) -> tuple[m.Attachment, ...]:
    out = []
    for i, item in enumerate(r.sequence(node, "attachments", "附件文件")):
        path = index("attachments", i)
        f = r.mapping(item, path, required=("file", "title"))
        if f is None or "file" not in f:
            continue
        name = r.text(f["file"], child(path, "file"), limit=LINE)
        title = r.text(f.get("title"), child(path, "title"), limit=LINE)
        attachment = _attachment_file(r, f["file"], child(path, "file"), folder, name, max_mb)
        if attachment:
            out.append(m.Attachment(title, *attachment))
    return tuple(out)


def _attachment_file(
    r: Reader, node: yaml.Node, path: str, folder: Path, name: str, max_mb: int
) -> tuple[str, str, int, str] | None:
    """(name, source, size, sha256) of a file beside the document, or None with the problem recorded."""
    formats = "、".join(sorted(set(m.ATTACHMENT_FORMATS.values())))
    if not name:
        return None
    if "/" in name or "\\" in name or name.startswith("."):
        r.error(node, path, f"“{name[:60]}”：附件要和文件的 YAML 放在同一个文件夹里，这里只写文件名（例如 原文.pdf）。")
        return None
    if name[name.rfind(".") :].lower() not in m.ATTACHMENT_FORMATS or "." not in name:
        r.error(node, path, f"“{name[:60]}”不是可以发布的附件类型：只能发布 {formats} 文件。")
        return None
    source = folder / name
    if source.is_symlink():
        r.error(node, path, f"“{name[:60]}”是一个链接（快捷方式）：请把文件本身放在 {folder.name}/ 里。")
        return None
    if not source.is_file():
        r.error(node, path, f"找不到附件“{name[:60]}”：请把文件放在 {folder.name}/ 里，和这份文件的 YAML 放在一起。")
        return None
    try:
        size, sha256 = digest_regular(source, max_mb * 1024 * 1024)
    except ReadError as error:
        r.error(node, path, f"附件“{name[:60]}”{error}")
        return None
    if size > max_mb * 1024 * 1024:
        r.error(
            node,
            path,
            f"附件“{name[:60]}”超过了 {max_mb} MB：请压缩，或在 site.yaml 里调整 max_attachment_mb。",
        )
        return None
    return name, str(source.resolve()), size, sha256


def _texts(r: Reader, node: yaml.Node, path: str, what: str) -> tuple[str, ...]:
    return tuple(r.text(n, index(path, i), limit=LINE) for i, n in enumerate(r.sequence(node, path, what)))


def _validity(r: Reader, node: yaml.Node | None) -> str:
    value = r.text(node, "validity", required=False, limit=LINE)
    if value and value not in m.VALIDITY:
        r.error(node, "validity", f"“{value}”不是有效性的写法：请写 {'、'.join(m.VALIDITY)} 之一。")  # type: ignore[arg-type]
        return ""
    return value


def _superseded_by(r: Reader, node: yaml.Node) -> m.Related | None:
    value = _slug(r, node, "superseded_by")
    return m.Related(value, node.start_mark.line + 1) if value else None


def read_site(r: Reader, root: yaml.Node) -> m.SiteConfig | None:
    f = r.mapping(
        root,
        "",
        required=("name", "owner", "contact"),
        optional=(
            "base_url",
            "footer",
            "accessibility",
            "site_id_code",
            "icp",
            "police_record",
            "organizer",
            "max_attachment_mb",
            "braille_page",
        ),
    )
    if f is None:
        return None
    base_url = r.text(f.get("base_url"), "base_url", required=False, limit=LINE)
    if base_url and not base_url.startswith(("https://", "http://")):
        r.error(
            f["base_url"], "base_url", "网址应以 https:// 或 http:// 开头，例如 https://www.example.gov.cn/plans/。"
        )
    footer = (
        tuple(r.text(n, index("footer", i)) for i, n in enumerate(r.sequence(f["footer"], "footer", "页脚文字")))
        if "footer" in f
        else ()
    )
    contact = _contact(r, f["contact"]) if "contact" in f else None
    reviewed, limitations = _accessibility(r, f["accessibility"]) if "accessibility" in f else (None, ())
    if contact is None:
        return None
    return m.SiteConfig(
        name=r.text(f.get("name"), "name", limit=LINE),
        owner=r.text(f.get("owner"), "owner", limit=LINE),
        contact=contact,
        records=_records(r, f),
        base_url=base_url,
        footer=footer,
        reviewed=reviewed,
        limitations=limitations,
        max_attachment_mb=r.integer(f["max_attachment_mb"], "max_attachment_mb", low=1, high=2048) or 50
        if "max_attachment_mb" in f
        else 50,
        braille_page=_braille_page(r, f["braille_page"]) if "braille_page" in f else m.BraillePage(),
    )


BRAILLE_PAGE = re.compile(r"^\s*(\d{1,3})\s*[xX×＊*]\s*(\d{1,3})\s*$")


def _braille_page(r: Reader, node: yaml.Node) -> m.BraillePage:
    """`30x27` (cells per line × lines per page, the default) or `40x25`, or another size embossers take."""
    text = r.text(node, "braille_page", limit=LINE)
    found = BRAILLE_PAGE.match(text)
    if found and 20 <= int(found[1]) <= 50 and 15 <= int(found[2]) <= 40:
        return m.BraillePage(int(found[1]), int(found[2]))
    if text:
        r.error(
            node,
            "braille_page",
            f"盲文版页面“{text[:20]}”应写成“每行方数x每页行数”，每行 20 到 50 方、每页 15 到 40 行，"
            "例如 30x27（默认）或 40x25。",
        )
    return m.BraillePage()


SITE_ID_CODE = re.compile(r"^[0-9A-Za-z]{10}$")
POLICE_RECORD = re.compile(r"(\d{14})")  # the record code inside 京公网安备11010202000001号


def _records(r: Reader, f: dict[str, yaml.Node]) -> m.SiteRecords:
    code = r.text(f.get("site_id_code"), "site_id_code", required=False, limit=LINE)
    if code and not SITE_ID_CODE.match(code):
        r.error(
            f["site_id_code"],
            "site_id_code",
            f"网站标识码“{code[:20]}”应是10位数字或字母：请对照全国政府网站信息报送系统核对。",
        )
    police = r.text(f.get("police_record"), "police_record", required=False, limit=LINE)
    if police and not POLICE_RECORD.search(police):
        r.error(
            f["police_record"], "police_record", "公安机关备案号里应有14位备案编号，例如 京公网安备11010202000001号。"
        )
    return m.SiteRecords(
        site_id_code=code,
        icp=r.text(f.get("icp"), "icp", required=False, limit=LINE),
        police_record=police,
        organizer=r.text(f.get("organizer"), "organizer", required=False, limit=LINE),
    )


EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
PHONE = re.compile(r"^[0-9０-９+＋()（）\- ]{3,30}(?:[转,，][0-9]{1,6})?$")


def _contact(r: Reader, node: yaml.Node) -> m.Contact | None:
    """The feedback contact the accessibility statement must give (phone, email, address)."""
    f = r.mapping(node, "contact", required=("phone", "email", "address"))
    if f is None or len(f) < 3:
        return None
    phone = r.text(f["phone"], "contact.phone", limit=LINE)
    if phone and not PHONE.match(phone):
        r.error(f["phone"], "contact.phone", f"“{phone[:30]}”不像电话号码：请写数字，例如 023-12345678 或 12385。")
    email = r.text(f["email"], "contact.email", limit=LINE)
    if email and not EMAIL.match(email):
        r.error(f["email"], "contact.email", f"“{email[:40]}”不像电子邮箱地址：请写成 name@example.gov.cn 的形式。")
    return m.Contact(phone=phone, email=email, address=r.text(f["address"], "contact.address", limit=LINE))


def _accessibility(r: Reader, node: yaml.Node) -> tuple[dt.date | None, tuple[str, ...]]:
    f = r.mapping(node, "accessibility", optional=("reviewed", "limitations"))
    if f is None:
        return None, ()
    reviewed = r.date(f["reviewed"], "accessibility.reviewed") if "reviewed" in f else None
    path = "accessibility.limitations"
    limitations = (
        tuple(r.text(n, index(path, i)) for i, n in enumerate(r.sequence(f["limitations"], path, "已知的不足")))
        if "limitations" in f
        else ()
    )
    return reviewed, limitations


# --- fields ------------------------------------------------------------------


def _slug(r: Reader, node: yaml.Node | None, path: str) -> str:
    value = r.text(node, path, limit=LINE)
    if value and (not SLUG.match(value) or len(value) > MAX_SLUG):
        r.error(
            node,  # type: ignore[arg-type]
            path,
            f"“{value}”不能用作网址：只能用小写英文字母、数字和短横线（例如 jiangbei-2021-plan），不超过{MAX_SLUG}个字符。",
        )
    return value


def _markdown(r: Reader, node: yaml.Node | None, path: str) -> str:
    value = r.text(node, path, required=False, paragraphs=True)
    if value and node is not None:
        _links(r, node, path, value)
    return value


def _links(r: Reader, node: yaml.Node, path: str, value: str) -> None:
    """Reports a link of a scheme not allowed; keeps a link to a place in the document for
    `_check_in_page_links`."""
    for href in link_targets(value):
        if not is_safe_href(href):
            r.error(
                node,
                path,
                f"不允许的链接“{href[:60]}”：链接只能以 https://、http://、mailto: 或 #（本文件里的位置）开头。",
            )
        elif href.startswith("#"):
            r.in_page_links.append((node, path, unquote(href[1:])))


def _check_in_page_links(r: Reader, doc: m.Document) -> None:
    """A link to `#…` must reach a part of this document. Its places are the ids its pages
    give its parts, so they are known only from a valid document: the check waits for the
    file's other problems to be mended."""
    if not r.in_page_links or r.problems:
        return
    anchors = part_anchors(build_view(doc))
    for node, path, anchor in r.in_page_links:
        if anchor not in anchors:
            r.error(
                node,
                path,
                f"页内链接“#{anchor[:40]}”在这份文件里找不到：只能链接到本文件的章节（#s-1、#s-1-2……，按章节的"
                "顺序从 1 数）、附件（#annex-1）、专栏（#box-1）、表格（#table-1，按在文件里出现的顺序）或名词解释"
                "（#term-1）。",
            )


def _period(r: Reader, node: yaml.Node) -> m.Period | None:
    f = r.mapping(node, "period", required=("start", "end"))
    if f is None or "start" not in f or "end" not in f:
        return None
    start = r.integer(f["start"], "period.start", low=1949, high=2100)
    end = r.integer(f["end"], "period.end", low=1949, high=2100)
    if start is None or end is None:
        return None
    if end < start:
        r.error(f["end"], "period.end", f"结束年份 {end} 早于开始年份 {start}：请检查。")
    return m.Period(start, end)


def _source(r: Reader, node: yaml.Node) -> m.Source | None:
    f = r.mapping(node, "source", optional=("title", "url", "note"))
    if f is None:
        return None
    url = r.text(f.get("url"), "source.url", required=False, limit=LINE)
    if url and not url.lower().startswith(("https://", "http://")):
        r.error(f["url"], "source.url", "来源网址应以 https:// 或 http:// 开头。")
    return m.Source(
        title=r.text(f.get("title"), "source.title", required=False, limit=LINE),
        url=url,
        note=r.text(f.get("note"), "source.note", required=False),
    )


def _related(r: Reader, node: yaml.Node) -> tuple[m.Related, ...]:
    out = []
    for i, item in enumerate(r.sequence(node, "related", "相关文件 id")):
        value = _slug(r, item, index("related", i))
        if value:
            out.append(m.Related(value, item.start_mark.line + 1))
    return tuple(out)


def _signature(r: Reader, node: yaml.Node, path: str) -> m.Signature | None:
    f = r.mapping(node, path, required=("issuer",), optional=("date",))
    if f is None:
        return None
    return m.Signature(
        issuer=r.text(f.get("issuer"), child(path, "issuer"), limit=LINE),
        date=r.date(f["date"], child(path, "date")) if "date" in f else None,
    )


def _notice(r: Reader, node: yaml.Node) -> m.Notice | None:
    f = r.mapping(node, "notice", required=("title",), optional=("doc_number", "addressees", "text", "signature"))
    if f is None:
        return None
    return m.Notice(
        title=r.text(f.get("title"), "notice.title", limit=LINE),
        doc_number=r.text(f.get("doc_number"), "notice.doc_number", required=False, limit=LINE),
        addressees=_markdown(r, f.get("addressees"), "notice.addressees"),
        text=_markdown(r, f.get("text"), "notice.text"),
        signature=_signature(r, f["signature"], "notice.signature") if "signature" in f else None,
    )


def _glossary(r: Reader, node: yaml.Node) -> tuple[m.Term, ...]:
    terms: list[m.Term] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(r.sequence(node, "glossary", "名词解释")):
        path = index("glossary", i)
        f = r.mapping(item, path, required=("term", "definition"), optional=("label",))
        if f is None:
            continue
        term = r.text(f.get("term"), child(path, "term"), limit=LINE)
        line = item.start_mark.line + 1
        if term in seen:
            r.error(item, child(path, "term"), f"名词“{term}”重复（第{seen[term]}行已经解释过）：请合并成一条。")
        seen[term] = line
        terms.append(
            m.Term(
                term=term,
                definition=_markdown(r, f.get("definition"), child(path, "definition")),
                label=r.text(f.get("label"), child(path, "label"), required=False, limit=LINE),
                line=line,
            )
        )
    return tuple(terms)


def _annexes(r: Reader, node: yaml.Node) -> tuple[m.Section, ...]:
    """附件 are sections after the signature; each must have a title."""
    out = []
    for i, item in enumerate(r.sequence(node, "annexes", "附件")):
        annex = _section(r, item, index("annexes", i), 1, (), annex=True)
        if annex is not None:
            out.append(annex)
    return tuple(out)


# --- the section tree ----------------------------------------------------------


def _sections(
    r: Reader, node: yaml.Node, path: str, depth: int, ancestors: tuple[str, ...] = ()
) -> tuple[m.Section, ...]:
    out = []
    for i, item in enumerate(r.sequence(node, path, "章节")):
        section = _section(r, item, index(path, i), depth, ancestors)
        if section is not None:
            out.append(section)
    _check_numbering(r, out, path, ancestors)
    return tuple(out)


def _check_numbering(r: Reader, sections: list[m.Section], path: str, ancestors: tuple[str, ...]) -> None:
    """Numbering shows the level, so a jump in it is an indentation mistake.

    Siblings share one numbering style, and a section never uses the style of
    a section it is inside (（二） nested under （一） belongs beside it).
    """
    first: tuple[str, str] | None = None  # (style, label) of the first numbered sibling
    for i, section in enumerate(sections):
        style = style_of(section.label)
        if style is None:
            continue
        where = index(path, i)
        if style.name in ancestors:
            r.error(
                section.line,
                where,
                f"“{section.label}”和它所在的上一级章节是同一种编号，应该是同一级：请减少缩进，把它移到上一级的 sections 里。",
            )
        elif first and style.name != first[0]:
            r.error(
                section.line,
                where,
                f"同一层的编号不一致：前面是“{first[1]}”，这里是“{section.label}”。"
                "如果它是上一节的下一级，请把它写进上一节的 sections 里（多缩进一层）。",
            )
        if first is None:
            first = (style.name, section.label)


def _section(
    r: Reader, node: yaml.Node, path: str, depth: int, ancestors: tuple[str, ...], *, annex: bool = False
) -> m.Section | None:
    if depth > MAX_DEPTH:
        r.error(node, path, f"章节嵌套超过{MAX_DEPTH}层：请检查缩进，是否把同级的章节写进了上一级的 sections 里。")
        return None
    if annex:  # an annex always has a title; a section may have only a label (第一条)
        f = r.mapping(node, path, required=("title",), optional=("label", "blocks", "sections"))
    else:
        f = r.mapping(node, path, optional=("label", "title", "blocks", "sections"))
    if f is None:
        return None
    if "title" not in f and "label" not in f and not annex:
        r.error(node, path, "章节缺少标题：请写 title（标题），或至少写 label（编号，如“第一条”）。")
    label = r.text(f.get("label"), child(path, "label"), required=False, limit=LINE)
    style = style_of(label)
    inner = (*ancestors, style.name) if style else ancestors
    blocks = _blocks(r, f["blocks"], child(path, "blocks"), depth) if "blocks" in f else ()
    sections = _sections(r, f["sections"], child(path, "sections"), depth + 1, inner) if "sections" in f else ()
    if not blocks and not sections:
        r.error(node, path, EMPTY_ANNEX if annex else EMPTY_SECTION)
    return m.Section(
        label=label,
        title=r.text(f.get("title"), child(path, "title"), required=annex or "label" not in f, limit=LINE),
        blocks=blocks,
        sections=sections,
        line=node.start_mark.line + 1,
    )


def _blocks(r: Reader, node: yaml.Node, path: str, depth: int) -> tuple[m.Block, ...]:
    out: list[m.Block] = []
    for i, item in enumerate(r.sequence(node, path, "段落或表格")):
        block = _block(r, item, index(path, i), depth)
        if block is not None:
            out.append(block)
    return tuple(out)


def _block(r: Reader, node: yaml.Node, path: str, depth: int) -> m.Block | None:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and not is_null(node):
        text = _markdown(r, node, path)
        return m.Text(text, line) if text else None
    f = r.mapping(node, path, optional=("table", "box"))
    if f is None:
        return None
    if len(f) != 1:
        r.error(node, path, "每一项只能是一段文字、一个 table（表格）或一个 box（专栏），请分成几项来写。")
        return None
    if "table" in f:
        return _table(r, f["table"], child(path, "table"))
    return _box(r, f["box"], child(path, "box"), depth)


def _box(r: Reader, node: yaml.Node, path: str, depth: int) -> m.Box | None:
    f = r.mapping(node, path, required=("title", "blocks"), optional=("label",))
    if f is None:
        return None
    blocks = _blocks(r, f["blocks"], child(path, "blocks"), depth + 1) if "blocks" in f else ()
    if not blocks and "blocks" in f:
        r.error(node, path, "专栏没有内容：请在 blocks 里写专栏的段落或表格。")
    return m.Box(
        label=r.text(f.get("label"), child(path, "label"), required=False, limit=LINE),
        title=r.text(f.get("title"), child(path, "title"), limit=LINE),
        blocks=blocks,
        line=node.start_mark.line + 1,
    )


def _table(r: Reader, node: yaml.Node, path: str) -> m.Table | None:
    f = r.mapping(node, path, required=("caption", "head", "rows"), optional=("row_headers", "notes"))
    if f is None:
        return None
    head = (
        tuple(
            r.text(n, index(child(path, "head"), i), limit=LINE)
            for i, n in enumerate(r.sequence(f["head"], child(path, "head"), "列标题"))
        )
        if "head" in f
        else ()
    )
    if "head" in f and not head:
        r.error(f["head"], child(path, "head"), "表头是空的：请在 head 里写出每一列的标题，例如 [序号, 指标, 目标值]。")
    rows_path = child(path, "rows")
    row_nodes = r.sequence(f["rows"], rows_path, "表格行") if "rows" in f else []
    rows = tuple(_row(r, n, index(rows_path, i)) for i, n in enumerate(row_nodes))
    if head and rows:
        for i, message in m.layout(rows, len(head))[1]:
            r.error(row_nodes[i], index(rows_path, i), message)
    if "rows" in f and all(isinstance(row, m.GroupRow) for row in rows):
        r.error(f["rows"], rows_path, "表格没有数据行：请至少写一行。")
    row_header = _row_header(r, f.get("row_headers"), child(path, "row_headers"), len(head))
    notes_path = child(path, "notes")
    notes = (
        tuple(_markdown(r, n, index(notes_path, i)) for i, n in enumerate(r.sequence(f["notes"], notes_path, "表注")))
        if "notes" in f
        else ()
    )
    return m.Table(
        caption=r.text(f.get("caption"), child(path, "caption"), limit=LINE),
        head=head,
        rows=rows,
        row_header=row_header,
        notes=notes,
        line=node.start_mark.line + 1,
    )


def _row(r: Reader, node: yaml.Node, path: str) -> m.Row:
    """A list of cells, or `{group: 一、医疗质量}` for a full-width row heading the rows beneath it."""
    if isinstance(node, yaml.MappingNode):
        f = r.mapping(node, path, required=("group",))
        return m.GroupRow(r.text(f.get("group") if f else None, child(path, "group"), limit=LINE))
    return tuple(_cell(r, n, index(path, j)) for j, n in enumerate(r.sequence(node, path, "单元格")))


MAX_SPAN = 1000  # rows or columns one merged cell may cover


def _cell(r: Reader, node: yaml.Node, path: str) -> m.Cell:
    """A scalar, or `{text: …, rows: 2, cols: 3}` for a cell merged with those below / to its right."""
    spans = {"rows": 1, "cols": 1}
    if isinstance(node, yaml.MappingNode):
        f = r.mapping(node, path, required=("text",), optional=("rows", "cols")) or {}
        for key in spans:
            if key in f:
                spans[key] = r.integer(f[key], child(path, key), low=1, high=MAX_SPAN) or 1
        if "text" not in f:
            return m.Cell("", spans["rows"], spans["cols"])
        node, path = f["text"], child(path, "text")
    value = r.cell(node, path)
    if value:
        _links(r, node, path, value)
    return m.Cell(value, spans["rows"], spans["cols"])


def _row_header(r: Reader, node: yaml.Node | None, path: str, columns: int) -> int | None:
    """`row_headers: true` means the first column; a number names the column (from 1)."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
        return 0 if r.boolean(node, path) else None
    column = r.integer(node, path, low=1, high=max(columns, 1))
    return None if column is None else column - 1
