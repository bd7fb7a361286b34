"""`course lab` as the tests serve it: a free port, no browser, stopped by JupyterLab's own
shutdown. Used by tests/test_course_lab.py and the browser test (tests/browser/check_lessons.py).

The address in the log is not yet a server: jupyter_server prints it before its event loop runs
the callback that binds the port (jupyter_server 2.x, ``ServerApp.init_httpserver``), so a
request sent on seeing it can be refused. A loaded CI machine once was.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent  # the environment `make lab` sets up


@dataclass(frozen=True)
class LabServer:
    process: subprocess.Popen
    url: str  # the address `course lab` printed, token included
    port: int  # where it listens: the port it was given, unless that one was taken meanwhile
    asked: int  # the port given with --port
    path: str  # the page it opens, e.g. /lab/tree/notebooks/00_start_here.ipynb
    token: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, path: str, method: str = "GET") -> object:
        """A request to the server's REST API (``contents/exercises``, ``terminals``), as JSON."""
        request = urllib.request.Request(f"{self.base}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@contextmanager
def course_lab(course: Path, env: Mapping[str, str], log: Path,
               timeout: float = 120) -> Iterator[LabServer]:
    """`course lab --no-browser --port N` in ``course``, answering, until the block ends."""
    asked = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(BIN / "course"), "lab", "--no-browser", "--port", str(asked)], cwd=course,
            env=dict(env), stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while not ((found := re.search(r"http://127\.0\.0\.1:(\d+)(/\S*)\?token=(\w+)",
                                       log.read_text())) and _accepts(int(found[1]))):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not start answering; its log:\n"
                                   f"{log.read_text()}")
            time.sleep(0.2)
        yield LabServer(process, found[0], int(found[1]), asked, found[2], found[3])
    finally:
        process.send_signal(signal.SIGTERM)  # JupyterLab's clean shutdown (kernels, terminals)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
