"""Output does not change by accident: every page, .txt and QR code of the
published documents and of the feature fixture, with and without base_url,
hashes to what was reviewed (tests/fixtures/golden/NAME.sha256).

A refactoring must leave these unchanged. When the output changes on purpose,
review the new pages, then run `make golden` and commit the new lists with the
change that explains them. Stylesheets and scripts are left out (the browser
gate judges them), and so is the manifest (its keys hash the code) and the search
index (Pagefind's own format and version; tests/browser/test_search.py judges it,
test_incremental.py that it is byte-identical from build to build).
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest

from plansite.build import build_site

from .conftest import CONTENT, FEATURES, FIXTURES

GOLDEN = FIXTURES / "golden"
BASE_URL = "https://www.example.gov.cn/zwgk/plans/"


def _with_base_url(content: Path, folder: Path) -> Path:
    shutil.copytree(content, folder)
    site = folder / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"base_url: {BASE_URL}\n", encoding="utf-8")
    return folder


SITES = {
    "content": lambda tmp: CONTENT,
    "features": lambda tmp: FEATURES,
    "content-with-base-url": lambda tmp: _with_base_url(CONTENT, tmp / "content-url"),
}


def digest_list(site: Path) -> str:
    lines = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not rel.startswith(("static/", "pagefind/", ".")):
            lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}")
    return "\n".join(lines) + "\n"


def build_digests(name: str, tmp: Path) -> str:
    out = tmp / name / "site"
    build_site(SITES[name](tmp), out, jobs=1)
    return digest_list(out)


@pytest.mark.parametrize("name", sorted(SITES))
def test_output_matches_the_reviewed_digests(name: str, tmp_path: Path) -> None:
    expected = (GOLDEN / f"{name}.sha256").read_text(encoding="utf-8").splitlines()
    actual = build_digests(name, tmp_path).splitlines()
    assert len(expected) >= 12  # 3 modes × (index + documents) and the .txt files
    changed = sorted(set(expected) ^ set(actual), key=lambda line: line.split("  ", 1)[1])
    assert not changed, "output changed (run `make golden` if on purpose):\n" + "\n".join(changed)


if __name__ == "__main__":  # make golden
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(SITES):
            (GOLDEN / f"{name}.sha256").write_text(build_digests(name, Path(tmp)), encoding="utf-8")
            print(f"wrote {GOLDEN / name}.sha256", file=sys.stderr)
