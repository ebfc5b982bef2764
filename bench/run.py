#!/usr/bin/env python3
"""Benchmark: build a site of N documents made from the reviewed content.

    python bench/run.py [--documents 1000] [--repeat 3] [--jobs N]
    python bench/run.py --sizes        # one document from 64 KB to the 2 MB limit: linear time?

Each generated document is one of the five published ones under a new id, so
sizes match real plans (5-45 KB of YAML). The site has a base_url, so the
build writes everything a published site has: every document in three HTML
modes with QR codes and as .txt, the home page, every listing page, help,
statement and 404 pages, sitemap, robots.txt and the Atom feed. Every build runs in a fresh
process; the figures are wall-clock seconds (best and median of clean builds,
median of rebuilds after changing one document) and the peak resident memory
of that process and its workers. Results go to stdout as a
Markdown table row; bench/RESULTS.md keeps the measured history.

Speed is measured here, never asserted in a unit test: these machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def make_content(folder: Path, count: int) -> int:
    """`count` documents cycling through the published ones; returns total YAML bytes."""
    sources = sorted(p for p in CONTENT.glob("*.yaml") if p.name != "site.yaml")
    folder.mkdir(parents=True)
    # With base_url, as a published site has it: every page's QR code, the sitemap and the feed are built too.
    site = (CONTENT / "site.yaml").read_text(encoding="utf-8")
    (folder / "site.yaml").write_text(site + "base_url: https://www.example.gov.cn/plans/\n", encoding="utf-8")
    total = 0
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith(("id:", "related:", "doc_number:"))]
        # A document number of its own: the same title and number twice is refused as a duplicate.
        body = f"id: bench-{i:05d}\ndoc_number: 样例〔2025〕{i + 1}号\n" + "\n".join(lines) + "\n"
        (folder / f"bench-{i:05d}.yaml").write_text(body, encoding="utf-8")
        total += len(body.encode("utf-8"))
    return total


CHILD = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from plansite.build import build_site
result = build_site(Path(sys.argv[1]), Path(sys.argv[2]), jobs=int(sys.argv[3]))
seconds = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "files": result.files}))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    parser.add_argument("--sizes", action="store_true", help="one document of growing size instead of many")
    args = parser.parse_args()
    if args.sizes:
        sizes_table(args.repeat)
        return
    work = Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    try:
        size = make_content(work / "content", args.documents)
        runs = [build_once(work / "content", work / "site", args.jobs) for _ in range(args.repeat)]
        seconds = [r["seconds"] for r in runs]
        # An editor's rebuild: one document changed, the rest reused from the last build.
        changed = work / "content" / "bench-00000.yaml"
        rebuilds = []
        for n in range(args.repeat):
            changed.write_text(
                changed.read_text(encoding="utf-8").replace("title:", f"title: 修订{n}", 1), encoding="utf-8"
            )
            rebuilds.append(build_once(work / "content", work / "site", args.jobs, clean=False)["seconds"])
        site_mb = sum(p.stat().st_size for p in (work / "site").rglob("*") if p.is_file()) / 2**20
        print(
            f"| {args.documents} | {size / 2**20:.1f} MB | {args.jobs or 'all'} | {min(seconds):.1f} s | "
            f"{statistics.median(seconds):.1f} s | {statistics.median(rebuilds):.1f} s | "
            f"{max(r['peak_mb'] for r in runs):.0f} MB | {runs[0]['files']} files, {site_mb:.0f} MB |"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - start:.0f} s)", file=sys.stderr)
