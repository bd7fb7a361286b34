"""Comparing facts: the reference's against the learner's, with a tolerance, in words.

Every difference is reported as one line naming the case (its inputs), the fact (a value, a
gradient, a graph property) and expected vs got, e.g.

    >>> import numpy as np
    >>> compare_facts({"x.grad": np.array([1.0, 2.0])}, {"x.grad": np.array([1.0, 2.5])})
    'x.grad: expected [1., 2.], got [1. , 2.5] (largest difference at index 1: 2 vs 2.5)'
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

Facts = dict[str, Any]

_HINTS = {
    ("number", "Tensor"): " (use .item() to get a Python number)",
    ("ndarray", "Tensor"): " (use .detach().numpy())",
    ("Tensor", "ndarray"): " (return the tensor, not its numpy array)",
}
_ARTICLES = {"None": "None", "list of str": "a list of str", "Tensor": "a Tensor",
             "ndarray": "a numpy array", "number": "a number", "bool": "a bool",
             "list": "a list", "nn.Module": "an nn.Module"}


def short(value: Any, width: int = 80) -> str:
    """A one-line, length-capped text for anything (learner values can be huge)."""
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=4, separator=", ", threshold=8,
                               max_line_width=10**6)
    elif isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _kind(value: Any) -> str:
    return _ARTICLES.get(value, f"an object of type {short(value, 40)}")


def _diff_arrays(key: str, exp: np.ndarray, got: Any, rtol: float, atol: float) -> str | None:
    if not isinstance(got, np.ndarray):
        return f"{key}: expected an array of shape {exp.shape}, got {short(got)}"
    if got.shape != exp.shape:
        return f"{key}: expected shape {tuple(exp.shape)}, got shape {tuple(got.shape)}"
    if exp.dtype.kind == "b" or got.dtype.kind not in "biuf":
        if got.dtype == exp.dtype and np.array_equal(exp, got):
            return None
        return f"{key}: expected {short(exp)}, got {short(got)}"
    e, g = exp.astype(np.float64), got.astype(np.float64)
    close = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    err = np.where(close, 0.0, np.nan_to_num(np.abs(g - e), nan=np.inf, posinf=np.inf))
    idx = np.unravel_index(int(np.argmax(err)), err.shape)
    where = idx[0] if len(idx) == 1 else tuple(int(i) for i in idx)
    return (f"{key}: expected {short(exp)}, got {short(got)} "
            f"(largest difference at index {where}: {e[idx]:.6g} vs {g[idx]:.6g})")


def diff(key: str, exp: Any, got: Any, rtol: float = 1e-4, atol: float = 1e-5) -> str | None:
    """One line saying how ``got`` differs from ``exp`` for fact ``key``, or None if equal."""
    if key.endswith(".type"):
        if exp == got:
            return None
        name = key[: -len(".type")]
        hint = _HINTS.get((exp, got), "") if isinstance(got, str) else ""
        return f"{name}: expected {_kind(exp)}, got {_kind(got)}{hint}"
    if isinstance(exp, np.ndarray):
        return _diff_arrays(key, exp, got, rtol, atol)
    if isinstance(exp, float):
        if isinstance(got, (int, float)) and not isinstance(got, bool):
            if math.isclose(got, exp, rel_tol=rtol, abs_tol=atol) or (
                    math.isnan(exp) and math.isnan(got)):
                return None
            return f"{key}: expected {exp:.6g}, got {got:.6g}"
        return f"{key}: expected {exp:.6g}, got {short(got)}"
    if type(got) is type(exp) and got == exp:
        return None
    return f"{key}: expected {short(exp)}, got {short(got)}"


def compare_facts(expected: Facts, got: Any, rtol: float = 1e-4, atol: float = 1e-5
                  ) -> str | None:
    """The first fact (in the reference's order) that differs, or None when all agree."""
    if not isinstance(got, dict):
        return "the task's results are malformed"
    for key, exp in expected.items():
        if key not in got:
            return f"{key}: missing"
        message = diff(key, exp, got[key], rtol, atol)
        if message:
            return message
    return None


def describe_error(error: Any) -> str:
    """A learner-facing sentence for an exception record from the child."""
    if not isinstance(error, dict):
        return "failed in an unknown way"
    kind, message = str(error.get("type", "?")), " ".join(str(error.get("message", "")).split())
    message = message if len(message) <= 300 else message[:297] + "..."
    if kind == "SystemExit":
        return f"called sys.exit({message}); exercises must return their result instead"
    if kind == "MemoryError":
        return "ran out of memory (the memory limit was reached)"
    if kind == "MissingFunction":
        return message
    if error.get("errno") == 27:  # EFBIG: the output file hit its size limit
        return "printed too much output (the output limit was reached)"
    where = error.get("line")
    at = ""
    if isinstance(where, list) and len(where) == 2:
        at = f" (line {where[0]}: {' '.join(str(where[1]).split())[:120]})"
    return (f"raised {kind}: {message}" if message else f"raised {kind}") + at


def same_error(exp: dict[str, Any], got: Any) -> bool:
    """Same exception type and message (where it was raised does not matter)."""
    return (isinstance(got, dict) and got.get("type") == exp.get("type")
            and got.get("message") == exp.get("message"))


def compare_case(exp: dict[str, Any], got: Any, rtol: float, atol: float) -> str | None:
    """Compare one case's outcomes: each is ``{"facts": ...}`` or ``{"error": ...}``."""
    if not isinstance(got, dict):
        return "the task's results are malformed"
    if "error" in exp:
        if same_error(exp["error"], got.get("error")):
            return None
        return "the outcome differs"
    if "error" in got:
        return describe_error(got["error"])
    return compare_facts(exp.get("facts", {}), got.get("facts"), rtol, atol)
