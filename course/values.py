"""Facts of plain values: what a probe says about a returned object that is not a tensor.

A probe runs inside the sandboxed child and only *describes* what the learner's code returned:
its kind, and a private copy of its value where it has one (a number, a numpy array of numbers,
a list of strings). ``course.probe`` adds minigrad's tensors on top of this; ex10, whose engine
is the learner's own, runs where minigrad is not (``course.sandbox``) and uses this alone.

    >>> value_facts("y", 2)
    {'y.type': 'number', 'y': 2.0}
    >>> value_facts("names", ("a", "b"))
    {'names.type': 'list of str', 'names': ['a', 'b']}
"""

from __future__ import annotations

from types import BuiltinFunctionType, FunctionType, MethodType, MethodWrapperType
from typing import Any

import numpy as np

Facts = dict[str, Any]

# The kinds value_facts reports; a learner's own class may not pass itself off as one.
KINDS = ("Tensor", "ndarray", "bool", "number", "None", "list", "list of str", "nn.Module",
         "list of functions")

# Functions and methods themselves, as a list holds them where a call's () was left out
# (names.append(node.name)): "a list" alone did not say what was wrong with it.
UNCALLED = (FunctionType, MethodType, BuiltinFunctionType, MethodWrapperType)


class MissingFunction(Exception):
    """The exercise file does not define the function a task asks for."""


def require(fn: Any, name: str) -> Any:
    if fn is None:
        raise MissingFunction(f"the exercise file defines no `{name}`")
    return fn


def type_name(obj: Any) -> str:
    """The kind of ``obj``, from its type (never from what it says about itself)."""
    if type(obj) is np.ndarray:
        return "ndarray"
    if type(obj) is bool:
        return "bool"
    if issubclass(type(obj), (int, float, np.integer, np.floating)):
        return "number"
    if obj is None:
        return "None"
    name = str.__str__(type(obj).__name__)
    return f"{type(obj).__module__}.{name}" if name in KINDS else name


def value_facts(name: str, obj: Any) -> Facts:
    """``name.type`` and the value of a returned object."""
    kind = type_name(obj)
    facts: Facts = {f"{name}.type": kind}
    if kind == "ndarray" and obj.dtype.kind in "biuf":
        facts[name] = np.array(obj, copy=True)
    elif kind == "number":
        facts[name] = float(obj)
    elif kind == "bool":
        facts[name] = bool(obj)
    elif isinstance(obj, (list, tuple)) and all(isinstance(s, str) for s in obj):
        facts[f"{name}.type"] = "list of str"
        facts[name] = [str.__str__(s) for s in obj]
    elif isinstance(obj, (list, tuple)) and any(type(s) in UNCALLED for s in obj):
        facts[f"{name}.type"] = "list of functions"
    return facts
