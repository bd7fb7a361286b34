"""nn.functional: the layers and losses as plain functions (``import ... as F``).

The modules in minigrad.nn call these. Each checks its arguments the way PyTorch does (same
exception types and messages), then records one graph node or a few core operations.

    >>> import minigrad as torch
    >>> import minigrad.nn.functional as F
    >>> logits = torch.tensor([[2.0, 0.0, -1.0]], requires_grad=True)
    >>> F.cross_entropy(logits, torch.tensor([0]))
    tensor(0.1698, grad_fn=<NllLossBackward0>)
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .. import _dtype, messages
from ..autograd.grad_mode import no_grad
from ..breadth import softmax as _softmax
from ..breadth.activations import (  # noqa: F401 - F.gelu...
    celu,
    elu,
    gelu,
    hardshrink,
    hardsigmoid,
    hardswish,
    hardtanh,
    leaky_relu,
    logsigmoid,
    mish,
    relu6,
    selu,
    silu,
    softplus,
    softshrink,
    softsign,
    tanhshrink,
)
from ..breadth.addmm import addmm
from ..breadth.broadcasting import broadcast_shapes, broadcast_tensors
from ..breadth.distances import pairwise_distance
from ..breadth.math_functions import xlogy
from ..breadth.padding import pad  # noqa: F401 - F.pad
from ..breadth.selection import minimum, where
from ..ops.arithmetic import promote
from ..parity import DivBackward1, MulBackward1, add_number, sub_number
from ..tensor import Tensor
from ._messages import scalar_kind
from .adaptive_pooling import adaptive_avg_pool1d, adaptive_avg_pool2d  # noqa: F401
from .convolution import (  # noqa: F401 - F.conv2d...
    avg_pool1d,
    avg_pool2d,
    conv1d,
    conv2d,
    max_pool1d,
    max_pool2d,
)
from .dropout import dropout  # noqa: F401 - F.dropout
from .embedding import embedding  # noqa: F401 - F.embedding
from .gating import glu, threshold  # noqa: F401 - F.glu, F.threshold
from .group_norm import group_norm  # noqa: F401 - F.group_norm
from .instance_norm import instance_norm  # noqa: F401 - F.instance_norm
from .loss_ops import (
    REDUCTIONS,
    BinaryCrossEntropyBackward0,
    BinaryCrossEntropyWithLogitsBackward0,
    HuberLossBackward0,
    MseLossBackward0,
    NllLoss2DBackward0,
    NllLossBackward0,
    SmoothL1LossBackward0,
    SoftMarginLossBackward0,
)
from .normalization import batch_norm, layer_norm  # noqa: F401 - F.batch_norm...
from .pixel_shuffle import pixel_shuffle, pixel_unshuffle  # noqa: F401 - F.pixel_shuffle...
from .upsampling import interpolate  # noqa: F401 - F.interpolate

# --- activations ------------------------------------------------------------------------


def _check_tensor_arguments(function: str, *arguments: tuple[str, Any],
                            optional: tuple[str, ...] = ()) -> None:
    """PyTorch's TypeError when an argument that must be a tensor is not (a list or a numpy
    array given to a model is a common slip). `arguments`: (name, value) in their positional
    order; those named in `optional` may be None."""
    for position, (name, value) in enumerate(arguments, 1):
        if not isinstance(value, Tensor) and not (value is None and name in optional):
            raise messages.wrong_argument_type(function, name, position, value)


def _refuse_method_call(input: Any, method: str) -> None:
    """PyTorch's error where its Python code calls `input.<method>()` on what is not a tensor
    (F.softmax([1.0], 0): "'list' object has no attribute 'softmax'")."""
    if not isinstance(input, Tensor):
        raise messages.no_attribute(input, method) from None


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    """max(input, 0) elementwise."""
    try:
        return input.relu_() if inplace else input.relu()
    except AttributeError:  # (checked only then: every layer of a model comes through here)
        _check_tensor_arguments("relu_" if inplace else "relu", ("input", input))
        raise


def sigmoid(input: Tensor) -> Tensor:
    return input.sigmoid()


def tanh(input: Tensor) -> Tensor:
    return input.tanh()


def _softmax_dim(name: str, ndim: int) -> int:
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
        "dim=X as an argument.",
        stacklevel=3,
    )
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input: Tensor, dim: int | None = None, dtype: _dtype.dtype | None = None) -> Tensor:
    """exp(x) / exp(x).sum(dim), computed stably."""
    if dim is None:
        dim = _softmax_dim("softmax", input.dim())
    try:
        return _softmax.softmax(input, dim, dtype=dtype)
    except AttributeError:
        _refuse_method_call(input, "softmax")
        raise


def softmin(input: Tensor, dim: int | None = None, dtype: _dtype.dtype | None = None) -> Tensor:
    """softmax(-input): the smallest values get the largest weights."""
    if dim is None:
        dim = _softmax_dim("softmin", input.dim())
    return softmax(-input, dim, dtype)


def log_softmax(input: Tensor, dim: int | None = None,
                dtype: _dtype.dtype | None = None) -> Tensor:
    """x - logsumexp(x, dim), computed stably."""
    if dim is None:
        dim = _softmax_dim("log_softmax", input.dim())
    try:
        return _softmax.log_softmax(input, dim, dtype=dtype)
    except AttributeError:
        _refuse_method_call(input, "log_softmax")
        raise


# --- layers -----------------------------------------------------------------------------


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """input @ weight.T + bias, recorded as PyTorch records it.

    A matrix of rows with a bias is one AddmmBackward0; other ranks fold their leading dims
    into rows and view the result back (ViewBackward0); without a bias it is a matmul.
    """
    try:
        if bias is None:
            return input.matmul(weight.t())
        if input.dim() == 2:
            return addmm(bias, input, weight.t())
        rows = input.reshape(-1, input.shape[-1])
        return addmm(bias, rows, weight.t()).view(*input.shape[:-1], weight.shape[0])
    except AttributeError:  # a list or an array for a tensor; checked only then (every layer)
        _check_tensor_arguments("linear", ("input", input), ("weight", weight),
                                ("bias", bias), optional=("bias",))
        raise
    except (IndexError, RuntimeError):  # a 0-d input or weight: PyTorch's check, only then
        if input.dim() == 0 or weight.dim() == 0:
            raise RuntimeError("both arguments to linear need to be at least 1D, but they are "
                               f"{input.dim()}D and {weight.dim()}D") from None
        raise


# --- losses -----------------------------------------------------------------------------


def legacy_reduction(size_average: Any, reduce: Any, reduction: str) -> str:
    """The reduction PyTorch's pre-1.0 arguments ask for, with its warning: size_average
    (mean, else sum) and reduce (reduce at all), as old tutorials pass them
    (`nn.MSELoss(size_average=False)` sums). Either one given replaces `reduction`."""
    if size_average is None and reduce is None:
        return reduction
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    result = "mean" if size_average and reduce else "sum" if reduce else "none"
    warnings.warn(f"size_average and reduce args will be deprecated, please use "
                  f"reduction='{result}' instead.", UserWarning, stacklevel=3)
    return result


def _check_reduction(reduction: str) -> None:
    if reduction not in REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")


def _reduced(loss: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return loss.mean()
    return loss.sum() if reduction == "sum" else loss


def _warn_if_broadcast(input: Tensor, target: Tensor) -> None:
    # Sizes compared as PyTorch does: a list or an array fails here as it does there.
    if target.size() != input.size():
        warnings.warn(
            f"Using a target size ({target.size()}) that is different to the input size "
            f"({input.size()}). This will likely lead to incorrect results due to "
            "broadcasting. Please ensure they have the same size.",
            stacklevel=3,
        )


def mse_loss(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
             reduction: str = "mean") -> Tensor:
    """Mean (or sum, or each) of the squared differences."""
    reduction = legacy_reduction(size_average, reduce, reduction)
    _warn_if_broadcast(input, target)
    input, target = promote(input, target)
    messages.check_broadcast(input, target)
    _check_reduction(reduction)
    messages.check_floating(input, "mse_cpu")
    # Shapes that broadcast are expanded first, as PyTorch's mse_loss does (ExpandBackward0
    # between the loss and the smaller one), so the loss's node sees equal shapes.
    input, target = broadcast_tensors(input, target)
    return MseLossBackward0.apply(input, target, reduction=reduction)


def l1_loss(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
            reduction: str = "mean") -> Tensor:
    """Mean (or sum, or each) of the absolute differences (built from core operations)."""
    reduction = legacy_reduction(size_average, reduce, reduction)
    _warn_if_broadcast(input, target)
    _check_reduction(reduction)
    return _reduced((input - target).abs(), reduction)


def _robust_loss(op: type, input: Tensor, target: Tensor, reduction: str,
                 cutoff: float, kernel: str) -> Tensor:
    _warn_if_broadcast(input, target)
    _check_reduction(reduction)
    input, target = promote(input, target)
    messages.check_broadcast(input, target)
    messages.check_floating(input, kernel)
    return op.apply(input, target, reduction=reduction, threshold=cutoff)


def smooth_l1_loss(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
                   reduction: str = "mean", beta: float = 1.0) -> Tensor:
    """Squared error (halved, over beta) for differences under beta, absolute error beyond."""
    reduction = legacy_reduction(size_average, reduce, reduction)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    if beta == 0.0:  # no quadratic part left: PyTorch computes l1_loss
        return l1_loss(input, target, reduction=reduction)
    return _robust_loss(SmoothL1LossBackward0, input, target, reduction, beta, "smooth_l1_cpu")


def huber_loss(input: Tensor, target: Tensor, reduction: str = "mean",
               delta: float = 1.0) -> Tensor:
    """Halved squared error for differences under delta, delta times absolute error beyond."""
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    return _robust_loss(HuberLossBackward0, input, target, reduction, delta, "huber_cpu")


_KL_DIV_MEAN_WARNING = (
    "reduction: 'mean' divides the total loss by both the batch size and the support size."
    "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
    "'mean' will be changed to behave the same as 'batchmean' in the next major release.")


def kl_div(input: Tensor, target: Tensor, size_average: Any = None, reduce: Any = None,
           reduction: str = "mean", log_target: bool = False) -> Tensor:
    """KL(target || exp(input)): input holds log-probabilities, target probabilities (or their
    logs with log_target=True). Built from core operations, as PyTorch builds it."""
    reduction = legacy_reduction(size_average, reduce, reduction)
    if reduction not in ("none", "mean", "sum", "batchmean"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if reduction == "mean":
        warnings.warn(_KL_DIV_MEAN_WARNING, UserWarning, stacklevel=2)
    if not (input.dtype.is_floating_point and target.dtype.is_floating_point):
        raise RuntimeError("kl_div: Integral inputs not supported.")
    if log_target:
        loss = target.exp() * (target - input)
    else:  # target * log(target) counts 0 where target is 0
        loss = xlogy(target, target) - target * input
    if reduction == "none":
        return loss
    if reduction == "batchmean" and input.dim() != 0:
        return loss.sum() / input.size(0)
    return loss.mean() if reduction == "mean" else loss.sum()


def nll_loss(input: Tensor, target: Tensor, weight: Tensor | None = None,
             size_average: Any = None, ignore_index: int = -100, reduce: Any = None,
             reduction: str = "mean") -> Tensor:
    """Negative log-likelihood of class indices, given log-probabilities in dim 1."""
    reduction = legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    _check_tensor_arguments("nll_loss_nd", ("input", input), ("target", target),
                            ("weight", weight), optional=("weight",))
    _check_class_target(input, target)
    messages.check_floating(input, "nll_loss_out_frame" if input.ndim <= 2 else
                            "nll_loss2d_forward_out_frame")
    classes = input._data.shape[0 if input._data.ndim == 1 else 1]
    if weight is not None:
        _check_class_weight(weight, input, classes)
    labels = target._data
    # Two reductions settle the everyday case; only then is it worth finding the culprit.
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        bad = labels[(labels != ignore_index) & ((labels < 0) | (labels >= classes))]
        if bad.size:
            raise IndexError(f"Target {bad.flat[0]} is out of bounds.")
    node = NllLoss2DBackward0 if input._data.ndim > 2 else NllLossBackward0
    return node.apply(input, target=labels,
                      weight=None if weight is None else weight._data.reshape(-1),
                      ignore_index=ignore_index, reduction=reduction)


def _check_class_weight(weight: Tensor, input: Tensor, classes: int) -> None:
    """nll_loss's checks of class weights, in PyTorch's order: one weight per class (a 1-d
    tensor), then the input's dtype (class weights computed with numpy are float64: PyTorch
    refuses them beside float32 scores, where minigrad had computed the loss)."""
    if input.dim() > 2:  # (PyTorch's nll_loss2d counts the weights only, and says less)
        if weight.numel() != classes:
            raise RuntimeError("weight tensor should be defined either for all or no classes")
    elif weight.dim() != 1 or weight.numel() != classes:
        raise RuntimeError(
            f"weight tensor should be defined either for all {classes} classes or no classes "
            f"but got weight tensor of shape: [{', '.join(map(str, weight.shape))}]")
    if weight.dtype is not input.dtype:
        raise RuntimeError(
            f"expected scalar type {scalar_kind(input)} but found {scalar_kind(weight)}")


def _check_class_target(input: Tensor, target: Tensor) -> None:
    """PyTorch's checks of a class-index target against (C,), (N, C) or (N, C, d...) input,
    in its order: the batch sizes; then for (C,) and (N, C) input the target's rank before its
    dtype, for more dims the target's shape before its dtype."""
    shape, target_shape = input._data.shape, target._data.shape
    if len(shape) < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {len(shape)})")
    # (PyTorch reads the batch size of a 0-d target as 0.)
    target_batch = target_shape[0] if target_shape else 0
    if len(shape) != 1 and shape[0] != target_batch:
        raise ValueError(
            f"Expected input batch_size ({shape[0]}) to match target batch_size "
            f"({target_batch})."
        )
    if len(shape) <= 2 and len(target_shape) > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if len(shape) == 4 and len(target_shape) != 3:  # (N, C, H, W): PyTorch's nll_loss2d
        raise RuntimeError("only batches of spatial targets supported (3D tensors) but got "
                           f"targets of dimension: {len(target_shape)}")
    expected = shape[:1] + shape[2:]
    if len(shape) > 2 and len(shape) != 4 and target_shape != expected:
        raise RuntimeError(
            f"Expected target size [{', '.join(map(str, expected))}], got "
            f"[{', '.join(map(str, target_shape))}]"
        )
    if target.dtype not in (_dtype.int64, _dtype.uint8):
        raise RuntimeError(
            f"expected target dtype to be Long or Byte, but got {scalar_kind(target)}")
    if len(shape) == 4 and target_shape != expected:  # (sic: PyTorch's text has no ")")
        raise RuntimeError(f"size mismatch (got input: [{', '.join(map(str, shape))}] , "
                           f"target: [{', '.join(map(str, target_shape))}]")
    if len(shape) == 1 and len(target_shape) >= 1 and target_shape != (1,):
        raise ValueError(
            f"For 1D input, 1D target must have size 1, but got target size: {target_shape[0]}")


def cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None,
                  size_average: Any = None, ignore_index: int = -100, reduce: Any = None,
                  reduction: str = "mean", label_smoothing: float = 0.0) -> Tensor:
    """log_softmax over the class dim, then the negative log-likelihood of the targets.

    Targets are class indices, or class probabilities when shaped like the input. With
    label_smoothing s, each target is mixed with the uniform distribution: (1 - s) of the
    loss is the usual one and s of it the average over all classes. Each case is computed as
    PyTorch computes it (the same nodes, so the same grad_fn and gradients).
    """
    reduction = legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    _check_tensor_arguments("cross_entropy_loss", ("input", input), ("target", target),
                            ("weight", weight), optional=("weight",))
    class_dim = 0 if input.dim() == 1 else 1
    if target.shape == input.shape:
        if not target.dtype.is_floating_point:
            raise RuntimeError("Expected floating point type for target with class "
                               f"probabilities, got {scalar_kind(target)}")
        if ignore_index >= 0:
            raise RuntimeError("ignore_index is not supported for floating point target")
        return _cross_entropy_probabilities(input, target, weight, reduction, label_smoothing,
                                            class_dim)
    log_p = log_softmax(input, class_dim)
    if label_smoothing > 0.0:
        _check_label_smoothing(label_smoothing)
        return _cross_entropy_smoothed(log_p, target, weight, ignore_index, reduction,
                                       label_smoothing, class_dim)
    return nll_loss(log_p, target, weight, ignore_index=ignore_index, reduction=reduction)


def _check_label_smoothing(label_smoothing: float) -> None:
    if label_smoothing > 1.0:
        raise RuntimeError(
            f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing:g}")


def _class_weight(weight: Tensor, input: Tensor) -> Tensor:
    """The per-class weight shaped to broadcast along the class dim (dim 1) of `input`."""
    if input.dim() <= 1:
        return weight
    return weight.view(*[weight.numel() if d == 1 else 1 for d in range(input.dim())])


def _cross_entropy_probabilities(input: Tensor, target: Tensor, weight: Tensor | None,
                                 reduction: str, label_smoothing: float, class_dim: int) -> Tensor:
    """-sum(target * log_softmax(input)) per sample, target being class probabilities."""
    classes = input.shape[class_dim]
    if weight is not None and (weight.dim() != 1 or weight.numel() != classes):
        raise RuntimeError(
            f"cross_entropy: weight tensor should be defined either for all {classes} classes "
            f"or no classes but got weight tensor of shape: [{', '.join(map(str, weight.shape))}]")
    log_p = log_softmax(input, class_dim)
    if label_smoothing > 0.0:
        _check_label_smoothing(label_smoothing)
        target = target * (1 - label_smoothing) + label_smoothing / classes
    terms = log_p * target
    if weight is not None:
        terms = terms * _class_weight(weight, input)
    if reduction == "none":
        return -terms.sum(class_dim)
    total = -terms.sum()
    if reduction == "sum":
        return total
    samples = input.numel() // classes
    if samples == 0:  # no samples: the mean is nan, as in PyTorch
        return DivBackward1.apply(total, other=float("nan"))
    return DivBackward1.apply(total, other=samples)


def _cross_entropy_smoothed(log_p: Tensor, target: Tensor, weight: Tensor | None,
                            ignore_index: int, reduction: str, label_smoothing: float,
                            class_dim: int) -> Tensor:
    """(1 - s) * nll_loss + s * (the loss averaged over all classes), for class indices."""
    classes = log_p.shape[class_dim]
    nll = nll_loss(log_p, target, weight, ignore_index=ignore_index, reduction=reduction)
    if weight is not None:
        smooth = -(log_p * _class_weight(weight, log_p)).sum(class_dim)
    else:
        smooth = -log_p.sum(class_dim)
    ignored = target == ignore_index
    smooth.masked_fill_(ignored, 0.0)
    if reduction == "mean":
        kept = target._data[~ignored._data]
        # Normalised as nll_loss is: by the number (or the total weight) of counted samples.
        count = weight[Tensor._make(kept)].sum() if weight is not None else (~ignored).sum()
        smooth = smooth.sum() / count
    elif reduction == "sum":
        smooth = smooth.sum()
    return MulBackward1.apply(nll, other=1 - label_smoothing) \
        + MulBackward1.apply(smooth, other=label_smoothing / classes)


def binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor | None = None,
                         size_average: Any = None, reduce: Any = None,
                         reduction: str = "mean") -> Tensor:
    """BCE of probabilities in [0, 1]; each log term is clamped at -100 as in PyTorch."""
    reduction = legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if target.size() != input.size():
        raise ValueError(
            f"Using a target size ({target.size()}) that is different to the input size "
            f"({input.size()}) is deprecated. Please ensure they have the same size."
        )
    if target.dtype is not input.dtype:
        raise RuntimeError(
            f"Found dtype {scalar_kind(target)} but expected {scalar_kind(input)}")
    messages.check_floating(input, "binary_cross_entropy")
    x = input._data
    if not np.all((x >= 0) & (x <= 1)):
        raise RuntimeError("all elements of input should be between 0 and 1")
    t = target._data  # (a label of 2 or -1 where a probability is meant)
    if not np.all((t >= 0) & (t <= 1)):
        raise RuntimeError("all elements of target should be between 0 and 1")
    if weight is not None:  # expanded to the target's size first, as PyTorch's Python does
        broadcast_shapes(target.shape, weight.shape)
    return BinaryCrossEntropyBackward0.apply(
        input, target, weight=_broadcast_weight(weight, input), reduction=reduction)


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor,
                                     weight: Tensor | None = None, size_average: Any = None,
                                     reduce: Any = None, reduction: str = "mean",
                                     pos_weight: Tensor | None = None) -> Tensor:
    """BCE of sigmoid(input), computed from the logits stably (log-sigmoid)."""
    reduction = legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if target.size() != input.size():
        raise ValueError(
            f"Target size ({target.size()}) must be the same as input size ({input.size()})")
    messages.check_floating(input, "log_sigmoid_cpu")
    common = _dtype.promote_types(input.dtype, target.dtype)
    if not target.dtype.is_floating_point:
        # PyTorch computes the loss in place in a tensor of the target's dtype.
        raise RuntimeError(
            f"result type {scalar_kind(common)} can't be cast to the desired output type "
            f"{scalar_kind(target)}"
        )
    input, target = promote(input, target)
    if pos_weight is not None:  # (PyTorch's formula: (pos_weight - 1) * target + 1...)
        _check_fits(pos_weight, target.shape, pos_weight.shape, target.shape)
    return BinaryCrossEntropyWithLogitsBackward0.apply(
        input, target, weight=_broadcast_weight(weight, input),
        pos_weight=None if pos_weight is None else pos_weight._data, reduction=reduction)


def _broadcast_weight(weight: Tensor | None, input: Tensor) -> np.ndarray | None:
    if weight is None:
        return None
    _check_fits(weight, input.shape, input.shape, weight.shape)
    return np.broadcast_to(weight._data, input.shape).astype(input._data.dtype)


def _check_fits(weight: Tensor, shape: tuple, a: tuple, b: tuple) -> None:
    """A loss's weight must broadcast to the loss's shape: PyTorch's error for two shapes `a`
    and `b` (an elementwise kernel's operands) that do not broadcast, or for a weight with
    more dims, whose broadcast shape the loss's result cannot hold."""
    error = messages.broadcast_mismatch(a, b)
    if error is not None:
        raise error
    wide = tuple(np.broadcast_shapes(shape, weight.shape))
    if wide != tuple(shape):
        raise RuntimeError(f"output with shape {list(shape)} doesn't match the broadcast shape "
                           f"{list(wide)}")


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    """Class indices as rows of 0s with a 1 at the index: shape (..., num_classes), int64.

    num_classes=-1 takes one more than the largest index.
    """
    if tensor.dtype is not _dtype.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    labels = tensor._data
    if num_classes == -1:
        if not labels.size:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(labels.max()) + 1
    if labels.size and labels.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if labels.size and labels.max() >= num_classes:
        raise RuntimeError("Class values must be smaller than num_classes.")
    return Tensor._make((labels[..., None] == np.arange(num_classes)).astype(np.int64))


def normalize(input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12) -> Tensor:
    """input divided by its p-norm along dim (at least eps): unit vectors along dim."""
    denominator = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    return input / denominator


def cosine_similarity(x1: Tensor, x2: Tensor, dim: int = 1, eps: float = 1e-8) -> Tensor:
    """The cosine of the angle between x1 and x2 along dim: each divided by its norm first
    (kept at least eps), then their dot product, as PyTorch computes it."""
    x1, x2 = promote(x1, x2)
    messages.check_broadcast(x1, x2)
    shape = np.broadcast_shapes(x1.shape, x2.shape)
    x1, x2 = x1.expand(shape), x2.expand(shape)
    norms = []
    for x in (x1, x2):
        norm = x.norm(2, dim, keepdim=True).clone()
        with no_grad():  # the floor changes the value divided by, not the gradient's path
            norm.clamp_min_(eps)
        norms.append(norm)
    return ((x1 / norms[0]) * (x2 / norms[1])).sum(dim)


# --- margin and embedding losses (PyTorch composes them of ordinary ops; so does minigrad) ---


def soft_margin_loss(input: Tensor, target: Tensor, size_average: Any = None,
                     reduce: Any = None, reduction: str = "mean") -> Tensor:
    """log(1 + exp(-target * input)), for targets 1 or -1.

    >>> import minigrad as torch
    >>> torch.nn.functional.soft_margin_loss(torch.tensor([0.0]), torch.tensor([1.0]))
    tensor(0.6931)
    """
    reduction = legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"result type Float can't be cast to the desired output type "
                           f"{scalar_kind(input.dtype)}")
    messages.check_broadcast(input, target)
    return SoftMarginLossBackward0.apply(input, target=target, reduction=reduction)


def margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0.0,
                        size_average: Any = None, reduce: Any = None,
                        reduction: str = "mean") -> Tensor:
    """max(0, -target * (input1 - input2) + margin): input1 should rank above input2 where
    target is 1, below where it is -1.

    >>> import minigrad as torch
    >>> torch.nn.functional.margin_ranking_loss(
    ...     torch.tensor([1.0, 2.0]), torch.tensor([2.0, 1.0]), torch.tensor([1.0, 1.0]))
    tensor(0.5000)
    """
    reduction = legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if not input1.dim() == input2.dim() == target.dim():
        raise RuntimeError(
            "margin_ranking_loss : All input tensors should have same dimension but got sizes: "
            f"input1: {input1.size()}, input2: {input2.size()}, target: {target.size()} ")
    loss = add_number(-target * (input1 - input2), margin)
    return _reduced(loss.clamp_min_(0), reduction)


def triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor,
                        margin: float = 1.0, p: float = 2, eps: float = 1e-6,
                        swap: bool = False, size_average: Any = None, reduce: Any = None,
                        reduction: str = "mean") -> Tensor:
    """max(0, d(anchor, positive) - d(anchor, negative) + margin), d the pairwise distance
    (with swap, the smaller of d(anchor, negative) and d(positive, negative)).

    >>> import minigrad as torch
    >>> a, n = torch.tensor([[0.0, 0.0]]), torch.tensor([[3.0, 4.0]])
    >>> torch.nn.functional.triplet_margin_loss(a, a, n, margin=6.0)
    tensor(1.0000)
    """
    reduction = legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    dims = (anchor.ndim, positive.ndim, negative.ndim)
    if len(set(dims)) != 1:
        raise RuntimeError(
            "The anchor, positive, and negative tensors are expected to have the same number "
            f"of dimensions, but got: anchor {dims[0]}D, positive {dims[1]}D, and negative "
            f"{dims[2]}D inputs")
    to_positive = pairwise_distance(anchor, positive, p, eps)
    to_negative = pairwise_distance(anchor, negative, p, eps)
    if swap:
        to_negative = minimum(to_negative, pairwise_distance(positive, negative, p, eps))
    return _reduced((add_number(to_positive, margin) - to_negative).clamp_min(0), reduction)


_EPSILON = 1e-12  # keeps cosine_embedding_loss's squared norms away from 0


def cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0.0,
                          size_average: Any = None, reduce: Any = None,
                          reduction: str = "mean") -> Tensor:
    """1 - cos(input1, input2) where target is 1, max(0, cos - margin) where it is -1.

    >>> import minigrad as torch
    >>> x = torch.tensor([[1.0, 0.0]])
    >>> torch.nn.functional.cosine_embedding_loss(x, x, torch.tensor([-1]))
    tensor(1.)
    """
    reduction = legacy_reduction(size_average, reduce, reduction)
    _check_reduction(reduction)
    if target.ndim > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    wanted = target.ndim + 1
    if input1.ndim != wanted or input2.ndim != wanted:
        raise RuntimeError(
            f"{target.ndim}D target tensor expects {wanted}D input tensors, but found inputs "
            f"with sizes {list(input1.shape)} and {list(input2.shape)}.")
    along = target.ndim
    products = (input1 * input2).sum(along)
    squares1 = add_number((input1 * input1).sum(along), _EPSILON)
    squares2 = add_number((input2 * input2).sum(along), _EPSILON)
    cos = products / (squares1 * squares2).sqrt_()
    zeros = cos.new_zeros(cos.shape)
    pulled = cos.new_ones(cos.shape) - cos  # PyTorch's `1 - cos`: a tensor of ones, minus cos
    pushed = sub_number(cos, margin).clamp_min_(0)
    loss = where(target == 1, pulled, zeros) + where(target == -1, pushed, zeros)
    return _reduced(loss, reduction)
