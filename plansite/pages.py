"""Where each page lives and how pages link to each other.

Every link is relative, so the built site works from any sub-path of any
server and straight from the disk (file://). That is why links name
`index.html` explicitly: a folder link does not open its index under file://.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import PurePosixPath

STATIC = PurePosixPath("static")
INDEX = PurePosixPath("index.html")


def document_path(doc_id: str) -> PurePosixPath:
    return PurePosixPath("plans") / doc_id / "index.html"


@dataclass(frozen=True)
class Page:
    path: PurePosixPath  # relative to the site root
    title: str  # unique across the site; the <title> adds the site name

    def href(self, target: PurePosixPath | str) -> str:
        """A relative link from this page to `target` (a path from the site root)."""
        target = PurePosixPath(target)
        fragment = ""
        if "#" in target.name:
            name, fragment = target.name.split("#", 1)
            target, fragment = target.with_name(name), "#" + fragment
        return posixpath.relpath(target.as_posix(), self.path.parent.as_posix()) + fragment

    def static(self, name: str) -> str:
        return self.href(STATIC / name)
