"""Hooks' promises that printed output cannot show: threads, memory, speed paths, lifetimes.

What hooks print and raise is checked against PyTorch by the golden programs core_170-179.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import weakref

import pytest

import minigrad as torch
from minigrad import overrides
from minigrad.autograd import graph_task

G = torch.autograd.graph


def test_plain_programs_run_without_the_saved_tensor_wrappers():
    # saved_hooks.py wraps SavedTensor only once hooks are used: until then backward runs the
    # reading path's SavedTensor as written.
    program = (
        "import minigrad as torch\n"
        "from minigrad.autograd import graph\n"
        "plain = graph.SavedTensor.__init__, graph.SavedTensor.unpack\n"
        "x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
        "(x * x).sum().backward()\n"
        "assert (graph.SavedTensor.__init__, graph.SavedTensor.unpack) == plain\n"
        "with graph.saved_tensors_hooks(lambda t: t, lambda t: t):\n"
        "    pass\n"
        "assert graph.SavedTensor.unpack is not plain[1]\n"
    )
    subprocess.run([sys.executable, "-c", program], check=True)


def test_saved_tensors_hooks_apply_only_in_the_thread_that_entered_them():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    packed_in = []
    entered, done = threading.Event(), threading.Event()

    def other_thread():
        entered.wait()
        (x * x).sum().backward()  # saves x twice, with no hooks in this thread
        done.set()

    worker = threading.Thread(target=other_thread)
    worker.start()
    with G.saved_tensors_hooks(lambda t: packed_in.append(threading.get_ident()) or t,
                               lambda t: t):
        entered.set()
        done.wait()
        (x * 3).exp().sum()
    worker.join()
    assert packed_in == [threading.get_ident()]


def test_a_pack_hook_that_copies_frees_the_intermediate_tensor():
    # The point of the hooks: the node keeps what pack returned, not the tensor.
    x = torch.randn(50, requires_grad=True)
    with G.saved_tensors_hooks(lambda t: t.detach().clone(), lambda t: t):
        middle = x.sin()
        loss = (middle * middle).sum()
    alive = weakref.ref(middle)
    del middle
    gc.collect()
    assert alive() is None
    loss.backward()
    assert torch.allclose(x.grad, 2 * x.sin() * x.cos())


@pytest.mark.parametrize("inplace", ["sin_", "exp_", "tanh_"])
def test_in_place_ops_under_hooks_differentiate_the_old_value(inplace):
    # An in-place op whose node saved its own input keeps a copy of the old value (inplace.py);
    # under saved tensor hooks that copy is packed too, so the gradient is unchanged.
    x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
    getattr(x * 1, inplace)().sum().backward()
    expected, x.grad = x.grad, None
    with G.saved_tensors_hooks(lambda t: t, lambda t: t):
        y = x * 1
        getattr(y, inplace)()
    y.sum().backward()
    assert torch.equal(x.grad, expected)


def test_register_hooks_wants_two_callables():
    y = torch.tensor([1.0], requires_grad=True).pow(2)
    with pytest.raises(TypeError, match="incompatible function arguments"):
        y.grad_fn._raw_saved_self.register_hooks(1, 2)


def test_the_graph_task_is_known_only_during_backward():
    assert graph_task.current_graph_task_id() == -1
    with pytest.raises(RuntimeError, match="only be called during the backward pass"):
        graph_task.will_engine_execute_node(None)
    x = torch.tensor(1.0, requires_grad=True)
    seen = []
    y = x * 2
    y.register_hook(lambda g: seen.append(graph_task.current_graph_task_id()))
    y.backward(retain_graph=True)
    y.backward()
    assert len(seen) == 2 and seen[0] != seen[1] and -1 not in seen


def test_post_accumulate_grad_hooks_run_on_the_reading_path_too():
    # AccumulateGrad has a speed path (fast_paths.py); the hook must not depend on it.
    def scale(t):
        t.grad.mul_(10)

    for readable in (False, True):
        p = torch.tensor([1.0, 2.0], requires_grad=True)
        p.register_post_accumulate_grad_hook(scale)
        if readable:
            with overrides.readable_only():
                (p * 3).sum().backward()
        else:
            (p * 3).sum().backward()
        assert p.grad.tolist() == [30.0, 30.0]


def test_post_accumulate_grad_hooks_outlive_the_graphs_that_used_the_leaf():
    p = torch.tensor(1.0, requires_grad=True)
    calls = []
    p.register_post_accumulate_grad_hook(lambda t: calls.append(t.grad.item()))
    for _ in range(3):  # each graph is freed, with the AccumulateGrad node it reached
        (p * 2).backward()
        gc.collect()
    assert calls == [2.0, 4.0, 6.0]


def test_a_multi_grad_hook_waits_per_backward_call_in_each_thread():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor([3.0, 4.0], requires_grad=True)
    calls = []
    G.register_multi_grad_hook((a, b), lambda grads: calls.append([g.tolist() for g in grads]))
    threads = [threading.Thread(target=lambda: (a * b).sum().backward()) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [[[3.0, 4.0], [1.0, 2.0]]] * 4
