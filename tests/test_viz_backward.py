"""minigrad.viz.draw_backward: frames in PyTorch's execution order, with the right grads.

The expected orders were recorded from PyTorch 2.13.0 (torch.autograd's engine, observed
with node pre-hooks) on the same programs.
"""

from __future__ import annotations

import math

import pytest

import minigrad as torch
from minigrad.viz import draw_backward
from minigrad.viz.order import execution_order
from minigrad.viz.walk import walk


def steps_of(frames):
    return [(f.node, f.leaf) if f.leaf else f.node for f in frames]


def close(t, expected):
    values = t.tolist()
    values = values if isinstance(values, list) else [values]
    expected = expected if isinstance(expected, list) else [expected]
    return all(math.isclose(a, b, rel_tol=1e-5) for a, b in zip(values, expected, strict=True))


def exp_graph():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    w = torch.tensor(0.5, requires_grad=True)
    a = x * w
    return x, w, a.exp().sum() + (x * x).sum()


def test_frames_follow_pytorch_order():
    x, w, y = exp_graph()
    frames = draw_backward(y, params={"x": x, "w": w})
    assert steps_of(frames) == [
        None, "AddBackward0", "SumBackward0", "MulBackward0", "SumBackward0", "ExpBackward0",
        "MulBackward0", ("AccumulateGrad", "x"), ("AccumulateGrad", "w"),
    ]
    assert [f.step for f in frames] == list(range(9))


def test_ready_leaves_run_in_the_engine_queue_order():
    # Six AccumulateGrads become ready together; torch's std::priority_queue (all have the
    # same sequence number) releases them in this order.
    leaves = {name: torch.tensor(float(i), requires_grad=True) for i, name in enumerate("pqrstu")}
    total = (torch.stack(list(leaves.values())) * 2).sum()
    frames = draw_backward(total, params=leaves)
    assert steps_of(frames)[:4] == [None, "SumBackward0", "MulBackward0", "StackBackward0"]
    assert [f.leaf for f in frames[4:]] == ["p", "r", "u", "t", "q", "s"]


def test_frames_show_the_chain_rule_and_final_grads():
    x, w, y = exp_graph()
    frames = draw_backward(y, params={"x": x, "w": w})
    e = [math.exp(0.5), math.exp(1.0)]
    mul_a = frames[6]  # the MulBackward0 that made a = x * w
    assert close(mul_a.received[0], e)
    grad_x, grad_w = mul_a.sent
    assert close(grad_x, [0.5 * e[0], 0.5 * e[1]]) and close(grad_w, e[0] * 1 + e[1] * 2)
    assert "receives [1.649, 2.718] and sends" in mul_a.caption
    last = frames[-1].leaf_grads
    assert close(last["x"], [0.5 * e[0] + 2, 0.5 * e[1] + 4])
    assert close(last["w"], e[0] + 2 * e[1])
    # Before its AccumulateGrad runs, a leaf shows no grad yet.
    assert frames[6].leaf_grads["x"] is None
    assert "running now" in repr(frames[6].drawing)


def test_callers_grads_are_untouched_and_graph_still_usable():
    x, w, y = exp_graph()
    x.grad = torch.tensor([100.0, 100.0])
    frames = draw_backward(y, params={"x": x, "w": w})
    # The frames show accumulation onto the existing .grad, as backward would do ...
    assert close(frames[-1].leaf_grads["x"], [100 + 0.5 * math.exp(0.5) + 2,
                                              100 + 0.5 * math.exp(1.0) + 4])
    assert "x.grad, which is now" in frames[7].caption
    # ... but nothing happened to the caller's tensors.
    assert close(x.grad, [100.0, 100.0]) and w.grad is None
    y.backward()
    assert close(w.grad, math.exp(0.5) + 2 * math.exp(1.0))


def test_freed_graph_gives_a_clear_error():
    x, w, y = exp_graph()
    y.backward()
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        draw_backward(y)
    assert close(w.grad, math.exp(0.5) + 2 * math.exp(1.0))  # restored after the failure


def test_text_repr_lists_the_steps():
    x = torch.tensor(3.0, requires_grad=True)
    frames = draw_backward(x * x, params={"x": x})
    assert repr(frames) == (
        "step 0/2: backward starts at output with gradient 1 (d out / d out)\n"
        "step 1/2: MulBackward0 receives 1 and sends 3 to AccumulateGrad (x); "
        "3 to AccumulateGrad (x)\n"
        "step 2/2: AccumulateGrad adds 6 into x.grad, which is now 6"
    )


def test_first_step_names_the_seed_after_the_output():
    x = torch.tensor(3.0, requires_grad=True)
    loss = x * x
    frames = draw_backward(loss, params={"x": x, "L": loss})
    assert repr(frames).startswith("step 0/2: backward starts at L with gradient 1 (dL/dL)\n")


def test_max_steps_limits_the_frames():
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(50):
        y = y * 1.0
    frames = draw_backward(y, max_steps=5)
    assert len(frames) == 6
    assert repr(frames).endswith("(stopped after 5 of 51 steps)")


def test_execution_order_of_duck_typed_nodes():
    # Any object with name() / next_functions / _sequence_nr works, no tensor library needed.
    class Node:
        def __init__(self, name, seq, *inputs):
            self._name, self._sequence_nr = name, seq
            self.next_functions = tuple((n, 0) for n in inputs)

        def name(self):
            return self._name

    leaf = Node("AccumulateGrad", 0)
    old = Node("OldBackward0", 1, leaf)
    new = Node("NewBackward0", 2, leaf)
    root = Node("AddBackward0", 3, old, new)
    w = walk([root])
    order = [w.nodes[i].name() for i in execution_order(w, [0])]
    assert order == ["AddBackward0", "NewBackward0", "OldBackward0", "AccumulateGrad"]


def test_retained_grad_of_a_named_intermediate_is_restored():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    a = x * 2
    a.retain_grad()
    y = (a * a).sum()
    draw_backward(y, params={"x": x, "a": a})
    assert a.grad is None and x.grad is None
