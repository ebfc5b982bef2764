"""政务公开 metadata on every document (索引号, 主题分类, 主题词, 有效性, 替代关系),
the 政府网站 <meta> tags and canonical link, and the footer records a
government site must show."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite.content import load_content
from plansite.problems import ContentError
from plansite.verify import ParsedPage

from .conftest import FEATURES

PLAN = "plans/feature-plan/index.html"
OLD = "plans/feature-old-plan/index.html"


def _meta_rows(page: ParsedPage) -> dict[str, str]:
    dl = next(el for el in page.all("dl") if "meta-list" in (el.get("class") or ""))
    return {page.text(row[0]).strip(): page.text(row[1]).strip() for row in dl}


@pytest.mark.parametrize("prefix", ["", "large/", "text/"])
def test_the_metadata_block_shows_the_public_information_fields(feature_pages, prefix: str) -> None:  # type: ignore[no-untyped-def]
    rows = _meta_rows(feature_pages[prefix + PLAN])
    assert rows["索引号"] == "11500000MB1234567X/2022-00007"
    assert rows["主题分类"] == "民政、扶贫、救灾\\残疾人"
    assert rows["主题词"] == "残疾人；规划；十四五"
    assert rows["有效性"] == "有效"
    assert _meta_rows(feature_pages[prefix + OLD])["有效性"] == "废止"


def test_the_txt_carries_the_same_fields(feature_site: Path) -> None:
    txt = (feature_site / "text/plans/feature-plan.txt").read_bytes().decode("utf-8-sig")
    for line in ("索引号：11500000MB1234567X/2022-00007", "主题词：残疾人；规划；十四五", "有效性：有效"):
        assert line in txt


def test_a_replaced_document_and_its_replacement_link_both_ways(feature_pages) -> None:  # type: ignore[no-untyped-def]
    def related(path: str) -> dict[str, str]:
        page = feature_pages[path]
        section = next(s for s in page.all("section") if "related" in (s.get("class") or ""))
        return {page.text(li).split("：", 1)[0]: li.find("a").get("href") for li in section.iter("li")}

    assert related(OLD)["替代本文件的文件"] == "../feature-plan/index.html"
    assert related(PLAN)["本文件替代的文件"] == "../feature-old-plan/index.html"


def _meta(page: ParsedPage) -> dict[str, str]:
    return {m.get("name", ""): m.get("content", "") for m in page.all("meta") if m.get("name")}


def test_every_page_carries_the_government_site_meta_tags(feature_pages) -> None:  # type: ignore[no-untyped-def]
    for path, page in feature_pages.items():
        meta = _meta(page)
        for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType"):
            assert meta.get(name), (path, name)
        canonical = [link.get("href") for link in page.all("link") if link.get("rel") == "canonical"]
        if path.endswith("404.html"):  # shown at any address: none of its own
            assert "Url" not in meta and not canonical, path
            continue
        assert canonical == [meta["Url"]], path
        assert meta["Url"].startswith("https://www.example.gov.cn/plans/"), path
    plan = _meta(feature_pages[PLAN])
    assert plan["ArticleTitle"] == "示范市“十四五”残疾人保障和发展规划（2021—2025年）"
    assert plan["PubDate"] == "2022-02-01" and plan["ContentSource"] == "示范市人民政府"
    assert plan["Keywords"] == "残疾人,规划,十四五" and plan["ColumnName"] == "规划"
    assert plan["Description"].startswith("为贯彻落实有关精神")
    assert plan["SiteDomain"] == "www.example.gov.cn" and plan["SiteIDCode"] == "5000000001"


def test_without_base_url_there_is_no_absolute_address(real_pages) -> None:  # type: ignore[no-untyped-def]
    meta = _meta(real_pages["index.html"])
    assert meta["SiteName"] == "残疾人事业规划文件库" and "Url" not in meta and "SiteDomain" not in meta


def test_the_footer_shows_the_records_with_their_registers(feature_pages) -> None:  # type: ignore[no-untyped-def]
    page = feature_pages[PLAN]
    footer = next(page.all("footer"))
    text = page.text(footer)
    assert "承办单位：示范市残疾人联合会办公室" in text and "网站标识码：5000000001" in text
    links = {page.text(a): a.get("href") for a in footer.iter("a")}
    assert links["渝ICP备12345678号"] == "https://beian.miit.gov.cn/"
    assert links["渝公网安备50010502000001号"].endswith("recordcode=50010502000001")


def _problems(tmp_path: Path, extra: str, other: str = "") -> list[str]:
    folder = tmp_path / "content"
    folder.mkdir(parents=True)
    (folder / "site.yaml").write_text(
        "name: 网站\nowner: 残联\ncontact: {phone: '12345', email: a@example.gov.cn, address: 某地}\n", encoding="utf-8"
    )
    (folder / "a.yaml").write_text(f"id: a\nkind: plan\ntitle: 标题\npreamble: 正文。\n{extra}", encoding="utf-8")
    if other:
        (folder / "b.yaml").write_text(other, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return [str(p) for p in caught.value.problems]


def test_validity_is_one_of_the_three_words(tmp_path: Path) -> None:
    assert _problems(tmp_path, "validity: 过期\n") == [
        "content/a.yaml 第5行 validity：“过期”不是有效性的写法：请写 有效、失效、废止 之一。"
    ]


def test_superseded_by_must_name_another_document(tmp_path: Path) -> None:
    assert _problems(tmp_path, "superseded_by: nowhere\n") == [
        "content/a.yaml 第5行 superseded_by：找不到 id 为“nowhere”的文件：请检查拼写，或先添加那份文件。"
    ]
    assert _problems(tmp_path / "self", "superseded_by: a\n") == [
        "content/a.yaml 第5行 superseded_by：文件不能指向它自己。"
    ]


def test_a_bad_site_id_code_or_police_record_is_explained(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "site.yaml").write_text(
        "name: 网站\nowner: 残联\ncontact: {phone: '12345', email: a@example.gov.cn, address: 某地}\n"
        "site_id_code: 12345\npolice_record: 公网安备\n",
        encoding="utf-8",
    )
    (folder / "a.yaml").write_text("id: a\nkind: plan\ntitle: 标题\npreamble: 正文。\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    messages = [str(p) for p in caught.value.problems]
    assert any("site_id_code" in m and "10位" in m for m in messages), messages
    assert any("police_record" in m and "14位" in m for m in messages), messages
    assert load_content(FEATURES).site.records.site_id_code == "5000000001"
