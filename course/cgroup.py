"""Limits on a whole job (every process of one submission) from outside: a control group.

rlimits are per process (four forks may each take the "2 GB") or per uid; a cgroup counts the
memory and the processes of everything a job starts, and lets the grader kill all of it at once.
cgroup v2 is used where this process may create a child group with the memory and pids
controllers; otherwise cgroup v1's memory and pids hierarchies (this is what many containers and
older hosts offer); otherwise ``create`` returns None and the sandbox relies on rlimits.

Where the cpu controller is there too (v2: delegated to the group, as memory and pids are;
v1: the cpu hierarchy), the job is also a CPU group of its own
(``JobCgroup.cpu``) with the default weight. The scheduler shares the cores between groups
equally before it shares a group's part between its processes, so a job running 60 busy
processes, each in a session of its own (which defeats the kernel's per-session autogroups),
still gets one job's share and the job graded beside it keeps a core. A weight rather than a
quota (v2 ``cpu.max``, v1 ``cpu.cfs_quota_us``): with a quota of one core, a busy job still
takes part of the honest job's core until it is throttled (a 0.9 s task took 1.1-1.4 s beside
one, 1.0 s with weights), and idle cores stay idle. Without the controller, jobs share the CPU
as any processes do.

    >>> group = JobCgroup.create(memory_bytes=512 << 20, processes=64)  # doctest: +SKIP
    >>> subprocess.run(group.join(["python3", "-c", "pass"]))        # doctest: +SKIP
    >>> group.remove()                                                # doctest: +SKIP
"""

from __future__ import annotations

import os
import secrets
import signal
import time
from pathlib import Path

from course.scratch import gone, run_token

_CONTROLLERS = ("memory", "pids")


def _mounts() -> list[tuple[str, str, set[str]]]:
    """(mount point, fs type, options) of the cgroup file systems."""
    found = []
    try:
        for line in Path("/proc/self/mounts").read_text().splitlines():
            _, point, kind, options, *_ = line.split()
            if kind in ("cgroup", "cgroup2"):
                found.append((point, kind, set(options.split(","))))
    except OSError:
        pass
    return found


def _own_paths() -> dict[str, str]:
    """This process's cgroup per controller ("" for the v2 hierarchy)."""
    paths = {}
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            for c in controllers.split(",") if controllers else [""]:
                paths[c] = path
    except (OSError, ValueError):
        pass
    return paths


def _write(path: Path, value: str) -> None:
    with open(path, "w") as f:
        f.write(value)


def _v1_hierarchy(controller: str, own: dict[str, str]) -> Path | None:
    """This process's cgroup in the v1 hierarchy of ``controller``, if one is mounted."""
    return next((Path(point + own.get(controller, "/")) for point, kind, options in _mounts()
                 if kind == "cgroup" and controller in options), None)


def job_parents() -> list[Path]:
    """Where this process's job groups are made: its own group in the v2 hierarchy, or in v1's
    memory, pids and cpu hierarchies."""
    own, parents = _own_paths(), []
    for point, kind, options in _mounts():
        key = "" if kind == "cgroup2" else next(
            (c for c in ("memory", "pids", "cpu") if c in options), None)
        if key is not None:
            parents.append(Path(point + own.get(key, "/")))
    return parents


class JobCgroup:
    """One job's cgroup (v2), or its memory + pids (+ cpu) cgroups (v1)."""

    def __init__(self, dirs: list[Path], version: int) -> None:
        self.dirs, self.version = dirs, version
        self.cpu = False  # whether the job has a CPU share of its own (see the module's doc)

    @classmethod
    def create(cls, memory_bytes: int, processes: int) -> JobCgroup | None:
        """A fresh cgroup with these limits (and a CPU share where the controller is there),
        or None where cgroups cannot be used."""
        name = f"course-job-{run_token()}-{secrets.token_hex(4)}"  # (see course.scratch)
        own = _own_paths()
        for point, kind, options in _mounts():
            if kind == "cgroup2" and "" in own:
                group = cls._try([Path(point + own[""]) / name], 2, memory_bytes, processes)
            elif kind == "cgroup" and "memory" in options:
                pids = _v1_hierarchy("pids", own)
                if pids is None:
                    continue
                group = cls._try([Path(point + own.get("memory", "/")) / name, pids / name], 1,
                                 memory_bytes, processes)
            else:
                continue
            if group is not None:
                group._share_cpu(_v1_hierarchy("cpu", own) if group.version == 1 else None)
                return group
        return None

    @classmethod
    def clear_abandoned(cls) -> int:
        """Remove the empty job groups of grading runs that are gone (kill -9 leaves them):
        each is named after its run's token, whose lock file tells whether that run lives
        (``course.scratch.gone``). A group something still runs in is left alone (the kernel
        refuses to remove it). -> how many groups were removed."""
        removed = 0
        for group in cls._groups():
            if gone(group.name.split("-")[2]):
                try:
                    group.rmdir()
                    removed += 1
                except OSError:
                    pass
        return removed

    @classmethod
    def tokens(cls) -> set[str]:
        """The tokens of the runs that have job groups here."""
        return {group.name.split("-")[2] for group in cls._groups()}

    @staticmethod
    def _groups() -> list[Path]:
        groups: list[Path] = []
        for parent in job_parents():
            try:
                groups += parent.glob("course-job-*-*")
            except OSError:
                continue
        return groups

    @classmethod
    def _try(cls, dirs: list[Path], version: int, memory_bytes: int, processes: int
             ) -> JobCgroup | None:
        made: list[Path] = []
        try:
            for d in dirs:
                d.mkdir()
                made.append(d)
            group = cls(dirs, version)
            group._limit(memory_bytes, processes)
            return group
        except OSError:
            for d in reversed(made):
                try:
                    d.rmdir()
                except OSError:
                    pass
            return None

    def _limit(self, memory_bytes: int, processes: int) -> None:
        if self.version == 2:
            d = self.dirs[0]
            if not (d / "memory.max").exists() or not (d / "pids.max").exists():
                raise OSError("the memory and pids controllers are not enabled here")
            _write(d / "memory.max", str(memory_bytes))
            if (d / "memory.swap.max").exists():
                _write(d / "memory.swap.max", "0")
            _write(d / "pids.max", str(processes))
        else:
            memory, pids = self.dirs
            _write(memory / "memory.limit_in_bytes", str(memory_bytes))
            if (memory / "memory.memsw.limit_in_bytes").exists():  # no swapping around it
                _write(memory / "memory.memsw.limit_in_bytes", str(memory_bytes))
            _write(pids / "pids.max", str(processes))

    def _share_cpu(self, v1_parent: Path | None) -> None:
        """Give the job a CPU group of its own where the cpu controller is there; without it
        the memory and pids limits still hold. A new group has the default weight (v2
        ``cpu.weight`` 100, v1 ``cpu.shares`` 1024), the same as every other job's."""
        if self.version == 2:
            # Where the parent delegates cpu to its children, as it does memory and pids. It is
            # not switched on here: that would change how the whole machine shares its CPU.
            self.cpu = (self.dirs[0] / "cpu.weight").exists()
        elif v1_parent is not None:
            d = v1_parent / self.dirs[0].name
            try:
                d.mkdir()
            except OSError:
                return
            self.dirs.append(d)
            self.cpu = True

    def join(self, argv: list[str]) -> list[str]:
        """``argv`` wrapped so that it starts inside the group: the shell moves itself in
        (writing 0 means "me"), then execs, so nothing the job starts is ever outside."""
        moves = " && ".join(f'echo 0 > "${i + 1}"' for i in range(len(self.dirs)))
        return ["/bin/sh", "-c", f'{moves} && shift {len(self.dirs)} && exec "$@"', "sh",
                *(str(d / "cgroup.procs") for d in self.dirs), *argv]

    def pids(self) -> set[int]:
        found: set[int] = set()
        for d in self.dirs:
            try:
                found |= {int(p) for p in (d / "cgroup.procs").read_text().split()}
            except (OSError, ValueError):
                pass
        return found

    def kill(self, wait: float = 5.0) -> bool:
        """SIGKILL every process of the job (repeatedly: a fork bomb keeps forking until the
        pids limit); True when none is left."""
        end = time.monotonic() + wait
        while True:
            left = self.pids()
            if not left:
                return True
            if time.monotonic() > end:
                return False
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.01)

    def remove(self) -> None:
        """Kill what is left and delete the group."""
        self.kill()
        for d in self.dirs:
            for _ in range(100):  # a killed process leaves its cgroup a moment later
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)

    def oom_kills(self) -> int:
        """How many processes of the job the kernel has killed for going over its memory."""
        try:
            if self.version == 2:
                events = (self.dirs[0] / "memory.events").read_text().split()
            else:
                events = (self.dirs[0] / "memory.oom_control").read_text().split()
            return int(events[events.index("oom_kill") + 1])
        except (OSError, ValueError, IndexError):
            return 0
