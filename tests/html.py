"""Reading parsed pages as people do: what a sighted reader sees, what a
screen reader says. Test helpers over `plansite.verify.ParsedPage`."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

from plansite.verify import ParsedPage


def visible_text(page: ParsedPage, element: Element | None = None) -> str:
    """What a sighted reader sees: without the .sr-only spoken forms."""
    return _text_without(element if element is not None else page.root, _is_sr_only)


def spoken_text(page: ParsedPage, element: Element | None = None) -> str:
    """What a screen reader reads: without aria-hidden content."""
    return _text_without(element if element is not None else page.root, _is_aria_hidden)


def _is_sr_only(el: Element) -> bool:
    return "sr-only" in (el.get("class") or "").split()


def _is_aria_hidden(el: Element) -> bool:
    return el.get("aria-hidden") == "true"


def _text_without(element: Element, skip: Callable[[Element], bool]) -> str:
    """The text inside `element` (not its tail), leaving out subtrees `skip` picks."""

    def inside(el: Element) -> str:
        parts = [el.text or ""]
        for child in el:
            if not skip(child):
                parts.append(inside(child))
            parts.append(child.tail or "")
        return "".join(parts)

    return "" if skip(element) else inside(element)
