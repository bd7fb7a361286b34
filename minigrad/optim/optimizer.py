"""optim.Optimizer: the base class of SGD and Adam.

An optimizer holds `param_groups` (lists of parameters, each with its own options such as
lr) and `state` (per-parameter buffers such as momentum). `step()` updates the parameters
from their `.grad`; `zero_grad()` clears those gradients (to None by default).

    >>> import minigrad as torch
    >>> w = torch.nn.Parameter(torch.tensor([1.0, -1.0]))
    >>> opt = torch.optim.SGD([w], lr=0.1)
    >>> (w ** 2).sum().backward()
    >>> opt.step()
    >>> w
    Parameter containing:
    tensor([ 0.8000, -0.8000], requires_grad=True)
"""

from __future__ import annotations

import copy
import itertools
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..autograd.grad_mode import enable_grad, no_grad
from ..nn._messages import typename
from ..nn.module import reset_grad
from ..tensor import Tensor

ParamsT = Iterable[Tensor] | Iterable[dict[str, Any]]


class Optimizer:
    """Base class: subclasses pass their defaults and implement `_update(group)`."""

    def __init__(self, params: ParamsT, defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        self.state: defaultdict[Tensor, dict[str, Any]] = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []
        if isinstance(params, Tensor):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or "
                f"dicts, but got {typename(params)}"
            )
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group of parameters; options it does not set come from the defaults."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise TypeError(
                "optimizer parameters need to be organized in ordered collections, but the "
                "ordering of tensors in sets will change between runs. Please use a list "
                "instead."
            )
        param_group["params"] = params = list(params)
        for param in params:
            if not isinstance(param, Tensor):
                raise TypeError(
                    "optimizer can only optimize Tensors, but one of the params is "
                    f"{typename(param)}"
                )
            if not (param.is_leaf or param.retains_grad):
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            param_group.setdefault(name, default)
        if len({id(p) for p in params}) != len(params):
            warnings.warn(
                "optimizer contains a parameter group with duplicate parameters; in future, "
                "this will cause an error; see github.com/pytorch/pytorch/issues/40967 for "
                "more information",
                stacklevel=3,
            )
        known = {id(p) for group in self.param_groups for p in group["params"]}
        if any(id(p) in known for p in params):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Clear every parameter's gradient: to None (the default) or to zeros."""
        for group in self.param_groups:
            for param in group["params"]:
                reset_grad(param, set_to_none)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """Update the parameters once from their gradients; returns closure()'s loss if given."""
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        # The update itself is not part of any graph.
        with no_grad():
            for group in self.param_groups:
                self._update(group)
        return loss

    def _update(self, group: dict[str, Any]) -> None:
        raise NotImplementedError

    @staticmethod
    def _gradients(group: dict[str, Any]) -> Iterator[tuple[Tensor, Tensor]]:
        """(param, grad) for each parameter of the group that has a gradient, the gradient
        negated for maximize=True (the update rules then climb instead of descending)."""
        for param in group["params"]:
            if param.grad is not None:
                yield param, (-param.grad if group["maximize"] else param.grad)

    # --- saving and loading ---------------------------------------------------------------

    def state_dict(self) -> dict[str, Any]:
        """{'state': {index: buffers}, 'param_groups': [options with params as indices]}.

        Parameters are numbered in group order, so a state dict can be loaded into an
        optimizer over other (same-shaped) parameters. Buffers are not copied.
        """
        index_of: dict[int, int] = {}
        groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            for param in group["params"]:
                index_of.setdefault(id(param), len(index_of))
            packed["params"] = [index_of[id(p)] for p in group["params"]]
            groups.append(packed)
        state = {index_of[id(p)]: value for p, value in self.state.items()}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore options and buffers saved by state_dict() into this optimizer's params."""
        saved_groups = copy.deepcopy(state_dict["param_groups"])
        if len(saved_groups) != len(self.param_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        if any(len(mine["params"]) != len(saved["params"])
               for mine, saved in zip(self.param_groups, saved_groups, strict=True)):
            raise ValueError(
                "loaded state dict contains a parameter group that doesn't match the size of "
                "optimizer's group"
            )
        param_of = dict(zip(
            itertools.chain.from_iterable(g["params"] for g in saved_groups),
            itertools.chain.from_iterable(g["params"] for g in self.param_groups),
            strict=True,
        ))
        self.state = defaultdict(dict)
        for index, value in state_dict["state"].items():
            param = param_of[index]
            self.state[param] = {key: _cast_like(param, key, v) for key, v in value.items()}
        for mine, saved in zip(self.param_groups, saved_groups, strict=True):
            saved["params"] = mine["params"]
        self.param_groups = saved_groups

    def __repr__(self) -> str:
        text = type(self).__name__ + " ("
        for index, group in enumerate(self.param_groups):
            text += f"\nParameter Group {index}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"


def _cast_like(param: Tensor, key: str, value: Any) -> Any:
    # Buffers follow the parameter's dtype; the step counter keeps its own.
    if key != "step" and isinstance(value, Tensor) and param.is_floating_point():
        return value.to(param.dtype)
    return value


def check_unsupported(**flags: Any) -> None:
    """Reject implementation switches minigrad does not have (it runs the plain loop)."""
    for name, value in flags.items():
        if value:
            raise NotImplementedError(f"minigrad's optimizers do not support {name}=True")


def check_non_negative(**options: float) -> None:
    """PyTorch's ValueError for an option that must be >= 0: "Invalid learning rate: -1",
    "Invalid epsilon value: -1", "Invalid <name> value: ..." (checked in the order given)."""
    labels = {"lr": "learning rate", "eps": "epsilon value"}
    for name, value in options.items():
        if not 0.0 <= value:
            raise ValueError(f"Invalid {labels.get(name, f'{name} value')}: {value}")

