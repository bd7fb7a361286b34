"""Running many sandboxed jobs in parallel: one worker thread per job slot, each with its own
``Sandbox`` (zygote), since the waiting happens in child processes, not in Python.

    >>> results = run_parallel(lambda box, item: item * 2, [1, 2, 3], jobs=2)  # doctest: +SKIP
    [2, 4, 6]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from course.sandbox import Limits, Sandbox

T = TypeVar("T")
R = TypeVar("R")


def run_parallel(work: Callable[[Sandbox, T], R], items: Iterable[T], jobs: int = 1,
                 limits: Limits | None = None,
                 done: Callable[[T, R], None] | None = None) -> list[R]:
    """``work(sandbox, item)`` for every item, ``jobs`` at a time; results in input order.
    ``done(item, result)`` is called (under a lock) as each one finishes."""
    items = list(items)
    local, boxes, lock = threading.local(), [], threading.Lock()

    def run(item: T) -> R:
        if not hasattr(local, "box"):
            local.box = Sandbox(limits)
            with lock:
                boxes.append(local.box)
        result = work(local.box, item)
        if done is not None:
            with lock:
                done(item, result)
        return result

    try:
        with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(items) or 1))) as pool:
            return list(pool.map(run, items))
    finally:
        for box in boxes:
            box.close()
