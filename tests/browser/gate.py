"""The browser accessibility gate: checks run in Debian's Chromium.

Each check takes a Playwright page already showing the page under test and
returns failures as "[rule] element: what is wrong", so a report names the
rule and the element; the tests add the page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import Page

from .transcript import headers_disagree

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags from ../shared/a11y: headless, and no background traffic to hosts we cannot reach.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "rules": {
        # Experimental rules are off unless switched on by name.
        "td-has-header": {"enabled": True},
        "p-as-heading": {"enabled": True},
        "table-fake-caption": {"enabled": True},
        # AAA contrast (7:1): many readers of government pages have low vision.
        "color-contrast-enhanced": {"enabled": True},
    },
    "resultTypes": ["violations"],
}

# JavaScript helpers shared by the checks: a readable name for an element.
_DESCRIBE = """
const describe = (el) => {
  if (!el || el === document.body) return 'body';
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (typeof el.className === 'string' && el.className.trim()) s += '.' + el.className.trim().split(/\\s+/).join('.');
  const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 30);
  return text ? `${s} "${text}"` : s;
};
"""


def axe_version() -> str:
    return json.loads((ROOT / "node_modules" / "axe-core" / "package.json").read_text(encoding="utf-8"))["version"]


def axe(page: Page) -> list[str]:
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    failures = []
    for violation in result["violations"]:
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node["target"])
            failures.append(f"[{violation['id']}] {target}: {violation['help']} — {node['html'][:120]}")
    return failures


def horizontal_overflow(page: Page) -> list[str]:
    """The page must not scroll sideways; name the elements that stick out."""
    found = page.evaluate(
        _DESCRIBE
        + """() => {
      const doc = document.documentElement;
      const width = doc.clientWidth;
      if (doc.scrollWidth <= width + 1) return [];
      // Is el clipped by a scrolling or clipping ancestor? An absolutely
      // positioned element is only clipped by ancestors at or inside its
      // containing block (the nearest positioned ancestor).
      const scrolls = (el) => {
        let absolute = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if (!absolute && ['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX)) return true;
          if (absolute && cs.position !== 'static') {
            absolute = cs.position === 'absolute' || cs.position === 'fixed';
            if (['auto', 'scroll', 'hidden', 'clip'].includes(cs.overflowX)) return true;
          }
        }
        return false;
      };
      const sticksOut = (el) => { const r = el.getBoundingClientRect(); return r.width && r.right > width + 1 && !scrolls(el); };
      // Name the outermost elements that stick out (the table, not each of its cells).
      const out = [...document.body.querySelectorAll('*')]
        .filter((el) => sticksOut(el) && !(el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement)))
        .map((el) => `${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
      return [`page is ${doc.scrollWidth}px wide in a ${width}px viewport`, ...out.slice(0, 3)];
    }"""
    )
    return [f"[reflow] {found[0]}: " + "; ".join(found[1:])] if found else []


def scroll_containers(page: Page) -> list[str]:
    """A table wider than the page scrolls in its own focusable, labelled container."""
    found = page.evaluate(
        _DESCRIBE
        + """() => {
      const out = [];
      for (const table of document.querySelectorAll('table')) {
        let box = table.parentElement;
        while (box && box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
        if (!box || box === document.body) continue;
        if (box.scrollWidth <= box.clientWidth + 1) continue;  // it fits: nothing to scroll
        const named = box.getAttribute('aria-labelledby') || box.getAttribute('aria-label');
        if (box.getAttribute('tabindex') !== '0') out.push(`${describe(box)}: scrolls but cannot be focused with the keyboard`);
        if (!['region', 'group'].includes(box.getAttribute('role')) || !named) out.push(`${describe(box)}: scrolls but is not a named region or group`);
      }
      return out;
    }"""
    )
    return [f"[scroll-container] {f}" for f in found]


def clipped_text(page: Page) -> list[str]:
    """Text cut off by a box too small for it, or boxes of text overlapping."""
    found = page.evaluate(
        _DESCRIBE
        + """() => {
      const out = [];
      const hasText = (el) => (el.textContent || '').trim().length > 0;
      for (const el of document.body.querySelectorAll('*')) {
        const cs = getComputedStyle(el);
        if (cs.display === 'none' || cs.visibility === 'hidden' || !hasText(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) continue;  // visually hidden on purpose (sr-only)
        const hidesX = ['hidden', 'clip'].includes(cs.overflowX), hidesY = ['hidden', 'clip'].includes(cs.overflowY);
        if ((hidesY && el.scrollHeight > el.clientHeight + 1) || (hidesX && el.scrollWidth > el.clientWidth + 1))
          out.push(`${describe(el)}: text is clipped`);
      }
      const blocks = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, caption, [role="heading"]';
      for (const el of document.querySelectorAll(blocks)) {
        const next = el.nextElementSibling;
        if (!next || !next.matches(blocks)) continue;
        const a = el.getBoundingClientRect(), b = next.getBoundingClientRect();
        const sideBySide = a.right <= b.left + 1 || b.right <= a.left + 1;
        const position = (e) => getComputedStyle(e).position;
        if (!sideBySide && a.height && b.height && a.bottom > b.top + 1 && position(el) === 'static' && position(next) === 'static')
          out.push(`${describe(el)} overlaps ${describe(next)}`);
      }
      return out.slice(0, 10);
    }"""
    )
    return [f"[clipped] {f}" for f in found]


TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def text_spacing(page: Page) -> list[str]:
    """WCAG 1.4.12: the bookmarklet spacing, then nothing may be clipped or overlap."""
    page.add_style_tag(content=TEXT_SPACING_CSS)
    return [f.replace("[clipped]", "[text-spacing]", 1) for f in clipped_text(page)]


def reflow(page: Page) -> list[str]:
    """WCAG 1.4.10 at the current viewport (set it to 320 CSS px)."""
    return horizontal_overflow(page) + scroll_containers(page) + clipped_text(page)


_FOCUSABLES = """
  const focusables = () => [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]')].filter((el) => {
      if (el.disabled || el.getAttribute('tabindex') === '-1') return false;
      const cs = getComputedStyle(el);
      return cs.display !== 'none' && cs.visibility !== 'hidden' && el.getClientRects().length > 0;
    });
"""

_ACTIVE = (
    _DESCRIBE
    + _FOCUSABLES
    + """() => {
  const el = document.activeElement;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  // Our stylesheets draw a 3px outline; a page without one (the plain-text
  // channel) keeps the browser's own focus ring, outline-style "auto".
  const outline = cs.outlineStyle === 'auto' || (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2);
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  return {
    index: el.hasAttribute('data-kb') ? Number(el.getAttribute('data-kb')) : -1,
    name: describe(el),
    indicator: outline || shadow,
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth
      && cs.visibility !== 'hidden' && Number(cs.opacity) > 0,
    inMain: !!el.closest('main'),
    hash: location.hash,
  };
}"""
)


_TAG_FOCUSABLES = (
    _FOCUSABLES
    + """() => {
  const all = focusables();
  all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
  return all.length;
}"""
)


def keyboard(page: Page) -> list[str]:
    """Skip link first and working; every control reached by Tab in reading order,
    each with a visible focus indicator; Tab leaves the page at the end (no trap)."""
    failures = []
    count = page.evaluate(_TAG_FOCUSABLES)
    positive = page.evaluate("() => [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length")
    if positive:
        failures.append(f"[tab-order] {positive} element(s) with a positive tabindex change the reading order")

    page.keyboard.press("Tab")
    first = page.evaluate(_ACTIVE)
    if first["index"] != 0 or page.evaluate("() => document.activeElement.getAttribute('href')") != "#main":
        failures.append(f"[skip-link] the first Tab focuses {first['name']}, not a skip link to #main")
    else:
        if not first["visible"]:
            failures.append(f"[skip-link] {first['name']} is focused but not visible")
        page.keyboard.press("Enter")
        target = page.evaluate(
            _DESCRIBE
            + "() => ({main: document.activeElement.tagName === 'MAIN', name: describe(document.activeElement)})"
        )
        if not target["main"]:
            failures.append(f"[skip-link] following the skip link leaves focus on {target['name']}, not <main>")
        page.keyboard.press("Tab")
        after = page.evaluate(_ACTIVE)
        has_focusable_in_main = page.evaluate("() => !!document.querySelector('main [data-kb]')")
        if has_focusable_in_main and not after["inMain"]:
            failures.append(f"[skip-link] after the skip link, Tab goes to {after['name']}, outside <main>")

    # Walk the whole page from the top: load it afresh, without the #main the
    # skip link added (that fragment would make Tab start inside <main>).
    page.goto(page.url.split("#")[0])
    count = page.evaluate(_TAG_FOCUSABLES)
    for expected in range(count + 1):
        page.keyboard.press("Tab")
        now = page.evaluate(_ACTIVE)
        if expected == count:
            if now["index"] == count - 1:
                failures.append(f"[keyboard-trap] focus stays on {now['name']} after the last Tab")
            break
        if expected and now["index"] == expected - 1:
            failures.append(f"[keyboard-trap] Tab cannot leave {now['name']}")
            break
        if now["index"] != expected:
            failures.append(
                f"[tab-order] Tab {expected + 1} focuses {now['name']}, expected element {expected} in reading order"
            )
            break
        if not now["indicator"]:
            failures.append(f"[focus-visible] {now['name']} has no visible focus indicator")
        elif not now["visible"]:
            failures.append(f"[focus-visible] {now['name']} is focused but off screen or invisible")
    return failures[:20]


def run_vnu(files: list[Path]) -> dict[Path, list[str]]:
    """The Nu HTML Checker over every file in one JVM run; errors per file."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is not installed (apt-get install default-jre-headless)")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stdout or "{}")
    errors: dict[Path, list[str]] = {f.resolve(): [] for f in files}
    for message in report.get("messages", []):
        url = message.get("url", "")
        path = Path(url.removeprefix("file:")).resolve()
        where = f"line {message.get('lastLine', '?')}"
        extract = (message.get("extract") or "").strip().replace("\n", " ")[:80]
        errors.setdefault(path, []).append(f"[vnu] {where}: {message.get('message')} — {extract}")
    return errors


# --- what real readers get (issue: copy, find, names, phones) -----------------------


def copied_text(page: Page, selector: str = "main") -> str:
    """Select everything in `selector` and copy it, as a reader does; the clipboard's text."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate(
        """(sel) => { const r = document.createRange(); r.selectNodeContents(document.querySelector(sel));
                       const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""",
        selector,
    )
    page.keyboard.press("Control+c")
    text = page.evaluate("() => navigator.clipboard.readText()")
    page.evaluate("() => getSelection().removeAllRanges()")
    return str(text)


def finds(page: Page, text: str) -> bool:
    """Whether the browser's find-in-page finds `text` (from the top of the page)."""
    return bool(page.evaluate("(t) => { getSelection().removeAllRanges(); return window.find(t, true); }", text))


def accessible_name(page: Page, selector: str) -> str:
    """The accessible name Chromium computes for the first element matching `selector`."""
    snapshot = page.locator(selector).first.aria_snapshot()
    first = snapshot.splitlines()[0]
    start = first.find('"')
    return first[start + 1 : first.rfind('"')].replace('\\"', '"') if start >= 0 else ""


def first_screen(page: Page) -> list[str]:
    """The page's h1 starts on the first screen (its first line fully visible)."""
    box = page.evaluate(
        """() => { const h = document.querySelector('h1'); const r = h.getBoundingClientRect();
                   return {top: r.top, line: parseFloat(getComputedStyle(h).lineHeight) || 40,
                           height: innerHeight}; }"""
    )
    if box["top"] + box["line"] > box["height"]:
        return [f"[first-screen] h1: starts at {box['top']:.0f} px, below the first screen ({box['height']} px)"]
    return []


CARDS = (
    _DESCRIBE
    + """
() => {
  const out = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) out.push(`page: scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
  for (const table of document.querySelectorAll('main table')) {
    const wrap = table.closest('.table-wrap');
    if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) out.push(`${describe(table)}: scrolls sideways in its container`);
    for (const cell of table.querySelectorAll('tbody td, tbody th')) {
      const cs = getComputedStyle(cell), size = parseFloat(cs.fontSize), w = cell.getBoundingClientRect().width;
      if (size < 24) { out.push(`${describe(cell)}: text ${size}px, under 24px`); break; }
      if (w < 8 * size) { out.push(`${describe(cell)}: ${Math.round(w / size)} characters wide, under 8`); break; }
    }
  }
  return out;
}
"""
)


def card_tables(page: Page) -> list[str]:
    """Every table readable on a phone without sideways scrolling: ≥ 24 px text, ≥ 8 characters wide."""
    return [f"[cards] {line}" for line in page.evaluate(CARDS)]


def table_headers(page: Page) -> list[str]:
    """Every cell's headers attribute names the header cells its table's structure gives it."""
    return [f"[headers] {line}" for line in headers_disagree(page)]
