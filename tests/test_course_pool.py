"""run_parallel on Ctrl-C: no item starts any more, the running ones finish whole, and the
caller is told first how many are running (a submission that loops forever holds Ctrl-C for
its tasks' --timeout: measured 10.5 s of silence before `course grade` said anything)."""

import signal
import threading
import time

import pytest

from course.pool import run_parallel


def test_ctrl_c_lets_the_running_item_finish_starts_no_other_and_says_so_first():
    started, release = threading.Event(), threading.Event()
    ran, finished, told = [], [], []

    def work(item):
        ran.append(item)
        if item == 1:
            started.set()
            assert release.wait(30)  # (bounded: the test never hangs)
        return item

    def press_ctrl_c():
        assert started.wait(30)
        # (and the main thread past submitting the items, waiting for a result, as it is for
        # all but the first moments of a run: a Ctrl-C inside ThreadPoolExecutor.submit can
        # come between a worker's start and its registration, and that worker is not waited for)
        time.sleep(0.5)
        # A real SIGINT to the main thread, as Ctrl-C sends: it wakes the main thread's wait
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    def stopping(count):
        told.append((count, list(finished)))
        release.set()

    threading.Thread(target=press_ctrl_c, daemon=True).start()
    with pytest.raises(KeyboardInterrupt):
        run_parallel(work, [1, 2, 3], jobs=1, done=lambda item, _: finished.append(item),
                     stopping=stopping)
    assert told == [(1, [])]  # told while item 1 still ran
    assert ran == [1] and finished == [1]  # it finished; 2 and 3 never started
