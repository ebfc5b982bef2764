"""The search index: how text is split for it, and what the build writes.

The browser side (searching, quality) is tests/browser/test_search.py."""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

import pytest

from plansite import pages
from plansite.content import load_content
from plansite.search import (
    BUNDLE,
    DOCUMENTS_PER_SHARD,
    MAX_SHARDS,
    SPACE,
    Record,
    half_width,
    index_text,
    shard_count,
    shards,
    units,
)

from .conftest import CONTENT, many_documents, snapshot
from .timing import assert_linear


def test_every_unit_is_its_own_word_with_the_punctuation_after_it() -> None:
    assert index_text("托底，综合") == "托 底， 综 合"
    assert (
        index_text("（川府发〔2022〕9号）") == "（ 川 府 发〔 2022〕 9 号）"
    )  # text before the first unit: a word of its own
    assert index_text("ICP备２０２２01号 16.8%") == f"ICP 备 202201 号{SPACE} 16. 8%"
    assert index_text("第一段\r\n\r\n第二段") == f"第 一 段{SPACE} 第 二 段"
    assert units("“十四五”时期 ｅ-mail") == ["十", "四", "五", "时", "期", "e", "mail"]


def test_nothing_of_the_text_is_lost() -> None:
    text = "《中华人民共和国残疾人保障法》（2018年修正）第一条　为了维护残疾人的合法权益……，APP、C5"
    assert index_text(text).replace(" ", "").replace(SPACE, "　") == text


def _units_with_their_marks(text: str) -> str:
    """What index_text gives, as its docstring says it: each unit (a run of ASCII letters and
    digits, or any other letter or digit) with the punctuation after it, split by spaces."""
    text = re.sub(r"\s+", SPACE, half_width(text.strip()))
    return " ".join(unit for unit in re.findall(r"(?:[0-9A-Za-z]+|[^\W_]|^)[\W_]*", text) if unit)


def test_splitting_agrees_with_its_definition_on_any_text() -> None:
    # Short random texts of the characters whose handling differs: 汉字, ASCII and full-width
    # letters and digits, other letters (é, a combining accent, Arabic digits), punctuation,
    # _ and every kind of space.
    alphabet = "托底aZ09_，。、（）〔〕\n\r\t　 ２Ａｚé\u0301²٣-%.\u2060"
    rng = random.Random(14)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert index_text(text) == _units_with_their_marks(text), repr(text)


@pytest.mark.parametrize("unit", ["1", "托", "，", "a.", " ", "〔2〕", "_"], ids=repr)
def test_splitting_is_linear_in_the_text(unit: str) -> None:
    assert_linear(index_text, unit)


def _fragments(site: Path) -> list[dict[str, object]]:
    found = []
    for path in sorted((site / BUNDLE).glob("*/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        found.append(json.loads(data[data.index(b"{") :]))
    return found


def test_the_build_writes_one_record_per_document_and_no_ready_made_ui(real_site: Path) -> None:
    documents = load_content(CONTENT).documents
    bundle = real_site / BUNDLE / "0"  # five documents: one shard
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert not list(bundle.glob("*ui*")), "Pagefind's ready-made interfaces are not published"
    assert [p.name for p in (real_site / BUNDLE).iterdir()] == ["0"]
    fragments = _fragments(real_site)
    assert sorted(str(f["url"]).lstrip("/") for f in fragments) == sorted(
        pages.document_route(doc.id).as_posix() for doc in documents
    )
    by_url = {str(f["url"]).lstrip("/"): f for f in fragments}
    for doc in documents:
        fragment = by_url[pages.document_route(doc.id).as_posix()]
        meta = fragment["meta"]
        assert isinstance(meta, dict) and meta["title"] == doc.title and meta["kind"] == doc.kind_label
        text = (real_site / pages.text_file(doc.id)).read_text(encoding="utf-8-sig")
        # The record is the document's .txt, every unit of it.
        assert units(str(fragment["content"])) == units(text)


def _fake_indexer(folder: Path, script: str) -> Path:
    program = folder / "fake-pagefind"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_a_failing_indexer_stops_the_build_with_its_message(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from plansite import search
    from plansite.build import build_site
    from plansite.cli import explain

    fake = _fake_indexer(tmp_path, "echo '磁盘坏了' >&2\nexit 3")
    monkeypatch.setattr(search, "_executable", lambda: fake)
    out = tmp_path / "site"
    with pytest.raises(search.SearchIndexError) as raised:
        build_site(CONTENT, out)
    assert "磁盘坏了" in str(raised.value)
    code, message = explain(raised.value)
    assert code == 1 and "搜索索引" in message
    assert not out.exists(), "nothing is published"


def test_the_indexer_is_stopped_when_the_build_fails_meanwhile(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Pagefind runs while the site's own pages render: if they fail, it must not run on."""
    import time

    from plansite import build, search

    marker = tmp_path / "still-running"
    fake = _fake_indexer(tmp_path, f"sleep 20\ntouch {marker}")
    monkeypatch.setattr(search, "_executable", lambda: fake)

    def failing_pages(*args: object, **options: object) -> None:
        raise RuntimeError("a page failed")

    monkeypatch.setattr(build, "site_pages", failing_pages)
    begin = time.monotonic()
    with pytest.raises(RuntimeError):
        build.build_site(CONTENT, tmp_path / "site")
    assert time.monotonic() - begin < 15, "the build did not wait for the indexer"
    time.sleep(0.5)
    assert not marker.exists()


@pytest.mark.parametrize("documents", [0, 60], ids=["in-process", "beside-workers"])
def test_the_indexer_dies_with_a_killed_build(tmp_path: Path, documents: int) -> None:
    """A build killed outright (SIGKILL) takes Pagefind with it: an orphaned indexer would go on
    writing into a staging folder that the next build removes, and leave it behind. Also when it
    was started while worker processes render (the build then has threads)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from .conftest import ROOT

    pid_file = tmp_path / "indexer.pid"
    fake = _fake_indexer(tmp_path, f"echo $$ > {pid_file}\nsleep 60")
    content = many_documents(tmp_path / "content", documents) if documents else ROOT / "content"
    build = subprocess.Popen(
        [
            sys.executable,
            "build.py",
            "build",
            "--content",
            str(content),
            "--out",
            str(tmp_path / "site"),
            "--jobs",
            "2",
        ],
        cwd=ROOT,
        env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline and build.poll() is None, "the indexer never started"
        time.sleep(0.05)
    indexer = int(pid_file.read_text())
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while _alive(indexer):
        assert time.monotonic() < deadline, "the indexer runs on after the build was killed"
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting for its parent to collect it."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _records(count: int) -> list[Record]:
    return [
        Record(f"doc-{i}", f"plans/doc-{i}/index.html", f"plans/doc-{i}/doc-{i}.txt", {"title": f"文件{i}"})
        for i in range(count)
    ]


def test_documents_are_split_into_shards_that_a_new_document_mostly_leaves_alone() -> None:
    assert [shard_count(n) for n in (0, 1, 128, 129, 256, 257, 1000, 100_000)] == [1, 1, 1, 2, 2, 4, 8, MAX_SHARDS]
    assert MAX_SHARDS == 8 and DOCUMENTS_PER_SHARD == 128
    found = _records(1000)
    index = shards(found)
    assert [s.engine for s in index] == [True] + [False] * (len(index) - 1), "the first shard holds the engine"
    assert len(index) == 8 and all(90 < len(s.records) < 160 for s in index), [len(s.records) for s in index]
    in_shards = [r for s in index for r in s.records]
    assert sorted(in_shards, key=found.index) == found, "every record in exactly one shard"
    assert all(list(s.records) == sorted(s.records, key=found.index) for s in index), "in document order"
    # One more document (the count of shards unchanged): one shard changes, the others are equal.
    grown = shards([*found, *_records(1001)[1000:]])
    assert sum(a != b for a, b in zip(index, grown, strict=True)) == 1


def test_an_edit_indexes_its_shard_again_and_the_site_is_a_clean_builds(
    tmp_path: Path,
    content_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a shard per document or two (the real size is 128), an edit of one document's text
    writes its shard's index only; the search page lists every other shard to merge; and the
    site is byte-identical to a clean build."""
    from plansite import search
    from plansite.build import build_site

    monkeypatch.setattr(search, "DOCUMENTS_PER_SHARD", 1)
    out = tmp_path / "site"
    build_site(content_copy, out)
    folders = sorted(p.name for p in (out / BUNDLE).iterdir())
    assert len(folders) >= 3, folders
    engine = [name for name in folders if (out / BUNDLE / name / "pagefind.js").is_file()]
    assert len(engine) == 1 and not list((out / BUNDLE).glob("*/wasm.*"))[1:], "one engine"
    page = (out / "search/index.html").read_text(encoding="utf-8")
    merged = page.split('data-merge="', 1)[1].split('"', 1)[0].split(" ")
    assert f'data-bundle="../pagefind/{engine[0]}/pagefind.js"' in page
    assert sorted(f.split("/")[-1] for f in merged) == sorted(set(folders) - set(engine))
    assert sorted(str(f["url"]).lstrip("/") for f in _fragments(out)) == sorted(
        pages.document_route(doc.id).as_posix() for doc in load_content(content_copy).documents
    )

    def inodes() -> dict[str, int]:
        return {p.relative_to(out).as_posix(): p.stat().st_ino for p in (out / BUNDLE).rglob("*") if p.is_file()}

    before = inodes()
    plan = content_copy / "jiangbei-disability-plan-2021-2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("title: 编制背景", "title: 编制背景改", 1), encoding="utf-8"
    )
    build_site(content_copy, out)
    after = inodes()
    written = {rel.split("/")[1] for rel, inode in after.items() if before.get(rel) != inode}
    route = pages.document_route("jiangbei-disability-plan-2021-2025").as_posix()
    assert written == {
        next(s.name for s in search.shards(_site_records(out)) if any(r.url == route for r in s.records))
    }
    assert snapshot(out) == snapshot(build_site(content_copy, tmp_path / "clean", clean=True).out)


def _site_records(site: Path) -> list[Record]:
    return [
        Record("", str(f["url"]).lstrip("/"), "", {}) for f in sorted(_fragments(site), key=lambda f: str(f["url"]))
    ]


def test_a_shard_is_indexed_as_soon_as_its_documents_are_written_while_the_others_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documents render shard by shard, and Pagefind starts on a shard once the .txt files
    of its documents are written, beside the rendering of the next: not after all of them."""
    from plansite import build, search

    content = many_documents(tmp_path / "content", DOCUMENTS_PER_SHARD + 72)  # two shards
    events: list[str] = []
    add, render = search.Indexing.add, build.render_documents

    def indexed(self: search.Indexing, shard: search.Shard) -> None:
        events.append(f"index {shard.name}")
        add(self, shard)

    def rendering(batches, stage, processes, done):  # type: ignore[no-untyped-def]
        def written(part: dict[str, dict[str, str]]) -> None:
            events.append("written")
            done(part)

        return render(batches, stage, processes, written)

    monkeypatch.setattr(search.Indexing, "add", indexed)
    monkeypatch.setattr(build, "render_documents", rendering)
    build.build_site(content, tmp_path / "site", jobs=2)
    assert [e for e in events if e.startswith("index")] == ["index 0", "index 1"]
    assert "written" in events[events.index("index 0") :], "the other shard's documents were still rendering"


def test_after_an_edit_the_edited_document_s_shard_is_indexed_before_the_others_are_proven(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind is the longest step after an edit: the shard holding the edited document is
    proven, rendered and handed to Pagefind first, and the other shards' files are proven while
    it indexes. The site is still the one a clean build makes."""
    from plansite import build, search

    content = many_documents(tmp_path / "content", DOCUMENTS_PER_SHARD + 72)  # two shards
    out = tmp_path / "site"
    build.build_site(content, out, jobs=2)
    listed = tuple(facts.listed for facts in load_content(content).facts)
    shard_of = {r.doc_id: shard.name for shard in search.shards(search.records(listed)) for r in shard.records}
    edited = max(shard_of, key=lambda doc_id: (shard_of[doc_id], doc_id))  # in the last shard
    path = content / f"{edited}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: 修订", 1), encoding="utf-8")
    events: list[str] = []
    add, reuse = search.Indexing.add, build.reuse

    def indexed(self: search.Indexing, shard: search.Shard) -> None:
        events.append(f"index {shard.name}")
        add(self, shard)

    def proving(plan, *args):  # type: ignore[no-untyped-def]
        events.append(f"prove {shard_of[plan.facts.id]}")
        return reuse(plan, *args)

    monkeypatch.setattr(search.Indexing, "add", indexed)
    monkeypatch.setattr(build, "reuse", proving)
    assert build.build_site(content, out, jobs=2).rendered == 1
    last = shard_of[edited]
    assert f"index {last}" in events
    others = [i for i, e in enumerate(events) if e.startswith("prove") and e != f"prove {last}"]
    assert others and min(others) > events.index(f"index {last}"), "the other shard was proven first"
    monkeypatch.undo()
    assert snapshot(out) == snapshot(build.build_site(content, tmp_path / "clean", clean=True).out)
