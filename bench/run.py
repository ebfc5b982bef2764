#!/usr/bin/env python3
"""Benchmark: build a site of N documents made from the reviewed content.

    python bench/run.py [--documents 1000] [--repeat 3] [--jobs N]

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    args = parser.parse_args()
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
