"""Work spread over processes gives what one process gives, and a worker's death is named.

Work is forked only from a process without threads, and pytest's process may have some
(other tests' servers), so what must fork runs in a fresh interpreter.
"""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from plansite import content as content_module
from plansite.content import PARSE_IN_WORKERS_FROM, load_content
from plansite.problems import ContentError
from tests.conftest import ROOT, many_documents


def _fresh(code: str) -> Any:
    """What `code`, run in a fresh interpreter without threads, prints as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_work_mapped_in_workers_runs_in_other_processes_and_keeps_the_order() -> None:
    found = _fresh("""
        import json, os
        from plansite.workers import map_in_workers
        results = map_in_workers(lambda item: (item, os.getpid()), list(range(100)), 2, parallel_from=1)
        print(json.dumps({"results": results, "here": os.getpid()}))
    """)
    assert [item for item, _ in found["results"]] == list(range(100))
    pids = {pid for _, pid in found["results"]}
    assert found["here"] not in pids  # fails if the work ran in this process (which of the workers took it varies)


def test_a_worker_that_dies_is_named_as_the_machine_s_problem_not_a_bug() -> None:
    code, message = _fresh("""
        import json, os
        from concurrent.futures.process import BrokenProcessPool
        from plansite.cli import explain
        from plansite.workers import map_in_workers
        try:
            map_in_workers(lambda item: os._exit(1), list(range(10)), 2, parallel_from=1)
        except BrokenProcessPool as error:
            print(json.dumps(explain(error)))
    """)
    assert code == 1
    assert "工作进程" in message and "内存" in message and "原有的网站保持不变" in message


_BOTH_WAYS = """
    import json, sys, threading
    from pathlib import Path
    from plansite.content import load_content
    from plansite.problems import ContentError
    assert threading.active_count() == 1  # so processes=2 forks (as the test above proves)
    folder, found = Path(sys.argv[1]), []
    for processes in (1, 2):
        try:
            content = load_content(folder, processes=processes)
        except ContentError as error:
            found.append([str(problem) for problem in error.problems])
        else:
            found.append(repr((content.facts, content.sources, content.paths, content.documents)))
    print(json.dumps(found))
"""


def test_many_files_parsed_in_workers_give_the_same_content_as_one_process(tmp_path: Path) -> None:
    folder = many_documents(tmp_path / "content", PARSE_IN_WORKERS_FROM + 10)
    alone, spread = _fresh(_BOTH_WAYS.replace("sys.argv[1]", repr(str(folder))))
    assert "doc-0209" in alone and alone == spread


def test_many_files_parsed_in_workers_give_the_same_problems_in_the_same_order(tmp_path: Path) -> None:
    folder = many_documents(tmp_path / "content", PARSE_IN_WORKERS_FROM + 10)
    (folder / "doc-0003.yaml").write_text("id: [broken\n", encoding="utf-8")
    (folder / "doc-0100.yaml").write_bytes(b"")
    text = (folder / "doc-0150.yaml").read_text(encoding="utf-8")
    (folder / "doc-0150.yaml").write_text(text.replace("title:", "titel:", 1), encoding="utf-8")
    shutil.copy(folder / "doc-0200.yaml", folder / "doc-0201.yaml")  # a duplicate id
    alone, spread = _fresh(_BOTH_WAYS.replace("sys.argv[1]", repr(str(folder))))
    assert alone == spread
    named = "\n".join(alone)
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


def test_a_long_pdf_read_on_every_core_gives_what_one_process_reads(tmp_path: Path) -> None:
    """Its pages are read in parts by forked workers; the items are the same, in order."""
    from tests import formats

    if not formats.soffice():
        pytest.fail("LibreOffice (soffice) is missing: scripts/install-test-tools.sh installs it")
    plan = max(load_content(ROOT / "content").documents, key=lambda d: len(d.body))  # tables over pages
    formats.to_docx(plan, tmp_path / "plan.docx")
    pdf = formats.to_pdf(tmp_path / "plan.docx", tmp_path)
    found = _fresh(f"""
        import json
        from plansite import workers
        from plansite.importer import pdf
        from plansite.importer.draft import DocDraft
        data = open({str(pdf)!r}, "rb").read()
        serial = repr(pdf.pdf_items(data, DocDraft(), []))
        calls = []
        real = workers.map_in_workers
        workers.map_in_workers = lambda *args, **kwargs: calls.append(workers._can_fork()) or real(*args, **kwargs)
        pdf.READ_IN_WORKERS_FROM, pdf.PAGES_PER_PART = 1, 1
        print(json.dumps({{"same": repr(pdf.pdf_items(data, DocDraft(), [])) == serial, "forked": calls, "items": serial.count("Line(")}}))
    """)
    assert found["forked"] == [True], "the pages were not read in workers"
    assert found["same"] and found["items"] > 50
