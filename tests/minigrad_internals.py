"""The minigrad internals that red-team attack files replace by name (ex05's memos of y's steps,
its record of the running call rewritten). Renamed, an attack's own code raises inside the
learner's function, which then scores 0 for that reason alone: its test would pass without
attacking anything. Each such test first asserts here that what it relies on is still there."""

import minigrad as torch
from minigrad.autograd import graph_task


def assert_node_steps() -> None:
    """Red team 23's memos: a node class's `_apply_arrays` (closing over `formula`), `_apply`
    and `backward`, and a node's `_saved`."""
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    node = (x.exp() * x).sum().grad_fn
    for name in ("_apply_arrays", "_apply", "backward"):
        assert callable(getattr(type(node), name, None)), f"minigrad's nodes have no {name}"
    freevars = type(node)._apply_arrays.__code__.co_freevars
    assert "formula" in freevars, f"_apply_arrays closes over {freevars}, not formula"
    assert hasattr(node, "_saved"), "minigrad's nodes keep no _saved"


def assert_running_record() -> None:
    """Red team 22's rewrite: the running call's record, `graph_task._state.tasks[-1]`, and its
    `_will_run`, reached from a hook put first in a leaf's `_backward_hooks`."""
    x = torch.tensor(1.0, requires_grad=True)
    x.register_hook(lambda grad: None)  # (the probe's: ex05's x has hooks before the attack)
    assert isinstance(x._backward_hooks, list), "a leaf's hooks are no list _backward_hooks"
    running = []
    x._backward_hooks.insert(0, lambda grad: running.extend(graph_task._state.tasks[-1:]))
    (x * 2).backward()
    assert running and hasattr(running[0], "_will_run"), "no running call's _will_run"
