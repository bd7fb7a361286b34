"""`python -m benchmarks` (what `make bench` runs): measure, print one line per comparison.

Exit status: 0 when every target is met (or with --quick, where sizes are too small to
judge), 1 when some target is missed, 2 when --with-peers is asked and a peer is missing.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Sequence

import numpy as np

import minigrad

from . import deep_chain, instructions, memory, micrograd_demo, mlp, peers, profile, scalar_chain
from .timing import HEADER, Row, format_row

FAMILIES = ("mlp", "scalar", "demo", "deep", "memory")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes and a single run of each workload (a smoke test)")
    parser.add_argument("--with-peers", action="store_true",
                        help=f"require PyTorch and micrograd as baselines ({peers.PEERS_INSTALL})")
    parser.add_argument("--only", choices=FAMILIES, action="append",
                        help="run only this family of workloads (repeatable)")
    parser.add_argument("--profile", action="store_true",
                        help="instead of timing, show where minigrad's time goes (cProfile)")
    parser.add_argument("--instructions", action="store_true",
                        help="instead of timing, count the CPU instructions of a run of each "
                             "workload (valgrind; steady where timings drift)")
    parser.add_argument("--readable", action="store_true",
                        help="run minigrad's reading path alone, without its speed paths "
                             "(minigrad/fast_paths.py): what they buy is the difference")
    args = parser.parse_args(argv)
    if args.readable:
        from minigrad import overrides

        with overrides.readable_only(("speed",)):
            return _main(args)
    return _main(args)


def _main(args: argparse.Namespace) -> int:
    if args.profile:
        return _profile(args.only or FAMILIES, args.quick)
    if args.instructions:
        return instructions.count(args.only or FAMILIES, args.quick, args.readable,
                                  with_torch=args.with_peers)

    torch, micrograd = peers.load_torch(), peers.load_micrograd()
    if args.with_peers and (torch is None or micrograd is None):
        print(f"--with-peers needs PyTorch and micrograd: {peers.PEERS_INSTALL}", file=sys.stderr)
        return 2
    _print_setup(torch, micrograd)

    print(HEADER)
    rows: list[Row] = []
    for family in args.only or FAMILIES:
        for row in _run(family, torch, micrograd, args.quick):
            print(format_row(row, judged=not args.quick), flush=True)
            rows.append(row)
    judged = [row for row in rows if row.target is not None]  # rows without a target inform
    failed = [row for row in judged if not row.passed]
    if args.quick:
        return 0
    print(f"\n{len(judged) - len(failed)} of {len(judged)} targets met"
          + ("" if failed else " (all)"))
    return 1 if failed else 0


def _profile(families: Sequence[str], quick: bool) -> int:
    workloads = profile.cases(minigrad, quick)
    for family in families:
        if family in workloads:  # the memory checks take no time worth profiling
            print(f"== {family}: minigrad, by own time ==")
            print(profile.profile(workloads[family](), budget_s=0.05 if quick else 1.0), "\n")
    return 0


def _run(family: str, torch, micrograd, quick: bool) -> list[Row]:
    if family == "mlp":
        return mlp.run(minigrad, torch, quick)
    if family == "scalar":
        return scalar_chain.run(minigrad, torch, micrograd, quick)
    if family == "demo":
        return micrograd_demo.run(minigrad, torch, micrograd, quick)
    if family == "deep":
        return deep_chain.run(minigrad, quick)
    return memory.run(minigrad, quick)


def _print_setup(torch, micrograd) -> None:
    missing = [name for name, mod in (("torch", torch), ("micrograd", micrograd)) if mod is None]
    print(f"python {platform.python_version()}, numpy {np.__version__} ({peers.numpy_blas()}, "
          f"{peers.numpy_threads()} threads), "
          f"torch {torch.__version__ if torch else '-'} "
          f"({torch.get_num_threads() if torch else '-'} threads), "
          f"micrograd {'yes' if micrograd else '-'}")
    if missing:
        print(f"(no {' or '.join(missing)}: those baselines are skipped; "
              f"{peers.PEERS_INSTALL} adds them)")
    print("times: median of alternating runs after warm-up; ratio = minigrad / baseline\n")


if __name__ == "__main__":
    sys.exit(main())
