"""PyTorch's error and warning texts, word for word, in one place.

minigrad raises what PyTorch raises, with the same message (the golden programs compare them),
so a learner's search for an error finds PyTorch's answers. The texts are long; the code that
raises them says which one in a word: `raise RuntimeError(messages.SECOND_BACKWARD)`.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from ._dtype import c_type_name, message_name, result_type
from ._size import bracketed

NON_LEAF_GRAD = (
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
    "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. "
    "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    "instead. See github.com/pytorch/pytorch/pull/30531 for more information."
)
# What creating an integer tensor that requires grad raises (torch.tensor(..., requires_grad=True),
# nn.Parameter); setting the flag on an existing one words it differently, as in PyTorch.
NEW_INTEGER_REQUIRES_GRAD = "Only Tensors of floating point and complex dtype can require gradients"
INTEGER_REQUIRES_GRAD = "only Tensors of floating point and complex dtype can require gradients"
INTEGER_REQUIRES_GRAD_ = "only Tensors of floating point dtype can require gradients"
NON_LEAF_FLAG = "you can only change requires_grad flags of leaf variables."
NON_LEAF_FLAG_HINT = (" If you want to use a computed variable in a subgraph that doesn't require "
                      "differentiation use var_no_grad = var.detach().")
SECOND_BACKWARD = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)
INFERENCE_TENSOR_INPLACE = (
    "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a "
    "clone to get a normal tensor before doing inplace update.See "
    "https://github.com/pytorch/rfcs/pull/17 for more details.")
INFERENCE_TENSOR_REQUIRES_GRAD = (
    "Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.")
INFERENCE_TENSOR_SAVED = (
    "Inference tensors cannot be saved for backward. Please do not use Tensors created in "
    "inference mode in computation tracked by autograd. To work around this, you can make a "
    "clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` instead of "
    "`torch.inference_mode()`.")
CREATE_GRAPH = (
    "Using backward() with create_graph=True will create a reference cycle between the "
    "parameter and its gradient which can cause a memory leak. We recommend using "
    "autograd.grad when creating the graph to avoid this. If you have to use this function, "
    "make sure to reset the .grad fields of your parameters to None after use to break the "
    "cycle and avoid the leak."
)
LEAF_INPLACE = "a leaf Variable that requires grad is being used in an in-place operation."
LEAF_VIEW_INPLACE = ("a view of a leaf Variable that requires grad is being used in an in-place "
                     "operation.")
# Writing into a tensor in which one memory location is several elements (an expanded one:
# memory_overlap.py); PyTorch refuses most writes, warns at these two.
INTERNAL_OVERLAP = ("unsupported operation: more than one element of the written-to tensor "
                    "refers to a single memory location. Please clone() the tensor before "
                    "performing the operation.")
PARTIAL_OVERLAP = ("unsupported operation: some elements of the input tensor and the "
                   "written-to tensor refer to a single memory location. Please clone() the "
                   "tensor before performing the operation.")
EXPANDED_WRITE = ("Use of {op} on expanded tensors is deprecated. Please clone() the tensor "
                  "before performing this operation. This also applies to advanced indexing "
                  "e.g. tensor[{index}] = {value}")
DETACH_VIEW_INPLACE = (
    "Can't detach views in-place. Use detach() instead. If you are using "
    "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set "
    "as True, gradients are views of DDP buckets, and hence detach_() cannot be "
    "called on these gradients. To fix this error, please refer to the "
    "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.")
# autograd.backward / autograd.grad refusing their arguments (torch/autograd/__init__.py).
EMPTY_INPUTS = "`inputs` argument to `{}()` cannot be empty."
ONLY_INPUTS_DEPRECATED = (
    "only_inputs argument is deprecated and is ignored now (defaults to True). To accumulate "
    "gradient for other parts of the graph, please use torch.autograd.backward.")
MATERIALIZE_NOT_ALLOW_UNUSED = (
    "Expected allow_unused to be True or not passed when materialize_grads=True, but got: "
    "allow_unused=False.")
FUNCTION_WITHOUT_FORWARD = "You must implement the forward function for custom autograd.Function."
FUNCTION_WITHOUT_BACKWARD = ("You must implement either the backward or vjp method for your custom "
                             "autograd.Function to use it with backward mode AD.")
# (sic: PyTorch's texts stop there, naming neither the argument nor its type)
MARK_NOT_TENSOR = {
    "mark_dirty": "mark_dirty can only accept variables, but argument ",
    "mark_non_differentiable": "mark_non_differentiable only accepts variable arguments, but got "}
# The overloads PyTorch lists after x.view()'s "expected one of:"
VIEW_OVERLOADS = "\n * (minigrad.dtype dtype)\n * (tuple of ints size)\n"
NOT_A_GRADIENT = "gradients can be either Tensors or None, but got {}"
IMPLICIT_GRAD_NOT_SCALAR = "grad can be implicitly created only for scalar outputs"
IMPLICIT_GRAD_NOT_REAL = "grad can be implicitly created only for real scalar outputs but got {}"
GRAD_SHAPE_MISMATCH = ("Mismatch in shape: grad_output[{}] has a shape of {!r} and output[{}] has "
                       "a shape of {!r}.")
GRADS_COUNT = "got {} tensors and {} gradients"
ROOT_NOT_REQUIRING_GRAD = "element {} of tensors does not require grad and does not have a grad_fn"
DECORATED_CLASS = (
    "Decorating classes is deprecated and will be disabled in future versions. You should only "
    "decorate functions or methods. To preserve the current behavior of class decoration, you "
    "can directly decorate the `__init__` method and nothing else.")
RETAIN_GRAD_NO_GRAD = "can't retain_grad on Tensor that has requires_grad=False"
DEEPCOPY_NON_LEAF = (
    "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at "
    "the moment.  If you were attempting to deepcopy a module, this may be because of a "
    "torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")


def negative_dimension(size: tuple) -> str:
    """A factory given a negative size (torch.ones(3, -1), nn.Linear(-4, 2)'s weight); zeros
    alone words it "zeros: Dimension size must be non-negative." in PyTorch."""
    first = next(n for n in size if n < 0)
    return f"Trying to create tensor with negative dimension {first}: [{', '.join(map(str, size))}]"


def not_implemented(kernel: str, dtype: Any) -> NotImplementedError:
    """PyTorch's error for a kernel without a version for dtype: "kernel" not implemented
    for 'Long'."""
    return NotImplementedError(f'"{kernel}" not implemented for \'{message_name(dtype)}\'')


def check_floating(x: Any, kernel: str) -> None:
    """PyTorch's refusal to run a floating-point-only kernel on integers or bools."""
    if not x.dtype.is_floating_point:
        raise not_implemented(kernel, x.dtype)


def check_reduction_dim(name: str, input: Any, dim: int | None) -> None:
    """PyTorch's IndexError for max/min/argmax/argmin along a dim of size 0 (or, for argmax
    and argmin, over all the elements of an empty tensor): numpy's words were ValueError
    "attempt to get argmax of an empty sequence"."""
    shape = input._data.shape
    if dim is None:
        if not input._data.size:
            raise IndexError(f"{name}(): Expected reduction dim to be specified for "
                             "input.numel() == 0.")
    elif shape and not shape[dim]:
        raise IndexError(f"{name}(): Expected reduction dim {dim} to have non-zero size.")


LEGACY_FUNCTION_CALL = (
    "Legacy autograd function with non-static forward method is deprecated. Please use "
    "new-style autograd function with static forward method. (Example: "
    "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)")


def function_instantiated(cls: type) -> str:
    return (f"{cls} should not be instantiated. Methods on autograd functions are all static, "
            "so you should invoke them on the class itself. Instantiating an autograd function "
            "will raise an error in a future version of PyTorch.")


LIST_OF_ARRAYS = ("Creating a tensor from a list of numpy.ndarrays is extremely slow. Please "
                  "consider converting the list to a single numpy.ndarray with numpy.array() "
                  "before converting to a tensor.")
SCALAR_REQUIRES_GRAD = ("Converting a tensor with requires_grad=True to a scalar may lead to "
                        "unexpected behavior.\nConsider using tensor.detach() first.")
T_NOT_2D = (
    "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
    "deprecated and it will throw an error in a future release. Consider `x.mT` to "
    "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` "
    "to reverse the dimensions of a tensor.")
IDENTITY_ON_0D = "This function is the identity in these cases."
CONJ_ON_0D = "Consider using x.conj()."
T_ZERO_DIM = f"Tensor.T is deprecated on 0-D tensors. {IDENTITY_ON_0D}"
# loss.data[0] on a 0-d loss: old tutorials' idiom from before PyTorch 0.4 had 0-d tensors.
ZERO_DIM_INDEX = ("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                  "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
VIEW_NOT_POSSIBLE = (
    "view size is not compatible with input tensor's size and stride (at least one "
    "dimension spans across two contiguous subspaces). Use .reshape(...) instead.")


def forward_name(node: Any) -> str:
    """The forward operation a node records: 'Exp' for ExpBackward0, 'Pow1' for PowBackward1."""
    return re.sub(r"Backward(0$)?(?=\d*$)", "", node.name())


def modified_by_inplace(tensor: Any, grad_fn: Any, expected: int) -> str:
    """A saved tensor was changed in place between forward and backward."""
    shape = ", ".join(str(n) for n in tensor.shape)
    # PyTorch names the forward operation here: "output 0 of Exp" for ExpBackward0.
    made_by = f", which is output 0 of {forward_name(grad_fn)}," if grad_fn is not None else ""
    return (
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: [minigrad.{message_name(tensor.dtype)}Tensor [{shape}]]{made_by} is at "
        f"version {tensor._version_counter.value}; expected version {expected} instead. Hint: "
        "enable anomaly detection to find the operation that failed to compute its gradient, "
        "with torch.autograd.set_detect_anomaly(True, check_nan=False)."
    )


def view_changed_inplace(view: Any, grad_fn: Any, indirect: bool) -> str:
    """PyTorch's refusal of a view made under no_grad or inference_mode, a piece of
    split/unbind (or a view of one), or an input that a custom Function returned as-is: being
    changed in place itself, or (indirect) used after its base or another view of it was.
    `grad_fn` is the node the view had (None if it had none)."""
    modified = "its base or another view of its base has been" if indirect else "is being"
    made_in = ("inference mode" if view._view_made_in_inference else
               "no_grad mode" if view._view_made_in_no_grad or grad_fn is None else None)
    where = f"Output {view._output_nr} of {forward_name(grad_fn)}" if grad_fn is not None else ""
    if made_in is None:
        header = f"{where} is a view and {modified} modified inplace."
    else:
        prefix = f"{where} is a view of a view which was created in" if grad_fn is not None \
            else "A view was created in"
        header = (f"{prefix} inference mode and {modified} modified inplace in normal mode."
                  if view._view_made_in_inference else
                  f"{prefix} no_grad mode and {modified} modified inplace with grad mode "
                  "enabled.")
    if view._view_made_in_no_grad:  # (and in inference mode, which turns grad mode off)
        block = "inference_mode" if view._view_made_in_inference else "no_grad"
        return (f"{header} Given that this use case is ambiguous and error-prone, it is "
                "forbidden. You can clarify your code by moving both the view and the inplace "
                f"either both inside the {block} block (if you don't want the inplace to be "
                "tracked) or both outside (if you want the inplace to be tracked).")
    if hasattr(grad_fn, "_function"):  # a custom Function's node
        return (f"{header} This view was created inside a custom Function (or because an input "
                "was returned as-is) and the autograd logic to handle view+inplace would "
                "override the custom backward associated with the custom Function, leading to "
                "incorrect gradients. This behavior is forbidden. You can fix this by cloning "
                "the output of the custom Function.")
    return (f"{header} This view is the output of a function that returns multiple views. "
            "Such functions do not allow the output views to be modified inplace. You should "
            "replace the inplace operation by an out-of-place one.")


def check_requires_grad_flag(tensor: Any, value: bool) -> None:
    """What `tensor.requires_grad = value` refuses: a non-leaf's flag, an integer tensor's."""
    if tensor.grad_fn is not None:
        raise RuntimeError(NON_LEAF_FLAG + ("" if value else NON_LEAF_FLAG_HINT))
    if value and not tensor.dtype.is_floating_point:
        raise RuntimeError(INTEGER_REQUIRES_GRAD)


def check_grad_assignment(tensor: Any, grad: Any, tensor_type: type) -> None:
    """What `tensor.grad = grad` refuses: not a tensor, another shape, another dtype."""
    if not isinstance(grad, tensor_type):
        raise TypeError(f"assigned grad expected to be a Tensor or None but got grad of type "
                        f"{type(grad).__name__}")
    if grad.shape != tensor.shape:
        raise RuntimeError(
            f"attempting to assign a gradient of size '{bracketed(grad.shape)}' to a tensor of "
            f"size '{bracketed(tensor.shape)}'. Please ensure that the gradient and the tensor "
            "are the same size")
    if grad.dtype is not tensor.dtype:
        raise RuntimeError(
            f"attempting to assign a gradient with dtype '{c_type_name(grad.dtype)}' to a tensor "
            f"with grad_dtype '{message_name(tensor.dtype)}'. The gradient must match the "
            "tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's "
            "grad_dtype attribute with a specific dtype, or None to allow any dtype. Set "
            "grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may "
            "break downstream systems that assume they match.")


def tensor_options(d: Any) -> str:
    """How PyTorch's C++ prints a CPU tensor's options (the legacy constructors' TypeError)."""
    return (f"TensorOptions(dtype={c_type_name(d)}, device=cpu, layout=Strided, "
            "requires_grad=false (default), pinned_memory=false (default), "
            "memory_format=(nullopt))")


def broadcast_mismatch(sa: tuple, sb: tuple) -> RuntimeError | None:
    """The error for two shapes that do not broadcast (None when they do)."""
    for i in range(1, min(len(sa), len(sb)) + 1):
        if sa[-i] != sb[-i] and sa[-i] != 1 and sb[-i] != 1:
            return RuntimeError(
                f"The size of tensor a ({sa[-i]}) must match the size of tensor b ({sb[-i]}) "
                f"at non-singleton dimension {max(len(sa), len(sb)) - i}")
    return None


def is_broadcast_mismatch(error: Exception) -> bool:
    """Whether `error` is one broadcast_mismatch made: operands that do not broadcast."""
    return str(error).startswith("The size of tensor a (")


def check_broadcast(a: Any, b: Any) -> None:
    """PyTorch's message for two tensors whose shapes do not broadcast (numpy's is another)."""
    if a._data.shape != b._data.shape:
        error = broadcast_mismatch(a._data.shape, b._data.shape)
        if error is not None:
            raise error


def check_written_shape(shape: tuple, other: tuple) -> None:
    """A tensor written in place by a result broadcast with a tensor of shape `other` (x.add_(y),
    x.copy_(y)) keeps its shape: PyTorch's errors where the two do not broadcast, or broadcast
    to a larger shape."""
    error = broadcast_mismatch(shape, other)
    if error is not None:
        raise error
    broadcast = np.broadcast_shapes(shape, other)
    if broadcast != tuple(shape):
        raise RuntimeError(f"output with shape {bracketed(shape)} doesn't match the broadcast "
                           f"shape {bracketed(broadcast)}")


def check_at_most_2d(input: Any, name: str) -> None:
    """t() and t_() transpose a matrix (a vector or a number stays as it is): more dims are
    refused, where numpy's .T would reverse them all."""
    if input.ndim > 2:
        raise RuntimeError(
            f"{name}() expects a tensor with <= 2 dimensions, but self is {input.ndim}D")


def check_integer_power(input: Any, exponent: Any) -> None:
    """An integer tensor to a negative number power (numpy refuses it too, as a ValueError)."""
    if input._data.dtype.kind in "iu" and exponent < 0:
        raise RuntimeError("Integers to negative integer powers are not allowed.")


def check_clamp_bounds(min: Any, max: Any) -> None:  # noqa: A002 - clamp's argument names
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")


def check_no_bool_subtraction(a: Any, b: Any) -> None:
    """PyTorch refuses `-` on bools (numpy computes 1 - True = 0): masks are inverted with ~."""
    a_bool, b_bool = _is_bool(a), _is_bool(b)
    if a_bool and b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not "
                           "supported. Use the `^` or `logical_xor()` operator instead.")
    if a_bool or b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. "
                           "If you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


def check_no_bool_negation(x: Any) -> None:
    """PyTorch refuses unary `-` on bools (numpy refuses too, in its own words)."""
    if x._data.dtype.kind == "b":
        raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If "
                           "you are trying to invert a mask, use the `~` or `logical_not()` "
                           "operator instead.")


def check_not_bool(x: Any, function: str) -> None:
    """relu and abs refuse bools, each in its own words (numpy would compute something)."""
    if x._data.dtype.kind == "b":
        if function == "abs":
            raise not_implemented("abs_cpu", x.dtype)
        raise RuntimeError(f"Boolean inputs not supported for {function}")


def unsavable(index: int, value: Any) -> TypeError:
    """A custom Function's ctx.save_for_backward given what is not a tensor or None
    (`ctx.save_for_backward([x])`, a list)."""
    return TypeError(f"save_for_backward can only save variables, but argument {index} is of "
                     f"type {type_name(value)}")


def check_not_bool_index(x: Any, function: str) -> None:
    """argmax and argmin refuse bools (max and min take them), before they read the dim."""
    if x._data.dtype.kind == "b":
        raise RuntimeError(f"{function}(): does not support bool input")


def missing_argument(function: str, *arguments: str) -> TypeError:
    """PyTorch's argument parser's words for required arguments not given (Python's own
    message, for a function's missing parameter, reads otherwise; PyTorch's says "arguments"
    for one and "argument" for more)."""
    n = len(arguments)
    return TypeError(f"{function}() missing {n} required positional argument"
                     f"{'s' if n == 1 else ''}: " + ", ".join(f'"{a}"' for a in arguments))


def check_alpha(input: Any, other: Any, alpha: Any) -> None:
    """PyTorch's checks of add's and sub's alpha against the result's dtype: a bool alpha for
    bools only, a float alpha for floating results only, a complex one for none here (an int
    alpha for any). Operands whose shapes do not broadcast are refused first, as PyTorch's
    TensorIterator meets the shapes before its kernel reads alpha."""
    if type(alpha) is int:
        return
    if _is_tensor(input) and _is_tensor(other):
        check_broadcast(input, other)
    result_dtype = result_type(input, other)
    if isinstance(alpha, (bool, np.bool_)):
        if result_dtype.numpy != np.bool_:
            raise RuntimeError("Boolean alpha only supported for Boolean results.")
    elif not result_dtype.is_floating_point and not isinstance(alpha, (int, np.integer)):
        raise RuntimeError(
            "For integral input tensors, argument alpha must not be a floating point number.")
    elif isinstance(alpha, (complex, np.complexfloating)):  # (minigrad has no complex dtype)
        raise RuntimeError(
            "For non-complex input tensors, argument alpha must not be a complex number.")


def is_alpha_refusal(error: Exception) -> bool:
    """Whether `error` is one check_alpha raised."""
    return "argument alpha must not be" in str(error) or str(error).startswith("Boolean alpha")


def _is_tensor(x: Any) -> bool:
    return getattr(x, "_data", None) is not None  # (a Tensor, without importing tensor.py)


def _is_bool(x: Any) -> bool:
    data = getattr(x, "_data", None)  # a Tensor's array
    return data.dtype.kind == "b" if data is not None else isinstance(x, (bool, np.bool_))


def check_expand(input: Any, sizes: tuple, shape: tuple) -> None:
    """What x.expand(*sizes) refuses: fewer sizes than dims, or a size that is not 1 changed."""
    lead = len(sizes) - input.ndim
    if lead < 0:
        raise RuntimeError(
            f"expand(minigrad.{message_name(input.dtype)}Tensor{{{bracketed(input.shape)}}}, size="
            f"{bracketed(sizes)}): the number of sizes provided ({len(sizes)}) must be "
            f"greater or equal to the number of dimensions in the tensor ({input.ndim})")
    for i in reversed(range(input.ndim)):  # the last mismatch is the one reported, as PyTorch
        n = input.shape[i]
        if n != 1 and n != shape[lead + i]:
            raise RuntimeError(
                f"The expanded size of the tensor ({shape[lead + i]}) must match the existing "
                f"size ({n}) at non-singleton dimension {lead + i}.  Target sizes: "
                f"{bracketed(sizes)}.  Tensor sizes: {bracketed(input.shape)}")


def permute_dims(ndim: int, given: int) -> str:
    return ("permute(sparse_coo): number of dimensions in the tensor input does not match the "
            f"length of the desired ordering of dimensions i.e. input.dim() = {ndim} is not "
            f"equal to len(dims) = {given}")


def mean_of_integers(dtype: Any, which: str = "Input") -> str:
    """`which`: "Optional" where the integer dtype is the one asked for (`dtype=torch.long`)."""
    return (f"mean(): could not infer output dtype. {which} dtype must be either a floating "
            f"point or complex dtype. Got: {message_name(dtype)}")


def matmul_dtypes(a: Any, b: Any, name: str) -> RuntimeError:
    """A product does not promote: its operands' dtypes must agree. Each of PyTorch's kernels
    says it its own way: dot, a matrix (or a batch of rows) times a vector, a matrix product,
    and a batch of products (bmm, or a batch on the right of @)."""
    if name == "dot" or (a.ndim == 1 and b.ndim == 1):
        return RuntimeError("dot : expected both vectors to have same dtype, but found "
                            f"{message_name(a.dtype)} and {message_name(b.dtype)}")
    if name == "bmm" or b.ndim >= 3:
        return RuntimeError(f"expected scalar type {message_name(a.dtype)} but found "
                            f"{message_name(b.dtype)}")
    if name == "mv" or (a.ndim >= 2 and b.ndim == 1):
        vec, mat = message_name(b.dtype), message_name(a.dtype)
        return RuntimeError("addmv input tensors must have the same dtype, but got "
                            f"{vec}, {mat}, and {vec}")
    return RuntimeError(f"expected m1 and m2 to have the same dtype, but got: "
                        f"{c_type_name(a.dtype)} != {c_type_name(b.dtype)}")


def matmul_shapes(a: Any, b: Any) -> RuntimeError:
    """The inner sizes of a product do not match. A batch on the right is a bmm over the
    broadcast batch; a batch on the left is folded into rows first (so its rows count all)."""
    if b.ndim >= 3:
        batch = math.prod(np.broadcast_shapes(a.shape[:-2], b.shape[:-2]))
        return batch2_shape((batch, a.shape[-1]), (batch, b.shape[-2]))
    if a.ndim == 1 and b.ndim == 1:
        return RuntimeError(
            f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src [{b.shape[0]}] "
            "to have the same number of elements, but got "
            f"{a.shape[0]} and {b.shape[0]} elements respectively")
    rows = math.prod(a.shape[:-1])
    if b.ndim == 1:
        return RuntimeError(f"size mismatch, got input ({rows}), mat ({rows}x"
                            f"{a.shape[-1]}), vec ({b.shape[0]})")
    return RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({rows}x{a.shape[-1]} and "
                        f"{b.shape[-2]}x{b.shape[-1]})")


def check_product(a: Any, b: Any, name: str) -> None:
    """PyTorch's errors for a product: operands of at least one dim, inner sizes that match
    and one dtype (a product does not promote), checked in that order but for two vectors."""
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{a.ndim}D and {b.ndim}D")
    shapes_match = a.shape[-1] == b.shape[-2 if b.ndim > 1 else 0]
    if not shapes_match and not (a.ndim == 1 and b.ndim == 1):
        raise matmul_shapes(a, b)
    if a.dtype is not b.dtype:
        raise matmul_dtypes(a, b, name)
    if not shapes_match:
        raise matmul_shapes(a, b)


def batch2_shape(expected: tuple, got: tuple) -> RuntimeError:
    """bmm's error: batch2's batch size and rows must be batch1's batch size and columns."""
    return RuntimeError("Expected size for first two dimensions of batch2 tensor to be: "
                        f"[{expected[0]}, {expected[1]}] but got: [{got[0]}, {got[1]}].")


def type_name(value: Any) -> str:
    """A value's type as PyTorch's argument parser names it: numpy's and minigrad's types with
    their module ("numpy.ndarray", "torch.Size"), as C types name themselves; Tensor and
    Python's own types bare."""
    kind = type(value)
    if kind.__module__ in ("numpy", "minigrad") and kind.__name__ != "Tensor":
        return f"{kind.__module__}.{kind.__name__}"
    return kind.__name__


def invalid_arguments(name: str, *arguments: Any, **keywords: Any) -> TypeError:
    """The first line of PyTorch's error for arguments no overload of `name` takes (keyword
    arguments last, listed from the last given)."""
    got = ", ".join([*(type_name(a) for a in arguments),
                     *(f"{k}={type_name(v)}" for k, v in reversed(keywords.items()))])
    if keywords and not arguments:
        got += ", "  # (sic: PyTorch's text for keyword arguments alone, "got (min=list, )")
    return TypeError(f"{name}() received an invalid combination of arguments - got ({got}), "
                     f"but expected one of:")


def wrong_argument_type(function: str, argument: str, position: int | None, value: Any,
                        expected: str = "Tensor") -> TypeError:
    """PyTorch's error for an argument of another type than `function` takes ("linear():
    argument 'input' (position 1) must be Tensor, not list"); position None for an argument
    given by keyword."""
    where = f" (position {position})" if position is not None else ""
    return TypeError(f"{function}(): argument '{argument}'{where} must be {expected}, not "
                     f"{type_name(value)}")


def tensor_list_element(index: int, argument: int, value: Any) -> TypeError:
    """PyTorch's error for a sequence of tensors (torch.cat's, torch.stack's) holding something
    else: `argument` counts the function's parameters from 0."""
    return TypeError(f"expected Tensor as element {index} in argument {argument}, but got "
                     f"{type_name(value)}")


def no_attribute(value: Any, attribute: str) -> AttributeError:
    """Python's error for an attribute `value` lacks ("'list' object has no attribute
    'softmax'"), where PyTorch's Python code calls a Tensor method on what is not a tensor."""
    return AttributeError(f"'{type_name(value)}' object has no attribute '{attribute}'")
