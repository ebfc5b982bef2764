"""Never publish a wrong page: concurrent, killed, tampered and incremental
builds, run as real processes, always leave exactly the site a clean build of
some complete content gives."""

from __future__ import annotations

import hashlib
import os
import random
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from plansite.build import build_site
from plansite.output import MARKER, STAGE_MARKER, OutputError, standby_folder
from plansite.verify import verify_site

from .conftest import CONTENT, ROOT, many_documents

DOCUMENTS = 300


def digests(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the hash of its bytes (sites of 300 documents are large)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def command(content: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--out", str(out), *extra]


Contents = tuple[Path, Path, dict[str, str], dict[str, str]]


def _two_contents(root: Path, count: int) -> Contents:
    """Two contents with the same ids and different text, and their clean builds."""
    first = many_documents(root / "first", count)
    second = many_documents(root / "second", count)
    for path in second.glob("doc-*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("总则", "总则（第二稿）"), encoding="utf-8")
    build_site(first, root / "clean-first")
    build_site(second, root / "clean-second")
    return first, second, digests(root / "clean-first"), digests(root / "clean-second")


@pytest.fixture(scope="module")
def two_contents(tmp_path_factory: pytest.TempPathFactory) -> Contents:
    return _two_contents(tmp_path_factory.mktemp("two"), DOCUMENTS)


@pytest.fixture(scope="module")
def two_small_contents(tmp_path_factory: pytest.TempPathFactory) -> Contents:
    """Large enough to render in worker processes, small enough to build ten times."""
    return _two_contents(tmp_path_factory.mktemp("two-small"), 60)


def wait_for_stage(parent: Path, build: subprocess.Popen[bytes]) -> None:
    """Until `build` holds the lock (its staging folder is marked as such)."""
    for _ in range(1200):
        if any((stage / STAGE_MARKER).exists() for stage in parent.glob(".site.new-*")) or build.poll() is not None:
            return
        time.sleep(0.01)


def test_a_build_that_waited_for_another_never_reuses_its_files(tmp_path: Path, two_contents: Contents) -> None:
    first, second, clean_first, _clean_second = two_contents
    out = tmp_path / "site"
    assert subprocess.run(command(first, out), capture_output=True).returncode == 0
    # The second content starts building; the first is started again while it holds the lock,
    # so it waits, and must not pair its own (unchanged) keys with the files the other build wrote.
    other = subprocess.Popen(command(second, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_stage(tmp_path, other)
    assert other.poll() is None, "the other build is still running while the waiting one starts"
    waiting = subprocess.Popen(command(first, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert other.wait(timeout=300) == 0
    assert waiting.wait(timeout=300) == 0
    assert digests(out) == clean_first, "the build that ran last published its own content, every page of it"
    # And every later build keeps it right.
    again = subprocess.run(command(first, out), capture_output=True, text=True)
    assert again.returncode == 0 and f"其中 {DOCUMENTS} 份没有改动" in again.stdout
    assert digests(out) == clean_first
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.next", "site"]


def test_tampered_files_are_rendered_again_never_carried_forward(tmp_path: Path, two_contents: Contents) -> None:
    first, _second, clean_first, _clean_second = two_contents
    out = tmp_path / "site"
    assert subprocess.run(command(first, out), capture_output=True).returncode == 0
    page = out / "plans/doc-0007/index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</main>", '<script src="https://evil.example/x.js"></script></main>'),
        encoding="utf-8",
    )
    text = out / "text/plans/doc-0123.txt"
    text.unlink()
    text.symlink_to("/etc/passwd")
    folder = out / "large/plans/doc-0200"  # a whole folder replaced by a link to a copy of itself
    copy = tmp_path / "elsewhere"
    folder.rename(copy)
    folder.symlink_to(copy, target_is_directory=True)
    run = subprocess.run(command(first, out), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f"其中 {DOCUMENTS - 3} 份没有改动" in run.stdout, "exactly the three damaged documents were rendered again"
    assert not text.is_symlink() and not folder.is_symlink()
    assert digests(out) == clean_first


def test_clean_renders_everything(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(CONTENT, out)
    assert build_site(CONTENT, out).rendered == 0
    assert build_site(CONTENT, out, clean=True).rendered == 5
    run = subprocess.run(command(CONTENT, out, "--clean"), capture_output=True, text=True)
    assert run.returncode == 0 and "没有改动" not in run.stdout


def test_a_manifest_that_lies_about_a_file_is_not_believed(tmp_path: Path) -> None:
    """The hashes are checked against the files, not only the keys against the content."""
    out = tmp_path / "site"
    build_site(CONTENT, out)
    page = out / "plans/bazhong-disability-plan-2021-2025/index.html"
    page.write_bytes(page.read_bytes().replace("巴中".encode(), "乙地".encode()))
    assert build_site(CONTENT, out).rendered == 1
    assert "乙地" not in page.read_text(encoding="utf-8")


def test_leftovers_of_killed_builds_are_written_into_or_removed(tmp_path: Path) -> None:
    """One is taken as the stage (what it holds is proven like any standby's), the others removed."""
    clean = digests(build_site(CONTENT, tmp_path / "clean" / "site").out)
    out = tmp_path / "site"
    build_site(CONTENT, out)
    # What a kill in a swap leaves: the previous site, renamed (and here, damaged).
    old = tmp_path / ".site.old-k1ll3d"
    (old / "plans").mkdir(parents=True)
    (old / MARKER).write_text("{}", encoding="utf-8")
    (old / "plans" / "x.html").write_text("x", encoding="utf-8")
    staging = tmp_path / ".site.new-st4g3"  # a killed build's stage, as earlier versions named it
    staging.mkdir()
    (staging / ".plansite-stage").write_text("", encoding="utf-8")
    theirs = tmp_path / ".site.new-not-ours"  # someone else's folder that only looks like ours
    theirs.mkdir()
    (theirs / "keep.txt").write_text("keep", encoding="utf-8")
    build_site(CONTENT, out)
    assert digests(out) == clean and not (out / "plans" / "x.html").exists()
    # The previous site is kept as the standby, for the next build to write into.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.new-not-ours", ".site.next", "clean", "site"]


def test_builds_killed_at_random_moments_always_leave_a_complete_correct_site(
    tmp_path: Path, two_small_contents: Contents
) -> None:
    first, second, clean_first, clean_second = two_small_contents
    out = tmp_path / "site"
    assert subprocess.run(command(first, out), capture_output=True).returncode == 0
    start = time.monotonic()
    assert subprocess.run(command(second, out), capture_output=True).returncode == 0
    full = time.monotonic() - start
    chance = random.Random(20261126)
    for attempt in range(8):
        content = (first, second)[attempt % 2]
        build = subprocess.Popen(command(content, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0, full))
        build.kill()
        build.wait()
        assert digests(out) in (clean_first, clean_second), f"attempt {attempt}: a complete site of one content"
    assert subprocess.run(command(first, out), capture_output=True).returncode == 0
    assert digests(out) == clean_first
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.next", "site"], "nothing else was left"
    assert digests(standby_folder(out)) in (clean_first, clean_second), "the standby: the site before"


@pytest.mark.parametrize("umask", [0o077, 0o000])
def test_published_files_are_readable_and_not_writable_by_others_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    out = tmp_path / "site"
    for _ in range(2):  # a fresh build, then one that reuses every document
        run = subprocess.run(command(CONTENT, out), capture_output=True, text=True, preexec_fn=lambda: os.umask(umask))
        assert run.returncode == 0, run.stderr
    modes = {stat.S_IMODE(p.lstat().st_mode) for p in out.rglob("*") if p.is_file()}
    folders = {stat.S_IMODE(p.lstat().st_mode) for p in [out, *out.rglob("*")] if p.is_dir()}
    assert modes == {0o644} and folders == {0o755}, (oct(umask), modes, folders)


@pytest.mark.parametrize(
    "where",
    ["static/site", "plansite/templates/site", "plansite", ".git/site", "content/site", "docs/site", "tests"],
)
def test_out_inside_the_program_or_the_content_is_refused(where: str) -> None:
    with pytest.raises(OutputError):
        build_site(CONTENT, ROOT / where)
    run = subprocess.run(command(CONTENT, Path(where)), cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.startswith("错误：输出") and "Traceback" not in run.stderr


@contextmanager
def small_disk(folder: Path, megabytes: int) -> Iterator[Path]:
    """A real file system of `megabytes` (tmpfs), or a skip where this machine cannot mount one."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a small file system needs root (CI runs as root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_full_disk_and_a_read_only_disk_are_named_and_keep_the_old_site(tmp_path: Path) -> None:
    probe = tmp_path / "probe"
    build_site(CONTENT, probe)
    size_mb = sum(p.stat().st_size for p in probe.rglob("*") if p.is_file()) / 2**20
    with small_disk(tmp_path / "disk", int(size_mb * 1.5) + 1) as disk:
        out = disk / "site"
        assert subprocess.run(command(CONTENT, out), capture_output=True).returncode == 0
        before = digests(out)
        full = subprocess.run(command(CONTENT, out, "--clean"), capture_output=True, text=True)  # needs a second copy
        assert full.returncode == 1 and "磁盘已满" in full.stderr and "原有的网站保持不变" in full.stderr, full.stderr
        assert "Traceback" not in full.stderr and "No space" not in full.stderr
        assert digests(out) == before and sorted(p.name for p in disk.iterdir()) == ["site"]
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        read_only = subprocess.run(command(CONTENT, out), capture_output=True, text=True)
        assert read_only.returncode == 1 and "只读" in read_only.stderr, read_only.stderr
        assert "Traceback" not in read_only.stderr and digests(out) == before


def test_out_that_is_itself_a_mount_point_is_refused(tmp_path: Path) -> None:
    with small_disk(tmp_path / "site", 8) as out:
        run = subprocess.run(command(CONTENT, out), capture_output=True, text=True)
        assert run.returncode == 1 and "挂载点" in run.stderr and "Traceback" not in run.stderr, run.stderr


def test_the_standby_site_is_written_in_place_and_only_proven_files_are_kept(
    tmp_path: Path, two_contents: Contents
) -> None:
    """After a swap the previous site is the standby, and the next build writes into it: a file it
    holds is kept only if its bytes are the ones wanted (else linked from the live site, or made);
    what the new site does not hold is removed. Each result equals a clean build."""
    first, second, clean_first, clean_second = two_contents
    out = tmp_path / "site"
    standby = standby_folder(out)
    for content in (first, second):
        assert subprocess.run(command(content, out), capture_output=True).returncode == 0
    assert digests(standby) == clean_first and digests(out) == clean_second, "the standby: the site before"
    assert stat.S_IMODE(standby.stat().st_mode) == 0o700, "not for a web server to show"

    page = "plans/doc-0007/index.html"  # the standby holds the very bytes wanted, as a file of its own
    (standby / page).unlink()
    (standby / page).write_bytes((out / page).read_bytes())
    kept = (standby / page).stat().st_ino
    damaged = "plans/doc-0008/index.html"
    (standby / damaged).unlink()  # not a link of the live site's any more
    (standby / damaged).write_text("damaged", encoding="utf-8")
    planted = [standby / "planted.html", standby / "plans/doc-0009/planted.html"]
    for path in planted:
        path.write_text("planted", encoding="utf-8")
    (standby / "plans/link.html").symlink_to("/etc/passwd")
    (standby / "static").rename(tmp_path / "elsewhere")
    (standby / "static").symlink_to(tmp_path / "elsewhere", target_is_directory=True)  # a write would follow it

    run = subprocess.run(command(second, out), capture_output=True, text=True)
    assert run.returncode == 0 and f"其中 {DOCUMENTS} 份没有改动" in run.stdout, run.stderr
    assert digests(out) == clean_second
    assert (out / page).stat().st_ino == kept, "kept as it was, not linked from the live site"
    assert not any(p.is_symlink() for p in out.rglob("*")) and not (tmp_path / "elsewhere" / "css").is_symlink()
    assert digests(tmp_path / "elsewhere") == {
        rel.removeprefix("static/"): sha for rel, sha in clean_first.items() if rel.startswith("static/")
    }, "nothing was written through the link"
    assert digests(standby) == clean_second, "the standby: the site before, as it was"

    # The other content again: its files are in neither site, or in the standby, which is written over.
    assert subprocess.run(command(first, out), capture_output=True).returncode == 0
    assert digests(out) == clean_first


def test_a_standby_folder_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(CONTENT, out)
    theirs = standby_folder(out)
    theirs.mkdir()
    (theirs / "keep.txt").write_text("keep", encoding="utf-8")
    run = subprocess.run(command(CONTENT, out), capture_output=True, text=True)
    assert run.returncode == 1 and ".site.next" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert (theirs / "keep.txt").read_text(encoding="utf-8") == "keep" and not verify_site(out)
