"""The backward engine's promises that printed output cannot show: memory, identity, depth."""

from __future__ import annotations

import gc
import math
import threading
import weakref

import numpy as np
import pytest

import minigrad as torch


def _saved_arrays(loss):
    """Weak references to every array the graph of `loss` saved for backward."""
    refs, stack, seen = [], [loss.grad_fn], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        for saved in getattr(node, "_saved", None) or ():
            if saved is not None and hasattr(saved, "tensor"):
                refs.append(weakref.ref(saved.tensor))
        stack.extend(n for n, _ in node.next_functions)
    return refs


def test_saved_tensors_are_released_after_backward():
    x = torch.randn(100, 100, requires_grad=True)
    loss = (x.exp() * x.sin()).tanh().sum()
    intermediates = _saved_arrays(loss)
    assert intermediates
    loss.backward()
    gc.collect()
    alive = [r for r in intermediates if r() is not None and r() is not x]
    assert alive == []
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        loss.backward()


def test_retain_graph_keeps_them_and_gradients_accumulate():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    loss = (x.exp() * 2).sum()
    loss.backward(retain_graph=True)
    loss.backward()
    np.testing.assert_allclose(x.grad.numpy(), 4 * np.exp([1.0, 2.0]), rtol=1e-6)


def test_a_graph_is_freed_by_reference_counting_alone():
    # No reference cycles between tensors, nodes and saved outputs: dropping the last
    # reference frees the graph at once, as in PyTorch (no waiting for the cycle collector).
    gc.disable()
    try:
        x = torch.randn(10, requires_grad=True)
        y = x.exp().sigmoid().sum()
        node = weakref.ref(y.grad_fn)
        del y
        assert node() is None
    finally:
        gc.enable()


def test_nodes_are_keyed_by_identity_not_tensor_equality():
    # Tensors compare elementwise (==), so a graph walk must never put them in a dict or set.
    x = torch.tensor([1.0, 1.0], requires_grad=True)
    a, b = x * 1, x * 1  # equal values, distinct nodes
    (a + b + a).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]


@pytest.mark.parametrize("depth", [100_000])
def test_deep_chains_backpropagate_without_recursion(depth):
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(depth):
        y = y * 1.0
    y.backward()
    assert x.grad.item() == 1.0


def test_grad_mode_is_thread_local():
    seen = []
    with torch.no_grad():
        worker = threading.Thread(target=lambda: seen.append(torch.is_grad_enabled()))
        worker.start()
        worker.join()
        assert not torch.is_grad_enabled()
    assert seen == [True]


def test_version_counter_catches_a_modified_saved_tensor():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    z = (y * y).sum()
    with torch.no_grad():
        y.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        z.backward()


# Without create_graph, ops marked on_arrays run their backward formula on numpy arrays; with
# it, the same formula runs on Tensors. Both must give the very same gradients.
_FORMULAS = {
    "arithmetic": lambda x, w: ((x * w + 2.5) / (w - 7) - x ** 3 + (-x).reciprocal()).sum(),
    "number first": lambda x, w: (2 - x / 3 * w).sum() + (1.5 ** x).sum(),
    "unary": lambda x, w: (x.exp() + x.abs().log() + x.abs().sqrt()).mean()
    + (x.sigmoid() * x.relu().clamp(max=0.5)).sum(),
    "tanh": lambda x, w: x.tanh().mean(),
    "broadcast": lambda x, w: (x * w[0] + w.sum(0, keepdim=True)).mean(dim=1).sum(),
    "shapes": lambda x, w: (x.t() @ w).view(-1).unsqueeze(0).expand(2, -1).sum()
    + x.reshape(3, 2).squeeze().clone().sum(),
    "linear and losses": lambda x, w: torch.nn.functional.cross_entropy(
        torch.nn.functional.linear(x, w, w[0, :2]), torch.tensor([0, 1]))
    + torch.nn.functional.mse_loss(x, w.detach()) + x.log_softmax(1).softmax(0).sum(),
    "float64": lambda x, w: (x.double() * w.double()).sum(),
    # numpy widens an int64 array or a zero-dim float64 one where PyTorch does not
    "atan2 mixed dtypes": lambda x, w: (x.atan2(w) + x.atan2(w[0, 0].double())
                                        + torch.atan2(torch.tensor([1, -2, 3]), x)).sum()
    + torch.atan2(x[0].double(), w).sum(),
}


@pytest.mark.parametrize("name", sorted(_FORMULAS))
def test_formulas_on_arrays_and_on_tensors_agree(name):
    f = _FORMULAS[name]
    torch.manual_seed(0)
    x, w = torch.randn(2, 3, requires_grad=True), torch.randn(2, 3, requires_grad=True)
    on_arrays = torch.autograd.grad(f(x, w), (x, w), allow_unused=True)
    on_tensors = torch.autograd.grad(f(x, w), (x, w), create_graph=True, allow_unused=True)
    for a, t in zip(on_arrays, on_tensors):
        assert (a is None) == (t is None)
        if a is not None:
            assert a.dtype is t.dtype and a.shape == t.shape and not a.requires_grad
            np.testing.assert_array_equal(a.numpy(), t.detach().numpy())


@pytest.mark.parametrize("dtype", [torch.float16, torch.float32, torch.float64])
def test_a_stopped_gradient_is_plus_zero_whatever_arrived(dtype):
    # relu's and clamp's masks zero the gradient by multiplying bit patterns (formulas.py):
    # where the gradient stops it must be +0.0 even if -0.0, -inf or nan arrived, and where it
    # passes every number must come through unchanged, on arrays as on Tensors.
    x = torch.tensor([-1.0, 0.0, -3.0, 2.0, 5.0, 1.0], dtype=dtype, requires_grad=True)
    arrived = torch.tensor([-math.inf, -2.0, -0.0, math.nan, -0.0, -math.inf], dtype=dtype)
    expected = np.array([0.0, 0.0, 0.0, np.nan, -0.0, -np.inf])
    for create_graph in (False, True):
        (grad,) = torch.autograd.grad(x.relu(), x, arrived, create_graph=create_graph)
        got = grad.detach().numpy()
        assert grad.dtype is dtype
        np.testing.assert_array_equal(got, expected)
        np.testing.assert_array_equal(np.signbit(got), np.signbit(expected))


def test_backward_divides_by_zero_silently_as_pytorch_does():
    import warnings

    x = torch.tensor([0.0, 1.0], requires_grad=True)
    loss = (x.sqrt() + x.log()).sum()  # d/dx at 0: 1 / (2 * 0) + 1 / 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy RuntimeWarning would fail the test
        loss.backward()
    assert x.grad.tolist() == [float("inf"), 1.5]


def _copies_made_by_accumulate_grad(run):
    """How many arrays AccumulateGrad copied while `run()` ran (the rest it kept as they were)."""
    import sys

    from minigrad.autograd.graph import AccumulateGrad

    count = [0]

    def profile(frame, event, arg):
        if event == "c_call" and getattr(arg, "__name__", "") == "copy" \
                and frame.f_code is AccumulateGrad._apply.__code__:
            count[0] += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count[0]


def test_a_gradient_nobody_else_holds_becomes_grad_without_a_copy():
    layer = torch.nn.Linear(3, 2)
    x = torch.randn(5, 3)
    assert _copies_made_by_accumulate_grad(lambda: layer(x).sum().backward()) == 0
    assert layer.weight.grad.shape == (2, 3) and layer.weight.grad._data.flags.c_contiguous


def test_a_gradient_someone_else_holds_is_copied():
    a, b = torch.randn(3, requires_grad=True), torch.randn(3, requires_grad=True)
    ((a + b) * 3).backward(torch.ones(3))  # a and b get one and the same array
    assert not np.shares_memory(a.grad.numpy(), b.grad.numpy())
    a.grad.add_(1.0)
    assert b.grad.tolist() == [3.0, 3.0, 3.0]

    kept = []
    x = torch.randn(3, requires_grad=True)
    x.register_hook(kept.append)
    (x * 2).sum().backward()
    assert not np.shares_memory(kept[0].numpy(), x.grad.numpy())

    given = torch.ones(3)
    y = torch.randn(3, requires_grad=True)
    y.backward(given)
    assert not np.shares_memory(given.numpy(), y.grad.numpy())


def test_inf_and_nan_come_silently_as_in_pytorch_and_numpy_elsewhere_still_warns():
    import subprocess
    import sys

    code = ("import minigrad as torch, numpy as np\n"
            "print(torch.log(torch.tensor([0.0, 1.0])) * 0, torch.tensor([3e38]) * 10,\n"
            "      torch.tensor([float('inf')]) - float('inf'), torch.tensor(0.0) / 0)\n"
            "np.array([np.inf]) * 0\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout == "tensor([nan, 0.]) tensor([inf]) tensor([nan]) tensor(nan)\n"
    assert run.stderr.count("RuntimeWarning") == 1  # numpy's own, outside minigrad


def test_views_taken_over_and_over_do_not_pile_up_on_their_base():
    """Every view registers with its base's version counter (autograd/views.py), weakly: a
    weight viewed at each forward pass, or a data tensor indexed row by row, keeps a list of
    about as many entries as it has live views, however many were taken, and a view that is
    gone is not re-taken at the next change."""
    w = torch.ones(8, 4, requires_grad=True)
    data = torch.arange(40.0).reshape(10, 4)
    for _ in range(5000):
        (data[3] @ w.t()).sum()
        for _row in data:
            pass
    kept = [v for v in (ref() for ref in w._version_counter.views) if v is not None]
    assert len(w._version_counter.views) <= 64 and not kept
    assert len(data._version_counter.views) <= 64
    live = w.t()
    with torch.no_grad():
        w.add_(1)  # an optimizer's step: the live view follows it, nothing else is touched
    assert live.grad_fn.name() == "AsStridedBackward0"
    alive = [view for view in (ref() for ref in w._version_counter.views) if view is not None]
    assert len(alive) == 1 and alive[0] is live
