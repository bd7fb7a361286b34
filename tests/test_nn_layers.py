"""Linear, activations, Sequential, Flatten, Identity and nn.init."""

from __future__ import annotations

import math

import numpy as np
import pytest

import minigrad as torch
import minigrad.nn.functional as F
from minigrad import nn


def numpy_of(t: torch.Tensor) -> np.ndarray:
    return t.detach().numpy()


def test_linear_default_init_is_seeded_uniform_within_bound():
    torch.manual_seed(3)
    first = nn.Linear(25, 40)
    torch.manual_seed(3)
    second = nn.Linear(25, 40)
    assert torch.equal(first.weight, second.weight) and torch.equal(first.bias, second.bias)
    bound = 1 / math.sqrt(25)
    for p in (first.weight, first.bias):
        values = numpy_of(p)
        assert values.dtype == np.float32
        assert np.all(np.abs(values) <= bound)
        assert values.max() > 0.8 * bound and values.min() < -0.8 * bound  # spread, not constant
    assert not torch.equal(nn.Linear(25, 40).weight, first.weight)


@pytest.mark.parametrize("shape", [(3,), (4, 3), (2, 5, 3)])
@pytest.mark.parametrize("bias", [True, False])
def test_linear_matches_numpy_and_gradcheck(shape, bias):
    layer = nn.Linear(3, 2, bias=bias).double()
    x = torch.tensor(np.linspace(-1, 1, math.prod(shape)).reshape(shape), requires_grad=True,
                     dtype=torch.float64)
    expected = numpy_of(x) @ numpy_of(layer.weight).T
    if bias:
        expected = expected + numpy_of(layer.bias)
    np.testing.assert_allclose(numpy_of(layer(x)), expected, rtol=1e-12)
    params = (x, layer.weight) + ((layer.bias,) if bias else ())
    assert torch.autograd.gradcheck(lambda *args: F.linear(*args), params)


@pytest.mark.parametrize("shape,bias,name", [
    ((4, 3), True, "AddmmBackward0"), ((3,), True, "ViewBackward0"),
    ((2, 4, 3), True, "ViewBackward0"), ((4, 3), False, "MmBackward0"),
    ((3,), False, "SqueezeBackward4"), ((2, 4, 3), False, "UnsafeViewBackward0"),
])
def test_linear_records_pytorch_nodes(shape, bias, name):
    out = nn.Linear(3, 2, bias=bias)(torch.ones(*shape))
    assert out.grad_fn.name() == name and out.shape == shape[:-1] + (2,)


def test_addmm_edges_are_bias_input_and_transposed_weight():
    layer = nn.Linear(3, 2)
    out = layer(torch.ones(4, 3, requires_grad=True))
    bias_edge, input_edge, weight_edge = (n for n, _ in out.grad_fn.next_functions)
    assert bias_edge.variable is layer.bias
    assert input_edge.variable is not None
    assert weight_edge.name() == "TBackward0"
    assert weight_edge.next_functions[0][0].variable is layer.weight


def test_linear_errors():
    layer = nn.Linear(3, 2)
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied "
                                           r"\(2x4 and 3x2\)"):
        layer(torch.ones(2, 4))
    with pytest.raises(RuntimeError, match="mat1 and mat2 must have the same dtype, but got "
                                           "Double and Float"):
        layer(torch.ones(2, 3, dtype=torch.float64))


def test_linear_create_graph_second_derivative():
    layer = nn.Linear(2, 1).double()
    x = torch.tensor([[0.3, -0.7]], dtype=torch.float64, requires_grad=True)
    y = layer(x).tanh()
    (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    # The gradient of the gradient goes through AddmmBackward0.backward's own graph:
    # d/dx_j sum_i (1 - y^2) w_i = -2 y (1 - y^2) w_j sum_i w_i.
    g.sum().backward()
    w, out = numpy_of(layer.weight)[0], numpy_of(y)[0, 0]
    expected = -2 * out * (1 - out**2) * w * w.sum()
    np.testing.assert_allclose(numpy_of(x.grad)[0], expected, rtol=1e-12)


@pytest.mark.parametrize("module,reference", [
    (nn.ReLU(), lambda a: np.maximum(a, 0)),
    (nn.Tanh(), np.tanh),
    (nn.Sigmoid(), lambda a: 1 / (1 + np.exp(-a))),
    (nn.Softmax(dim=1), lambda a: np.exp(a) / np.exp(a).sum(1, keepdims=True)),
    (nn.LogSoftmax(dim=1), lambda a: a - np.log(np.exp(a).sum(1, keepdims=True))),
])
def test_activation_modules(module, reference):
    data = np.array([[-2.0, -0.5, 0.0], [0.5, 1.0, 3.0]])
    x = torch.tensor(data, dtype=torch.float64, requires_grad=True)
    np.testing.assert_allclose(numpy_of(module(x)), reference(data), rtol=1e-12)
    assert torch.autograd.gradcheck(module, (x + 0.01,))  # away from relu's kink at 0


def test_relu_inplace_and_reprs():
    x = torch.tensor([-1.0, 2.0])
    assert nn.ReLU(inplace=True)(x) is x and x.tolist() == [0.0, 2.0]
    assert [repr(m) for m in (nn.ReLU(), nn.ReLU(inplace=True), nn.Softmax(dim=1),
                              nn.Flatten(), nn.Identity(1, a=2))] == [
        "ReLU()", "ReLU(inplace=True)", "Softmax(dim=1)", "Flatten(start_dim=1, end_dim=-1)",
        "Identity()"]


def test_softmax_without_dim_warns_and_picks_pytorch_default():
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
        out = F.softmax(torch.zeros(2, 4))
    assert out.tolist() == [[0.25] * 4] * 2


def test_sequential_order_indexing_and_mutation():
    first, second = nn.Linear(2, 3), nn.Linear(3, 1)
    model = nn.Sequential(first, nn.Tanh(), second)
    x = torch.tensor([[1.0, -1.0]])
    assert torch.equal(model(x), second(first(x).tanh()))
    assert model[0] is first and model[-1] is second and len(model) == 3
    assert list(model) == [first, model[1], second]
    assert [n for n, _ in model[1:].named_children()] == ["1", "2"]
    with pytest.raises(IndexError, match="index 3 is out of range"):
        model[3]
    model.append(nn.Sigmoid())
    assert len(model) == 4 and isinstance(model[3], nn.Sigmoid)
    model[1] = nn.ReLU()
    assert isinstance(model[1], nn.ReLU)
    del model[1]
    assert [n for n, _ in model.named_children()] == ["0", "1", "2"] and model[1] is second
    empty = nn.Sequential()
    assert empty(x) is x


def test_sequential_from_ordered_dict_keeps_names():
    from collections import OrderedDict

    model = nn.Sequential(OrderedDict([("hidden", nn.Linear(2, 2)), ("act", nn.ReLU())]))
    assert [n for n, _ in model.named_parameters()] == ["hidden.weight", "hidden.bias"]


def test_flatten_and_identity():
    x = torch.arange(24.0).reshape(2, 3, 2, 2)
    assert nn.Flatten()(x).shape == (2, 12)
    assert nn.Flatten(0, -1)(x).shape == (24,)
    assert nn.Flatten(1, 2)(x).shape == (2, 6, 2)
    assert nn.Identity()(x) is x


def test_init_functions():
    w = torch.empty(30, 20)
    nn.init.uniform_(w, -0.1, 0.2)
    values = numpy_of(w)
    assert values.min() >= -0.1 and values.max() < 0.2 and values.std() > 0.05
    assert nn.init.zeros_(w).abs().sum().item() == 0
    assert nn.init.ones_(w).sum().item() == 600
    nn.init.kaiming_uniform_(w, a=math.sqrt(5))
    assert np.abs(numpy_of(w)).max() <= 1 / math.sqrt(20)
    p = nn.Parameter(torch.zeros(3))
    nn.init.constant_(p, 0.5)  # fills a parameter without recording anything
    assert p.is_leaf and p.grad_fn is None and p.tolist() == [0.5] * 3
    with pytest.raises(ValueError, match="fewer than 2 dimensions"):
        nn.init.kaiming_uniform_(torch.empty(3))
