"""The documentation keeps up with the code: the module map lists every module,
and the README's commands and links lead somewhere."""

from __future__ import annotations

import re

from plansite.paths import PACKAGE

from .conftest import ROOT

DOCS = ROOT / "docs"


def test_the_module_map_lists_every_module() -> None:
    architecture = (DOCS / "architecture.md").read_text(encoding="utf-8")
    modules = sorted(p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py"))
    assert len(modules) > 20
    missing = [m for m in modules if f"`{m}`" not in architecture]
    assert not missing, f"docs/architecture.md does not list {missing}"
    listed = set(re.findall(r"`(plansite/[\w/]+\.py)`", architecture))
    gone = sorted(listed - set(modules))
    assert not gone, f"docs/architecture.md lists modules that do not exist: {gone}"


def test_every_relative_link_in_the_docs_resolves() -> None:
    pages = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    assert len(pages) >= 6
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" not in target and not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert not broken, broken


def test_the_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make site" in first_block and "make test" in first_block
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci, "CI runs the README's test command"
