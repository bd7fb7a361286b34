"""autograd.functional: derivatives of a whole function, built from autograd.grad.

    vjp(f, x, v)   v^T J, one backward pass           jvp(f, x, v)   J v, two backward passes
    jacobian(f, x) every row of J, one backward each  hessian(f, x)  the jacobian of the gradient
    vhp(f, x, v)   v^T H                              hvp(f, x, v)   H v

Each calls `f` on fresh leaves that stand for the inputs, so the caller's tensors need not
require grad and nothing is written into their .grad. Inputs and outputs may be a Tensor or a
tuple of Tensors; results follow the same shapes (a jacobian of a tuple of outputs with respect
to a tuple of inputs is a tuple of tuples, [output][input]). An output that does not depend on
an input gets zeros, or an error with strict=True.

    >>> import minigrad as torch
    >>> from minigrad.autograd.functional import jacobian, hessian
    >>> jacobian(lambda x: x ** 2, torch.tensor([1.0, 2.0]))
    tensor([[2., 0.],
            [0., 4.]])
    >>> hessian(lambda x: (x ** 3).sum(), torch.tensor([1.0, 2.0]))
    tensor([[ 6.,  0.],
            [ 0., 12.]])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import creation
from ..tensor import Tensor
from .api import grad as _grad
from .grad_mode import enable_grad


def _as_tuple(value: Any, what: str, fn_name: str) -> tuple[bool, tuple]:
    """(whether it was a tuple, its Tensors as a tuple), with PyTorch's TypeError otherwise."""
    if isinstance(value, tuple):
        for i, item in enumerate(value):
            if not isinstance(item, Tensor):
                raise TypeError(
                    f"The {what} given to {fn_name} must be either a Tensor or a tuple of Tensors "
                    f"but the value at index {i} has type {type(item)}.")
        return True, value
    if not isinstance(value, Tensor):
        raise TypeError(f"The {what} given to {fn_name} must be either a Tensor or a tuple of "
                        f"Tensors but the given {what} has type {type(value)}.")
    return False, (value,)


def _as_result(is_tuple: bool, values: tuple) -> Any:
    return values if is_tuple else values[0]


def _leaves(inputs: tuple, create_graph: bool) -> tuple:
    """Tensors for f to work on: with create_graph, still linked to the caller's inputs (so the
    result can be differentiated again); otherwise fresh leaves."""
    return tuple(x.view_as(x) if create_graph and x.requires_grad
                 else x.detach().requires_grad_(True) for x in inputs)


def _call(func: Callable, inputs: tuple, fn_name: str) -> tuple[bool, tuple]:
    with enable_grad():
        outputs = func(*inputs)
    return _as_tuple(outputs, "outputs of the user-provided function", fn_name)


def _returned(values: tuple, create_graph: bool) -> tuple:
    """Results leave the graph unless the caller asked to differentiate them again."""
    return values if create_graph else tuple(v.detach() for v in values)


def _grads(outputs: tuple, inputs: tuple, grad_outputs: tuple, create_graph: bool,
           strict: bool, retain_graph: bool | None = None, output_nr: int | None = None
           ) -> tuple:
    """d(outputs . grad_outputs)/d(inputs); zeros where an input was not used (or an error).

    output_nr: the single output these are for (named in strict mode's error), if one."""
    if strict:
        for i, out in enumerate(outputs):
            if not out.requires_grad:
                nr = i if output_nr is None else output_nr
                raise RuntimeError(
                    f"Output {nr} of the user-provided function does not require gradients. The "
                    "outputs must be computed in a differentiable manner from the input when "
                    "running in strict mode.")
    pairs = [(o, g) for o, g in zip(outputs, grad_outputs) if o.requires_grad]
    if pairs:
        grads = _grad([o for o, _ in pairs], inputs, [g for _, g in pairs],
                      retain_graph=retain_graph, create_graph=create_graph, allow_unused=True)
    else:
        grads = (None,) * len(inputs)
    result = []
    for i, (g, x) in enumerate(zip(grads, inputs)):
        if g is None:
            if strict:
                which = "The output" if output_nr is None else f"Output {output_nr}"
                raise RuntimeError(
                    f"{which} of the user-provided function is independent of input {i}. This "
                    "is not allowed in strict mode.")
            g = creation.zeros_like(x)
        result.append(g)
    return tuple(result)


def _vector(v: Any, like: tuple, fn_name: str, single: str) -> tuple:
    """v as a tuple of Tensors; None stands for 1 when `like` is one Tensor of one element."""
    if v is not None:
        return _as_tuple(v, "v", fn_name)[1]
    if len(like) != 1 or like[0].numel() != 1:
        raise RuntimeError(f"The vector v can only be None if the {single} with a single "
                           "element.")
    return (creation.ones_like(like[0]),)


_RETURNS_ONE = "user-provided function returns a single Tensor"
_TAKES_ONE = "input to the user-provided function is a single Tensor"


def vjp(func: Callable, inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), v^T J): the vector-Jacobian product, what backward(gradient=v) computes."""
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "vjp")
    inputs = _leaves(inputs, create_graph)
    outputs_tuple, outputs = _call(func, inputs, "vjp")
    v = _vector(v, outputs, "vjp", _RETURNS_ONE)
    with enable_grad():
        grads = _grads(outputs, inputs, v, create_graph, strict)
    return (_as_result(outputs_tuple, _returned(outputs, create_graph)),
            _as_result(inputs_tuple, _returned(grads, create_graph)))


def jvp(func: Callable, inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), J v): the Jacobian-vector product (forward-mode), by two backward
    passes (see _jacobian_times)."""
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jvp")
    inputs = _leaves(inputs, create_graph)
    v = _vector(v, inputs, "jvp", _TAKES_ONE)
    outputs_tuple, outputs = _call(func, inputs, "jvp")
    with enable_grad():
        result = _jacobian_times(outputs, inputs, v, create_graph, strict)
    return (_as_result(outputs_tuple, _returned(outputs, create_graph)),
            _as_result(outputs_tuple, _returned(result, create_graph)))


def jacobian(func: Callable, inputs: Any, create_graph: bool = False, strict: bool = False,
             vectorize: bool = False, strategy: str = "reverse-mode") -> Any:
    """Every partial derivative of every output: for output shape S and input shape T, a
    tensor of shape S + T. One backward pass per output element.

    (vectorize and strategy only change how PyTorch batches the passes: the result is the same.)
    """
    if strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError(
            'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your '
            'function has more outputs than inputs, "forward-mode" tends to be more performant. '
            'Otherwise, prefer to use "reverse-mode".')
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
    inputs = _leaves(inputs, create_graph)
    outputs_tuple, outputs = _call(func, inputs, "jacobian")
    rows_per_output = []
    with enable_grad():
        for nr, out in enumerate(outputs):
            flat = out.reshape(-1)
            rows: list[list] = [[] for _ in inputs]
            for j in range(flat.numel()):
                picked = creation.zeros_like(flat)
                picked[j] = 1
                grads = _grads((flat,), inputs, (picked,), create_graph, strict,
                               retain_graph=True, output_nr=nr)
                for k, g in enumerate(grads):
                    rows[k].append(g)
            rows_per_output.append(tuple(
                _stacked(rows[k], out.shape + x.shape, x) for k, x in enumerate(inputs)))
    per_output = [_as_result(inputs_tuple, _returned(jac, create_graph))
                  for jac in rows_per_output]
    return _as_result(outputs_tuple, tuple(per_output))


def _stacked(rows: list, shape: tuple, like: Tensor) -> Tensor:
    if not rows:  # an output without elements
        return creation.zeros(shape, dtype=like.dtype)
    from ..breadth.join import stack

    return stack(rows).reshape(shape)


def hessian(func: Callable, inputs: Any, create_graph: bool = False, strict: bool = False,
            vectorize: bool = False, outer_jacobian_strategy: str = "reverse-mode") -> Any:
    """The second derivatives of a function with one output element: the jacobian of its
    gradient. For inputs of shapes T and U, block [t][u] has shape T + U."""
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")

    def gradient(*xs: Tensor) -> Any:
        def single_output(*ys: Tensor) -> Tensor:
            out = func(*ys)
            is_tuple, outs = _as_tuple(out, "outputs of the user-provided function", "hessian")
            if is_tuple:
                raise RuntimeError("The function given to hessian should return a single Tensor")
            if outs[0].numel() != 1:
                raise RuntimeError("The Tensor returned by the function given to hessian should "
                                   "contain a single element")
            return outs[0].squeeze()

        return jacobian(single_output, _as_result(inputs_tuple, xs), create_graph=True)

    return jacobian(gradient, _as_result(inputs_tuple, inputs), create_graph, strict,
                    vectorize, outer_jacobian_strategy)


def _gradient_of_scalar(func: Callable, inputs: tuple, fn_name: str, strict: bool
                        ) -> tuple[tuple, tuple]:
    """(outputs, their gradient with create_graph) for a function with one output element."""
    is_tuple, outputs = _call(func, inputs, fn_name)
    if is_tuple or outputs[0].numel() != 1:
        raise RuntimeError(f"The function given to {fn_name} should return a single Tensor with "
                           "a single element.")
    return outputs, _grads(outputs, inputs, (creation.ones_like(outputs[0]),), True, strict)


def _jacobian_times(outputs: tuple, inputs: tuple, v: tuple, create_graph: bool,
                    strict: bool) -> tuple:
    """J v for J = d(outputs)/d(inputs), by two backward passes: u -> u^T J is linear in u,
    so the gradient of (u^T J) . v with respect to u is J v."""
    u = tuple(creation.zeros_like(out, requires_grad=True) for out in outputs)
    u_jacobian = _grads(outputs, inputs, u, True, strict)
    return _grads(u_jacobian, u, v, create_graph, strict)


def _hessian_product(func: Callable, inputs: Any, v: Any, create_graph: bool, strict: bool,
                     fn_name: str, product: Callable) -> tuple[Any, Any]:
    """(func(inputs), product(gradient, inputs, v)) for a function with one output element."""
    inputs_tuple, inputs = _as_tuple(inputs, "inputs", fn_name)
    inputs = _leaves(inputs, create_graph)
    v = _vector(v, inputs, fn_name, _TAKES_ONE)
    with enable_grad():
        outputs, gradient = _gradient_of_scalar(func, inputs, fn_name, strict)
        result = product(gradient, inputs, v)
    return (_returned(outputs, create_graph)[0],
            _as_result(inputs_tuple, _returned(result, create_graph)))


def vhp(func: Callable, inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), v^T H): the gradient of (gradient . v)."""
    return _hessian_product(
        func, inputs, v, create_graph, strict, "vhp",
        lambda gradient, xs, v: _grads(gradient, xs, v, create_graph, strict))


def hvp(func: Callable, inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), H v): the gradient's Jacobian-vector product, as jvp computes J v."""
    return _hessian_product(
        func, inputs, v, create_graph, strict, "hvp",
        lambda gradient, xs, v: _jacobian_times(gradient, xs, v, create_graph, strict))
