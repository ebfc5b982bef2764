"""Incremental builds: reuse a document's files when nothing they depend on changed.

Each document job gets a content key: a hash of the job itself (the
validated document, its related documents, its title, the site settings) and
of the code, templates and static files that render it. The built site
records the keys in its marker file; the next build hard-links the files of
every document whose key is unchanged from the old site into the new one,
and renders only the rest. The output is byte-identical to a clean build.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from pathlib import Path

from .output import MARKER
from .paths import PACKAGE
from .render import DocumentJob

MANIFEST_VERSION = 1


@functools.cache
def code_fingerprint() -> str:
    """Everything that shapes output besides the content: our code, templates, static files."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):  # templates and static files live in the package
        if path.is_file() and path.suffix != ".pyc":
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def job_key(job: DocumentJob) -> str:
    # The dataclasses' reprs are deterministic and cover every field.
    return hashlib.sha256(f"{code_fingerprint()}\n{job!r}".encode()).hexdigest()


def read_manifest(site: Path) -> dict[str, str]:
    """{document id: key} of the site built last time, or {} if unknown."""
    try:
        data = json.loads((site / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {}
    keys = data.get("documents", {})
    return keys if isinstance(keys, dict) else {}


def manifest_text(keys: dict[str, str]) -> str:
    return json.dumps({"version": MANIFEST_VERSION, "documents": dict(sorted(keys.items()))}, indent=1) + "\n"


def reuse(job: DocumentJob, key: str, previous: dict[str, str], old_site: Path, stage: Path) -> bool:
    """Link the document's files from the old site into the stage if its key is unchanged."""
    if previous.get(job.doc.id) != key:
        return False
    paths = job.files.paths
    if not all((old_site / rel).is_file() for rel in paths):
        return False
    for rel in paths:
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(old_site / rel, target)  # the old site goes after the swap; the link keeps the data
        except OSError:
            shutil.copy2(old_site / rel, target)
    return True
