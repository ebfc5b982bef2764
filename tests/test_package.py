"""`pip install .` in a fresh virtual environment gives a working `plansite`
command outside the checkout: the package, its templates, component files and
static files all ship (nothing is read from the source tree)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plansite.render import SITE_PAGES

from .conftest import CONTENT, ROOT


def _tracked_files() -> list[str]:
    result = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip("not a git checkout")
    return [line for line in result.stdout.splitlines() if line and (ROOT / line).is_file()]


def test_pip_install_gives_a_working_command(tmp_path: Path) -> None:
    source = tmp_path / "source"
    for rel in _tracked_files():  # a clean copy: no .venv, no build output, no egg-info
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, source / rel)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    shutil.rmtree(source)  # the installed command must not need the source any more

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copytree(CONTENT, elsewhere / "content")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    command = str(venv / "bin" / "plansite")
    check = subprocess.run([command, "check"], cwd=elsewhere, capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stderr
    build = subprocess.run([command, "build"], cwd=elsewhere, capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stderr
    site = elsewhere / "site"
    documents = len(list(CONTENT.glob("*.yaml"))) - 1  # but site.yaml
    assert len(list((site / "plans").glob("*/index.html"))) == documents
    assert len(list(site.rglob("index.html"))) > 3 * (documents + 1 + len(SITE_PAGES))
    assert (site / "static" / "css" / "site.css").read_text(encoding="utf-8").count("/* --- ") >= 15
    assert (site / "static" / "js" / "readaloud.js").is_file()
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import plansite; print(plansite.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    )
    assert where.stdout.startswith(str(venv)), where.stdout
