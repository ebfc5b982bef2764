"""Fuzzing: generated documents either build and pass the output checks, or
fail with a ContentError listing problems. Nothing else may happen.

In CI the examples are derandomised (the same every run, so a red build is
reproducible); locally each run explores new ones, and hypothesis keeps any
failure it finds in .hypothesis/ to replay it.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plansite.build import build_site
from plansite.content import load_content
from plansite.problems import ContentError
from plansite.verify import verify_site

settings.register_profile(
    "plansite",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("plansite")

SITE = 'name: 模糊测试\nowner: 测试\ncontact: {phone: "12345", email: a@example.gov.cn, address: 测试地址}\n'

# Any Unicode, including what editors paste by accident (controls, surrogates
# are excluded by the YAML emitter itself; the loader refuses the rest).
TEXT = st.text(min_size=0, max_size=40)
CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=20)
LABELS = st.sampled_from(
    ["", "第一章", "第二章", "一、", "二、", "（一）", "（二）", "1.", "2.", "（1）", "①", "第一条", "专栏1"]
)
SCALARS = st.one_of(TEXT, CJK, st.integers(-10, 10_000), st.floats(allow_nan=False), st.booleans(), st.none())


def tables() -> st.SearchStrategy[dict]:
    return st.integers(1, 8).flatmap(
        lambda width: st.fixed_dictionaries(
            {
                "caption": st.one_of(CJK, TEXT),
                "head": st.lists(CJK, min_size=width, max_size=width),
                # Mostly the right width, sometimes one cell short or long; up to 120 rows.
                "rows": st.lists(
                    st.lists(SCALARS, min_size=max(width - 1, 0), max_size=width + 1), min_size=0, max_size=120
                ),
            },
            optional={"row_headers": st.one_of(st.booleans(), st.integers(0, 9)), "notes": st.lists(TEXT, max_size=2)},
        )
    )


def blocks() -> st.SearchStrategy[list]:
    block = st.one_of(
        st.one_of(CJK, TEXT),
        st.fixed_dictionaries({"table": tables()}),
        st.fixed_dictionaries(
            {"box": st.fixed_dictionaries({"label": LABELS, "title": CJK, "blocks": st.lists(CJK, max_size=3)})}
        ),
        SCALARS,
    )
    return st.lists(block, max_size=4)


def sections() -> st.SearchStrategy[list]:
    section = st.recursive(
        st.fixed_dictionaries({"label": LABELS, "title": CJK, "blocks": blocks()}),
        lambda inner: st.fixed_dictionaries(
            {"label": LABELS, "title": st.one_of(CJK, TEXT), "sections": st.lists(inner, min_size=1, max_size=3)},
            optional={"blocks": blocks()},
        ),
        max_leaves=12,
    )
    return st.lists(section, min_size=0, max_size=4)


DOCUMENTS = st.fixed_dictionaries(
    {
        "id": st.one_of(
            st.just("fuzz-doc"), st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True), TEXT
        ),
        "kind": st.sampled_from(["plan", "interpretation", "work-points", "notice", "规划", ""]),
        "title": st.one_of(CJK, TEXT, SCALARS),
        "body": st.one_of(sections(), SCALARS),
    },
    optional={
        "preamble": st.one_of(CJK, TEXT),
        "issuer": CJK,
        "doc_number": st.one_of(st.just("江北府发〔2022〕20号"), TEXT),
        "date_published": st.one_of(st.dates().map(str), TEXT),
        "glossary": st.lists(st.fixed_dictionaries({"term": CJK, "definition": st.one_of(CJK, TEXT)}), max_size=4),
        "related": st.lists(st.sampled_from(["fuzz-doc", "missing-doc"]), max_size=2),
        "unknown_field": SCALARS,
    },
)


def _outcome(folder: Path) -> None:
    """Build; success must pass every output check, failure must be a ContentError."""
    out = folder.parent / "site"
    try:
        build_site(folder, out)
    except ContentError as error:
        assert error.problems, "a ContentError always lists problems"
        assert all(p.message and p.file for p in error.problems)
        return
    failures = verify_site(out)
    assert not failures, failures[:5]


@contextmanager
def content_folder(document: bytes) -> Iterator[Path]:
    """A fresh content folder holding site.yaml and one document."""
    folder = Path(tempfile.mkdtemp(prefix="plansite-fuzz-")) / "content"
    try:
        folder.mkdir()
        (folder / "site.yaml").write_text(SITE, encoding="utf-8")
        (folder / "doc.yaml").write_bytes(document)
        yield folder
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def dump(document: dict) -> bytes:
    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8")


@given(DOCUMENTS)
def test_generated_documents_build_or_fail_cleanly(document: dict) -> None:
    with content_folder(dump(document)) as folder:
        _outcome(folder)


@given(st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_arbitrary_text_as_a_file_never_crashes(text: str) -> None:
    with content_folder(text.encode("utf-8", errors="surrogatepass")) as folder:
        try:
            load_content(folder)
        except ContentError as error:
            assert error.problems


def test_the_fuzzer_reaches_both_outcomes() -> None:
    """Guard against a strategy that only ever produces invalid documents."""
    outcomes: set[str] = set()

    @given(DOCUMENTS)
    @settings(max_examples=60, derandomize=True)
    def probe(document: dict) -> None:
        with content_folder(dump(document)) as folder:
            try:
                load_content(folder)
                outcomes.add("valid")
            except ContentError:
                outcomes.add("invalid")

    probe()
    assert outcomes == {"valid", "invalid"}


# --- the importer: any plan-like text gives a draft that passes check ---------------

_LABELS = [
    "第一章 ",
    "第二节 ",
    "一、",
    "二、",
    "（一）",
    "（二）",
    "1.",
    "2．",
    "3、",
    "（1）",
    "①",
    "第一条 ",
    "专栏1 ",
    "",
]
_LINE = st.builds(
    lambda label, text, end: f"{label}{text}{end}",
    st.sampled_from(_LABELS),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40), min_size=1, max_size=50),
    st.sampled_from(["", "。", "：", "；"]),
)
_SPECIAL = st.sampled_from(
    ["", "\t序号", "\t指标", "\t1", "\t\t", "名词解释", "附件：分工表", "目录", "语音播报", "二〇二二年一月五日"]
)
PLAN_TEXT = st.lists(st.one_of(_LINE, _LINE, _SPECIAL), min_size=1, max_size=40).map("\n".join)


def _passes_check(text: str) -> None:
    from plansite.importer import NoTextError, import_text

    try:
        draft = import_text(text, source_name="fuzz.txt", doc_id="fuzz-doc")
    except NoTextError as error:  # only a text with nothing to read is refused: all of it listed as left out
        assert not _lost_characters(text, "{}", error.left_out), str(error)
        return
    with content_folder(draft.yaml.encode("utf-8")) as folder:
        try:
            load_content(folder)
        except ContentError as error:
            # Only a text with nothing to publish may fail, and it must say so.
            assert all("没有正文" in p.message for p in error.problems), (
                "\n".join(map(str, error.problems)) + "\n" + draft.yaml
            )


@given(PLAN_TEXT)
def test_any_imported_text_passes_check(text: str) -> None:
    _passes_check(text)


_CELL = st.tuples(
    st.sampled_from(["", "指标", "1.2", "一、康复", "表1　主要指标", "单位：万人", "合计"]),
    st.integers(1, 3),  # rows it covers
    st.integers(1, 3),  # columns it covers
    st.booleans(),  # a header cell
)
TABLE_ROWS = st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=2, max_size=6)


@given(TABLE_ROWS)
def test_any_table_of_a_saved_page_imports_to_a_draft_that_passes_check(rows: list) -> None:
    """Merged cells that overlap or run past the table, empty rows and titles across it: the
    draft's table is always one check takes (from_grid makes any grid valid)."""
    from plansite.importer import import_text

    def cell(text: str, down: int, across: int, head: bool) -> str:
        tag = "th" if head else "td"
        return f'<{tag} rowspan="{down}" colspan="{across}">{text}</{tag}>'

    table = "".join("<tr>" + "".join(cell(*c) for c in row) + "</tr>" for row in rows)
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市规划</title></head><body>'
        f"<h1>某市残疾人事业发展规划</h1><p>一、主要指标</p><p>指标如下。</p><table>{table}</table></body></html>"
    )
    draft = import_text(page, source_name="fuzz.html", doc_id="fuzz-doc")
    with content_folder(draft.yaml.encode("utf-8")) as folder:
        try:
            load_content(folder)
        except ContentError as error:
            raise AssertionError("\n".join(map(str, error.problems)) + "\n" + draft.yaml) from None


# --- the importer: no text of the source is lost ----------------------------------------

# Lines of the parts a document's head and tail are made of, with the plan-like lines above.
_PARTS = st.sampled_from(
    [
        "关于召开会议的通知",
        "关于印发某市规划的通知",
        "各区县残联：",
        "某市残疾人联合会",
        "2026年4月20日",
        "附件",
        "附件1",
        "某市规划",
        "——在会议上的讲话",
        "（此件公开发布）",
        "抄送：市委办",
        "某市残联办公室　2026年4月20日印发",
        "专栏1 重点工程",
        "注：1.数据来源于统计年鉴。",
        "单位：万人",
        "表1　主要指标",
        "指标\t2020年\t2025年",
        "康复人数\t10\t12",
        "附件：1．分工表",
        "2．指标表",
        "（一）困难残疾人生活补贴对象为纳入最低生活保障范围的残疾人并且长期需要照护的人。",
        "发布时间：2026-01-15　来源：某市残联",
        "一是加强领导。二是强化保障。",
        "第一条 为了保障残疾人权益，制定本办法。",
        "各位代表：",
        "联系人：张三",
        "某府办发〔2026〕3号",
        "1 总则",
        "1.1 范围",
        "（2021—2025年）",
        "（征求意见稿）",
        "某市规划\n——在会议上的讲话",  # a title and its subtitle
        "某市规划\n——" + "在会议上的讲话" * 30,  # a title and a line too long for a subtitle
        "首页",
        "分享到：微信",
        "相关信息",
        "上一篇：关于召开会议的通知",
        "第二十条第（一）项",
        "三 、保障措施",
    ]
)
DOCUMENT_TEXT = st.lists(st.one_of(_LINE, _LINE, _SPECIAL, _PARTS), min_size=1, max_size=30).map("\n".join)
_HANZI = re.compile(r"[\u4e00-\u9fff]")


def _lost_characters(text: str, draft_yaml: str, left_out: tuple[str, ...]) -> dict[str, int]:
    """The Chinese characters of `text` that are neither in the draft (text, fields, comments)
    nor in the list of what was left out, with how many are missing. What the importer turns
    into a field is allowed for: a date written as 2026-04-20, a fact line (来源：…) whose
    values are fields, a title or issuer written twice, and 名词解释 when the terms are read."""
    from plansite.importer.draft import GLOSSARY, cn_date

    fields = yaml.safe_load(draft_yaml)
    said = {str(fields.get(key, "")) for key in ("title", "subtitle", "issuer", "doc_number")}
    said.add(str((fields.get("notice") or {}).get("title", "")))

    def in_draft(value: str) -> bool:
        day = cn_date(value)
        return value in draft_yaml or (day is not None and day.isoformat() in draft_yaml)

    def made_a_field(line: str, earlier: list[str]) -> bool:
        if line in earlier and any(line in value for value in said):
            return True
        if GLOSSARY.match(line):
            return "\nglossary:" in draft_yaml
        values = [v for v in re.split(r"[：:]\s*|\u3000+", line)[1::2] if v]
        return (bool(values) and all(in_draft(v) for v in values)) or (cn_date(line) is not None and in_draft(line))

    lines = [line.strip() for line in text.split("\n")]
    kept = [line for i, line in enumerate(lines) if not made_a_field(line, lines[:i])]
    have = Counter(_HANZI.findall(draft_yaml + "".join(left_out)))
    return {char: n - have[char] for char, n in Counter(_HANZI.findall("\n".join(kept))).items() if have[char] < n}


@given(DOCUMENT_TEXT)
def test_any_imported_document_with_a_head_and_tail_passes_check(text: str) -> None:
    """Titles, subtitles, 落款, 附件, a page's furniture among the plan-like lines."""
    _passes_check(text)


@given(DOCUMENT_TEXT)
def test_no_text_of_an_imported_file_is_lost(text: str) -> None:
    """Every character of the source is in the draft or in the list of what was left out. (A
    short 通知 once lost its whole text, read as the text of a 印发 notice it did not have.)"""
    from plansite.importer import NoTextError, import_text

    try:
        result = import_text(text, source_name="fuzz.txt", doc_id="fuzz-doc")
    except NoTextError as error:  # refused, saying so: nothing may be lost unsaid either
        assert not _lost_characters(text, "{}", error.left_out), str(error)
        return
    if "出现了两次" in result.yaml:  # a glossary term said twice is one entry, as its comment says
        return
    assert not _lost_characters(text, result.yaml, result.dropped), result.yaml


def test_the_loss_check_sees_a_lost_line() -> None:
    """The check above fails where a line is gone, and passes where it is kept."""
    text = "关于召开会议的通知\n各区县残联：\n经研究，定于4月28日召开会议。\n某市残疾人联合会\n2026年4月20日"
    kept = "title: 关于召开会议的通知\npreamble: 各区县残联：\n\n  经研究，定于4月28日召开会议。\nissuer: 某市残疾人联合会\ndate_signed: 2026-04-20\n"
    assert not _lost_characters(text, kept, ())
    lost = kept.replace("经研究，定于4月28日召开会议。", "")
    assert _lost_characters(text, lost, ()) == dict(Counter(_HANZI.findall("经研究，定于4月28日召开会议。")))
