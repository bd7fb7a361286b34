"""Containers: Sequential (modules applied one after another), ModuleList and ModuleDict, and
ParameterList and ParameterDict for parameters.

A container registers its modules as children, so their parameters are the container's
(model.parameters() finds them, state_dict names them "0.weight", "encoder.bias"...). A plain
Python list or dict of modules would hide them from the optimizer.

    >>> import minigrad as torch
    >>> model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU())
    >>> model
    Sequential(
      (0): Linear(in_features=2, out_features=3, bias=True)
      (1): ReLU()
    )
    >>> layers = torch.nn.ModuleList(torch.nn.Linear(3, 3) for _ in range(4))
    >>> layers
    ModuleList(
      (0-3): 4 x Linear(in_features=3, out_features=3, bias=True)
    )
    >>> len(list(layers.parameters()))
    8
"""

from __future__ import annotations

import operator
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ..tensor import Tensor
from ._messages import typename
from .module import Module, _addindent
from .parameter import Parameter


class _NumberedModules(Module):
    """Children named "0", "1", ...: the list-like behaviour Sequential and ModuleList share."""

    def _index(self, idx: int) -> int:
        idx = operator.index(idx)  # model["0"]: PyTorch's TypeError, as PyTorch calls it too
        size = len(self)
        if not -size <= idx < size:
            raise IndexError(f"index {idx} is out of range")
        return idx % size

    def _sliced(self, idx: slice) -> Any:
        raise NotImplementedError

    def __getitem__(self, idx: int | slice) -> Any:
        if isinstance(idx, slice):
            return self._sliced(idx)
        return list(self._modules.values())[self._index(idx)]

    def __setitem__(self, idx: int, module: Module) -> None:
        key = list(self._modules)[self._index(idx)]
        setattr(self, key, module)

    def __delitem__(self, idx: int | slice) -> None:
        keys = list(self._modules)
        for key in keys[idx] if isinstance(idx, slice) else [keys[self._index(idx)]]:
            delattr(self, key)
        self._renumber(list(self._modules.values()))

    def _renumber(self, modules: list) -> None:
        """Name the children 0, 1, ... again, so indices and names agree."""
        self._modules.clear()
        for index, module in enumerate(modules):
            self._modules[str(index)] = module

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def append(self, module: Module) -> Any:
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules: Iterable[Module]) -> Any:
        for module in modules:
            self.append(module)
        return self


class Sequential(_NumberedModules):
    """Runs its children in order, each on the previous one's output.

    Children are named "0", "1", ... (or by the keys of an OrderedDict argument), which is
    where state_dict names such as "0.weight" come from.
    """

    def __init__(self, *args: Module) -> None:
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for name, module in args[0].items():
                self.add_module(name, module)
        else:
            self.extend(args)

    def _sliced(self, idx: slice) -> Sequential:
        return type(self)(OrderedDict(list(self._modules.items())[idx]))

    def forward(self, input: Any) -> Any:
        for module in self:
            input = module(input)
        return input


class ModuleList(_NumberedModules):
    """A list of modules, registered as children. It has no forward: the model that holds it
    decides how to use them (a loop over layers, say)."""

    def __init__(self, modules: Iterable[Module] | None = None) -> None:
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def _sliced(self, idx: slice) -> ModuleList:
        return type(self)(list(self._modules.values())[idx])

    def insert(self, index: int, module: Module) -> None:
        modules = list(self._modules.values())
        modules.insert(index, module)
        self.add_module(str(len(self)), module)  # checks that it is a module
        self._renumber(modules)

    def __add__(self, other: Iterable[Module]) -> ModuleList:
        return ModuleList([*self, *other])

    def __iadd__(self, other: Iterable[Module]) -> ModuleList:
        return self.extend(other)

    def _child_lines(self) -> list[str]:
        # Runs of identical modules print once, as "(0-2): 3 x Linear(...)" (PyTorch 2.x).
        lines: list[str] = []
        reprs = [repr(module) for module in self]
        start = 0
        for end in range(1, len(reprs) + 1):
            if end == len(reprs) or reprs[end] != reprs[start]:
                text = _addindent(reprs[start], 2)
                count = end - start
                lines.append(f"({start}): {text}" if count == 1
                             else f"({start}-{end - 1}): {count} x {text}")
                start = end
        return lines


class ModuleDict(Module):
    """A dict of modules by name, registered as children (in insertion order)."""

    def __init__(self, modules: Mapping[str, Module] | Iterable | None = None) -> None:
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key: str) -> Module:
        return self._modules[key]

    def __setitem__(self, key: str, module: Module) -> None:
        self.add_module(key, module)

    def __delitem__(self, key: str) -> None:
        del self._modules[key]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __contains__(self, key: object) -> bool:
        return key in self._modules

    def keys(self) -> Iterable[str]:
        return self._modules.keys()

    def values(self) -> Iterable[Module]:
        return self._modules.values()

    def items(self) -> Iterable[tuple[str, Module]]:
        return self._modules.items()

    def clear(self) -> None:
        self._modules.clear()

    def pop(self, key: str) -> Module:
        module = self[key]
        del self[key]
        return module

    def update(self, modules: Mapping[str, Module] | Iterable) -> None:
        """Add (or replace) modules from a mapping or from (name, module) pairs."""
        pairs = modules.items() if isinstance(modules, Mapping) else modules
        for pair in pairs:
            name, module = pair
            self[name] = module


def _as_parameter(value: Any) -> Any:
    """What a parameter container stores: a plain tensor becomes a Parameter (a leaf that
    requires grad), as in PyTorch; a Parameter, or any other object, is kept as it is."""
    if isinstance(value, Tensor) and not isinstance(value, Parameter):
        return Parameter(value)
    return value


def _describe(value: Any, type_name: Callable[[Tensor], str]) -> str:
    """How a parameter container prints one entry: 'Parameter containing: [<type> of size 2x3]'."""
    if not isinstance(value, Tensor):
        return f"Object of type: {type(value).__name__}"
    kind = "Parameter" if isinstance(value, Parameter) else "Tensor"
    size = "x".join(str(n) for n in value.shape)
    return f"{kind} containing: [{type_name(value)} of size {size}]"


class ParameterList(Module):
    """A list of parameters, registered (as "0", "1", ...) so that optimizers find them."""

    def __init__(self, values: Iterable[Any] | None = None) -> None:
        super().__init__()
        self._size = 0
        if values is not None:
            self.extend(values)

    def _index(self, idx: int) -> int:
        idx = operator.index(idx)
        if not -self._size <= idx < self._size:
            raise IndexError(f"index {idx} is out of range")
        return idx % self._size

    def __getitem__(self, idx: int | slice) -> Any:
        if isinstance(idx, slice):
            return type(self)([self[i] for i in range(self._size)[idx]])
        return getattr(self, str(self._index(idx)))

    def __setitem__(self, idx: int, value: Any) -> None:
        setattr(self, str(self._index(idx)), _as_parameter(value))

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(self._size))

    def __iadd__(self, values: Iterable[Any]) -> ParameterList:
        return self.extend(values)

    def append(self, value: Any) -> ParameterList:
        self._size += 1
        self[self._size - 1] = value
        return self

    def extend(self, values: Iterable[Any]) -> ParameterList:
        for value in values:
            self.append(value)
        return self

    def extra_repr(self) -> str:
        return "\n".join(f"  ({i}): {_describe(value, lambda t: str(t.dtype))}"
                         for i, value in enumerate(self))


class ParameterDict(Module):
    """A dict of parameters by name (in insertion order), registered so optimizers find them."""

    def __init__(self, parameters: Mapping[str, Any] | Iterable | None = None) -> None:
        super().__init__()
        self._keys: dict[str, None] = {}
        if parameters is not None:
            self.update(parameters)

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)  # (a missing key is an AttributeError, as in PyTorch)

    def __setitem__(self, key: str, value: Any) -> None:
        self._keys[key] = None
        setattr(self, key, _as_parameter(value))

    def __delitem__(self, key: str) -> None:
        del self._keys[key]
        delattr(self, key)

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def keys(self) -> Iterable[str]:
        return self._keys.keys()

    def values(self) -> Iterable[Any]:
        return [self[k] for k in self._keys]

    def items(self) -> Iterable[tuple[str, Any]]:
        return [(k, self[k]) for k in self._keys]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def pop(self, key: str) -> Any:
        value = self[key]
        del self[key]
        return value

    def clear(self) -> None:
        for key in list(self._keys):
            del self[key]

    def update(self, parameters: Mapping[str, Any] | Iterable) -> None:
        """Add (or replace) entries from a mapping or from (name, value) pairs. A plain dict's
        entries go in sorted by name, as in PyTorch (an OrderedDict's keep their order)."""
        if isinstance(parameters, (OrderedDict, ParameterDict)):
            pairs = list(parameters.items())
        elif isinstance(parameters, Mapping):
            pairs = sorted(parameters.items())
        else:
            pairs = list(parameters)
        for name, value in pairs:
            self[name] = value

    def extra_repr(self) -> str:
        return "\n".join(f"  ({key}): {_describe(value, typename)}" for key, value in self.items())
