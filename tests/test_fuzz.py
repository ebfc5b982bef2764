"""Fuzzing: generated documents either build and pass the output checks, or
fail with a ContentError listing problems. Nothing else may happen.

In CI the examples are derandomised (the same every run, so a red build is
reproducible); locally each run explores new ones, and hypothesis keeps any
failure it finds in .hypothesis/ to replay it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
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


@given(PLAN_TEXT)
def test_any_imported_text_passes_check(text: str) -> None:
    from plansite.importer import import_text

    draft = import_text(text, source_name="fuzz.txt", doc_id="fuzz-doc")
    with content_folder(draft.yaml.encode("utf-8")) as folder:
        try:
            load_content(folder)
        except ContentError as error:
            # Only a text with nothing to publish may fail, and it must say so.
            assert all("没有正文" in p.message for p in error.problems), (
                "\n".join(map(str, error.problems)) + "\n" + draft.yaml
            )


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
