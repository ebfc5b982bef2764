"""Linear time, measured as a ratio in one run (never an absolute time in a unit test)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def assert_linear(run: Callable[[str], object], unit: str, *, size: int = 100_000, floor: float = 0.002) -> None:
    """`run` on 4× the text (`unit` repeated) takes about 4× the time, never 16×: best of three each."""

    def seconds(length: int) -> float:
        text = unit * max(1, length // len(unit))
        # The cyclic collector's pauses depend on what else the test process holds,
        # not on the rule under test: measure the rule alone.
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            run(text)
            return time.perf_counter() - start
        finally:
            gc.enable()

    small, large = min(seconds(size // 4) for _ in range(3)), min(seconds(size) for _ in range(3))
    assert large < max(small, floor) * 10, (small, large)
    assert large < 2, f"{size} characters of one pattern take well under two seconds"
