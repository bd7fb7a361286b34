"""The losses PyTorch computes as single graph nodes, forward and backward side by side.

Each class is named as the grad_fn PyTorch records (MseLossBackward0, NllLossBackward0,
BinaryCrossEntropyBackward0, BinaryCrossEntropyWithLogitsBackward0, SoftMarginLossBackward0),
and so are the gradients PyTorch records as single nodes under create_graph
(MseLossBackwardBackward0, NllLossBackwardBackward0, BinaryCrossEntropyBackwardBackward0).
Forward works on numpy arrays; backward is written with Tensor operations, so a create_graph
backward through a loss records the gradient's own graph. Argument checking lives in
nn.functional.

    >>> import minigrad as torch
    >>> x = torch.tensor([1.0, 3.0], requires_grad=True)
    >>> torch.nn.functional.mse_loss(x, torch.tensor([0.0, 0.0]))
    tensor(5., grad_fn=<MseLossBackward0>)
"""

from __future__ import annotations

import numpy as np

from ..autograd.grad_mode import no_grad
from ..breadth import formulas
from ..breadth.activations import logsigmoid
from ..ops.op import Op
from ..parity import add_number, over_number, times_number
from ..tensor import Tensor

REDUCTIONS = ("none", "mean", "sum")


def reduce(loss: np.ndarray, reduction: str) -> np.ndarray:
    """Apply the loss reduction, keeping the element dtype (numpy would widen to a scalar)."""
    if reduction == "mean":  # (of no elements: nan, as PyTorch's, without numpy's warnings)
        return np.asarray(loss.mean() if loss.size else np.nan, dtype=loss.dtype)
    if reduction == "sum":
        return np.asarray(loss.sum(), dtype=loss.dtype)
    return loss


def reduction_number(reduction: str) -> int:
    """PyTorch's nodes show a reduction as its C++ enum (at::Reduction): none 0, mean 1, sum 2."""
    return REDUCTIONS.index(reduction)


class _ElementwiseLoss(Op):
    """A loss computed element by element from (input, target), then reduced."""

    __slots__ = ("reduction", "numel", "weight")
    saved_names = ("self", "target")  # forward saves (input, target), as PyTorch's nodes do

    @property
    def _saved_reduction(self) -> int:
        return reduction_number(self.reduction)

    def _scaled(self, grad: Tensor, per_element: Tensor) -> Tensor:
        """d(reduced loss)/d(element) for an element whose local derivative is per_element."""
        if self.weight is not None:
            per_element = per_element * formulas.constant(self.weight._data, grad)
        if self.reduction == "mean":
            per_element = per_element / self.numel
        return per_element * grad

    def _weighted_mean(self, product: Tensor) -> Tensor:
        """PyTorch's order in binary_cross_entropy's backward (and with logits): the local
        derivative already times grad, then the weight, then / numel for a mean (a C++
        Scalar: DivBackward1 under create_graph). With grad other than 1 the roundings
        differ from _scaled's."""
        return self._mean(self._weighted(product))

    def _weighted(self, product: Tensor) -> Tensor:
        if self.weight is None:
            return product
        return product * formulas.constant(self.weight._data, product)

    def _mean(self, total: Tensor) -> Tensor:
        return over_number(total, self.numel) if self.reduction == "mean" else total

    def _finish(self, loss: np.ndarray, weight: np.ndarray | None, reduction: str) -> np.ndarray:
        self.reduction, self.numel = reduction, loss.size
        self.weight = None if weight is None else Tensor._make(weight)
        if weight is not None:
            loss = loss * weight
        return reduce(loss, reduction)


class MseLossBackward0(_ElementwiseLoss):
    """(input - target)^2."""

    on_arrays = True

    def forward(self, input, target, reduction):
        self.save_for_backward(input, target)
        diff = input._data - target._data
        return self._finish(diff * diff, None, reduction)

    def backward(self, grad):
        input, target = self.saved_tensors
        if formulas.is_tensor(grad):  # create_graph: recorded as PyTorch records it
            # (input's node made first, as PyTorch makes it: the engine runs the later first)
            node, reduction = MseLossBackwardBackward0, self.reduction
            d_input = node.apply(grad, input, target, reduction=reduction)
            d_target = node.apply(grad, target, input, reduction=reduction) \
                if self.needs_input_grad[1] else None
            return d_input, d_target
        d_input = mse_loss_backward(grad, input, target, self.reduction, self.numel)
        return d_input, (-d_input if self.needs_input_grad[1] else None)


def mse_loss_backward(grad, input, target, reduction: str, numel: int):
    """PyTorch's mse_loss_backward: norm * (input - target) * grad, in that order, norm
    being 2 (2 / numel for a mean) rounded to the dtype first, as its kernel rounds it (a
    Python float beside a float32 array is rounded to float32 first too)."""
    norm = 2 / numel if reduction == "mean" and numel else 2.0  # (no elements: no gradient)
    return norm * (input - target) * grad


class MseLossBackwardBackward0(Op):
    """mse_loss's backward as a recorded op (create_graph), with edges to the incoming
    gradient, the input and the target, as PyTorch records it. Differentiated: with respect
    to the gradient, mse_loss's backward again; with respect to input (target), + (-) 2 * g
    * grad, divided by the count for a mean (a C++ Scalar each: MulBackward1, DivBackward1)."""

    __slots__ = ("reduction", "numel")

    def forward(self, grad, input, target, reduction):
        self.save_for_backward(grad, input, target)
        self.reduction, self.numel = reduction, input._data.size
        return mse_loss_backward(grad._data, input._data, target._data, reduction, self.numel)

    def backward(self, g):
        grad, input, target = self.saved_tensors
        return (MseLossBackwardBackward0.apply(g, input, target, reduction=self.reduction),
                self._double(g * grad), -self._double(g * grad))

    def _double(self, g):
        """PyTorch's mse_loss_double_backward: 2 * g, then / numel for a mean."""
        doubled = times_number(g, 2)
        return over_number(doubled, self.numel) if self.reduction == "mean" else doubled


class _Robust(_ElementwiseLoss):
    """A loss quadratic for small differences and linear for large ones: its slope is capped,
    so an outlier pulls no harder than a difference of `threshold` (beta or delta) does."""

    on_arrays = True
    threshold_name = ""  # PyTorch's name for it (_saved_beta, _saved_delta)

    @property
    def threshold(self) -> float:
        return getattr(self, self.threshold_name)

    def forward(self, input, target, reduction, threshold):
        self.save_for_backward(input, target)
        setattr(self, self.threshold_name, threshold)
        z = np.abs(input._data - target._data)
        return self._finish(np.where(z < threshold, self._inner(z), self._outer(z)), None,
                            reduction)

    def backward(self, grad):
        input, target = self.saved_tensors
        d_input = self._scaled(grad, self._slope(input - target))
        return d_input, (-d_input if self.needs_input_grad[1] else None)


class SmoothL1LossBackward0(_Robust):
    """0.5 * d^2 / beta where |d| < beta, |d| - 0.5 * beta beyond: |d| with a rounded tip."""

    __slots__ = ("beta",)
    threshold_name = "beta"

    def _inner(self, z):
        return 0.5 * z * z / self.threshold

    def _outer(self, z):
        return z - 0.5 * self.threshold

    def _slope(self, d):
        return formulas.clamp(d / self.threshold, -1, 1)


class HuberLossBackward0(_Robust):
    """0.5 * d^2 where |d| < delta, delta * (|d| - 0.5 * delta) beyond."""

    __slots__ = ("delta",)
    threshold_name = "delta"

    def _inner(self, z):
        return 0.5 * z * z

    def _outer(self, z):
        return self.threshold * (z - 0.5 * self.threshold)

    def _slope(self, d):
        return formulas.clamp(d, -self.threshold, self.threshold)


class BinaryCrossEntropyBackward0(_ElementwiseLoss):
    """-(t log x + (1 - t) log(1 - x)), each log clamped at -100 as PyTorch does."""

    def forward(self, input, target, weight, reduction):
        self.save_for_backward(input, target)
        x, t = input._data, target._data
        with np.errstate(divide="ignore"):
            log_x = np.maximum(np.log(x), -100)
            log_1mx = np.maximum(np.log1p(-x), -100)
        # PyTorch's arrangement of the terms (it decides the sign of an exact zero).
        return self._finish((t - 1) * log_1mx - t * log_x, weight, reduction)

    def backward(self, grad):
        input, target = self.saved_tensors
        # One node, as PyTorch's binary_cross_entropy_backward is: with create_graph it is
        # recorded (BinaryCrossEntropyBackwardBackward0) and differentiated by its own rules.
        d_input = BinaryCrossEntropyBackwardBackward0.apply(grad, input, target, loss=self)
        d_target = None
        if self.needs_input_grad[1]:  # PyTorch's binary_cross_entropy_target_backward
            d_target = self._weighted_mean(-input.logit() * grad)
        return d_input, d_target


_BCE_EPS = 1e-12  # PyTorch's floor under x (1 - x), and its eps in the second derivatives


class BinaryCrossEntropyBackwardBackward0(Op):
    """binary_cross_entropy's gradient as one op: grad * (x - t) / max(x (1 - x), 1e-12),
    then the weight, then / numel for a mean. Under create_graph it is recorded, with edges
    to the incoming gradient, the input and the target, and differentiated by PyTorch's
    formulas (binary_cross_entropy_double_backward and its _grad_output, _target forms)."""

    __slots__ = ("loss",)

    def forward(self, grad, input, target, loss):
        self.loss = loss
        self.save_for_backward(grad, input, target)
        x = input._data
        d_input = grad._data * (x - target._data) / np.maximum((1 - x) * x, _BCE_EPS)
        return self.loss._weighted_mean(d_input)

    def backward(self, g):
        grad, x, t = self.saved_tensors
        finish = self.loss._weighted_mean
        d_grad = d_input = d_target = None
        if self.needs_input_grad[0]:
            d_grad = finish((x - t) / (add_number(x, _BCE_EPS) * _one_minus_plus_eps(x)) * g)
        if self.needs_input_grad[1]:
            curvature = (x * x - times_number(x, 2) * t + t) / (
                add_number(x, _BCE_EPS) ** 2 * _one_minus_plus_eps(x) ** 2)
            d_input = finish(curvature * (g * grad))
        if self.needs_input_grad[2]:
            denominator = (1 - x) * x
            with no_grad():  # (PyTorch floors it in place, unrecorded)
                denominator.clamp_min_(_BCE_EPS)
            d_target = self.loss._mean(self.loss._weighted(-g * grad) / denominator)
        return d_grad, d_input, d_target


def _one_minus_plus_eps(x: Tensor) -> Tensor:
    """1 - x + 1e-12, as PyTorch's C++ records it (RsubBackward1, AddBackward1)."""
    return add_number(1 - x, _BCE_EPS)


class SoftMarginLossBackward0(_ElementwiseLoss):
    """log(1 + exp(-target * input)): the logistic loss of a margin, targets 1 or -1. As in
    PyTorch the target is no input of the node (no gradient flows to it)."""

    def forward(self, input, target, reduction):
        self.save_for_backward(input, target)
        with np.errstate(over="ignore"):
            loss = np.log1p(np.exp(-input._data * target._data))
        return self._finish(np.asarray(loss, input._data.dtype), None, reduction)

    def backward(self, grad):
        input, target = self.saved_tensors
        z = (-target * input).exp()
        return self._scaled(grad, -target * z / (z + 1))


def _log_sigmoid(x: np.ndarray) -> np.ndarray:
    # log(sigmoid(x)) without overflow for large |x|.
    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


class BinaryCrossEntropyWithLogitsBackward0(_ElementwiseLoss):
    """BCE of sigmoid(input), computed from the logits with log-sigmoid (stable)."""

    __slots__ = ("pos_weight",)

    def forward(self, input, target, weight, pos_weight, reduction):
        self.save_for_backward(input, target)
        x, t = input._data, target._data
        log_sig = _log_sigmoid(x)
        self.pos_weight = None
        if pos_weight is not None:
            self.pos_weight = Tensor._make(pos_weight)
            log_sig = log_sig * ((pos_weight - 1) * t + 1)
        return self._finish((1 - t) * x - log_sig, weight, reduction)

    def backward(self, grad):
        input, target = self.saved_tensors
        pos_weight = self.pos_weight
        if pos_weight is None:
            local = input.sigmoid() - target
        else:
            positive = pos_weight * target
            local = (positive + 1 - target) * input.sigmoid() - positive
        d_input = self._weighted_mean(local * grad)
        d_target = None
        if self.needs_input_grad[1]:
            local_t = -input if pos_weight is None \
                else logsigmoid(-input) - logsigmoid(input) * pos_weight
            d_target = self._weighted_mean(local_t * grad)
        return d_input, d_target


class NllLossBackward0(Op):
    """-weight[t] * input[t] for each sample's target class t (input holds log-probabilities).

    The target, class weights and ignore_index are parameters, not inputs: as in PyTorch,
    the node has a single edge, to the input.
    """

    on_arrays = True

    __slots__ = ("shape", "classes", "slope", "reduction", "loss_arguments")
    saved_names = ("self",)

    def forward(self, input, target, weight, ignore_index, reduction):
        # The input is saved, as PyTorch saves it: its gradient does not need it, but the
        # gradient of that gradient (create_graph) has an edge to it, and changing it in
        # place before backward is an error in both libraries.
        self.save_for_backward(input)
        self.loss_arguments = (target, weight, ignore_index)
        data = input._data
        rows = _class_rows(data)
        classes = target.reshape(-1)
        kept = classes != ignore_index
        every_sample_kept = kept.all()
        if not every_sample_kept:
            classes = np.where(kept, classes, 0)  # any valid index: its weight is zero
        picked = rows[np.arange(len(classes)), classes]
        # The everyday case (no class weights, no ignored sample, a batch): every sample weighs
        # 1, a single number rather than an array of ones, so that a small batch's loss costs
        # a few numpy calls instead of a dozen (it runs on every training step).
        uniform = weight is None and every_sample_kept and len(classes) > 0
        if uniform:
            per_sample = data.dtype.type(1)
        else:
            per_sample = kept.astype(data.dtype) if weight is None \
                else np.where(kept, weight[classes], 0).astype(data.dtype)
        if uniform:
            losses = -picked
        elif every_sample_kept:
            losses = -picked * per_sample
        else:
            # An ignored sample's loss is 0 whatever its row holds: -inf there (a masked
            # class) times its zero weight would be nan, so it is not multiplied at all.
            losses = np.multiply(-picked, per_sample, out=np.zeros_like(picked), where=kept)
        if reduction == "mean" and uniform:
            total = data.dtype.type(len(classes))
            loss = np.asarray(np.add.reduce(losses) / total)
            per_sample = per_sample / total
        elif reduction == "mean":
            total = per_sample.sum()
            # Every sample ignored: 0 / 0 = nan, as PyTorch gives, without numpy's warning.
            with np.errstate(invalid="ignore", divide="ignore"):
                loss = np.asarray(losses.sum() / total, dtype=data.dtype)
                per_sample = per_sample / total
        else:
            loss = reduce(losses, reduction).reshape(target.shape if reduction == "none" else ())
        # d loss / d input is -per_sample at each sample's target class and zero elsewhere (a
        # plain zero also for ignored samples, where -0.0 would print as "-0."). Backward
        # builds it from these, so a forward without backward never allocates it.
        self.shape, self.classes = data.shape, classes
        self.slope = -per_sample if uniform else np.where(kept, -per_sample, 0).astype(data.dtype)
        self.reduction = reduction
        return loss

    # What PyTorch's node shows it keeps (y.grad_fn._saved_target...), from loss_arguments.
    @property
    def _saved_reduction(self) -> int:
        return reduction_number(self.reduction)

    @property
    def _saved_target(self) -> Tensor:
        return Tensor._make(self.loss_arguments[0])

    @property
    def _saved_weight(self) -> Tensor | None:
        weight = self.loss_arguments[1]
        return None if weight is None else Tensor._make(weight)

    @property
    def _saved_ignore_index(self) -> int:
        return self.loss_arguments[2] % 2 ** 64  # PyTorch shows the int64's bits unsigned

    @property
    def _saved_total_weight(self) -> Tensor:
        """The weight a mean divides by: the kept samples' class weights (1 each without
        weights); 0 for reduction="none", which PyTorch leaves unset."""
        target, weight, ignore_index = self.loss_arguments
        classes = target.reshape(-1)
        kept = classes[classes != ignore_index]
        total = 0 if self.reduction == "none" else \
            len(kept) if weight is None else weight[kept].sum()
        return Tensor._make(np.asarray(total, dtype=self.slope.dtype))

    def backward(self, grad):
        if formulas.is_tensor(grad):  # create_graph: recorded as PyTorch records it
            (input,) = self.saved_tensors
            return self.double_backward.apply(grad, input, loss=self)
        return self.grad_input(grad)

    def grad_input(self, grad):
        """d loss / d input times grad: grad at each sample's target class, times its slope."""
        coefficients = np.zeros((len(self.classes), self.shape[1 if len(self.shape) > 1 else 0]),
                                dtype=self.slope.dtype)
        coefficients[np.arange(len(self.classes)), self.classes] = self.slope
        coefficients = formulas.constant(_from_class_rows(coefficients, self.shape), grad)
        if self.reduction == "none" and len(self.shape) > 1:
            grad = grad.reshape(self.shape[:1] + (1,) + self.shape[2:])
        return grad * coefficients


def _class_rows(data: np.ndarray) -> np.ndarray:
    """One row of class scores per sample: (C,) -> (1, C); (N, C, d1...) -> (N * d1..., C)."""
    if data.ndim <= 2:
        return data.reshape(-1, data.shape[-1])
    return np.moveaxis(data, 1, -1).reshape(-1, data.shape[1])


def _from_class_rows(rows: np.ndarray, shape: tuple) -> np.ndarray:
    """Undo _class_rows: back to the input's shape, classes in dim 1."""
    if len(shape) <= 2:
        return rows.reshape(shape)
    return np.moveaxis(rows.reshape(shape[:1] + shape[2:] + shape[1:2]), -1, 1)


class NllLossBackwardBackward0(Op):
    """nll_loss's backward as a recorded op (create_graph), with edges to the incoming
    gradient and to the loss's input, as PyTorch records it. It is linear in the gradient,
    whose own gradient is the loss of g (nll_loss again), and flat in the input (zeros)."""

    __slots__ = ("loss",)

    def forward(self, grad, input, loss):
        self.loss = loss
        return loss.grad_input(grad._data)

    def backward(self, g):
        target, weight, ignore_index = self.loss.loss_arguments
        again = type(self.loss).apply(g, target=target, weight=weight,
                                      ignore_index=ignore_index, reduction=self.loss.reduction)
        return again, formulas.zeros_like(g)


class NllLoss2DBackward0(NllLossBackward0):
    """The same loss for inputs with extra dims (N, C, d1, ...), as PyTorch names it."""


class NllLoss2DBackwardBackward0(NllLossBackwardBackward0):
    """NllLoss2DBackward0's backward as a recorded op."""


NllLossBackward0.double_backward = NllLossBackwardBackward0
NllLoss2DBackward0.double_backward = NllLoss2DBackwardBackward0
