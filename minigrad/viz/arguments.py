"""Read the ``output`` and ``params`` arguments that draw and draw_backward accept.

``output``: one tensor, a list/tuple of tensors, or a dict ``{name: tensor}``.
``params``: a dict ``{name: tensor}``, an iterable of ``(name, tensor)`` pairs such as
``model.named_parameters()``, or a module (its ``named_parameters()`` are used). Any tensor
may be named this way: leaves, intermediates, outputs.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz.arguments import named_outputs
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> [name for name, _ in named_outputs(x * 3, [("x", x)])]
    ['output']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .labels import is_tensor


def named_params(params: Any) -> list[tuple[str, Any]]:
    """``params`` as a list of (name, tensor)."""
    if params is None:
        return []
    if hasattr(params, "named_parameters"):
        params = params.named_parameters()
    items = params.items() if isinstance(params, Mapping) else params
    return [(str(name), t) for name, t in items]


def named_outputs(output: Any, named: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """``output`` as a list of (name, tensor); unnamed outputs are called "output"."""
    if isinstance(output, Mapping):
        return [(str(name), t) for name, t in output.items()]
    tensors = [output] if is_tensor(output) else list(output)
    by_id = {id(t): name for name, t in named}
    if len(tensors) == 1:
        return [(by_id.get(id(tensors[0]), "output"), tensors[0])]
    return [(by_id.get(id(t), f"output {k}"), t) for k, t in enumerate(tensors)]
