"""The component library (templates/components/): every folder is complete,
its examples describe its macro, and every example renders, in every mode,
into a page that passes the html5lib checks and shows what it was given.

The browser gate runs axe and the other checks on the page of all examples
(tests/browser/conftest.py, the "gallery" site).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import html5lib
import pytest

from plansite.components import Example, component_names, examples, gallery_files, render_example
from plansite.content import load_content
from plansite.modes import MODES
from plansite.pages import Page, pages_in_every_mode
from plansite.paths import COMPONENTS, STATIC
from plansite.render import environment, render_page
from plansite.verify import PAGE_CHECKS, ParsedPage

from .conftest import CONTENT
from .html import visible_text

SITE = load_content(CONTENT).site
EXAMPLES = examples()
# Parameter values that are not shown as text: anchors, links, classes, kinds.
NOT_SHOWN = {
    "id",
    "route",
    "labelled_by",
    "heading_id",
    "class",
    "url",
    "kind",
    "html",
    "header",
    "level",
    "qr",
    "href",
    "head_ids",
    "group_id",
    "headers",
    "type",
    "folders",
}


def _example_id(example: Example) -> str:
    return f"{example.component}:{example.name}"


def test_every_component_folder_is_complete() -> None:
    assert len(component_names()) >= 15
    for name in component_names():
        folder = COMPONENTS / name
        assert (folder / "examples.yaml").is_file(), f"{name} has no examples.yaml"
    assert {e.component for e in EXAMPLES} == set(component_names()), "every component has an example"


def _macro_params(name: str, macro: str) -> list[str]:
    source = (COMPONENTS / name / "macro.html").read_text(encoding="utf-8")
    found = re.search(r"{%\s*macro\s+" + re.escape(macro) + r"\((.*?)\)\s*%}", source)
    assert found, f"{name}/macro.html has no macro {macro}"
    return [p.split("=")[0].strip() for p in found.group(1).split(",") if p.strip()]


@pytest.mark.parametrize("name", component_names())
def test_examples_yaml_describes_the_macro(name: str) -> None:
    import yaml

    spec = yaml.safe_load((COMPONENTS / name / "examples.yaml").read_text(encoding="utf-8"))
    assert spec.get("description"), f"{name}: say what the component is for"
    macro = spec.get("macro", name)
    documented = [p["name"] for p in spec["params"]]
    assert documented == _macro_params(name, macro), f"{name}: params in examples.yaml differ from the macro's"
    assert all(p.get("description") for p in spec["params"]), f"{name}: describe every parameter"


def _shown_values(value: Any, key: str = "") -> list[str]:
    """Every text value an example passes that the component should show."""
    if key in NOT_SHOWN:
        return []
    if isinstance(value, dict):
        # a table named by the heading above does not show its caption again
        hidden = {"caption"} if value.get("labelled_by") else set()
        return [text for k, v in value.items() if k not in hidden for text in _shown_values(v, k)]
    if isinstance(value, list):
        return [text for v in value for text in _shown_values(v, key)]
    if isinstance(value, str) and value.strip():
        return [value]
    if isinstance(value, dt.date):
        return [f"{value.year}年{value.month}月{value.day}日"]
    return []


def _example_page(example: Example, page: Page) -> ParsedPage:
    files = render_page(
        environment().get_template("components.html"),
        page,
        SITE,
        examples=[(example, render_example(example, page, SITE))],
    )
    return ParsedPage(page.path.as_posix(), html5lib.parse(files[page.path.as_posix()], namespaceHTMLElements=False))


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.name)
@pytest.mark.parametrize("example", EXAMPLES, ids=_example_id)
def test_example_renders_into_a_valid_page(example: Example, mode: Any) -> None:
    page = next(
        p
        for p in pages_in_every_mode(__import__("pathlib").PurePosixPath("components/index.html"), "组件示例", None)
        if p.mode == mode
    )
    parsed = _example_page(example, page)
    failures = [f for check in PAGE_CHECKS for f in check(parsed)]
    assert not failures, failures
    assert str(render_example(example, page, SITE)).strip(), "the example rendered nothing"
    main = next(parsed.all("main"))
    # Shown to the eye, or (a caption that repeats the heading) to screen readers.
    head = str(render_example(example, page, SITE)) if example.page_chrome else ""  # e.g. <meta content>
    seen = {re.sub(r"\s+", "", text) for text in (visible_text(parsed, main), parsed.text(main), head)}
    missing = [v for v in _shown_values(example.params) if not any(re.sub(r"\s+", "", v) in t for t in seen)]
    assert not missing, f"{_example_id(example)} does not show {missing}"


def _classes_in(name: str) -> set[str]:
    source = (COMPONENTS / name / "macro.html").read_text(encoding="utf-8")
    return {c for attr in re.findall(r'class="([^"{]+)"', source) for c in attr.split()} - {
        "sr-only",
        "label",
        "container",
    }  # page layout


def test_each_component_owns_its_styles() -> None:
    """No component's class is styled in base.css or large.css; large.css only sets variables."""
    base = (STATIC / "css" / "base.css").read_text(encoding="utf-8")
    large = (STATIC / "css" / "large.css").read_text(encoding="utf-8")
    for name in component_names():
        for cls in _classes_in(name):
            for sheet, css in (("base.css", base), ("large.css", large)):
                assert not re.search(r"\." + re.escape(cls) + r"\b", css), f".{cls} ({name}) is styled in {sheet}"
    declarations = re.findall(r"([\w-]+)\s*:[^;{}]+;", re.sub(r"/\*.*?\*/", "", large, flags=re.S))
    assert declarations and all(d.startswith("--") for d in declarations), "large.css sets only variables"


def test_the_gallery_has_every_example_but_the_page_chrome() -> None:
    files = gallery_files(SITE)
    assert len(files) == len(MODES)
    standard = files["components/index.html"]
    for example in EXAMPLES:
        assert (f"<h3>{example.name}</h3>" in standard) != example.page_chrome, _example_id(example)
