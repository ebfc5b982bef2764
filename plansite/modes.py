"""The output modes: one document model, rendered by the same templates with
different flags and stylesheets (never a second copy of the document logic).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Mode:
    name: str
    prefix: PurePosixPath  # where the mode's pages live under the site root
    label_key: str  # key in strings.T
    stylesheets: tuple[str, ...]  # under static/; none for the plain-text channel
    read_aloud: bool  # offer the 语音播报 control (it only appears where speech works)
    scroll_tables: bool  # wrap tables in a focusable scroll container (pointless without CSS)
    images: bool  # may show images (the QR code); the plain-text channel has none


STANDARD = Mode("standard", PurePosixPath("."), "mode_standard", ("css/site.css",), True, True, True)
LARGE = Mode("large", PurePosixPath("large"), "mode_large", ("css/site.css", "css/large.css"), True, True, True)
TEXT = Mode("text", PurePosixPath("text"), "mode_text", (), False, False, False)

MODES: tuple[Mode, ...] = (STANDARD, LARGE, TEXT)
