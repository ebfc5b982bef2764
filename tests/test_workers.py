"""Work spread over processes gives what one process gives, and a worker's death is named."""

from __future__ import annotations

import gc
import os
import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from plansite import content as content_module
from plansite.cli import EXIT_FAILED, explain
from plansite.content import PARSE_IN_WORKERS_FROM, load_content
from plansite.problems import ContentError
from plansite.workers import map_in_workers
from tests.conftest import many_documents


def _with_pid(item: int) -> tuple[int, int]:
    return item, os.getpid()


def _die(item: int) -> int:
    os._exit(1)


def test_work_mapped_in_workers_runs_in_other_processes_and_keeps_the_order() -> None:
    results = map_in_workers(_with_pid, list(range(100)), 2, parallel_from=1)
    assert [item for item, _ in results] == list(range(100))
    # Fails if the work ran here (as it does with threads running, or one process).
    assert os.getpid() not in {pid for _, pid in results}
    assert len({pid for _, pid in results}) == 2


def test_a_worker_that_dies_is_named_as_the_machine_s_problem_not_a_bug() -> None:
    with pytest.raises(BrokenProcessPool) as caught:
        map_in_workers(_die, list(range(10)), 2, parallel_from=1)
    code, message = explain(caught.value)
    assert code == EXIT_FAILED
    assert "工作进程" in message and "内存" in message and "原有的网站保持不变" in message


def test_many_files_parsed_in_workers_give_the_same_content_as_one_process(tmp_path: Path) -> None:
    folder = many_documents(tmp_path / "content", PARSE_IN_WORKERS_FROM + 10)
    alone, spread = load_content(folder, processes=1), load_content(folder, processes=2)
    assert len(alone.read) == PARSE_IN_WORKERS_FROM + 10
    assert spread.facts == alone.facts and spread.sources == alone.sources and spread.paths == alone.paths
    assert spread.read == alone.read


def test_many_files_parsed_in_workers_give_the_same_problems_in_the_same_order(tmp_path: Path) -> None:
    folder = many_documents(tmp_path / "content", PARSE_IN_WORKERS_FROM + 10)
    (folder / "doc-0003.yaml").write_text("id: [broken\n", encoding="utf-8")
    (folder / "doc-0100.yaml").write_bytes(b"")
    text = (folder / "doc-0150.yaml").read_text(encoding="utf-8")
    (folder / "doc-0150.yaml").write_text(text.replace("title:", "titel:", 1), encoding="utf-8")
    shutil.copy(folder / "doc-0200.yaml", folder / "doc-0201.yaml")  # a duplicate id
    found = []
    for processes in (1, 2):
        with pytest.raises(ContentError) as caught:
            load_content(folder, processes=processes)
        found.append([str(problem) for problem in caught.value.problems])
    assert found[0] == found[1]
    named = "\n".join(found[0])
    assert all(f"doc-{n}.yaml" in named for n in ("0003", "0100", "0150", "0201"))


def test_the_cycle_collector_is_paused_only_while_files_are_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = many_documents(tmp_path / "content", 3)
    during = []
    parse = content_module._parse

    def parsing(job: Any) -> Any:
        during.append(gc.isenabled())
        return parse(job)

    monkeypatch.setattr(content_module, "_parse", parsing)
    load_content(folder)
    assert during == [False, False, False] and gc.isenabled()
    (folder / "doc-0001.yaml").write_text("id: [broken\n", encoding="utf-8")
    with pytest.raises(ContentError):
        load_content(folder)
    assert gc.isenabled()
    gc.disable()  # whoever paused it before keeps it paused
    try:
        with pytest.raises(ContentError):
            load_content(folder)
        assert not gc.isenabled()
    finally:
        gc.enable()
