"""MLP 784-256-10, batch 128, cross-entropy: one SGD training step.

The same step three ways: minigrad, PyTorch (the very same code, `lib` is either module) and
numpy by hand, with the gradients derived on paper. The hand version is the floor for any
numpy-backed engine: everything minigrad spends above it is bookkeeping.

    python -m benchmarks --only mlp
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from .timing import Case, Row, time_cases

LR = 0.01


def make_problem(sizes: tuple[int, ...], batch: int, seed: int = 0) -> dict[str, Any]:
    """Inputs, labels and initial weights as numpy arrays (shared by every contender)."""
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = 1 / np.sqrt(fan_in)
        params.append(rng.uniform(-bound, bound, (fan_out, fan_in)).astype(np.float32))
        params.append(rng.uniform(-bound, bound, fan_out).astype(np.float32))
    return {
        "x": rng.standard_normal((batch, sizes[0]), dtype=np.float32),
        "y": rng.integers(0, sizes[-1], batch),
        "params": params,
    }


def build_model(lib: ModuleType, params: list[np.ndarray]) -> Any:
    """Sequential(Linear, ReLU, Linear, ...) in `lib` (minigrad or torch), weights copied in."""
    layers: list[Any] = []
    for w in params[::2]:
        layers += [lib.nn.Linear(w.shape[1], w.shape[0]), lib.nn.ReLU()]
    model = lib.nn.Sequential(*layers[:-1])
    with lib.no_grad():
        for p, value in zip(model.parameters(), params):
            p.copy_(lib.tensor(value))
    return model


def library_step(lib: ModuleType, problem: dict[str, Any], optimizer: str = "SGD") -> Case:
    """One training step written against the PyTorch API (run by minigrad and by torch)."""
    model = build_model(lib, problem["params"])
    opt = getattr(lib.optim, optimizer)(model.parameters(), lr=LR)
    x, y = lib.tensor(problem["x"]), lib.tensor(problem["y"])
    cross_entropy = lib.nn.functional.cross_entropy

    def step(_: None) -> float:
        opt.zero_grad()
        loss = cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    return Case(step)


def numpy_step(problem: dict[str, Any]) -> Case:
    """The same step by hand: forward, the derived gradients, the SGD update."""
    params = [p.copy() for p in problem["params"]]
    x, y = problem["x"], problem["y"]
    rows = np.arange(len(y))

    def step(_: None) -> float:
        w1, b1, w2, b2 = params  # updated in place below
        h = x @ w1.T + b1
        r = np.maximum(h, 0)
        logits = r @ w2.T + b2
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -log_p[rows, y].mean()
        # d loss / d logits = (softmax - one_hot) / batch
        d_logits = np.exp(log_p)
        d_logits[rows, y] -= 1
        d_logits /= len(y)
        d_r = d_logits @ w2
        d_r *= h > 0
        w2 -= LR * (d_logits.T @ r)
        b2 -= LR * d_logits.sum(axis=0)
        w1 -= LR * (d_r.T @ x)
        b1 -= LR * d_r.sum(axis=0)
        return float(loss)

    return Case(step)


# (layer sizes, batch) of the real run and of the quick one (--quick, the smoke test)
SIZES = {False: ((784, 256, 10), 128), True: ((32, 16, 4), 8)}


def run(minigrad: ModuleType, torch: ModuleType | None, quick: bool) -> list[Row]:
    sizes, batch = SIZES[quick]
    problem = make_problem(sizes, batch)
    cases = {"minigrad": library_step(minigrad, problem), "numpy": numpy_step(problem)}
    if torch is not None:
        cases["torch"] = library_step(torch, problem)
        # The same step with Adam, the optimizer most tutorials use: for information (its
        # exact addcmul_ is emulated in numpy, where PyTorch has a fused multiply-add).
        cases["minigrad adam"] = library_step(minigrad, problem, "Adam")
        cases["torch adam"] = library_step(torch, problem, "Adam")
    # The contenders start from the same weights: their first losses must agree.
    first = {name: case.run(None) for name, case in cases.items()}
    for name, loss in first.items():
        if not np.isclose(loss, first["numpy"], rtol=1e-4):
            raise AssertionError(f"{name}'s loss {loss} differs from numpy's {first['numpy']}")
    times = time_cases(cases, repeat=1 if quick else 41, warmup=0 if quick else 5)
    name = f"mlp_step {'-'.join(map(str, sizes))} b{batch}"
    rows = [Row(name, times["minigrad"], times["numpy"], "numpy", "s", None)]
    if torch is not None:
        rows.append(Row(name, times["minigrad"], times["torch"], "torch", "s", 1.0))
        rows.append(Row(f"{name} adam", times["minigrad adam"], times["torch adam"], "torch",
                        "s", None))
    return rows
