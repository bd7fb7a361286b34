"""Named overrides: where minigrad departs from the reading path's code, and why.

The reading path (docs/minigrad.md) writes each operation once, plainly. Two kinds of code
replace parts of it (an attribute of a class, or a function of a module) at import time, each
through `override`, which keeps the readable version so that tests can run both and check
that they agree (tests/test_overrides.py):

    speed    the same numbers, computed faster (fast_paths.py: Op.apply and the backward loop
             with their calls inlined; backward formulas on numpy arrays when no graph of the
             backward is recorded, gradients passed between nodes as arrays; 0-d arithmetic
             on numpy scalars; AccumulateGrad keeping an unshared gradient instead of copying
             it; matrix gradients in the weight's layout; x + alpha * y by numpy's BLAS axpy,
             blas.py; log_softmax's row max down a transposed copy's columns)
    parity   PyTorch's own way where it differs in a corner (parity.py: (-0.0) ** -0.5 is
             -inf, second derivatives through relu record ThresholdBackwardBackward0...)

    >>> import minigrad as torch
    >>> from minigrad import overrides
    >>> x = torch.tensor([-1.0, 2.0], requires_grad=True)
    >>> with overrides.readable_only():
    ...     x.relu().sum().backward()    # ReluBackward0's formula as ops/unary.py writes it
    >>> x.grad
    tensor([0., 1.])

A layer put around an attribute afterwards (breadth/numpy_keywords.py's NumPy keyword names,
out.py's `out=`, the argument checks of tensor_arguments.py, missing_arguments.py,
int_arguments.py and overloads.py) goes through `wrap`, which puts it around every version the
overrides give that attribute, so it stays in place whichever version readable_only() swaps in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FunctionType, ModuleType
from typing import Any

_MISSING = object()
# (class or module, attribute, the reading path's value or _MISSING if inherited, the
# override, kind); both values inside the layers `wrap` put around the attribute
installed: list[tuple[type | ModuleType, str, Any, Any, str]] = []
# (class or module, attribute) -> the layers wrapped around it (wrap), innermost first
layers: dict[tuple[type | ModuleType, str], list[Callable[[Any], Any]]] = {}


def override(cls: type | ModuleType, attribute: str, kind: str, *, outermost: bool = False
             ) -> Callable[[Any], Any]:
    """Decorator: the decorated function replaces `cls.<attribute>` ("speed" or "parity").

    `cls` may be a module: its functions look up the module's other functions when called,
    so replacing one there (engine.run_backward, arithmetic._binary) reaches every caller.
    The layers `wrap` put around the attribute go around the replacement too, unless it is
    `outermost`: one that hands every call it does not finish to what it replaces, layers
    and all (fast_paths.install_methods' x.sum()), and would only pay for them twice.
    """

    def install(replacement: Any) -> Any:
        if isinstance(cls, type) and isinstance(replacement, FunctionType):
            # Python's errors name it by this: "ReLU.forward() takes 2 positional arguments"
            replacement.__qualname__ = f"{cls.__qualname__}.{attribute}"
        layered = replacement
        for layer in () if outermost else layers.get((cls, attribute), ()):
            layered = layer(layered)  # (those wrapped around what it replaces)
        installed.append((cls, attribute, cls.__dict__.get(attribute, _MISSING), layered, kind))
        setattr(cls, attribute, layered)
        return replacement

    return install


def wrap(cls: type | ModuleType, attribute: str, layer: Callable[[Any], Any]) -> None:
    """`cls.<attribute> = layer(cls.<attribute>)`, and the same layer around every value the
    overrides give it (the reading path's and each override's, before or after): an outer
    layer (NumPy's keyword names, breadth/numpy_keywords.py) stays in place inside
    readable_only(), which swaps what is under it. `layer` must return a value it cannot wrap
    as it is."""
    layer = once_each(layer, {})  # (the reading path's value may be an override's too)
    layers.setdefault((cls, attribute), []).append(layer)
    for i, (owner, name, readable, replacement, kind) in enumerate(installed):
        if owner is cls and name == attribute:
            readable = readable if readable is _MISSING else layer(readable)
            installed[i] = (owner, name, readable, layer(replacement), kind)
    setattr(cls, attribute, layer(cls.__dict__[attribute]))


def once_each(layer: Callable[[Any], Any], made: dict[int, tuple[Any, Any]]
              ) -> Callable[[Any], Any]:
    """`layer`, run once for each value: `made` (id -> the value and its wrapped version)
    hands the version made already to whoever wraps the same value again, so that an alias
    wrapped with the same `made` (torch.concat of torch.cat) gets the same wrapper."""

    def wrapped(value: Any) -> Any:
        if id(value) not in made:
            made[id(value)] = (value, layer(value))  # (the value kept: its id stays its own)
        return made[id(value)][1]

    return wrapped


@contextmanager
def readable_only(kinds: tuple[str, ...] = ("speed", "parity")) -> Iterator[None]:
    """Run the reading path's code: the overrides of these kinds are undone inside the block."""
    undone = [entry for entry in reversed(installed) if entry[4] in kinds]
    for cls, attribute, readable, _, _ in undone:
        if readable is _MISSING:
            delattr(cls, attribute)
        else:
            setattr(cls, attribute, readable)
    try:
        yield
    finally:
        for cls, attribute, _, replacement, _ in reversed(undone):
            setattr(cls, attribute, replacement)
