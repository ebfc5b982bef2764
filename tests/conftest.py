"""Shared fixtures: sites built once per test session into temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plansite.build import build_site
from plansite.checks import Page, load_site

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
def real_pages(real_site: Path) -> dict[str, Page]:
    return load_site(real_site)


@pytest.fixture(scope="session")
def feature_pages(feature_site: Path) -> dict[str, Page]:
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
        (folder / f"doc-{i:04d}.yaml").write_text(
            source.replace("id: jiangbei-disability-plan-2021-2025", f"id: doc-{i:04d}"), encoding="utf-8"
        )
    return folder
