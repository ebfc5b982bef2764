"""Search quality: what a reader searches for, what should be found, what was.

Used by tests/browser/test_search.py (which asserts the targets) and by
bench/search.py (which reports the figures for bench/RESULTS.md).

The queries of a site are, for every document: every heading title, every
glossary term, its 发文字号, and 2–4 character strings of Chinese taken from
its text at random places (so many cross a word boundary), plus a few fixed
words (托养, 无障碍, 辅助器具) wherever they occur.

Whether a document "contains" a query is decided on the document's .txt,
independently of how the index splits text: both are compared with spaces and
punctuation removed (川府发[2022]9号 matches 川府发〔2022〕9号), letters in
lower case and full-width letters and digits as ASCII.

- recall: a heading title, glossary term or 发文字号 must bring its document
  into the first 5 results (when more than 5 documents contain the same
  string, being among the results is enough: no order can put them all first);
  a body string must bring its document among the results;
- precision: of all documents returned for all queries, the share that
  contains the query.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plansite import model as m
from plansite import pages
from plansite.search import half_width

FIXED_WORDS = ("托养", "无障碍", "辅助器具")
# In the search page: every result's route for a query, best first, loading each document's
# data once per page (Pagefind would load it again for every result).
ROUTES_JS = """async (query) => {
  window.__routes = window.__routes || new Map();
  const results = await window.plansiteSearch.find(query);
  for (const result of results) {
    if (!window.__routes.has(result.id)) window.__routes.set(result.id, (await result.data()).url.replace(/^\\/+/, ""));
  }
  return results.map((result) => window.__routes.get(result.id));
}"""
TOP = 5
_NOT_TEXT = re.compile(r"[\W_]+")
_HAN = re.compile(r"[\u3400-\u9fff]+")


def comparable(text: str) -> str:
    """Text as compared: spaces and punctuation removed, lower case, full-width letters and digits as ASCII."""
    return _NOT_TEXT.sub("", half_width(text)).lower()


@dataclass(frozen=True)
class Query:
    text: str
    kind: str  # heading, glossary, number, body
    document: str  # the id of the document it was taken from


def _headings(sections: Iterable[m.Section]) -> Iterable[str]:
    for section in sections:
        if section.title:
            yield section.title
        for block in section.blocks:
            if isinstance(block, m.Box) and block.title:  # a 专栏 is titled by a heading too
                yield block.title
        yield from _headings(section.sections)


def queries_of(
    documents: Iterable[m.Document], site: Path, *, body_strings: int = 10, headings: int | None = None, seed: int = 7
) -> list[Query]:
    rng = random.Random(seed)
    found: list[Query] = []
    for doc in documents:
        titles = list(dict.fromkeys(_headings((*doc.body, *doc.annexes))))
        if headings is not None and len(titles) > headings:
            titles = rng.sample(titles, headings)
        found += [Query(title, "heading", doc.id) for title in titles]
        found += [Query(term.term, "glossary", doc.id) for term in doc.glossary]
        if doc.doc_number:
            found.append(Query(doc.doc_number, "number", doc.id))
        text = comparable((site / pages.text_file(doc.id)).read_text(encoding="utf-8-sig"))
        # Windows of the text (spaces and punctuation removed) that are all Chinese.
        windows = [(start, size) for size in (2, 3, 4) for start in range(len(text) - size + 1)]
        strings = [text[a : a + n] for a, n in rng.sample(windows, min(len(windows), body_strings * 20))]
        found += [Query(s, "body", doc.id) for s in [s for s in strings if _HAN.fullmatch(s)][:body_strings]]
        found += [Query(word, "body", doc.id) for word in FIXED_WORDS if word in text]
    return found


@dataclass
class Report:
    queries: int = 0
    expected: int = 0  # (query, document) pairs that must be found
    found: int = 0
    returned: int = 0  # documents returned over all queries
    relevant: int = 0  # of those, documents that contain the query
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return self.relevant / self.returned if self.returned else 0.0

    def line(self, name: str) -> str:
        return (
            f"{name}: {self.queries} queries, recall {self.recall:.1%} ({self.found}/{self.expected}), "
            f"precision {self.precision:.1%} ({self.relevant}/{self.returned}), "
            f"all queries {self.seconds:.1f} s"
        )


def measure(search: Callable[[str], list[str]], queries: list[Query], site: Path, ids: list[str]) -> Report:
    """Run every query through `search` (query -> document routes, best first) and score the answers."""
    texts = {doc_id: comparable((site / pages.text_file(doc_id)).read_text(encoding="utf-8-sig")) for doc_id in ids}
    by_route = {pages.document_route(doc_id).as_posix(): doc_id for doc_id in ids}
    report = Report()
    start = time.perf_counter()
    for query in queries:
        routes = search(query.text)
        returned = [by_route.get(route, route) for route in routes]
        wanted = comparable(query.text)
        containing = sum(1 for text in texts.values() if wanted in text)
        report.queries += 1
        report.expected += 1
        window = returned if query.kind == "body" or containing > TOP else returned[:TOP]
        if query.document in window:
            report.found += 1
        else:
            report.misses.append(f"{query.kind} {query.text!r} of {query.document}: got {returned[:TOP]}")
        for doc_id in returned:
            report.returned += 1
            if wanted in texts.get(doc_id, ""):
                report.relevant += 1
            else:
                report.wrong.append(f"{query.text!r} returned {doc_id}")
    report.seconds = time.perf_counter() - start
    return report


# --- a generated site of many different documents --------------------------------------

REGIONS = (
    "北京市东城区", "天津市和平区", "石家庄市", "太原市", "呼和浩特市", "沈阳市", "长春市", "哈尔滨市",
    "上海市浦东新区", "南京市", "杭州市西湖区", "合肥市", "福州市", "南昌市", "济南市", "郑州市",
    "武汉市", "长沙市", "广州市天河区", "南宁市", "海口市", "成都市", "贵阳市", "昆明市",
    "拉萨市", "西安市", "兰州市", "西宁市", "银川市", "乌鲁木齐市", "重庆市渝中区", "宁波市",
)  # fmt: skip
TOPICS = (
    ("plan", "残疾人事业发展规划"),
    ("plan", "残疾人康复服务发展规划"),
    ("work-points", "残疾人工作要点"),
    ("notice", "关于做好残疾人就业服务工作的通知"),
    ("interpretation", "残疾人保障政策解读"),
)


def generate_content(folder: Path, count: int, source: Path, seed: int = 11) -> Path:
    """`count` different documents recombined from the sections of the documents in `source`.

    Each has its own title, region, year and 发文字号, and 3–6 top-level sections
    drawn from all the published documents (with their headings, tables and
    lists), and some of their glossary terms: text as real as ours, in
    combinations no two documents share.
    """
    rng = random.Random(seed)
    docs = [
        yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(source.glob("*.yaml")) if p.name != "site.yaml"
    ]
    sections = [section for doc in docs for section in doc.get("body", [])]
    terms = [term for doc in docs for term in doc.get("glossary", [])]
    folder.mkdir(parents=True)
    (folder / "site.yaml").write_text((source / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for i in range(count):
        region = REGIONS[i % len(REGIONS)]
        year = 2016 + (i // len(REGIONS)) % 10
        kind, topic = TOPICS[(i // (len(REGIONS) * 10)) % len(TOPICS)]
        number = i // (len(REGIONS) * 10 * len(TOPICS)) + 1
        doc = {
            "id": f"generated-{i:05d}",
            "kind": kind,
            "title": f"{region}{year}年{topic}" + (f"（第{number}号）" if number > 1 else ""),
            "issuer": f"{region}残疾人联合会",
            "doc_number": f"{region[:2]}残联发〔{year}〕{i % 97 + 1}号",
            "date_published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "region": region,
            # Top-level sections renumbered 一、二、… so that the numbering of each document is its own.
            "body": [
                dict(section, label=f"{'一二三四五六'[n]}、")
                for n, section in enumerate(rng.sample(sections, rng.randint(3, 6)))
            ],
        }
        if terms and rng.random() < 0.5:
            doc["glossary"] = rng.sample(terms, min(len(terms), rng.randint(1, 3)))
        (folder / f"{doc['id']}.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return folder
