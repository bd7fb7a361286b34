"""micrograd's demo: MLP(2, [16, 16, 1]) on 100 "moons" points, SVM loss, one SGD step.

micrograd computes it one scalar at a time; minigrad and PyTorch with a 100-row batch, as a
minigrad user writes it. The target: no slower than PyTorch's eager mode on the same step
(micrograd's time is shown for scale: the point of tensors).

    python -m benchmarks --only demo
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

from .timing import Case, Row, time_cases

ALPHA = 1e-4  # the demo's L2 regularisation strength
LR = 0.1


def make_moons(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles with noise (sklearn's make_moons), labels -1 and +1."""
    rng = np.random.default_rng(seed)
    top, bottom = n // 2, n - n // 2
    angles = np.concatenate([np.linspace(0, np.pi, top), np.linspace(0, np.pi, bottom)])
    x = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    x[top:] = 1 - x[top:] - [0, 0.5]
    x += rng.normal(scale=0.1, size=x.shape)
    y = np.concatenate([-np.ones(top), np.ones(bottom)])
    return x.astype(np.float32), y.astype(np.float32)


def library_step(lib: ModuleType, x: np.ndarray, y: np.ndarray) -> Case:
    """The demo's step on a batch, written against the PyTorch API."""
    nn = lib.nn
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(),
                          nn.Linear(16, 1))
    params = list(model.parameters())
    opt = lib.optim.SGD(params, lr=LR)
    inputs, labels = lib.tensor(x), lib.tensor(y)

    def step(_: None) -> None:
        scores = model(inputs).squeeze(1)
        data_loss = (1 - labels * scores).relu().mean()
        reg_loss = ALPHA * sum((p * p).sum() for p in params)
        opt.zero_grad()
        (data_loss + reg_loss).backward()
        opt.step()

    return Case(step)


def numpy_step(x: np.ndarray, y: np.ndarray) -> Case:
    """The same batched step by hand: forward, the derived gradients, the SGD update."""
    rng = np.random.default_rng(0)
    sizes = (2, 16, 16, 1)
    params = [a for fan_in, fan_out in zip(sizes[:-1], sizes[1:])
              for a in (rng.uniform(-1, 1, (fan_out, fan_in)).astype(np.float32),
                        np.zeros(fan_out, np.float32))]

    def step(_: None) -> None:
        w1, b1, w2, b2, w3, b3 = params  # updated in place below
        h1 = x @ w1.T + b1
        r1 = np.maximum(h1, 0)
        h2 = r1 @ w2.T + b2
        r2 = np.maximum(h2, 0)
        scores = (r2 @ w3.T + b3)[:, 0]
        margins = 1 - y * scores
        # loss = mean(relu(margins)) + ALPHA * sum of squared parameters
        d_scores = (-y * (margins > 0) / len(y))[:, None]
        d_r2 = d_scores @ w3
        d_r2 *= h2 > 0
        d_r1 = d_r2 @ w2
        d_r1 *= h1 > 0
        grads = (d_r1.T @ x, d_r1.sum(0), d_r2.T @ r1, d_r2.sum(0), d_scores.T @ r2,
                 d_scores.sum(0))
        for p, g in zip(params, grads):
            p -= LR * (g + 2 * ALPHA * p)

    return Case(step)


def micrograd_step(micrograd: ModuleType, x: np.ndarray, y: np.ndarray) -> Case:
    """The demo's own code (its loss() and update), one Value per number."""
    model = micrograd.MLP(2, [16, 16, 1])
    rows, labels = x.tolist(), y.tolist()

    def step(_: None) -> None:
        inputs = [list(map(micrograd.Value, row)) for row in rows]
        scores = list(map(model, inputs))
        losses = [(1 + -yi * si).relu() for yi, si in zip(labels, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = ALPHA * sum(p * p for p in model.parameters())
        total = data_loss + reg_loss
        model.zero_grad()
        total.backward()
        for p in model.parameters():
            p.data -= LR * p.grad

    return Case(step)


POINTS = {False: 100, True: 10}  # the demo's data set, and the quick run's


def run(minigrad: ModuleType, torch: ModuleType | None, micrograd: ModuleType | None,
        quick: bool) -> list[Row]:
    x, y = make_moons(POINTS[quick])
    cases = {"minigrad": library_step(minigrad, x, y), "numpy": numpy_step(x, y)}
    if torch is not None:
        cases["torch"] = library_step(torch, x, y)
    if micrograd is not None:
        cases["micrograd"] = micrograd_step(micrograd, x, y)
    times = time_cases(cases, repeat=1 if quick else 15, warmup=0 if quick else 2)
    name = f"micrograd_demo {len(x)} points step"
    rows = [Row(name, times["minigrad"], times["numpy"], "numpy", "s", None)]
    if torch is not None:
        rows.append(Row(name, times["minigrad"], times["torch"], "torch", "s", 1.0))
    if micrograd is not None:
        rows.append(Row(name, times["minigrad"], times["micrograd"], "micrograd", "s", None))
    return rows
