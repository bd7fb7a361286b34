"""Anomaly detection: find the forward operation behind a failing or nan-producing backward.

    >>> import minigrad as torch
    >>> x = torch.tensor([0.0], requires_grad=True)
    >>> with torch.autograd.set_detect_anomaly(True):
    ...     y = x.sqrt() * 0
    ...     y.sum().backward()  # doctest: +SKIP
    RuntimeError: Function 'SqrtBackward0' returned nan values in its 0th output.

While it is on, every recorded node keeps the stack of the forward call that made it; when
backward fails in a node, a warning shows that stack. With check_nan, a node whose gradient
comes out nan stops backward with an error naming it. It slows everything down: debug only.
"""

from __future__ import annotations

import os
import traceback
import warnings
import weakref
from typing import Any

_enabled = False
_check_nan = True
# node -> the stack of its forward call (nodes are keyed by identity, and freed with the graph)
_forward_stacks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# engine.call_function and Node._init_node while they are wrapped (_set)
_unchecked_call_function: Any = None
_unrecorded_init_node: Any = None


def is_anomaly_enabled() -> bool:
    return _enabled


def is_anomaly_check_nan_enabled() -> bool:
    return _check_nan


def _set(mode: bool, check_nan: bool) -> None:
    global _enabled, _check_nan, _unchecked_call_function, _unrecorded_init_node
    _enabled, _check_nan = mode, check_nan
    from . import engine  # (here: engine imports graph.py, which imports this file)
    from .graph import Node

    # Every recorded node goes through Node._init_node (fast_paths.py's copy of it checks
    # _enabled itself), every node a backward runs through engine.call_function (fast_paths.py's
    # loop sends them there while this is on): wrapped while on only, so free when off.
    if mode and engine.call_function is not call_function:
        _unchecked_call_function, _unrecorded_init_node = engine.call_function, Node._init_node
        engine.call_function, Node._init_node = call_function, _init_node
    elif not mode and engine.call_function is call_function:
        engine.call_function, Node._init_node = _unchecked_call_function, _unrecorded_init_node


def _init_node(node: Any, next_functions: tuple) -> None:
    """Node._init_node, and the node remembers where its forward call ran."""
    _unrecorded_init_node(node, next_functions)
    record_forward(node)


def call_function(node: Any, grads: list, retain_graph: bool) -> tuple:
    """engine.call_function, as PyTorch's evaluate_function runs it in anomaly mode: a
    failure anywhere in the node's step (its hooks too) shows the node's forward stack, and
    with check_nan its gradients, after its post hooks, must not be nan."""
    try:
        grad_inputs = _unchecked_call_function(node, grads, retain_graph)
        if _check_nan:
            check_nan(node, grad_inputs)
    except Exception:
        report_error(node)
        raise
    return grad_inputs


class set_detect_anomaly:  # noqa: N801 - PyTorch's name
    """Turn anomaly detection on or off: at once when called, or for a with-block."""

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self._previous = (_enabled, _check_nan)
        _set(mode, check_nan)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        _set(*self._previous)


class detect_anomaly:  # noqa: N801
    """A with-block (or decorator) with anomaly detection on."""

    def __init__(self, check_nan: bool = True) -> None:
        self._check_nan = check_nan
        warnings.warn("Anomaly Detection has been enabled. This mode will increase the runtime "
                      "and should only be enabled for debugging.", UserWarning, stacklevel=2)

    def __enter__(self) -> None:
        self._previous = (_enabled, _check_nan)
        _set(True, self._check_nan)

    def __exit__(self, *exc: object) -> None:
        _set(*self._previous)


def record_forward(node: Any) -> None:
    """Remember where (in the user's code) `node` was created."""
    frames = [f for f in traceback.extract_stack()[:-2] if not f.filename.startswith(_PACKAGE)]
    _forward_stacks[node] = "".join(traceback.format_list(frames))


def report_error(node: Any) -> None:
    stack = _forward_stacks.get(node)
    if stack is not None:
        warnings.warn(f"Error detected in {node.name()}. Traceback of forward call that caused "
                      f"the error:\n{stack}", UserWarning, stacklevel=2)


def check_nan(node: Any, grads: tuple) -> None:
    for i, g in enumerate(grads):
        if g is not None and g._data.dtype.kind == "f" and bool((g._data != g._data).any()):
            raise RuntimeError(f"Function '{node.name()}' returned nan values in its {i}th "
                               "output.")
