#!/usr/bin/env python3
"""Benchmark of search: index time, index size, first search, recall and precision.

    python bench/search.py [--documents 1000]

Builds a site of N *different* documents (tests/search_quality.py recombines
the sections of the published ones under their own titles, years, regions and
发文字号), then times the search index alone (plansite.search.write_index on the
built site, in a fresh process, best of three), and in Chromium measures the
first search on a fresh page (loading Pagefind, its WebAssembly and the index)
and recall and precision over the quality queries (see tests/search_quality.py).
Prints one Markdown table row for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.content import load_content  # noqa: E402
from tests.search_quality import ROUTES_JS, generate_content, measure, queries_of  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHILD = """
import json, sys, time
from pathlib import Path
from plansite.content import load_content
from plansite.search import records, write_index
documents = load_content(Path(sys.argv[1])).documents
start = time.perf_counter()
write_index(records(tuple(doc.listed for doc in documents)), Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def index_seconds(content: Path, site: Path) -> float:
    times = []
    for _ in range(3):
        shutil.rmtree(site / "pagefind")
        run = subprocess.run(
            [sys.executable, "-c", CHILD, str(content), str(site)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        times.append(json.loads(run.stdout.strip().splitlines()[-1])["seconds"])
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from plansite.build import build_site

    work = Path(tempfile.mkdtemp(prefix="plansite-bench-search-"))
    try:
        content = generate_content(work / "content", args.documents, ROOT / "content")
        start = time.perf_counter()
        build_site(content, work / "site")
        build = time.perf_counter() - start
        index = index_seconds(content, work / "site")
        size = sum(p.stat().st_size for p in (work / "site" / "pagefind").rglob("*") if p.is_file())
        documents = load_content(content).documents
        ids = [doc.id for doc in documents]
        queries = queries_of(
            [d for d in documents if d.id in set(ids[::10])], work / "site", body_strings=5, headings=5
        )
        handler = functools.partial(_Quiet, directory=str(work / "site"))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_port}/search/index.html")
            start = time.perf_counter()
            page.get_by_label("搜索文件").fill("辅助器具")
            page.get_by_label("搜索文件").press("Enter")
            page.get_by_role("status").filter(has_text="文件").wait_for(timeout=30_000)
            first = time.perf_counter() - start
            report = measure(lambda q: page.evaluate(ROUTES_JS, q), queries, work / "site", ids)
            browser.close()
        httpd.shutdown()
        print(
            f"| {args.documents} | {build:.1f} s | {index:.1f} s | {size / 2**20:.1f} MB | {first:.2f} s | "
            f"{report.queries} | {report.recall:.1%} | {report.precision:.1%} |"
        )
        for miss in report.misses[:10]:
            print("missed:", miss, file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
