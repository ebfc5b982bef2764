#!/usr/bin/env python3
"""Benchmark of `build.py import`: time against size, per format.

    python bench/importer.py [--sizes 0.125,0.25,0.5,1,2]

For each size (MB of text): plain text (the corpus files of
../shared/corpus/import/ one after another, as often as needed), Markdown (the
Markdown copies likewise), a saved web page, a Word file, the PDF LibreOffice
prints from it and the Word 97-2003 file it saves (imported through LibreOffice,
whose start is in the time), and the plan's gazette text laid out in an OFD (the
largest published plan's body repeated, written by tests/formats.py). Each is imported in this process, best of three. Prints a
Markdown table for bench/RESULTS.md: the file's size, seconds, and seconds per
MB of text, so linear growth shows as a flat last column.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.content import load_content  # noqa: E402
from plansite.importer import import_bytes  # noqa: E402
from tests import formats  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "import"
MB = 1_000_000


def _repeat(text: str, size: float) -> str:
    copies = max(1, round(size * MB / len(text.encode("utf-8"))))
    return "\n\n".join([text] * copies)


def inputs(size: float, folder: Path) -> dict[str, bytes]:
    plain = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*_web*.txt")))
    markdown = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*_md.txt")))
    plan = max(load_content(ROOT / "content").documents, key=lambda d: len(d.body))
    one = len(formats.to_html(plan).encode("utf-8"))
    big = dataclasses.replace(plan, body=plan.body * max(1, round(size * MB / one)))
    word = folder / f"plan-{size}.docx"
    formats.to_docx(big, word)
    return {
        "text": _repeat(plain, size).encode("utf-8"),
        "markdown": _repeat(markdown, size).encode("utf-8"),
        "web page": formats.to_html(big).encode("utf-8"),
        "Word": word.read_bytes(),
        "PDF": formats.to_pdf(word, folder).read_bytes(),
        "Word 97-2003": formats.convert(word, folder, "doc").read_bytes(),
        "OFD": formats.to_ofd(formats.gazette_pages(formats.to_gazette_text(big))),
    }


def seconds(data: bytes, name: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        import_bytes(data, source_name=name)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.125,0.25,0.5,1,2")
    args = parser.parse_args()
    names = {"text": "x.txt", "markdown": "x.md", "web page": "x.html", "Word": "x.docx", "PDF": "x.pdf"}
    names |= {"Word 97-2003": "x.doc", "OFD": "x.ofd"}
    print("| format | text | file | import | per MB of text |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (float(s) for s in args.sizes.split(",")):
            for fmt, data in inputs(size, Path(tmp)).items():
                took = seconds(data, names[fmt])
                print(
                    f"| {fmt} | {size:g} MB | {len(data) / MB:.2f} MB | {took:.2f} s | {took / size:.2f} s |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
