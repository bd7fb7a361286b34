"""Smoke test of the speed and memory benchmarks: each runs once at tiny size, so none rots.

The real runs (`make bench`) are not tests: their timings depend on the machine.
"""

import gc
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import minigrad  # noqa: E402
from benchmarks import micrograd_demo, mlp, scalar_chain  # noqa: E402
from benchmarks.__main__ import main  # noqa: E402
from benchmarks.timing import Case, _time_runs  # noqa: E402


def test_every_benchmark_runs_quick(capsys):
    assert main(["--quick"]) == 0
    out = capsys.readouterr().out
    for workload in ("mlp_step", "scalar_chain", "deep_chain", "no_grad forward", "after backward"):
        assert workload in out


@pytest.mark.parametrize("family", [mlp, scalar_chain, micrograd_demo])
def test_peer_code_runs_with_minigrad_standing_in_for_torch(family):
    # The PyTorch baseline is the same PyTorch-API code run with `lib = torch`; minigrad speaks
    # that API, so it can stand in for torch here, where torch is not installed.
    if family is mlp:
        rows = family.run(minigrad, minigrad, quick=True)
    else:
        rows = family.run(minigrad, minigrad, None, quick=True)
    assert [row.baseline_name for row in rows if row.baseline_name == "torch"]


def test_with_peers_explains_how_to_install_them(capsys, monkeypatch):
    from benchmarks import peers

    monkeypatch.setattr(peers, "load_micrograd", lambda: None)
    assert main(["--quick", "--with-peers"]) == 2
    assert "pip install torch==2.13.0 micrograd" in capsys.readouterr().err


def test_profile_shows_where_minigrads_time_goes(capsys):
    assert main(["--quick", "--profile"]) == 0
    out = capsys.readouterr().out
    for family in ("mlp", "scalar", "demo", "deep"):
        assert f"== {family}: minigrad, by own time ==" in out
    # Op.apply (its fast path, every operation's bookkeeping) is listed by its own time.
    assert "fast_paths.py:" in out and "(_apply_lean)" in out and "tottime" in out


def test_instruction_counts_run_each_workload_in_a_child(monkeypatch, capsys):
    from benchmarks import instructions

    # What the counted child interpreter runs, here in-process and at tiny size.
    for family in instructions.RUNS:
        instructions.run_in_child(family, runs=1, quick=True)
    # callgrind counts only inside the runs (collection toggled on in the C function that
    # calls them back): the count over RUNS runs, per run.
    def fake_valgrind(command, **kwargs):
        assert command[0] == "valgrind" and kwargs["env"]["OPENBLAS_NUM_THREADS"] == "1"
        assert "--collect-atstart=no" in command
        assert f"--toggle-collect={instructions.COUNTED_FUNCTION}" in command
        assert command[-1] == "20"
        assert kwargs["cwd"] == ROOT  # a directory whose listing does not change
        return subprocess.CompletedProcess(command, 0, "", "==1== Collected : 800000\n")

    monkeypatch.setattr(instructions.shutil, "which", lambda name: "/usr/bin/valgrind")
    monkeypatch.setattr(instructions.subprocess, "run", fake_valgrind)
    assert main(["--instructions", "--only", "scalar"]) == 0
    assert "40.0 k instructions per run  (0.1 k per op)" in capsys.readouterr().out


def test_instruction_counts_run_only_the_runs_in_the_counted_function(monkeypatch):
    # Each run, and nothing else (not the setup, not the warm-up), is called from the C
    # function callgrind counts in; an error in a run is not lost in the callback.
    from benchmarks import instructions, profile

    calls = []

    def run(state):
        calls.append((state, _in_callback()))

    def _in_callback():
        frame = sys._getframe()
        while frame is not None and frame.f_code is not instructions.counted.__code__:
            if frame.f_code.co_name == "callback":  # counted's, called back by ctypes
                return True
            frame = frame.f_back
        return False

    case = Case(run, setup=lambda: "state")
    monkeypatch.setattr(profile, "cases", lambda lib, quick: {"demo": lambda: case})
    instructions.run_in_child("demo", runs=3, quick=True)
    assert calls == [("state", False)] * 2 + [("state", True)] * 3  # warm-up, then counted
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        instructions.counted(lambda state: 1 / state)(0)


def test_instruction_counts_of_the_reading_path_run_without_the_speed_paths(monkeypatch):
    from benchmarks import instructions, profile
    from benchmarks.timing import Case
    from minigrad import overrides
    from minigrad.ops.op import Op

    with overrides.readable_only(("speed",)):  # (parity variants stay: a parity one wraps it)
        readable_apply = vars(Op)["apply"]
    seen = []
    case = Case(lambda _: seen.append(vars(Op)["apply"]))
    monkeypatch.setattr(profile, "cases", lambda lib, quick: {"scalar": lambda: case})
    instructions.run_in_child("scalar", runs=2, quick=True, readable=True)
    assert seen and all(apply is readable_apply for apply in seen)
    assert vars(Op)["apply"] is not readable_apply  # the speed paths are back afterwards


def test_instruction_counts_with_peers_count_torch_and_the_numpy_floor(monkeypatch, capsys):
    from benchmarks import instructions, profile

    # numpy's floor runs as a peer where the workload has one (demo, mlp; not scalar).
    for family in profile.numpy_cases(quick=True):
        instructions.run_in_child(family, runs=1, quick=True, lib="numpy")
    libs = []

    def fake_valgrind(command, **kwargs):
        libs.append(command[command.index("benchmarks.instructions") + 2])
        # PyTorch's run costs half as many instructions here, numpy's a tenth.
        collected = {"minigrad": 800000, "torch": 400000, "numpy": 80000}[libs[-1]]
        return subprocess.CompletedProcess(command, 0, "", f"==1== Collected : {collected}\n")

    monkeypatch.setattr(instructions.shutil, "which", lambda name: "/usr/bin/valgrind")
    monkeypatch.setattr(instructions.subprocess, "run", fake_valgrind)
    assert main(["--instructions", "--with-peers", "--only", "demo", "--only", "scalar"]) == 0
    assert libs == ["minigrad", "torch", "numpy", "minigrad", "torch"]
    out = capsys.readouterr().out
    assert "40.0 k instructions per run; torch 20.0 k, ratio 2; numpy 4.0 k, ratio 10" in out


def test_instruction_counts_say_when_valgrind_is_missing(monkeypatch, capsys):
    from benchmarks import instructions

    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert main(["--instructions"]) == 2
    assert "apt install valgrind" in capsys.readouterr().err


@pytest.mark.parametrize("runs, calls", [(3, 4), (1, 1)])
def test_a_quick_case_runs_once_untimed_after_the_collection(runs, calls):
    # The full collection before each sample empties the caches; timing its first run cold
    # billed torch 8-13% and minigrad 2-4% (benchmarks/README.md, "Session 9"). A single run
    # is long enough not to need it. Every run, timed or not, has the collector paused.
    collector_on = []
    _time_runs(Case(lambda _: collector_on.append(gc.isenabled())), runs)
    assert collector_on == [False] * calls
    assert gc.isenabled()
