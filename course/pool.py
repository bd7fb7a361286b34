"""Running jobs in parallel: one worker thread per job slot (the waiting happens in child
processes, not in Python), and sandboxes started ahead of need. A sandbox is never shared
between submissions, so whatever a learner's code does to it touches only that learner's results.

    >>> run_parallel(lambda item: item * 2, [1, 2, 3], jobs=2)
    [2, 4, 6]
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from course.sandbox import Sandbox

T = TypeVar("T")
R = TypeVar("R")


def run_parallel(work: Callable[[T], R], items: Iterable[T], jobs: int = 1,
                 done: Callable[[T, R], None] | None = None,
                 stopping: Callable[[int], None] | None = None) -> list[R]:
    """``work(item)`` for every item, ``jobs`` at a time; results in input order.
    ``done(item, result)`` is called (under a lock) as each one finishes. On Ctrl-C no item
    starts any more, those running finish (their results whole), then KeyboardInterrupt
    goes on; ``stopping(n)`` is told first how many are running, since that wait (a
    submission's tasks' timeouts) is silent otherwise."""
    items = list(items)
    lock = threading.Lock()

    running = 0

    def run(item: T) -> R:
        nonlocal running
        with lock:
            running += 1
        try:
            result = work(item)
            if done is not None:
                with lock:
                    done(item, result)
            return result
        finally:
            with lock:
                running -= 1

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(items) or 1))) as pool:
        try:
            return list(pool.map(run, items))  # (leaving it cancels the items not started)
        except KeyboardInterrupt:
            if stopping is not None:
                with lock:
                    count = running
                stopping(count)
            raise


class Spares:
    """Sandboxes started ahead of need: ``take()`` returns one that is ready (or nearly) and
    starts its replacement in the background, so a sandbox's start (a Python process importing
    numpy and minigrad) overlaps other work. At most ``total`` are ever started.

    Its starter threads live until ``close``: bubblewrap's --die-with-parent follows the thread
    that started it, so a sandbox must not outlive that thread.

    ``replace_ahead=False`` (mode "user", where every sandbox runs as one user): a replacement
    starts only when it is taken, after the job before it has ended and its processes were
    killed. Started while learner code runs, the next sandbox's zygote, still root while it
    sets up, would share that user's files and processes with the running learner code."""

    def __init__(self, start: Callable[[], Sandbox], ahead: int, total: int,
                 replace_ahead: bool = True) -> None:
        self._start, self._lock, self._left = start, threading.Lock(), total
        self._replace_ahead = replace_ahead
        self._starter = ThreadPoolExecutor(max_workers=max(1, ahead))
        self._ready: deque[Future[Sandbox]] = deque()
        for _ in range(min(ahead, total)):
            self._submit()

    def _submit(self) -> None:
        if self._left > 0:
            self._left -= 1
            self._ready.append(self._starter.submit(self._start))

    def take(self) -> Sandbox:
        with self._lock:
            if not self._ready:  # none started ahead
                self._submit()
            ready = self._ready.popleft()
            if self._replace_ahead:
                self._submit()
        return ready.result()

    def close(self) -> None:
        """Close the sandboxes nobody took."""
        self._starter.shutdown(wait=True)
        for ready in self._ready:
            if ready.exception() is None:
                ready.result().close()
