"""Loss functions and modules: values against numpy, gradients by gradcheck, errors."""

from __future__ import annotations

import numpy as np
import pytest

import minigrad as torch
import minigrad.nn.functional as F
from minigrad import nn

RNG = np.random.default_rng(7)
PRED = RNG.normal(size=(4, 3))
TARGET = RNG.normal(size=(4, 3))
LOGITS = RNG.normal(size=(5, 4)) * 3
LABELS = np.array([0, 3, 1, 1, 2])
PROBS = RNG.uniform(0.05, 0.95, size=(6,))
BITS = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 0.3])


def f64(data, requires_grad=False):
    return torch.tensor(np.asarray(data, dtype=np.float64), requires_grad=requires_grad)


def reduce(values, reduction):
    return {"mean": values.mean(), "sum": values.sum(), "none": values}[reduction]


def log_softmax(a, axis):
    shifted = a - a.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


REDUCTIONS = ["mean", "sum", "none"]


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_mse_and_l1(reduction):
    pred = f64(PRED, True)
    target = f64(TARGET, True)
    mse = F.mse_loss(pred, target, reduction=reduction)
    np.testing.assert_allclose(mse.detach().numpy(), reduce((PRED - TARGET) ** 2, reduction))
    l1 = nn.L1Loss(reduction=reduction)(pred, target)
    np.testing.assert_allclose(l1.detach().numpy(), reduce(np.abs(PRED - TARGET), reduction))
    assert mse.grad_fn.name() == "MseLossBackward0"
    assert torch.autograd.gradcheck(lambda p, t: F.mse_loss(p, t, reduction=reduction),
                                    (pred, target))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_is_log_softmax_then_nll(reduction):
    logits = f64(LOGITS, True)
    loss = nn.CrossEntropyLoss(reduction=reduction)(logits, torch.tensor(LABELS))
    picked = -log_softmax(LOGITS, 1)[np.arange(5), LABELS]
    np.testing.assert_allclose(loss.detach().numpy(), reduce(picked, reduction), rtol=1e-12)
    assert loss.grad_fn.name() == "NllLossBackward0"
    assert loss.grad_fn.next_functions[0][0].name() == "LogSoftmaxBackward0"
    assert torch.autograd.gradcheck(
        lambda x: F.cross_entropy(x, torch.tensor(LABELS), reduction=reduction), (logits,))


def test_cross_entropy_weights_and_ignore_index():
    logits = f64(LOGITS, True)
    weight = f64([1.0, 2.0, 0.5, 3.0])
    labels = LABELS.copy()
    labels[1] = -100
    loss = F.cross_entropy(logits, torch.tensor(labels), weight=weight)
    kept = labels != -100
    w = np.array([1.0, 2.0, 0.5, 3.0])[labels[kept]]
    picked = -log_softmax(LOGITS, 1)[np.arange(5)[kept], labels[kept]]
    np.testing.assert_allclose(loss.item(), (w * picked).sum() / w.sum(), rtol=1e-12)
    assert torch.autograd.gradcheck(
        lambda x: F.cross_entropy(x, torch.tensor(labels), weight=weight), (logits,))
    loss.backward()
    assert not logits.grad[1].any()  # the ignored sample gets no gradient
    custom = F.cross_entropy(logits, torch.tensor([0, 9, 1, 1, 2]), ignore_index=9)
    assert np.isfinite(custom.item())


def test_cross_entropy_on_extra_dims_and_single_sample():
    scores = f64(RNG.normal(size=(2, 3, 4)), True)
    labels = torch.tensor([[0, 2, 1, 1], [2, 2, 0, 1]])
    loss = F.cross_entropy(scores, labels)
    picked = np.take_along_axis(log_softmax(scores.detach().numpy(), 1),
                                labels.numpy()[:, None], axis=1)
    np.testing.assert_allclose(loss.item(), -picked.mean(), rtol=1e-12)
    assert loss.grad_fn.name() == "NllLoss2DBackward0"
    assert torch.autograd.gradcheck(lambda x: F.cross_entropy(x, labels), (scores,))
    single = F.cross_entropy(f64([0.2, 1.4, -0.3]), torch.tensor(1))
    np.testing.assert_allclose(single.item(), -log_softmax(np.array([0.2, 1.4, -0.3]), 0)[1])


def test_cross_entropy_is_stable_for_huge_logits():
    logits = torch.tensor([[1000.0, 0.0, -1000.0], [-500.0, 500.0, 0.0]], requires_grad=True)
    loss = F.cross_entropy(logits, torch.tensor([2, 1]))
    assert loss.item() == 1000.0
    loss.backward()
    assert np.all(np.isfinite(logits.grad.numpy()))


def test_nll_loss_all_ignored_is_nan_for_mean_and_zero_for_sum():
    log_probs = torch.zeros(2, 3)
    ignored = torch.tensor([-100, -100])
    assert np.isnan(F.nll_loss(log_probs, ignored).item())
    assert F.nll_loss(log_probs, ignored, reduction="sum").item() == 0.0


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy(reduction):
    probs = f64(PROBS, True)
    bits = f64(BITS, True)
    loss = nn.BCELoss(reduction=reduction)(probs, bits)
    expected = -(BITS * np.log(PROBS) + (1 - BITS) * np.log(1 - PROBS))
    np.testing.assert_allclose(loss.detach().numpy(), reduce(expected, reduction), rtol=1e-12)
    assert loss.grad_fn.name() == "BinaryCrossEntropyBackward0"
    weight = f64(np.arange(1.0, 7.0))
    # (soft targets: gradcheck's step from a 0 or a 1 leaves [0, 1], which PyTorch refuses)
    soft = f64([0.9, 0.1, 0.8, 0.7, 0.2, 0.3], True)
    assert torch.autograd.gradcheck(
        lambda p, t: F.binary_cross_entropy(p, t, weight=weight, reduction=reduction),
        (probs, soft))


def test_binary_cross_entropy_clamps_log_at_minus_100():
    loss = F.binary_cross_entropy(torch.tensor([0.0, 1.0, 1.0]), torch.tensor([1.0, 0.0, 1.0]),
                                  reduction="none")
    assert loss.tolist() == [100.0, 100.0, 0.0]


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_with_logits(reduction):
    logits = f64(PROBS * 8 - 4, True)
    bits = f64(BITS, True)
    pos_weight = f64([2.5])
    loss = nn.BCEWithLogitsLoss(reduction=reduction, pos_weight=pos_weight)(logits, bits)
    p = 1 / (1 + np.exp(-(PROBS * 8 - 4)))
    expected = -(2.5 * BITS * np.log(p) + (1 - BITS) * np.log(1 - p))
    np.testing.assert_allclose(loss.detach().numpy(), reduce(expected, reduction), rtol=1e-10)
    assert loss.grad_fn.name() == "BinaryCrossEntropyWithLogitsBackward0"
    for pw in (None, pos_weight):
        assert torch.autograd.gradcheck(
            lambda x, t, pw=pw: F.binary_cross_entropy_with_logits(
                x, t, weight=f64(np.linspace(0.5, 2, 6)), reduction=reduction, pos_weight=pw),
            (logits, bits))


def test_binary_cross_entropy_with_logits_is_stable():
    logits = torch.tensor([1000.0, -1000.0, 30.0], requires_grad=True)
    loss = F.binary_cross_entropy_with_logits(logits, torch.tensor([0.0, 1.0, 1.0]),
                                              reduction="none")
    np.testing.assert_allclose(loss.detach().numpy(), [1000.0, 1000.0, 9.357623e-14],
                               rtol=1e-6)
    loss.sum().backward()
    assert logits.grad.tolist() == [1.0, -1.0, 0.0]


def test_losses_accept_create_graph():
    w = torch.tensor([1.5, -0.5], requires_grad=True)
    loss = F.mse_loss(w * 2, torch.tensor([1.0, 1.0]))
    (g,) = torch.autograd.grad(loss, w, create_graph=True)
    assert g.tolist() == [4.0, -4.0]
    g.sum().backward()
    assert w.grad.tolist() == [4.0, 4.0]


def test_mse_broadcast_warns_and_promotes():
    with pytest.warns(UserWarning, match="Using a target size"):
        loss = F.mse_loss(torch.tensor([[1.0], [2.0]]), torch.tensor([1.0, 3.0]))
    assert loss.item() == 1.5  # mean over the broadcast (2, 2) differences
    assert F.mse_loss(torch.tensor([1.0]), torch.tensor([3])).dtype is torch.float32
    assert F.mse_loss(torch.tensor([1.0]), f64([3.0])).dtype is torch.float64


@pytest.mark.parametrize("call,error,message", [
    (lambda: F.cross_entropy(torch.zeros(4, 3), torch.tensor([0.0, 1, 2, 1])), RuntimeError,
     "expected target dtype to be Long or Byte, but got Float"),
    (lambda: F.nll_loss(torch.zeros(4, 3), torch.tensor([0, 1, 2])), ValueError,
     r"Expected input batch_size \(4\) to match target batch_size \(3\)."),
    (lambda: F.cross_entropy(torch.zeros(4, 3), torch.tensor([0, 1, 3, 1])), IndexError,
     "Target 3 is out of bounds."),
    (lambda: F.cross_entropy(torch.zeros(4, 3), torch.tensor([[0], [1], [2], [1]])),
     RuntimeError, "0D or 1D target tensor expected, multi-target not supported"),
    (lambda: F.cross_entropy(torch.zeros(4, 3, 2), torch.tensor([0, 1, 2, 1])), RuntimeError,
     r"Expected target size \[4, 2\], got \[4\]"),
    (lambda: F.cross_entropy(torch.zeros(3), torch.tensor([1, 2])), ValueError,
     "For 1D input, 1D target must have size 1"),
    (lambda: F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 1]), reduction="avg"),
     ValueError, "avg is not a valid value for reduction"),
    (lambda: F.binary_cross_entropy(torch.ones(2) / 2, torch.tensor([1, 0])), RuntimeError,
     "Found dtype Long but expected Float"),
    (lambda: F.binary_cross_entropy(torch.ones(2) / 2, torch.ones(1, 2)), ValueError,
     "that is different to the input size"),
    (lambda: F.binary_cross_entropy(torch.ones(2) * 2, torch.ones(2)), RuntimeError,
     "all elements of input should be between 0 and 1"),
    (lambda: F.binary_cross_entropy_with_logits(torch.ones(2), torch.ones(3)), ValueError,
     r"Target size \(minigrad.Size\(\[3\]\)\) must be the same as input size"),
    (lambda: F.binary_cross_entropy_with_logits(torch.ones(2), torch.tensor([1, 0])),
     RuntimeError, "result type Float can't be cast to the desired output type Long"),
    (lambda: nn.MSELoss(reduction="bad")(torch.ones(2), torch.ones(2)), ValueError,
     "bad is not a valid value for reduction"),
])
def test_bad_loss_arguments_raise_pytorch_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_loss_module_reprs_and_weight_buffers():
    assert [repr(m) for m in (nn.MSELoss(reduction="sum"), nn.CrossEntropyLoss(),
                              nn.BCEWithLogitsLoss())] == [
        "MSELoss()", "CrossEntropyLoss()", "BCEWithLogitsLoss()"]
    weighted = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0]))
    assert list(weighted.state_dict()) == ["weight"]
    assert list(nn.CrossEntropyLoss().state_dict()) == []
