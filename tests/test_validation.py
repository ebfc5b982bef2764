"""Validation messages: every problem, in Chinese, with file, line, field and the fix."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from plansite import model as m
from plansite.content import load_content
from plansite.problems import ContentError, Problem

SITE = 'name: 测试网站\nowner: 测试残联\ncontact: {phone: "12345", email: a@example.gov.cn, address: 测试地址}\n'

VALID = """\
id: a-plan
kind: plan
title: 测试规划
issuer: 测试区人民政府
body:
  - label: 第一章
    title: 总则
    blocks:
      - 正文。
      - table:
          caption: 指标
          head: [序号, 指标, 目标值, 属性]
          rows:
            - [1, 参保率, ＞95, 预期性]
            - [2, 覆盖率, 100, 约束性]
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(SITE, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(dedent(text), encoding="utf-8")
    return folder


def problems(folder: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return caught.value.problems


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_valid_document_loads(tmp_path: Path) -> None:
    content = load_content(write(tmp_path, {"a.yaml": VALID}))
    assert [d.id for d in content.documents] == ["a-plan"]
    table = content.documents[0].body[0].blocks[1]
    assert isinstance(table, m.Table)
    assert table.rows[0] == tuple(m.Cell(t) for t in ("1", "参保率", "＞95", "预期性"))


def test_row_width_mismatch_names_file_line_and_field(tmp_path: Path) -> None:
    broken = VALID.replace("- [2, 覆盖率, 100, 约束性]", "- [2, 覆盖率, 100]")
    p = only(problems(write(tmp_path, {"x.yaml": broken})))
    assert p.file.endswith("x.yaml")
    assert p.line == 15
    assert p.field == "body[1].blocks[2].table.rows[2]"
    assert "该行有3个单元格，表头有4列" in p.message
    assert str(p).startswith(f"{p.file} 第15行 body[1].blocks[2].table.rows[2]：")


def test_unknown_field_suggests_the_right_name(tmp_path: Path) -> None:
    p = only(problems(write(tmp_path, {"x.yaml": VALID.replace("issuer:", "isuer:")})))
    assert p.line == 4
    assert p.field == "isuer"
    assert "是不是想写“issuer”" in p.message


def test_unknown_field_deep_inside(tmp_path: Path) -> None:
    found = problems(write(tmp_path, {"x.yaml": VALID.replace("caption: 指标", "captoin: 指标")}))
    # The typo is reported, and so is the caption it left missing.
    assert {p.field for p in found} == {"body[1].blocks[2].table.captoin", "body[1].blocks[2].table.caption"}
    assert any("是不是想写“caption”" in p.message for p in found)


def test_wrong_types(tmp_path: Path) -> None:
    broken = VALID.replace("title: 测试规划", "title: [测试, 规划]").replace(
        "    blocks:\n", "    blocks: 正文\n    x_blocks:\n"
    )
    found = problems(write(tmp_path, {"x.yaml": broken}))
    fields = {p.field: p for p in found}
    assert "应该是一段文字" in fields["title"].message
    assert "列表" in fields["body[1].blocks"].message


def test_bad_values(tmp_path: Path) -> None:
    broken = (
        VALID.replace("id: a-plan", "id: A Plan/../x")
        .replace("kind: plan", "kind: 规划")
        .replace(
            "issuer: 测试区人民政府",
            "issuer: 测试区人民政府\ndate_published: 2022-13-01\nperiod: {start: 2025, end: 2021}",
        )
    )
    found = {p.field: p for p in problems(write(tmp_path, {"x.yaml": broken}))}
    assert "只能用小写英文字母" in found["id"].message
    assert "plan（规划）" in found["kind"].message
    assert "不是一个存在的日期" in found["date_published"].message or "日期格式" in found["date_published"].message
    assert "早于开始年份" in found["period.end"].message


def test_missing_required_fields(tmp_path: Path) -> None:
    found = problems(write(tmp_path, {"x.yaml": "id: a-plan\nbody: []\n"}))
    assert {p.field for p in found} >= {"kind", "title"}
    assert all("缺少必填字段" in p.message for p in found if p.field in ("kind", "title"))


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    p = only(problems(write(tmp_path, {"x.yaml": VALID.replace("title: 总则", "title: [总则")})))
    assert p.file.endswith("x.yaml")
    assert 7 <= p.line <= 9
    assert "配对" in p.message or "YAML" in p.message


def test_tab_indentation_is_explained(tmp_path: Path) -> None:
    p = only(problems(write(tmp_path, {"x.yaml": VALID.replace("    title: 总则", "\ttitle: 总则")})))
    assert "制表符" in p.message


def test_every_problem_in_every_file_at_once(tmp_path: Path) -> None:
    one = VALID.replace("- [2, 覆盖率, 100, 约束性]", "- [2, 覆盖率]").replace("issuer:", "isuer:")
    two = VALID.replace("id: a-plan", "id: b-plan").replace("title: 测试规划", "title:")
    three = "id: c-plan\nkind: plan\ntitle: [\n"
    found = problems(write(tmp_path, {"one.yaml": one, "two.yaml": two, "three.yaml": three}))
    files = sorted({Path(p.file).name for p in found})
    assert files == ["one.yaml", "three.yaml", "two.yaml"]
    assert len([p for p in found if p.file.endswith("one.yaml")]) == 2


def test_duplicate_ids_and_missing_related(tmp_path: Path) -> None:
    other = VALID.replace("issuer:", "related: [no-such-doc]\nissuer:")
    found = problems(write(tmp_path, {"a.yaml": VALID, "b.yaml": VALID, "c.yaml": other.replace("a-plan", "c-plan")}))
    messages = [str(p) for p in found]
    assert any("已经被" in m and "b.yaml" in m for m in messages), messages
    assert any("找不到 id 为“no-such-doc”的文件" in m for m in messages), messages


def test_empty_section_is_refused(tmp_path: Path) -> None:
    broken = VALID + "  - label: 第二章\n    title: 空章节\n"
    p = only(problems(write(tmp_path, {"x.yaml": broken})))
    assert p.field == "body[2]"
    assert "没有内容" in p.message


def test_section_needs_a_title_or_a_label(tmp_path: Path) -> None:
    ok = VALID + "  - label: 第二章\n    blocks: [只有编号的一章。]\n"
    assert load_content(write(tmp_path / "ok", {"x.yaml": ok})).documents[0].body[1].title == ""
    broken = VALID + "  - blocks: [没有标题也没有编号。]\n"
    p = only(problems(write(tmp_path / "bad", {"x.yaml": broken})))
    assert p.field == "body[2]" and "缺少标题" in p.message


def test_javascript_links_are_refused(tmp_path: Path) -> None:
    broken = VALID.replace("- 正文。", "- '[点我](javascript:alert(1))'")
    p = only(problems(write(tmp_path, {"x.yaml": broken})))
    assert "javascript:" in p.message and "https://" in p.message


def test_missing_site_yaml(tmp_path: Path) -> None:
    folder = write(tmp_path, {"a.yaml": VALID})
    (folder / "site.yaml").unlink()
    assert "site.yaml" in only(problems(folder)).message


def test_the_radicals_table_gives_unicode_s_characters_in_their_simplified_forms() -> None:
    """Each radical and stroke stands for a CJK unified ideograph; a Kangxi radical's is the
    character Unicode's compatibility mapping gives it (NFKC), but for the three whose simplified
    form a simplified font draws alike."""
    import unicodedata

    from plansite.characters import CHARACTERS, EQUIVALENT, RADICAL, RADICALS, SIMPLIFIED

    assert len(RADICALS) == len(CHARACTERS) > 300
    for radical in RADICALS:
        meant = radical.translate(EQUIVALENT)
        ideograph = (
            "\u3400" <= meant <= "\u4dbf" or "\u4e00" <= meant <= "\u9fff" or "\U00020000" <= meant <= "\U000323af"
        )
        assert RADICAL.match(radical) and ideograph, radical  # (by range: 𫜹 is newer than this Python's Unicode)
        if "\u2f00" <= radical <= "\u2fdf":
            assert meant == SIMPLIFIED.get(radical, unicodedata.normalize("NFKC", radical)), radical
    assert "第⼀章 ⽤⼾ ⻓期".translate(EQUIVALENT) == "第一章 用户 长期"
