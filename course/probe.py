"""Turning what the learner's code returned into facts: plain values the parent can compare.

Probes run inside the sandboxed child, so they only *describe* objects (type name, numpy copy
of the values, requires_grad, grad_fn name...) and never hand an object itself to the parent:
an object whose ``__eq__`` always says True is just ``{"result.type": "Sneaky"}`` here.

Nor do they believe what an object says about itself. A Tensor is a Tensor only if its type
*is* minigrad's ``Tensor`` (or ``nn.Parameter``), compared with references taken when this
module is imported, before any learner code runs; its values, flags, gradient and grad_fn are
read through minigrad's own slot descriptors, also taken then. So a subclass overriding
``requires_grad``, a tensor whose ``__class__`` was swapped, a proxy claiming ``__class__`` or
a patched ``minigrad.Tensor`` is described as what it is, and scores as such.

    >>> import minigrad as torch
    >>> value_facts("y", torch.tensor([1.0, 2.0]))["y.type"]
    'Tensor'
"""

from __future__ import annotations

import gc
import sys
import types
import weakref
from typing import Any

import numpy as np

import minigrad as torch
from course import values, watch
from course.compare import text
from course.values import Facts, require  # noqa: F401 - what every spec imports from here
from minigrad import overrides
from minigrad._dtype import from_numpy
from minigrad.autograd import api, engine, graph_task, node_call, views
from minigrad.autograd.function import FunctionCtx
from minigrad.autograd.graph import AccumulateGrad, Node, SavedTensor
from minigrad.ops.op import Op

# A view whose base changed in place is of one of minigrad's own view classes until its grad_fn
# is taken again (minigrad/autograd/views.py): an honest learner's tensor all the same. (Taken
# now, as the slots below: learner code may rebind views.StaleView.)
_STALE_VIEW = views.StaleView
_TENSOR_TYPES = (torch.Tensor, torch.nn.Parameter, _STALE_VIEW, views.InvalidView)
_RETAKE_GRAD_FN = views.retake_grad_fn
_SLOTS = {name: torch.Tensor.__dict__[name] for name in ("_data", "_requires_grad", "_grad",
                                                         "grad_fn", "_version_counter")}


def _node_classes() -> dict[type, tuple[Any, str]]:
    """Every node class minigrad defines (all made when it is imported), each with its
    ``name`` method and its class name as they are now, before any learner code runs."""
    found: dict[type, tuple[Any, str]] = {}
    waiting = [Node]
    while waiting:
        cls = waiting.pop()
        found[cls] = (cls.name, cls.__name__)
        waiting += [sub for sub in type.__subclasses__(cls) if sub not in found]
    return found


# A node's name as minigrad gave it: a red team's x ** 3, its PowBackward0 renamed (its
# class's name() or __name__ rewritten, or its __class__ swapped for a class of its own said to
# be minigrad's), passed ex03's Cube as a custom Function's CubeBackward.
_NODE_CLASSES = _node_classes()


class NotATensor(TypeError):
    """An object stands where a minigrad Tensor should be (e.g. a parameter the learner's code
    was given), but it only imitates one."""


def _slot(t: Any, name: str) -> Any:
    return _SLOTS[name].__get__(t, torch.Tensor)


def is_tensor(obj: Any) -> bool:
    """Whether ``obj`` is really a minigrad Tensor (or Parameter) holding a numpy array."""
    # `is`, not `in`: a learner's metaclass could make its class compare equal to Tensor.
    return (any(type(obj) is t for t in _TENSOR_TYPES)
            and type(_slot(obj, "_data")) is np.ndarray)


def _checked(t: Any) -> Any:
    if not is_tensor(t):
        raise NotATensor(f"an object of type {type_name(t)!r} stands where a minigrad Tensor "
                         "should be (its class was replaced, or it imitates one)")
    if type(t) is _STALE_VIEW:  # (its grad_fn as PyTorch's would read now)
        _RETAKE_GRAD_FN(t)
    return t


def array(t: Any) -> np.ndarray:
    """A private numpy copy of a tensor's values."""
    return np.array(_slot(_checked(t), "_data"), copy=True)


def requires_grad(t: Any) -> bool:
    """``t.requires_grad`` as minigrad defines it: a flag set on a leaf, or a grad_fn."""
    return bool(_slot(_checked(t), "_requires_grad")) or _slot(t, "grad_fn") is not None


def is_leaf(t: Any) -> bool:
    return _slot(_checked(t), "grad_fn") is None


def version(t: Any) -> int:
    """``t._version``: how many in-place changes the tensor (and its views) went through."""
    return int(_slot(_checked(t), "_version_counter").value)


def grad_tensor(t: Any) -> Any:
    """The tensor object ``t.grad`` holds (or None), read without asking ``t``: whether a
    gradient stayed the same tensor is a fact (zero_grad(set_to_none=False) keeps it)."""
    return _slot(_checked(t), "_grad")


def grad_value(t: Any) -> np.ndarray | None:
    grad = grad_tensor(t)
    return None if grad is None else array(grad)


def grad_fn_name(t: Any) -> str | None:
    """The name of ``t``'s grad_fn as minigrad names it: a class of minigrad's by its ``name``
    method and class name as they were before learner code ran; any other by its own, only if
    it is a custom Function's node (``<Name>Backward``, made as the learner's Function was)."""
    node = _slot(_checked(t), "grad_fn")
    if node is None:
        return None
    cls = type(node)
    if cls in _NODE_CLASSES:
        name, class_name = _NODE_CLASSES[cls]
        return class_name if name is _NODE_CLASSES[Node][0] else str.__str__(name(node))
    # (a class made since: a custom Function's node, which _FunctionMeta puts in minigrad)
    if not issubclass(cls, FunctionCtx) or not cls.__module__.startswith("minigrad."):
        raise NotATensor(f"the tensor's grad_fn is a {cls.__name__!r}, not a node "
                         "minigrad made")
    return str.__str__(cls.name(node))


def type_name(obj: Any) -> str:
    return "Tensor" if is_tensor(obj) else values.type_name(obj)


def value_facts(name: str, obj: Any) -> Facts:
    """``name.type`` and the value of a returned object (its dtype too, for tensors)."""
    if not is_tensor(obj):
        return values.value_facts(name, obj)
    data = array(obj)
    return {f"{name}.type": "Tensor", name: data, f"{name}.dtype": str(from_numpy(data.dtype))}


def tensor_facts(name: str, obj: Any, *fields: str) -> Facts:
    """``value_facts`` plus graph facts (``requires_grad``, ``is_leaf``, ``grad_fn``, ``grad``)
    of a tensor; for a non-tensor only its type, which already differs from the reference."""
    facts = value_facts(name, obj)
    if facts[f"{name}.type"] != "Tensor":
        return facts
    readers = {"requires_grad": requires_grad, "is_leaf": is_leaf, "grad_fn": grad_fn_name,
               "grad": grad_value}
    for f in fields:
        if f not in readers:
            raise ValueError(f"unknown tensor fact {f!r}")
        facts[f"{name}.{f}"] = readers[f](obj)
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


# ---- models as plain data ---------------------------------------------------------------
# A model crosses from the child as a list of layers (type names, options, parameter
# arrays) and is rebuilt in the parent, which evaluates it: the learner's own forward code
# never runs where a score is computed.

MODEL_LAYERS = {"Linear": torch.nn.Linear, "ReLU": torch.nn.ReLU, "LeakyReLU": torch.nn.LeakyReLU,
                "Tanh": torch.nn.Tanh, "Sigmoid": torch.nn.Sigmoid, "GELU": torch.nn.GELU,
                "SiLU": torch.nn.SiLU, "Dropout": torch.nn.Dropout}
_LAYER_OPTIONS = {"LeakyReLU": "negative_slope", "GELU": "approximate", "Dropout": "p"}
# The usual reason for a softmax layer there, and why it goes.
_SOFTMAX_LAST = (": end the model with its Linear layer's scores (logits); "
                 "nn.CrossEntropyLoss applies log-softmax itself, so a softmax before it squashes "
                 "the gradients (and argmax of the scores is the prediction)")
# The parent evaluates a rebuilt model on the held-out points, so its size is bounded: its
# weights (the products' work) and the numbers per point its layers compute together (the
# activations' work and memory: 1,000 points through 4 GELUs of 209,000 units took 83 s and
# 10 GB, while no layer counted a weight). A model of three 256-unit layers computes ~1,300.
_MAX_LAYERS, _MAX_WEIGHTS, _MAX_UNITS = 64, 1 << 20, 1 << 14


class NotRebuildable(ValueError):
    """The model described by the child cannot be rebuilt from minigrad's layers."""


def _own(obj: Any) -> dict[str, Any]:
    """An object's instance dict, read past any __getattribute__ of its class."""
    return object.__getattribute__(obj, "__dict__")


def model_facts(name: str, model: Any) -> Facts:
    """``name.type`` and, for an ``nn.Sequential``, its layers as plain data: per layer its
    type name and its option, or its weight and bias arrays. Anything not on the list of
    ``MODEL_LAYERS`` is described by its type name only (and refused by ``rebuild_model``)."""
    if type(model) is not torch.nn.Sequential:
        return {f"{name}.type": type_name(model)}
    layers: list[dict[str, Any]] = []
    for layer in _own(model)["_modules"].values():
        kind = next((k for k, cls in MODEL_LAYERS.items() if type(layer) is cls), None)
        if kind is None:
            layers.append({"layer": type_name(layer)})
            continue
        entry: dict[str, Any] = {"layer": kind}
        if kind == "Linear":
            params = _own(layer)["_parameters"]
            entry["weight"] = array(params.get("weight"))
            entry["bias"] = None if params.get("bias") is None else array(params["bias"])
        elif kind in _LAYER_OPTIONS:
            option = _own(layer).get(_LAYER_OPTIONS[kind])
            entry[_LAYER_OPTIONS[kind]] = (str.__str__(option) if isinstance(option, str)
                                           else float(option))
        layers.append(entry)
    return {f"{name}.type": "nn.Sequential", name: layers}


def _linear(i: int, entry: dict[str, Any], width: int) -> Any:
    weight, bias = entry.get("weight"), entry.get("bias")
    if not (isinstance(weight, np.ndarray) and weight.ndim == 2 and weight.dtype.kind == "f"
            and weight.shape[1] == width and weight.shape[0] > 0):
        raise NotRebuildable(f"layer {i} (Linear) should take {width} inputs per point; its "
                             f"weight has shape {getattr(weight, 'shape', None)}")
    if bias is not None and not (isinstance(bias, np.ndarray) and bias.dtype.kind == "f"
                                 and bias.shape == weight.shape[:1]):
        raise NotRebuildable(f"layer {i} (Linear) has a bias that does not fit its weight")
    if not np.isfinite(weight).all() or (bias is not None and not np.isfinite(bias).all()):
        raise NotRebuildable(f"layer {i} (Linear) has NaN or infinite weights (training "
                             "diverged: a smaller learning rate?)")
    linear = torch.nn.Linear(weight.shape[1], weight.shape[0], bias=bias is not None)
    with torch.no_grad():
        linear.weight.copy_(tensor(weight))
        if bias is not None:
            linear.bias.copy_(tensor(bias))
    return linear


def _option_layer(i: int, kind: str, entry: dict[str, Any]) -> Any:
    option = _LAYER_OPTIONS[kind]
    value = entry.get(option)
    valid = (isinstance(value, str) and value in ("none", "tanh") if kind == "GELU"
             else isinstance(value, float) and np.isfinite(value)
             and (kind != "Dropout" or 0 <= value <= 1))
    if not valid:
        raise NotRebuildable(f"layer {i} ({kind}) has an invalid {option}")
    return MODEL_LAYERS[kind](value)


def rebuild_model(layers: Any, inputs: int, outputs: int) -> Any:
    """An ``nn.Sequential`` (in eval mode) from what ``model_facts`` described, mapping
    ``inputs`` numbers per point to ``outputs``; ``NotRebuildable`` says what does not fit.
    ``layers`` came from the child, so every part's type is checked before it is used."""
    if not isinstance(layers, list) or not layers:
        raise NotRebuildable("the model has no layers")
    if len(layers) > _MAX_LAYERS:
        raise NotRebuildable(f"the model has more than {_MAX_LAYERS} layers")
    modules, width, weights, units = [], inputs, 0, 0
    for i, entry in enumerate(layers, 1):
        kind = entry.get("layer") if isinstance(entry, dict) else None
        if not isinstance(kind, str) or kind not in MODEL_LAYERS:  # a list is unhashable
            why = _SOFTMAX_LAST if kind in ("Softmax", "LogSoftmax") else ""
            raise NotRebuildable(f"layer {i} is a {text(kind, 60)}, not one of the layers the "
                                 f"grader rebuilds ({', '.join(MODEL_LAYERS)}){why}")
        if kind == "Linear":
            modules.append(_linear(i, entry, width))
            width = entry["weight"].shape[0]
            weights += entry["weight"].size
            if weights > _MAX_WEIGHTS:
                raise NotRebuildable(f"the model has more than {_MAX_WEIGHTS} weights")
        elif kind in _LAYER_OPTIONS:
            modules.append(_option_layer(i, kind, entry))
        else:
            modules.append(MODEL_LAYERS[kind]())
        units += width
        if units > _MAX_UNITS:
            raise NotRebuildable(f"its layers compute more than {_MAX_UNITS} numbers per point "
                                 f"(the grader evaluates no larger model; {i} layers compute "
                                 f"{units})")
    if width != outputs:
        raise NotRebuildable(f"the model outputs {width} numbers per point; it should output "
                             f"{outputs} (one logit per class)")
    return torch.nn.Sequential(*modules).eval()


# ---- how a result was reached -----------------------------------------------------------
# A right value can come from the wrong method (one backward where the task asks for several,
# finite differences where it asks for autograd). A probe sees the method by watching the
# gradients that reach a tensor, with a hook registered before the learner's code runs.

_REGISTER_HOOK = torch.Tensor.register_hook


def arriving_gradients(t: Any, into: list[Any] | None = None) -> list[Any]:
    """A list (``into``, or a new one) that receives every gradient autograd computes for
    ``t`` from now on, in order: one per backward() or autograd.grad that reaches ``t``.

        >>> x = torch.tensor(2.0, requires_grad=True)
        >>> arrived = arriving_gradients(x)
        >>> (x * x).backward()
        >>> [g.item() for g in arrived]
        [4.0]

    One per backward call, as minigrad records the running one: a hook of ``t``'s called
    again by hand, inside a backward call that already reached ``t`` or outside any, is no
    backward() that reached it. Red team 17 read the probe's hooks from ``x``'s hook list and
    called them n - 1 more times from inside one ``y.backward()``: ex05's grad_after_n, n
    calls counted, scored 1/1 with no graph reused. And a call is backward()'s or
    autograd.grad's only where one of them runs (``_calling_frame``): red team 20 ran the
    engine itself inside a running call it made, and the hooks with it.
    """
    arrived = [] if into is None else into
    last: list[Any] = []  # the backward call that delivered the last gradient kept

    def keep(grad: Any) -> None:  # (returns None: the gradient stays)
        running = _calling_frame(t=t)
        if running is not None and (not last or last[0] is not running):
            last[:] = [running]
            arrived.append(grad)

    _REGISTER_HOOK(_checked(t), keep)
    return arrived


def arriving_values(t: Any, into: list[Any] | None = None) -> list[np.ndarray]:
    """As ``arriving_gradients``, but a private numpy copy of each gradient's values, taken
    as the hook sees them (a copy: the learner's code may change the gradient afterwards)."""
    values: list[np.ndarray] = [] if into is None else into

    def keep(grad: Any) -> None:
        data = _slot(grad, "_data") if any(type(grad) is k for k in _TENSOR_TYPES) else None
        values.append(np.array(data, copy=True) if isinstance(data, (np.ndarray, np.generic))
                      else None)

    _REGISTER_HOOK(_checked(t), keep)
    return values


def returned_gradients(t: Any, into: list[bool | None] | None = None) -> list[bool | None]:
    """A list (``into``, or a new one) that receives, for every gradient autograd computes for
    ``t`` from now on, whether it was computed for torch.autograd.grad (or what calls it:
    autograd.functional), which returns it, rather than for backward(), which stores it in
    .grad. A task that asks for backward() tells the two apart with it. None for a gradient
    that no call delivered (``t``'s hooks run by hand), which is neither: red team 23 ran w's
    hooks once by hand after taking every gradient of w's from autograd.grad, read as a
    backward()'s, and passed ex06's train.

        >>> x = torch.tensor(2.0, requires_grad=True)
        >>> returned = returned_gradients(x)
        >>> (x * x).backward()
        >>> _ = torch.autograd.grad(x * x, x)
        >>> returned
        [False, True]
    """
    returned = [] if into is None else into

    def keep(_: Any) -> None:
        running = _calling_frame(t=t)
        returned.append(None if running is None else running.f_code is _GRAD)

    _REGISTER_HOOK(_checked(t), keep)
    return returned


# backward() and autograd.grad as minigrad defines them, taken before learner code runs: the
# code each runs (compared by identity: code objects compare equal by their contents), and
# the module globals it runs with.
_BACKWARD, _GRAD = api.backward.__code__, api.grad.__code__
_API_GLOBALS = api.backward.__globals__
_GETFRAME = sys._getframe  # (a sys._getframe learner code replaced could return any object)
# (the built-ins as they are now: learner code may replace builtins.id, and the profiler runs
# what it calls unseen)
_ID, _LOCAL = id, dict.get


def _codes_within(module_names: tuple[str, ...]) -> dict[int, Any]:
    """The code objects of every function the modules named (and their submodules) define
    (not those they import from elsewhere, such as functools'), as they are now, by id:
    methods, properties, closures and the code nested in each (comprehensions, lambdas, inner
    functions), the readable formulas the overrides replaced too."""
    codes: dict[int, Any] = {}
    seen: set[int] = set()
    waiting = [vars(module) for name, module in list(sys.modules.items()) if module is not None
               and any(name == m or name.startswith(m + ".") for m in module_names)]
    waiting = [value for namespace in waiting for value in namespace.values()]
    waiting += [readable for _, _, readable, _, _ in overrides.installed]
    while waiting:
        obj = waiting.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, (staticmethod, classmethod)):
            waiting.append(obj.__func__)
        elif isinstance(obj, property):
            waiting += [obj.fget, obj.fset, obj.fdel]
        elif isinstance(obj, type) and obj.__module__.startswith(module_names):
            waiting += list(vars(obj).values())
        elif isinstance(obj, types.FunctionType) and isinstance(obj.__module__, str) \
                and obj.__module__.startswith(module_names):  # (not what they imported)
            waiting += [_contents(cell) for cell in obj.__closure__ or ()]
            nested = [obj.__code__]
            while nested:
                code = nested.pop()
                codes[id(code)] = code  # (kept: the id stays its own)
                nested += [c for c in code.co_consts if isinstance(c, types.CodeType)]
    return codes


def _contents(cell: Any) -> Any:
    try:
        return cell.cell_contents
    except ValueError:  # (a cell not yet filled: a function defined later in its scope)
        return None


# The code that runs between a hook and the backward call that delivers its gradient, when
# that call delivers it: minigrad's engine.
_MINIGRAD_CODES = _codes_within(("minigrad",))


def _calling_frame(hook: int = 1, t: Any = None) -> Any:
    """Called by a hook of the probe's (``hook`` calls up: 1, the function calling this one):
    the frame of the backward() or autograd.grad that called the hook (None if none did),
    found on the call stack rather than in the running-call record: learner code can enter
    that record itself. Red team 20 ran minigrad's engine with autograd.grad's capture inside a
    record it had entered as a backward() (graph_task.running(..., is_grad=False)), and ran x's
    hooks on the gradient returned: n calls that stored nothing counted as n backward() calls,
    their sum put in x.grad by hand, 1/1 at ex05. So did a GraphTask class whose is_grad always
    read False.

    Only minigrad's own code may run between the hook and that call: red team 21 ran x's
    hooks by hand (on autograd.grad's gradient, inside a record of y's) from a hook of its
    own, inside a real backward() of a graph of no interest, and scored 1/1 at ex05 again.
    And a backward() calls a hook of tensor ``t``'s only while its walk runs ``t``'s own node
    (or accumulates into ``t`` after the walk, with ``inputs=``): red team 21 then had that
    backward() run x's hooks as a hook of another leaf's, functools.partial(run_tensor_hooks,
    hooks), which puts no frame of the learner's on the stack (1/1 again)."""
    return _call_above(_GETFRAME(hook + 1), t)


def _call_above(frame: Any, t: Any = None) -> Any:
    """The backward() or autograd.grad frame ``frame`` runs inside with only minigrad's own
    code between (``_calling_frame``), delivering a gradient to ``t``'s hooks if ``t`` is
    given; None if there is none."""
    call, walking, accumulating = _frames_above(frame)
    if call is None or t is None or call.f_code is _GRAD:  # (grad's count as no backward)
        return call
    delivered = (_runs_node_of(_LOCAL(walking.f_locals, "node"), t) if walking
                 else accumulating is not None and _LOCAL(accumulating.f_locals, "tensor") is t)
    return call if delivered else None


def _frames_above(frame: Any) -> tuple[Any, Any, Any]:
    """The backward() or autograd.grad frame ``frame`` runs inside with only minigrad's own
    code between, and the first frame of its walk (``_WALKS``) or of its accumulation after
    the walk (``_ACCUMULATE``) on the way there; (None, None, None) if there is no such call."""
    walking, accumulating = None, None
    while frame is not None:
        code = frame.f_code
        if (code is _BACKWARD or code is _GRAD) and frame.f_globals is _API_GLOBALS:
            return frame, walking, accumulating
        if _LOCAL(_MINIGRAD_CODES, _ID(code)) is not code:  # (a caller of the learner's)
            break
        if walking is None and accumulating is None:
            if _LOCAL(_WALKS, _ID(code)) is code:
                walking = frame
            elif code is _ACCUMULATE:
                accumulating = frame
        frame = frame.f_back
    return None, None, None


# The backward walk's loop (engine.run_backward, as installed and as the reading path wrote it),
# whose `node` is the node it runs; and what backward(inputs=...) accumulates with after it.
_WALKS = {id(fn.__code__): fn.__code__ for fn in [engine.run_backward] + [
    f for module, name, readable, replacement, _ in overrides.installed
    if module is engine and name == "run_backward" for f in (readable, replacement)]
    if isinstance(fn, types.FunctionType)}
_ACCUMULATE = _API_GLOBALS["accumulate_grad"].__code__
_VARIABLE = AccumulateGrad.__dict__["variable"]  # (the slot)


def _runs_node_of(node: Any, t: Any) -> bool:
    """Whether ``node`` is the node a backward walk runs to hand ``t`` its gradient: ``t``'s
    grad_fn, or the AccumulateGrad of leaf ``t``."""
    if type(node) is AccumulateGrad:
        return _VARIABLE.__get__(node, AccumulateGrad) is t
    return node is not None and node is _slot(t, "grad_fn")


def backward_starts(run: Any, starts: dict[int, bool], roots: dict[int, Any] | None = None
                    ) -> tuple[Any, str | None]:
    """``run()``'s result, and how it took its calls out of the profiler's sight (None, or as
    course/watch.py says it), with ``starts`` filled as it runs: for each backward() or
    autograd.grad it makes, by its frame, whether the outputs it is called on are one number
    each as it begins (``backward_from_one_number`` reads it); and ``roots``, if given, with
    what that output is as the call begins (``LossSeen``: ``written_from``'s).

    Read as the call begins, from its arguments, before any code of the learner's can run
    inside it: red team 20 had a hook of q's rewrite the running call's roots (minigrad's
    record of it) to one number each, and ex08's q.backward(g), the loss's last step worked
    out by hand, passed as the loss's backward()."""

    def see(frame: Any) -> None:  # (in the profiler: only built-ins' own methods run here)
        code = frame.f_code
        if (code is _BACKWARD or code is _GRAD) and frame.f_globals is _API_GLOBALS:
            outputs = _LOCAL(frame.f_locals, code.co_varnames[0])
            starts[_ID(frame)] = _one_number_each(outputs)
            if roots is not None:
                roots[_ID(frame)] = LossSeen.at_start(outputs)

    return watch.watched(run, see)


def _one_number_each(outputs: Any) -> bool:
    """Whether ``outputs`` (as backward() or autograd.grad is given them: a tensor, or a tuple
    or list of them) are minigrad tensors of one number each."""
    # (`is`, not `in`: a metaclass's __eq__ would run learner code here, in the profiler,
    # which could then say its own object is a list of one number)
    items = [outputs] if is_tensor(outputs) else (
        list(outputs) if type(outputs) is tuple or type(outputs) is list else [None])
    return all(is_tensor(t) and _slot(t, "_data").size == 1 for t in items)


def backward_from_one_number(starts: dict[int, bool]) -> bool:
    """Called by a hook of the probe's, inside ``backward_starts``: whether the backward call
    that called it started from outputs of one number each (a loss's backward(),
    d(loss)/d(loss) = 1) rather than from a gradient handed to a larger output
    (``q.backward(g)``, its last step worked out by hand); False outside backward."""
    running = _calling_frame(hook=2)
    return running is not None and _LOCAL(starts, _ID(running)) is True


_POST_ACCUMULATE_HOOK = torch.Tensor.register_post_accumulate_grad_hook


def written_by_backward(t: Any, starts: dict[int, bool]) -> list[bool]:
    """A list that gains an item each time backward() accumulates into ``t.grad``: whether
    that backward() started from one number (``starts``: ``backward_starts``). A gradient
    set by hand, or returned by autograd.grad, adds nothing."""
    written: list[bool] = []
    _POST_ACCUMULATE_HOOK(t, lambda _: written.append(backward_from_one_number(starts)))
    return written


class LossSeen(tuple):
    """What a backward() call began from, read as it begins (its graph's saved values are freed
    as it walks): the value of its one output, and the data arrays its graph's nodes saved.
    ex04's mse_grads must write .grad from the loss itself: red team 25 (24c's xfail) handed
    gradients worked out with numpy to a surrogate of one number, ((w * gw).sum() + b *
    gb).backward(), whose value is not the loss's, nor (shifted by a constant to the loss's
    value) does its graph hold x, which a loss computed from x @ w + b saves for w's gradient."""

    @classmethod
    def at_start(cls, outputs: Any) -> LossSeen | None:
        """Read in the profiler: slots and types only, none of the learner's code runs."""
        if (type(outputs) is tuple or type(outputs) is list) and len(outputs) == 1:
            outputs = outputs[0]
        if not (is_tensor(outputs) and _slot(outputs, "_data").size == 1):
            return None
        return cls((float(_slot(outputs, "_data").reshape(())), _saved_arrays(outputs)))

    def value(self) -> float:
        return self[0]

    def saved(self, t: Any) -> bool:
        """Whether its graph saved ``t``'s values (``t`` itself, or a view of them: x.T)."""
        data = _slot(t, "_data")
        return any(np.may_share_memory(saved, data) for saved in self[1])


_SAVED_TENSOR = SavedTensor.__dict__["tensor"]  # (the slot)


def _saved_arrays(root: Any) -> tuple[np.ndarray, ...]:
    """The data arrays of the tensors the nodes of ``root``'s graph hold saved, each node's
    edges followed only where they are minigrad's own tuples (a learner's object there, whose
    iteration would run its code, ends the walk)."""
    arrays, seen, waiting = [], set(), [grad_fn_of(root)]
    while waiting:
        node = waiting.pop()
        if node is None or _ID(node) in seen or not issubclass(type(node), Node):
            continue
        seen.add(_ID(node))
        saved_values = _saved_values(node)
        for value in saved_values if type(saved_values) is tuple else ():
            saved = _SAVED_TENSOR.__get__(value, SavedTensor) if type(value) is SavedTensor \
                else None
            if is_tensor(saved) and type(_slot(saved, "_data")) is np.ndarray:
                arrays.append(_slot(saved, "_data"))
        edges = _NEXT_FUNCTIONS.__get__(node, Node)
        if type(edges) is tuple:
            waiting += [edge[0] for edge in edges if type(edge) is tuple and len(edge) == 2]
    return tuple(arrays)


def written_from(t: Any, roots: dict[int, Any]) -> list[LossSeen | None]:
    """A list that gains an item each time backward() accumulates into ``t.grad``: what that
    call began from (``roots``: ``backward_starts``'), None for a call that began from no
    single number, or no call."""
    written: list[LossSeen | None] = []

    def keep(_: Any) -> None:
        running = _calling_frame()
        written.append(None if running is None else _LOCAL(roots, _ID(running)))

    _POST_ACCUMULATE_HOOK(t, keep)
    return written


_NEXT_FUNCTIONS = Node.__dict__["next_functions"]  # (the slot: a class may hide it)


class Walks:
    """Which backward calls walk back through the graphs of chosen outputs: for each
    backward() or autograd.grad made while ``watched(run)`` runs, which nodes of those graphs
    its walk ran, recorded under the profiler as the walk runs each. A gradient came back
    through an output if the call that delivered it ran every node of that output's graph
    (its leaves' AccumulateGrad aside): not one handed to backward() on the tensor itself.

        >>> x = torch.tensor(2.0, requires_grad=True)
        >>> y = x * x
        >>> walks = Walks()
        >>> walks.add(y)
        >>> through = walks.arriving_through(x)
        >>> _ = walks.watched(lambda: (y.backward(), x.backward(torch.tensor(4.0))))
        >>> through
        [True, False]

    Read from what the walk runs, not from minigrad's record of the running call (the nodes
    it will run), which learner code can rewrite: red team 21 had a hook put first in x's hook
    list set that record to y's node, and one ``y.backward()`` and then ``x.backward(g)``
    n - 1 times passed ex05's grad_after_n (1/1). Every node, not y's alone: red team 22 then
    pointed y's node, for the call, at x's (``y.grad_fn.next_functions = (x's edge,)``) in a
    backward() of ``0 * y + (x * g).sum()``: y's node ran, the rest of y's graph (whose saved
    tensors the first call had freed) did not, and it passed again. And a node ran only where
    minigrad's own step ran on it as the walk's, holding the saved values it was made with:
    red team 23 had each node class's step hand back what it computed in the first call, or
    (with each node's freed values replaced by none) each formula, and passed again.
    """

    def __init__(self) -> None:
        self._graphs: list[list[int]] = []  # each output's nodes, by id
        self._nodes: dict[int, Any] = {}  # (kept: the ids stay their own)
        self._saved: dict[int, Any] = {}  # each node's saved values as it was made
        self._ran: dict[int, set[int]] = {}  # by the backward call's frame

    def add(self, output: Any) -> None:
        """Watch the graph of ``output`` as it is now: call it as minigrad made it, before
        learner code can have changed its grad_fn, the nodes' edges or their saved values."""
        nodes = _graph_nodes(grad_fn_of(output))
        if nodes:
            self._graphs.append([_ID(node) for node in nodes])
            self._nodes |= {_ID(node): node for node in nodes}
            self._saved |= {_ID(node): _saved_values(node) for node in nodes}

    def watched(self, run: Any) -> tuple[Any, str | None]:
        """``run()``'s result, and how it took its calls out of the profiler's sight (None,
        or as course/watch.py says it): its calls out of sight walk through no graph here."""
        return watch.watched(run, self._see)

    def _see(self, frame: Any) -> None:  # (in the profiler: only built-ins' own methods run)
        code = frame.f_code
        if (code is _BACKWARD or code is _GRAD) and frame.f_globals is _API_GLOBALS:
            self._ran[_ID(frame)] = set()  # (a new call: a frame's id is reused after it ends)
            return
        # A node ran when minigrad's formula for it (its step or its backward, _FORMULAS)
        # ran on it as the walk's `node`, with only minigrad's code between: not merely when
        # the walk called something while `node` was one of them. Red team 23 memoized each
        # node class's step (`_apply_arrays`) in the first call, and its n - 1 backward()
        # calls of y, without retain_graph, ran y's nodes on the memo and passed ex05. And
        # only while the node holds the saved values it was made with (what retain_graph
        # keeps): the same team then memoized each class's formula instead, each node's freed
        # values set to none (`node._saved = ()`) so that minigrad's own step ran it.
        if _LOCAL(_FORMULAS, _ID(code)) is not code or not code.co_argcount:
            return
        node = _LOCAL(frame.f_locals, code.co_varnames[0])
        if _LOCAL(self._nodes, _ID(node)) is not node \
                or _saved_values(node) is not _LOCAL(self._saved, _ID(node)):
            return
        call, walking, _ = _frames_above(frame)
        if walking is not None and _LOCAL(walking.f_locals, "node") is node:
            ran = _LOCAL(self._ran, _ID(call))
            if ran is not None:
                ran.add(_ID(node))

    def arriving_through(self, t: Any, into: list[bool] | None = None) -> list[bool]:
        """A list (``into``, or a new one) that receives, for every gradient autograd
        computes for ``t`` from now on, whether the backward call delivering it walked
        through the whole graph of one of the outputs: False for a gradient handed to
        ``t.backward(g)``, or one delivered by no backward call."""
        through = [] if into is None else into

        def keep(_: Any) -> None:
            running = _calling_frame(t=t)
            ran = None if running is None else _LOCAL(self._ran, _ID(running))
            through.append(ran is not None
                           and any(all(i in ran for i in graph) for graph in self._graphs))

        _REGISTER_HOOK(_checked(t), keep)
        return through


# (the slots, taken before learner code runs: a class may hide them). A minigrad internal: the
# node classes that save keep their saved values in a slot `_saved`, a tuple that freeing
# replaces (graph.release_saved) and a step only swaps for the time of its formula (fast_paths'
# apply_on_arrays), so it is the node's own again whenever a step begins. A rename fails this
# import; a step that began on other values would fail ex05's honest answers
# (tests/test_course_ex05.py, tests/test_course_redteam22.py).
_SAVED_SLOTS = tuple((cls, cls.__dict__["_saved"]) for cls in (Op, FunctionCtx))


def _saved_values(node: Any) -> Any:
    """The tuple of saved values ``node`` holds now (None where it holds none: a node of no
    class that saves, or its slot empty). Freeing them replaces the tuple (``release_saved``)."""
    for cls, slot in _SAVED_SLOTS:
        if issubclass(type(node), cls):
            try:
                return slot.__get__(node, cls)
            except AttributeError:
                return None
    return None


def _graph_nodes(root: Any) -> list[Any]:
    """The nodes of the graph that ends in node ``root`` (none for None), read through the
    slots, AccumulateGrad's left out."""
    found: list[Any] = []
    seen: set[int] = set()
    waiting = [root]
    while waiting:
        node = waiting.pop()
        if node is None or _ID(node) in seen or type(node) is AccumulateGrad:
            continue
        seen.add(_ID(node))
        found.append(node)
        waiting += [edge[0] for edge in _NEXT_FUNCTIONS.__get__(node, Node)]
    return found


def grad_fn_of(t: Any) -> Any:
    """``t``'s grad_fn as minigrad holds it (None for a leaf or a non-tensor)."""
    return _slot(t, "grad_fn") if is_tensor(t) else None


# (taken before learner code runs, as the slots above)
_TASK_NUMBERS, _HAND_CALLS = graph_task._ids, node_call.hand_calls


def backward_calls_made(run: Any) -> int:
    """How many backward calls (backward() or autograd.grad: minigrad numbers each as it
    starts) began while ``run()`` ran, counting a node called by hand (``y.grad_fn(g)``, one
    step of backward) as one. A custom Function's backward that calls autograd itself (its
    derivative autograd's, not its own formula) makes one inside the one that runs it. A
    count read through a numbering learner code replaced is 0.

        >>> x = torch.tensor(2.0, requires_grad=True)
        >>> backward_calls_made(lambda: (x * x).backward())
        1
        >>> backward_calls_made(lambda: (x * x).grad_fn(torch.tensor(1.0)))
        1
    """
    tasks, hand_calls = next(_TASK_NUMBERS), next(_HAND_CALLS)
    run()
    return (next(_TASK_NUMBERS) - tasks - 1) + (next(_HAND_CALLS) - hand_calls - 1)


def backward_calls_seen(run: Any) -> tuple[Any, int, str | None]:
    """``run()``'s result; how many backward calls it made: ``backward_calls_made``'s count, or
    more where a profiler set around it saw more calls of minigrad's ``backward`` or ``grad``
    function begin (by their code, whatever globals run it); and how it took its calls out of
    the profiler's sight (None, or as course/watch.py says it). Red team 24c swapped minigrad's
    numbering out for one torch.autograd.grad call and back (``graph_task._ids``), and ex04's
    norms from a second pass, beside the one backward(), went uncounted: 1/1.

        >>> x = torch.tensor(2.0, requires_grad=True)
        >>> backward_calls_seen(lambda: (x * x).backward())
        (None, 1, None)
    """
    seen: list[Any] = []

    def see(frame: Any) -> None:  # (in the profiler: only built-ins' own methods run here)
        if frame.f_code is _BACKWARD or frame.f_code is _GRAD:
            seen.append(frame.f_code)

    watching: list[tuple[Any, str | None]] = []
    numbered = backward_calls_made(lambda: watching.append(watch.watched(run, see)))
    (result, unseen), = watching
    return result, max(numbered, len(seen)), unseen

# ---- whose backward formula ran ------------------------------------------------------------
# A backward formula of minigrad's, however it is reached, runs one of these functions: a
# node's formula (``backward``), its step around it (``_apply``, the fast loop's
# ``_apply_arrays``, a call by hand, ``__call__``) or a formula on arrays that step closes over,
# as installed or as the reading path wrote it (the overrides keep it).
# Their code objects are taken now, before learner code runs, for every node class but the two
# that compute no derivative of their own: AccumulateGrad (it adds into .grad) and a custom
# Function's (it runs the learner's backward).
_FORMULA_STEPS = ("backward", "_apply", "_apply_arrays", "__call__")


def _formula_codes() -> dict[int, Any]:
    """The code objects of those functions, by id."""
    codes: dict[int, Any] = {}
    seen: set[int] = set()  # functions (one code serves many: each op's apply_on_arrays)
    formulas = [cls for cls in _NODE_CLASSES
                if cls is not Node and not issubclass(cls, (AccumulateGrad, FunctionCtx))]
    waiting = [vars(cls).get(name) for cls in formulas for name in _FORMULA_STEPS]
    # and the reading path's own, which the overrides replaced (overrides.readable_only())
    waiting += [readable for cls, name, readable, _, _ in overrides.installed
                if cls in formulas and name in _FORMULA_STEPS]
    while waiting:
        fn = waiting.pop()
        if isinstance(fn, types.FunctionType) and id(fn) not in seen:
            seen.add(id(fn))
            codes[id(fn.__code__)] = fn.__code__  # (kept: the id stays its own)
            waiting += [cell.cell_contents for cell in fn.__closure__ or ()]
    return codes


_FORMULAS = _formula_codes()


def formulas_run(run: Any, walked: list[Any], made_by: list[str]) -> list[str] | None:
    """The graph nodes whose backward formula ran while ``run()`` ran, other than those of
    the graph whose backward the run starts, each named once: nodes run by hand
    (``grad_fn(g)``, its ``_apply`` or ``backward``) or by a backward call walking another
    graph. That graph is ``walked`` (read once ``run()`` has filled it): a tensor whose formula
    is the learner's own, and the tensors made from it one after another by the probe's ops,
    whose node classes ``made_by`` names. None where the run took its calls out of the
    profiler's sight (course/watch.py).

        >>> x = torch.tensor(2.0, requires_grad=True)
        >>> y = x ** 3
        >>> formulas_run(lambda: y.grad_fn.backward(torch.tensor(1.0)), walked=[], made_by=[])
        ['PowBackward0']
        >>> made = [y]
        >>> formulas_run(lambda: made.append(y * 2) or made[1].backward(), walked=made,
        ...              made_by=["MulBackward0"])
        ['PowBackward0']

    A custom Function that writes its own derivative runs none, whatever the grad mode it
    switches on: the nodes its operations record are never run. (Red team 18 had x ** 3's
    node compute Cube's derivative by hand; a count of the nodes Cube made caught that, and
    failed red team 19's right Cube, whose own formula ran under torch.enable_grad().)
    A node of ``walked`` counts as the probe's only if it is of the class named and made from
    the tensor before: red team 21 had ``y * v`` (Tensor.__mul__ replaced) return
    ``(x * cbrt(v)) ** 3``, whose PowBackward0 then computed Cube's derivative as the probe's
    own node, and Cube's backward, autograd's, never ran there.
    """
    ran: dict[int, Any] = {}  # (each node kept: its id stays its own)

    def see(frame: Any) -> None:  # (in the profiler: only built-ins' own methods run here)
        code = frame.f_code
        if _ID(code) in _FORMULAS and code.co_argcount:
            node = _LOCAL(frame.f_locals, code.co_varnames[0])
            ran[_ID(node)] = node

    _, unseen = watch.watched(run, see)
    if unseen is not None:
        return None
    nodes = [_slot(t, "grad_fn") if is_tensor(t) else None for t in walked]
    walks = {_ID(node) for before, node, name in zip(nodes, nodes[1:], made_by, strict=False)
             if _made_from(node, before, name)}
    return [_NODE_CLASSES[type(node)][1] if type(node) in _NODE_CLASSES else type_name(node)
            for i, node in ran.items() if i not in walks]


def _made_from(node: Any, before: Any, name: str) -> bool:
    """Whether ``node`` is of minigrad's node class ``name`` (as it was named at import) and
    its first input was made by ``before``."""
    if type(node) not in _NODE_CLASSES or _NODE_CLASSES[type(node)][1] != name:
        return False
    edges = _NEXT_FUNCTIONS.__get__(node, Node)
    return (type(edges) is tuple and len(edges) > 0 and type(edges[0]) is tuple
            and len(edges[0]) == 2 and edges[0][0] is before)


# (taken before learner code runs, as the slots above: learner code may rebind gc's functions)
_LIVE_OBJECTS, _WEAK_REF = gc.get_objects, weakref.ref


class BatchGraphs:
    """The graphs of earlier batches a loop keeps alive. A batch ends where a gradient of ``t``
    is computed (a model's weight: a loop that trains it by backward() or autograd.grad cannot
    skip that), and where the loss function given is called with no gradient of ``t``
    computed since its last call (``count()``: a loop whose gradients are worked out by hand);
    its graph nodes are those made since the last batch ended. At each ``count()`` and each
    batch's end, ``most_held`` notes how many earlier batches still have a node alive, beyond
    the one a loop's ``loss`` name still holds then. Every node counts, not only the given
    loss's, and the batches end where the loss function given is not called: red team 26 kept
    the graphs of a second loss beside it, and called it once per batch before a loop that
    never called it again (its gradients by backward(), or by autograd.grad set by hand); red
    team 27 kept the given loss's with its gradients worked out by hand. ``steps`` is at how
    many steps the loss function was called (a gradient of ``t`` computed, or ``t``'s values
    changed, since the call before): red team 27 also called it six times before such a loop,
    and never in it. The nodes alive before the loop began are no batch's.

        >>> x = torch.tensor(2.0, requires_grad=True)
        >>> graphs, losses = BatchGraphs(x), []
        >>> for _ in range(3):  # (every loss kept: the first's graph still held at the third)
        ...     losses.append(x * x)
        ...     losses[-1].backward()
        >>> graphs.most_held
        1
        >>> for _ in range(3):  # (a loss "computed" three times at one step)
        ...     graphs.count()
        >>> graphs.steps
        1
    """

    def __init__(self, t: Any) -> None:
        self._t = t
        self._batches: list[dict[int, Any]] = [_nodes_made_since([])]  # (before the loop)
        self.most_held = 0
        self._gradients = 0  # (how many gradients of t were computed)
        self._gradients_at_call = 0  # (as many at the loss function's last call: none yet)
        self._ended_at_call = False  # (the last batch ended at a call, no gradient since)
        self._steps: set[tuple[int, bytes]] = set()
        _REGISTER_HOOK(t, lambda _: self._gradient_computed())  # (None: the gradient as it is)

    @property
    def steps(self) -> int:
        return len(self._steps)

    def count(self) -> None:
        """At a call of the loss function given."""
        self._steps.add((self._gradients, array(self._t).tobytes()))
        if self._gradients == self._gradients_at_call:
            self._batch_ended()  # (no gradient since its last call: worked out by hand)
            self._ended_at_call = True
        else:
            self._count_held()
        self._gradients_at_call = self._gradients

    def _gradient_computed(self) -> None:
        self._gradients += 1
        if self._ended_at_call:  # (the batch that call ended goes on to its gradient)
            self._count_held()
            self._batches[-1].update(_nodes_made_since(self._batches))
            self._ended_at_call = False
        else:
            self._batch_ended()

    def _count_held(self) -> None:
        alive = sum(any(ref() is not None for ref in batch.values())
                    for batch in self._batches[1:])
        self.most_held = max(self.most_held, alive - 1)

    def _batch_ended(self) -> None:
        self._count_held()
        self._batches.append(_nodes_made_since(self._batches))


class StepsTaken:
    """How a loop changed a model's weight ``t``: ``by_other_means`` counts the changes made by
    other than the optimizer given's step() (seen at a call of the loss function given, a step,
    and ``look()`` after the loop), and ``unseen`` the steps taken from weights at which the
    loss function given computed no loss since the step before. Red team 27b called the loss
    function at six weights set by hand, which ``BatchGraphs.steps`` counted as six steps,
    then trained by a loop of its own that never called it (and so ended no batch): a loop's
    steps are each taken from the weights its loss was computed at.

        >>> w = torch.tensor([1.0])
        >>> steps = StepsTaken(w)
        >>> steps.loss_computed(); steps.stepping(); w -= 0.5; steps.stepped()
        >>> steps.stepping(); w -= 0.5; steps.stepped()  # (no loss at the weights it stepped from)
        >>> w += 1.0; steps.look()  # (the weight set back by hand)
        >>> steps.unseen, steps.by_other_means
        (1, 1)
    """

    def __init__(self, t: Any) -> None:
        self._t = t
        self._left = array(t).tobytes()  # (the weight as the last step, or the start, left it)
        self._loss_seen = False  # (a loss computed at the weight since the last step)
        self.by_other_means = 0
        self.unseen = 0

    def look(self) -> None:
        now = array(self._t).tobytes()
        if now != self._left:
            self.by_other_means += 1
            self._left, self._loss_seen = now, False

    def loss_computed(self) -> None:
        self.look()
        self._loss_seen = True

    def stepping(self) -> None:
        """Before a step of the optimizer given changes the weight."""
        self.look()
        self.unseen += not self._loss_seen
        self._loss_seen = False

    def stepped(self) -> None:
        self._left = array(self._t).tobytes()


def _nodes_made_since(batches: list[dict[int, Any]]) -> dict[int, Any]:
    """The graph nodes alive now that none of ``batches`` holds, each a weak reference by its id
    (a dead node's id may be a new node's: its reference is then dead)."""
    known = {key for batch in batches for key, ref in batch.items() if ref() is not None}
    return {_ID(node): _WEAK_REF(node) for node in _LIVE_OBJECTS()
            if issubclass(type(node), Node) and type(node) is not AccumulateGrad
            and _ID(node) not in known}
