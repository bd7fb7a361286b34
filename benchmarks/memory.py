"""Memory: a no_grad forward allocates what numpy's does; backward frees the saved arrays.

Both use tracemalloc, which sees numpy's array buffers.

- Peak: the forward of the 784-256-10 MLP on a batch of 4096 under no_grad, against the same
  forward in plain numpy. Nothing is recorded, so nothing beyond numpy's own temporaries
  should be alive.
- Release: a training forward + backward (no retain_graph), the loss and so its graph kept
  alive. The arrays the graph saved for backward must be gone: traced memory returns to
  within 5% of what it was before the forward.

    python -m benchmarks --only memory
"""

from __future__ import annotations

import gc
import tracemalloc
from types import ModuleType

import numpy as np

from .mlp import build_model, make_problem
from .timing import Row, peak_traced_bytes


def numpy_forward(x: np.ndarray, params: list[np.ndarray]) -> np.ndarray:
    w1, b1, w2, b2 = params
    return np.maximum(x @ w1.T + b1, 0) @ w2.T + b2


def forward_peak(minigrad: ModuleType, quick: bool) -> Row:
    batch = 64 if quick else 4096
    problem = make_problem((784, 256, 10), batch)
    model = build_model(minigrad, problem["params"])
    x = minigrad.tensor(problem["x"])

    def forward() -> object:
        with minigrad.no_grad():
            return model(x)

    peak = peak_traced_bytes(forward)
    floor = peak_traced_bytes(lambda: numpy_forward(problem["x"], problem["params"]))
    return Row(f"no_grad forward b{batch} peak", peak, floor, "numpy", "B", 1.2)


def released_after_backward(minigrad: ModuleType, quick: bool) -> Row:
    gc.collect()
    tracemalloc.start()
    try:
        problem = make_problem((784, 256, 10), 64 if quick else 4096)
        model = build_model(minigrad, problem["params"])
        x, y = minigrad.tensor(problem["x"]), minigrad.tensor(problem["y"])
        loss_fn = minigrad.nn.functional.cross_entropy
        loss_fn(model(x), y).backward()  # the .grad arrays exist from here on
        del problem
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        loss = loss_fn(model(x), y)
        loss.backward()
        after = tracemalloc.get_traced_memory()[0]
        del loss  # kept alive until now: its graph must not be what holds memory
    finally:
        tracemalloc.stop()
    return Row("after backward (graph alive)", after, before, "before fwd", "B", 1.05)


def run(minigrad: ModuleType, quick: bool) -> list[Row]:
    return [forward_peak(minigrad, quick), released_after_backward(minigrad, quick)]
