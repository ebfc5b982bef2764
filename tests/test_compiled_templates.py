"""Templates compiled by an earlier process are taken only for the same source, settings and
Jinja, and a cache that cannot be used is never an error."""

from __future__ import annotations

import errno
from pathlib import Path

import jinja2
import pytest
from jinja2 import DictLoader, Environment
from jinja2.bccache import Bucket

from plansite import render
from plansite.render import CompiledTemplates

SOURCE = {"page.html": "{% for x in items %}<li>{{ x }}</li>{% endfor %}"}


def _environment(cache: CompiledTemplates, source: dict[str, str] = SOURCE) -> Environment:
    return Environment(loader=DictLoader(source), bytecode_cache=cache, autoescape=True)


def _compile_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(Environment, "compile", refuse)


def test_a_template_compiled_before_is_taken_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    first = _environment(CompiledTemplates(str(cache))).get_template("page.html").render(items=["<a>"])
    assert len(list(cache.iterdir())) == 1
    _compile_forbidden(monkeypatch)
    again = _environment(CompiledTemplates(str(cache))).get_template("page.html").render(items=["<a>"])
    assert again == first == "<li>&lt;a&gt;</li>"


def test_an_edited_template_or_other_settings_or_jinja_compile_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    _environment(CompiledTemplates(str(cache))).get_template("page.html")
    edited = {"page.html": SOURCE["page.html"].replace("li", "p")}
    assert _environment(CompiledTemplates(str(cache)), edited).get_template("page.html").render(items=[1]) == "<p>1</p>"
    # The settings (render.py) and Jinja's version are in the file's name: another name, another file.
    names = {CompiledTemplates(str(cache)).pattern}
    monkeypatch.setattr(jinja2, "__version__", "0.0")
    names.add(CompiledTemplates(str(cache)).pattern)
    monkeypatch.undo()
    monkeypatch.setattr(render, "__file__", str(tmp_path / "edited.py"))
    (tmp_path / "edited.py").write_text("# other settings\n", encoding="utf-8")
    names.add(CompiledTemplates(str(cache)).pattern)
    assert len(names) == 3


def test_a_cache_that_cannot_be_used_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for folder in (tmp_path / "missing", tmp_path / "file"):
        (tmp_path / "file").write_text("", encoding="utf-8")
        page = _environment(CompiledTemplates(str(folder))).get_template("page.html")
        assert page.render(items=[1]) == "<li>1</li>"

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Bucket, "write_bytecode", full)
    (tmp_path / "full").mkdir()
    assert _environment(CompiledTemplates(str(tmp_path / "full"))).get_template("page.html").render(items=[3])
    monkeypatch.undo()
    broken = tmp_path / "broken"
    broken.mkdir()
    cache = CompiledTemplates(str(broken))
    _environment(cache).get_template("page.html")
    for file in broken.iterdir():
        file.write_bytes(b"not a compiled template")
    assert _environment(CompiledTemplates(str(broken))).get_template("page.html").render(items=[2]) == "<li>2</li>"
