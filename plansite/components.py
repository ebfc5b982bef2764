"""The component library: what each folder under templates/components/ offers.

Every component (GOV.UK Frontend style) is one folder with its `macro.html`,
its `style.css` (for every mode, colour scheme, forced colours and print) and
its script where it has one, and an `examples.yaml` describing its parameters
with named examples. The examples are rendered in every mode by
tests/test_components.py and, as one page, by the browser gate.

examples.yaml:

    description: what the component is for
    macro: the macro to call (default: the folder name)
    page_chrome: true   # part of every page (header, footer…): the browser gate
                        # sees it there, so the examples page leaves it out
    params:             # the macro's parameters
      - {name: ..., type: ..., description: ...}
    examples:
      - name: ...
        params: {...}   # values as the macro gets them; a key named `html`
                        # holds markup (our own, never an editor's)
        python: NAME    # or: params built by EXAMPLE_BUILDERS[NAME] (objects with methods)
        caller: ...     # markup for {% call %}, for macros that wrap content
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from markupsafe import Markup

from . import model as m
from .listings import ways_in
from .pages import Page, pages_in_every_mode
from .paths import COMPONENTS
from .render import environment, render_page
from .strings import T

EXAMPLES_FILE = "examples.yaml"
GALLERY_ROUTE = "components/index.html"


@dataclass(frozen=True)
class Example:
    component: str
    name: str
    macro: str
    params: dict[str, Any]
    caller: str
    page_chrome: bool


def component_names() -> list[str]:
    return sorted(p.parent.name for p in COMPONENTS.glob("*/macro.html"))


def examples(folder: Path = COMPONENTS) -> list[Example]:
    found = []
    for name in component_names():
        spec = yaml.safe_load((folder / name / EXAMPLES_FILE).read_text(encoding="utf-8"))
        for example in spec["examples"]:
            found.append(
                Example(
                    component=name,
                    name=example["name"],
                    macro=example.get("macro", spec.get("macro", name)),
                    params=EXAMPLE_BUILDERS[example["python"]]()
                    if "python" in example
                    else _trusted(example.get("params", {})),
                    caller=example.get("caller", ""),
                    page_chrome=bool(spec.get("page_chrome", False)),
                )
            )
    return found


def _example_documents(count: int) -> tuple[m.Listed, ...]:
    """Listing entries for examples of listings: only their number and dates matter."""
    return tuple(
        m.Listed(
            id=f"example-{i}",
            kind=("plan", "notice")[i % 2],
            title=f"示例文件{i}",
            issuer="",
            doc_number="",
            date_signed=None,
            date_published=dt.date(2020 + i % 3, 1, 1),
            region=("示范市", "示范区")[i % 2],
        )
        for i in range(count)
    )


def _pagination_example() -> dict[str, Any]:
    return {"listing": ways_in(_example_documents(5000)).everything, "current": 7}


def _ways_in_example() -> dict[str, Any]:
    return {"ways": ways_in(_example_documents(12))}


EXAMPLE_BUILDERS = {"pagination_example": _pagination_example, "ways_in_example": _ways_in_example}


def _trusted(value: Any, key: str = "") -> Any:
    """Example values as the macros get them from views: `html` values are markup."""
    if isinstance(value, dict):
        return {k: _trusted(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_trusted(v) for v in value]
    if key == "html" and isinstance(value, str):
        return Markup(value)
    return value


def render_example(example: Example, page: Page, site: m.SiteConfig) -> Markup:
    """The example's macro called with its parameters, in the context of `page`."""
    target = f"components/{example.component}/macro.html"
    call = (
        f"{{% call {example.macro}(**params) %}}{{{{ caller_html }}}}{{% endcall %}}"
        if example.caller
        else f"{{{{ {example.macro}(**params) }}}}"
    )
    template = environment().from_string(f'{{% from "{target}" import {example.macro} with context %}}{call}')
    html = template.render(
        page=page, site=site, page_url="", qr="", params=example.params, caller_html=Markup(example.caller)
    )
    return Markup(html)


def gallery_files(site: m.SiteConfig) -> dict[str, str]:
    """One page of every example (but the page chrome) in every mode, for the browser gate."""
    template = environment().get_template("components.html")
    files: dict[str, str] = {}
    shown = [e for e in examples() if not e.page_chrome]
    for page in pages_in_every_mode(PurePosixPath(GALLERY_ROUTE), T["components_title"], None):
        rendered = [(e, render_example(e, page, site)) for e in shown]
        files.update(render_page(template, page, site, examples=rendered))
    return files
