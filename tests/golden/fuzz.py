"""Compare minigrad with PyTorch on random little programs, to find what the golden files miss.

Each program starts from two random tensors of small, broadcastable shapes and applies 2-6
random operations (elementwise, reductions, views, indexing, products); the last result, times
random weights, is summed and back-propagated. A program passes when both libraries give the
same values (to float32 rounding), the same gradients, the same grad_fn name, or the same
error. Needs PyTorch (run it with the Python that records the golden files):

    /tmp/torchenv/bin/python tests/golden/fuzz.py             # 1000 programs
    /tmp/torchenv/bin/python tests/golden/fuzz.py -n 5000 --show 3

A failing program is printed with its seed; turn it into a golden program (programs/) once
the difference is understood, so that it stays fixed.
"""

from __future__ import annotations

import argparse
import random
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

SHAPES = [(), (3,), (1, 3), (2, 3), (3, 3)]

# name -> f(lib, tensor): each keeps to inputs it is defined on, so errors are rare and real.
UNARY = {
    "exp": lambda L, a: (a * 0.3).exp(),
    "tanh": lambda L, a: a.tanh(),
    "sigmoid": lambda L, a: a.sigmoid(),
    "relu": lambda L, a: a.relu(),
    "abs": lambda L, a: a.abs(),
    "neg": lambda L, a: -a,
    "square": lambda L, a: a * a,
    "sqrt": lambda L, a: (a.abs() + 1).sqrt(),
    "log": lambda L, a: (a.abs() + 1).log(),
    "pow3": lambda L, a: a ** 3,
    "log1p": lambda L, a: a.abs().log1p(),
    "expm1": lambda L, a: (a * 0.3).expm1(),
    "rsqrt": lambda L, a: (a.abs() + 1).rsqrt(),
    "atan": lambda L, a: a.atan(),
    "sinh": lambda L, a: (a * 0.5).sinh(),
    "rsub": lambda L, a: 1 - a,
    "div2": lambda L, a: a / 2,
    "clamp": lambda L, a: a.clamp(-0.5, 0.7),
    "sum0": lambda L, a: a.sum(0) if a.dim() else a,
    "mean-1": lambda L, a: a.mean(-1, keepdim=True) if a.dim() else a,
    "max0": lambda L, a: a.max(0).values if a.dim() else a,
    "amax": lambda L, a: a.amax(-1, keepdim=True) if a.dim() else a,
    "logsumexp": lambda L, a: a.logsumexp(-1) if a.dim() else a,
    "softmax": lambda L, a: a.softmax(-1) if a.dim() else a,
    "log_softmax": lambda L, a: a.log_softmax(0) if a.dim() else a,
    "norm": lambda L, a: a.norm(dim=0) if a.dim() else a.norm(),
    "std": lambda L, a: a.std() if a.numel() > 1 else a,
    "cumsum": lambda L, a: a.cumsum(0) if a.dim() else a,
    "prod": lambda L, a: a.prod(),
    "prod-1": lambda L, a: a.prod(-1) if a.dim() else a,
    "cumprod": lambda L, a: a.cumprod(-1) if a.dim() else a,
    "t": lambda L, a: a.t() if a.dim() == 2 else a,
    "flip": lambda L, a: a.flip(0) if a.dim() else a,
    "unsqueeze": lambda L, a: a.unsqueeze(0),
    "reshape": lambda L, a: a.reshape(-1),
    "expand": lambda L, a: a.unsqueeze(0).expand(2, *a.shape),
    "index": lambda L, a: a[0] if a.dim() else a,
    "index list": lambda L, a: a[[0, 0]] if a.dim() else a,
}
BINARY = {
    "add": lambda L, a, b: a + b,
    "sub": lambda L, a, b: a - b,
    "mul": lambda L, a, b: a * b,
    "div": lambda L, a, b: a / (b.abs() + 0.5),
    "mod": lambda L, a, b: a % (b - 2.5),
    "fmod": lambda L, a, b: a.fmod(b.abs() + 0.5),
    "floordiv": lambda L, a, b: a // (b - 2.5) if not a.requires_grad else a * b,
    "maximum": lambda L, a, b: L.maximum(a, b),
    "atan2": lambda L, a, b: L.atan2(a, b),
    "einsum": lambda L, a, b: L.einsum("...,...->...", a, b),
    "einsum_t": lambda L, a, b: L.einsum("ij,kj->ik", a, b) if a.dim() == 2 and b.dim() == 2
    and a.shape[1] == b.shape[1] else a * b,
    "minimum": lambda L, a, b: L.minimum(a, b),
    "where": lambda L, a, b: L.where(a > b, a, b),
    "matmul": lambda L, a, b: a @ b if a.dim() == 2 and b.dim() == 2 and a.shape[1] == b.shape[0]
    else a * b,
}


def program(seed: int) -> tuple[list[tuple], list[tuple]]:
    """Input shapes and steps: ("un", name, i) or ("bin", name, i, j) over earlier values."""
    rnd = random.Random(seed)
    shapes = [rnd.choice(SHAPES) for _ in range(2)]
    steps: list[tuple] = []
    for n in range(2, 2 + rnd.randint(2, 6)):
        if rnd.random() < 0.5:
            steps.append(("un", rnd.choice(sorted(UNARY)), rnd.randrange(n)))
        else:
            steps.append(("bin", rnd.choice(sorted(BINARY)), rnd.randrange(n), rnd.randrange(n)))
    return shapes, steps


def run(lib: Any, shapes: list[tuple], steps: list[tuple], seed: int) -> tuple:
    """("ok", value, gradients, grad_fn name) or ("error", type, message)."""
    rng = np.random.default_rng(seed)
    inputs = [lib.tensor(rng.standard_normal(s).astype(np.float32), requires_grad=True)
              for s in shapes]
    values = list(inputs)
    try:
        for step in steps:
            if step[0] == "un":
                values.append(UNARY[step[1]](lib, values[step[2]]))
            else:
                values.append(BINARY[step[1]](lib, values[step[2]], values[step[3]]))
        out = values[-1]
        weights = lib.tensor(rng.standard_normal(tuple(out.shape)).astype(np.float32))
        (out * weights).sum().backward()
    except Exception as e:  # noqa: BLE001 - an error is a result to compare
        return ("error", type(e).__name__, str(e).replace("minigrad", "torch"))
    grads = [None if x.grad is None else x.grad.numpy() for x in inputs]
    return ("ok", out.detach().numpy(), grads, out.grad_fn.name() if out.grad_fn else None)


def same(a: tuple, b: tuple) -> bool:
    if a[0] != b[0] or a[0] == "error":
        return a == b

    def close(x: Any, y: Any) -> bool:
        if x is None or y is None:
            return x is None and y is None
        return x.shape == y.shape and np.allclose(x, y, rtol=1e-4, atol=1e-5, equal_nan=True)

    return close(a[1], b[1]) and a[3] == b[3] and all(close(x, y) for x, y in zip(a[2], b[2]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="how many programs (seeds 0..n-1)")
    parser.add_argument("--show", type=int, default=5, help="how many failures to print")
    args = parser.parse_args()
    import torch

    import minigrad

    warnings.simplefilter("ignore")  # both libraries' warnings are compared by golden files
    failures = 0
    for seed in range(args.n):
        shapes, steps = program(seed)
        expected, got = run(torch, shapes, steps, seed), run(minigrad, shapes, steps, seed)
        if not same(expected, got):
            failures += 1
            if failures <= args.show:
                print(f"seed {seed}: inputs {shapes}, steps {steps}\n  torch:    "
                      f"{expected[:3] if expected[0] == 'error' else (expected[1], expected[3])}"
                      f"\n  minigrad: {got[:3] if got[0] == 'error' else (got[1], got[3])}")
    print(f"{args.n - failures} of {args.n} programs agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
