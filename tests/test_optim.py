"""optim.SGD and optim.Adam against a plain numpy transcription of PyTorch's update rules."""

from __future__ import annotations

import math

import numpy as np
import pytest

import minigrad as torch
from minigrad import nn


def quadratic_grads(p: np.ndarray, step: int) -> np.ndarray:
    """A gradient that changes sign and size from step to step (exercises every buffer)."""
    return 2 * p - np.cos(step + np.arange(p.size)).reshape(p.shape)


def loss_of(param: torch.Tensor, step: int) -> torch.Tensor:
    # d/dp of (p^2 - c * p).sum() is 2p - c, matching quadratic_grads.
    c = torch.tensor(np.cos(step + np.arange(param.numel())).reshape(param.shape),
                     dtype=param.dtype)
    return (param * param - c * param).sum()


def reference_sgd(p, steps, lr, momentum=0.0, dampening=0.0, weight_decay=0.0,
                  nesterov=False, maximize=False):
    buf = None
    for step in range(steps):
        g = quadratic_grads(p, step)
        g = -g if maximize else g
        if weight_decay:
            g = g + weight_decay * p
        if momentum:
            buf = g.copy() if buf is None else momentum * buf + (1 - dampening) * g
            g = g + momentum * buf if nesterov else buf
        p = p - lr * g
    return p


def reference_adam(p, steps, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                   amsgrad=False, maximize=False, decoupled_weight_decay=False):
    beta1, beta2 = betas
    m, v, v_max = np.zeros_like(p), np.zeros_like(p), np.zeros_like(p)
    for step in range(1, steps + 1):
        g = quadratic_grads(p, step - 1)
        g = -g if maximize else g
        if weight_decay:
            if decoupled_weight_decay:
                p = p * (1 - lr * weight_decay)
            else:
                g = g + weight_decay * p
        m = m + (1 - beta1) * (g - m)
        v = beta2 * v + (1 - beta2) * g * g
        v_max = np.maximum(v_max, v)
        second = v_max if amsgrad else v
        denom = np.sqrt(second) / math.sqrt(1 - beta2**step) + eps
        p = p - lr / (1 - beta1**step) * m / denom
    return p


START = np.array([[0.5, -1.5, 2.0], [0.25, 0.0, -0.75]])


def run(optimizer_class, steps, dtype=torch.float64, **options):
    param = nn.Parameter(torch.tensor(START, dtype=dtype))
    optimizer = optimizer_class([param], **options)
    for step in range(steps):
        optimizer.zero_grad()
        loss_of(param, step).backward()
        optimizer.step()
    return param, optimizer


SGD_OPTIONS = [
    dict(lr=0.1),
    dict(lr=0.05, momentum=0.9),
    dict(lr=0.05, momentum=0.8, dampening=0.3),
    dict(lr=0.05, momentum=0.9, nesterov=True),
    dict(lr=0.1, weight_decay=0.1),
    dict(lr=0.05, momentum=0.5, weight_decay=0.2, nesterov=True),
    dict(lr=0.01, maximize=True, momentum=0.3),
]

ADAM_OPTIONS = [
    dict(),
    dict(lr=0.05),
    dict(lr=0.05, betas=(0.5, 0.9)),
    dict(lr=0.01, eps=0.1),
    dict(lr=0.05, weight_decay=0.1),
    dict(lr=0.05, weight_decay=0.1, decoupled_weight_decay=True),
    dict(lr=0.05, amsgrad=True),
    dict(lr=0.05, amsgrad=True, weight_decay=0.05, betas=(0.8, 0.99)),
    dict(lr=0.02, maximize=True),
]


@pytest.mark.parametrize("options", SGD_OPTIONS, ids=str)
def test_sgd_follows_pytorch_update_rule(options):
    param, _ = run(torch.optim.SGD, 25, **options)
    np.testing.assert_allclose(param.detach().numpy(), reference_sgd(START, 25, **options),
                               rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("options", ADAM_OPTIONS, ids=str)
def test_adam_follows_pytorch_update_rule(options):
    param, _ = run(torch.optim.Adam, 25, **options)
    np.testing.assert_allclose(param.detach().numpy(), reference_adam(START, 25, **options),
                               rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("optimizer_class,options", [
    (torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
    (torch.optim.Adam, dict(lr=0.05, amsgrad=True, weight_decay=0.01)),
])
def test_float32_parameters_stay_float32_and_track_the_float64_run(optimizer_class, options):
    param32, optimizer = run(optimizer_class, 100, dtype=torch.float32, **options)
    param64, _ = run(optimizer_class, 100, **options)
    assert param32.dtype is torch.float32
    for buffer in optimizer.state[param32].values():
        assert buffer.dtype is torch.float32
    np.testing.assert_allclose(param32.detach().numpy(), param64.detach().numpy(), atol=1e-5)


def test_step_is_not_recorded_and_bumps_the_version():
    param, _ = run(torch.optim.SGD, 0, lr=0.1)
    optimizer = torch.optim.SGD([param], lr=0.1)
    loss_of(param, 0).backward()
    version = param._version
    optimizer.step()
    assert param.grad_fn is None and param.is_leaf and param.requires_grad
    assert param._version > version


def test_parameters_without_grad_are_left_alone():
    a = nn.Parameter(torch.tensor([1.0, 2.0]))
    b = nn.Parameter(torch.tensor([3.0]))
    for optimizer in (torch.optim.SGD([a, b], lr=0.1, momentum=0.9),
                      torch.optim.Adam([a, b], lr=0.1)):
        optimizer.zero_grad()
        (a * a).sum().backward()
        optimizer.step()
        assert b.tolist() == [3.0]
        assert b not in optimizer.state


def test_sgd_without_momentum_keeps_no_state():
    param, optimizer = run(torch.optim.SGD, 3, lr=0.1)
    assert len(optimizer.state) == 0


def test_adam_state_holds_step_and_moments():
    param, optimizer = run(torch.optim.Adam, 4, amsgrad=True)
    state = optimizer.state[param]
    assert sorted(state) == ["exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"]
    assert state["step"].item() == 4.0 and state["step"].dtype is torch.float32


def test_zero_grad_sets_none_by_default_and_zeros_on_request():
    param, optimizer = run(torch.optim.SGD, 1, lr=0.1)
    loss_of(param, 0).backward()
    grad = param.grad
    optimizer.zero_grad(set_to_none=False)
    assert param.grad is grad and not param.grad.any()
    optimizer.zero_grad()
    assert param.grad is None


def test_param_groups_take_their_own_options_and_fall_back_to_defaults():
    a = nn.Parameter(torch.tensor([1.0]))
    b = nn.Parameter(torch.tensor([1.0]))
    optimizer = torch.optim.SGD([{"params": [a]}, {"params": b, "lr": 0.5}], lr=0.1)
    (a + b).sum().backward()
    optimizer.step()
    assert a.item() == pytest.approx(0.9) and b.item() == pytest.approx(0.5)
    assert [group["lr"] for group in optimizer.param_groups] == [0.1, 0.5]
    optimizer.param_groups[0]["lr"] = 1.0  # a scheduler's way of changing the rate
    optimizer.step()
    assert a.item() == pytest.approx(-0.1)


def test_closure_is_evaluated_with_grad_enabled():
    param = nn.Parameter(torch.tensor([3.0]))
    optimizer = torch.optim.SGD([param], lr=0.1)

    def closure():
        optimizer.zero_grad()
        loss = (param * param).sum()
        loss.backward()
        return loss

    with torch.no_grad():
        loss = optimizer.step(closure)
    assert loss.item() == 9.0 and param.item() == pytest.approx(2.4)


@pytest.mark.parametrize("optimizer_class,options", [
    (torch.optim.SGD, dict(lr=0.05, momentum=0.9)),
    (torch.optim.Adam, dict(lr=0.05, amsgrad=True)),
])
def test_state_dict_round_trip_continues_identically(optimizer_class, options):
    param, optimizer = run(optimizer_class, 5, **options)
    saved = optimizer.state_dict()
    assert saved["param_groups"][0]["params"] == [0] and list(saved["state"]) == [0]
    twin = nn.Parameter(param.detach().clone())
    restored = optimizer_class([twin], lr=123.0)
    restored.load_state_dict(saved)
    assert restored.param_groups[0]["lr"] == options["lr"]
    assert restored.param_groups[0]["params"][0] is twin
    # The original keeps going with fresh buffers so the two do not share them.
    copy = optimizer_class([param], **options)
    copy.load_state_dict({"state": {0: {k: v.clone() for k, v in saved["state"][0].items()}},
                          "param_groups": saved["param_groups"]})
    for step in range(5, 8):
        for p, opt in ((param, copy), (twin, restored)):
            opt.zero_grad()
            loss_of(p, step).backward()
            opt.step()
    assert torch.equal(param, twin)


def test_load_state_dict_rejects_mismatched_groups():
    a = nn.Parameter(torch.tensor([1.0]))
    b = nn.Parameter(torch.tensor([1.0]))
    saved = torch.optim.SGD([a, b], lr=0.1).state_dict()
    with pytest.raises(ValueError, match="doesn't match the size"):
        torch.optim.SGD([a], lr=0.1).load_state_dict(saved)
    with pytest.raises(ValueError, match="different number of parameter groups"):
        torch.optim.SGD([{"params": [a]}, {"params": [b]}], lr=0.1).load_state_dict(saved)


@pytest.mark.parametrize("make,error,message", [
    (lambda p: torch.optim.SGD([], lr=0.1), ValueError, "optimizer got an empty parameter list"),
    (lambda p: torch.optim.Adam([p * 2]), ValueError, "can't optimize a non-leaf Tensor"),
    (lambda p: torch.optim.SGD([p], lr=-0.1), ValueError, "Invalid learning rate: -0.1"),
    (lambda p: torch.optim.Adam([p], lr=-1.0), ValueError, "Invalid learning rate: -1.0"),
    (lambda p: torch.optim.SGD([p], momentum=-1), ValueError, "Invalid momentum value: -1"),
    (lambda p: torch.optim.SGD([p], weight_decay=-1), ValueError,
     "Invalid weight_decay value: -1"),
    (lambda p: torch.optim.SGD([p], nesterov=True), ValueError,
     "Nesterov momentum requires a momentum and zero dampening"),
    (lambda p: torch.optim.Adam([p], eps=-1.0), ValueError, "Invalid epsilon value: -1.0"),
    (lambda p: torch.optim.Adam([p], betas=(1.0, 0.9)), ValueError,
     "Invalid beta parameter at index 0: 1.0"),
    (lambda p: torch.optim.Adam([p], betas=(0.9, 1.5)), ValueError,
     "Invalid beta parameter at index 1: 1.5"),
    (lambda p: torch.optim.SGD(p), TypeError,
     "params argument given to the optimizer should be an iterable of Tensors or dicts, but "
     "got minigrad.FloatTensor"),
    (lambda p: torch.optim.SGD([p, 1.0]), TypeError,
     "optimizer can only optimize Tensors, but one of the params is float"),
    (lambda p: torch.optim.SGD([{"params": [p]}, {"params": [p]}]), ValueError,
     "some parameters appear in more than one parameter group"),
    (lambda p: torch.optim.SGD([{"params": {p}}]), TypeError, "ordered collections"),
    (lambda p: torch.optim.Adam([p], fused=True), NotImplementedError, "fused=True"),
])
def test_bad_arguments_raise_pytorch_errors(make, error, message):
    param = nn.Parameter(torch.tensor([1.0]))
    with pytest.raises(error) as info:
        make(param)
    assert message in str(info.value)


def test_duplicate_parameters_warn():
    param = nn.Parameter(torch.tensor([1.0]))
    with pytest.warns(UserWarning, match="duplicate parameters"):
        torch.optim.SGD([param, param], lr=0.1)


def test_repr_lists_each_group_sorted():
    a = nn.Parameter(torch.tensor([1.0]))
    text = repr(torch.optim.SGD([{"params": [a]}], lr=0.1))
    assert text.startswith("SGD (\nParameter Group 0\n    dampening: 0\n")
    assert "    lr: 0.1\n" in text and text.endswith("weight_decay: 0\n)")
