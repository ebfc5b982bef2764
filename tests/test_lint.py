"""The code stays ruff clean and type-checked (the style guide is enforced, not hoped for)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_clean() -> None:
    result = _run("ruff", "check", str(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_formatted() -> None:
    result = _run("ruff", "format", "--check", str(ROOT))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_error() -> None:
    # Settings in pyproject.toml: every function typed, no stale `# type: ignore`.
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
