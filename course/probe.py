"""Turning what the learner's code returned into facts: plain values the parent can compare.

Probes run inside the sandboxed child, so they only *describe* objects (type name, numpy copy
of the values, requires_grad, grad_fn name...) and never hand an object itself to the parent:
an object whose ``__eq__`` always says True is just ``{"result.type": "Sneaky"}`` here.

    >>> import minigrad as torch
    >>> value_facts("y", torch.tensor([1.0, 2.0]))["y.type"]
    'Tensor'
"""

from __future__ import annotations

from typing import Any

import numpy as np

import minigrad as torch

Facts = dict[str, Any]


class MissingFunction(Exception):
    """The exercise file does not define the function a task asks for."""


def require(fn: Any, name: str) -> Any:
    if fn is None:
        raise MissingFunction(f"the exercise file defines no `{name}`")
    return fn


def array(t: Any) -> np.ndarray:
    """A private numpy copy of a tensor's values."""
    return np.array(t.detach().numpy(), copy=True)


def type_name(obj: Any) -> str:
    if isinstance(obj, torch.Tensor):
        return "Tensor"
    if isinstance(obj, np.ndarray):
        return "ndarray"
    if isinstance(obj, bool):
        return "bool"
    if isinstance(obj, (int, float, np.integer, np.floating)):
        return "number"
    if obj is None:
        return "None"
    return type(obj).__name__


def value_facts(name: str, obj: Any) -> Facts:
    """``name.type`` and the value of a returned object (its dtype too, for tensors)."""
    kind = type_name(obj)
    facts: Facts = {f"{name}.type": kind}
    if kind == "Tensor":
        facts[name] = array(obj)
        facts[f"{name}.dtype"] = str(obj.dtype)
    elif kind == "ndarray" and obj.dtype.kind in "biuf":
        facts[name] = np.array(obj, copy=True)
    elif kind == "number":
        facts[name] = float(obj)
    elif kind == "bool":
        facts[name] = bool(obj)
    elif isinstance(obj, (list, tuple)) and all(isinstance(s, str) for s in obj):
        facts[f"{name}.type"] = "list of str"
        facts[name] = [str.__str__(s) for s in obj]
    return facts


def grad_value(t: Any) -> np.ndarray | None:
    return None if t.grad is None else array(t.grad)


def grad_fn_name(t: Any) -> str | None:
    return None if t.grad_fn is None else t.grad_fn.name()


def tensor_facts(name: str, obj: Any, *fields: str) -> Facts:
    """``value_facts`` plus graph facts (``requires_grad``, ``is_leaf``, ``grad_fn``, ``grad``)
    of a tensor; for a non-tensor only its type, which already differs from the reference."""
    facts = value_facts(name, obj)
    if not isinstance(obj, torch.Tensor):
        return facts
    for f in fields:
        if f == "requires_grad":
            facts[f"{name}.requires_grad"] = bool(obj.requires_grad)
        elif f == "is_leaf":
            facts[f"{name}.is_leaf"] = bool(obj.is_leaf)
        elif f == "grad_fn":
            facts[f"{name}.grad_fn"] = grad_fn_name(obj)
        elif f == "grad":
            facts[f"{name}.grad"] = grad_value(obj)
        else:
            raise ValueError(f"unknown tensor fact {f!r}")
    return facts


def tensor(values: Any, requires_grad: bool = False, dtype: Any = None) -> Any:
    """A fresh float32 (or ``dtype``) leaf from numpy data: the inputs every probe hands out."""
    return torch.tensor(np.asarray(values).tolist(), dtype=dtype or torch.float32,
                        requires_grad=requires_grad)


def fmt(values: Any) -> str:
    """Compact text for inputs shown in feedback: ``[0.12, -1.5]``."""
    arr = np.asarray(values)
    if arr.ndim == 0:
        return f"{arr.item():.4g}"
    text = np.array2string(arr, precision=3, separator=", ", suppress_small=True,
                           threshold=12, max_line_width=10**6)
    return " ".join(text.split())  # one line, even for matrices
