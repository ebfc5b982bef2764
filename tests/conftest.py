"""Shared fixtures: sites built once per test session into temporary folders."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from plansite.build import build_site
from plansite.verify import ParsedPage, load_site

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FEATURES = FIXTURES / "features"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from content/, the documents we publish."""
    out = tmp_path_factory.mktemp("real") / "site"
    build_site(CONTENT, out)
    return out


@pytest.fixture(scope="session")
def feature_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site exercising every part of the content model."""
    out = tmp_path_factory.mktemp("features") / "site"
    build_site(FEATURES, out)
    return out


@pytest.fixture(scope="session")
def real_pages(real_site: Path) -> dict[str, ParsedPage]:
    return load_site(real_site)


@pytest.fixture(scope="session")
def feature_pages(feature_site: Path) -> dict[str, ParsedPage]:
    return load_site(feature_site)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of content/ for tests that break things."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes, for before/after comparisons."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def many_documents(folder: Path, count: int) -> Path:
    """A content folder of `count` copies of the 江北区 plan under new ids."""
    source = (ROOT / "content" / "jiangbei-disability-plan-2021-2025.yaml").read_text(encoding="utf-8")
    source = source.replace("related: [jiangbei-disability-plan-drafting-notes]\n", "")
    folder.mkdir(parents=True)
    shutil.copy(CONTENT / "site.yaml", folder / "site.yaml")
    for i in range(count):
        text = source.replace("id: jiangbei-disability-plan-2021-2025", f"id: doc-{i:04d}")
        # Each copy is a document of its own: the same title and 发文字号 twice is refused.
        text = text.replace("doc_number: 江北府发〔2022〕20号", f"doc_number: 江北府发〔2022〕{i + 1}号")
        (folder / f"doc-{i:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


def fetch(url: str) -> str | None:
    """The body of `url`, or None while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@contextmanager
def serving(content: Path, out: Path) -> Iterator[str]:
    """`build.py serve` on a free port; yields its address once it answers. What it said is
    in serve.log beside `out`, and printed with a failure in the block."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    base = f"http://127.0.0.1:{port}"
    log = (out.parent / "serve.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "serve",
            "--content",
            str(content),
            "--out",
            str(out),
            "--port",
            str(port),
        ],
        cwd=out.parent,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(lambda: fetch(base + "/index.html") is not None), "serve did not come up"
        yield base
    except BaseException:
        print("serve said:\n" + (out.parent / "serve.log").read_text(encoding="utf-8", errors="replace")[-4000:])
        raise
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
