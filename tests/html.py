"""Reading parsed pages as people do: what a sighted reader sees (and copies),
what a screen reader says. Test helpers over `plansite.verify.ParsedPage`."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from plansite.verify import ParsedPage


def visible_text(page: ParsedPage, element: Element | None = None) -> str:
    """What a sighted reader sees and copies: the text of the markup (spoken
    forms are generated content, not text)."""
    return page.text(element)


def spoken_text(page: ParsedPage, element: Element | None = None) -> str:
    """What a screen reader reads: spoken forms (data-say) instead of their
    symbols, nothing that is aria-hidden."""

    def inside(el: Element) -> str:
        if "say" in (el.get("class") or "").split():
            return el.get("data-say") or ""
        if el.get("aria-hidden") == "true":
            return ""
        parts = [el.text or ""]
        for child in el:
            parts.append(inside(child))
            parts.append(child.tail or "")
        return "".join(parts)

    return inside(element if element is not None else page.root)


def table_name(page: ParsedPage, table: Element) -> str:
    """A table's name for screen readers: its caption, or the heading that names it."""
    named_by = table.get("aria-labelledby")
    source = next((el for el in page.all() if el.get("id") == named_by), None) if named_by else table.find("caption")
    return " ".join(spoken_text(page, source).split()) if source is not None else ""
