"""Running jobs in parallel: one worker thread per job slot (the waiting happens in child
processes, not in Python). Each job starts its own sandbox: one is never shared between
submissions, so whatever a learner's code does to it touches only that learner's results.

    >>> run_parallel(lambda item: item * 2, [1, 2, 3], jobs=2)
    [2, 4, 6]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def run_parallel(work: Callable[[T], R], items: Iterable[T], jobs: int = 1,
                 done: Callable[[T, R], None] | None = None) -> list[R]:
    """``work(item)`` for every item, ``jobs`` at a time; results in input order.
    ``done(item, result)`` is called (under a lock) as each one finishes."""
    items = list(items)
    lock = threading.Lock()

    def run(item: T) -> R:
        result = work(item)
        if done is not None:
            with lock:
                done(item, result)
        return result

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(items) or 1))) as pool:
        return list(pool.map(run, items))
