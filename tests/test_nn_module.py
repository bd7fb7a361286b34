"""nn.Module and nn.Parameter: registration, traversal, modes, state_dict, errors, repr."""

from __future__ import annotations

import copy

import numpy as np
import pytest

import minigrad as torch
from minigrad import nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 3)
        self.scale = nn.Parameter(torch.tensor([2.0]))
        self.register_buffer("running", torch.zeros(3))
        self.register_buffer("scratch", torch.zeros(1), persistent=False)

    def forward(self, x):
        return self.fc(x).tanh() * self.scale


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.head = nn.Linear(3, 1, bias=False)

    def forward(self, x):
        return self.head(self.block(x))


def test_parameter_is_a_leaf_tensor_that_requires_grad():
    data = torch.tensor([1.0, 2.0])
    p = nn.Parameter(data)
    assert isinstance(p, torch.Tensor) and p.is_leaf and p.requires_grad
    assert repr(p) == str(p) == "Parameter containing:\ntensor([1., 2.], requires_grad=True)"
    assert not nn.Parameter(data, requires_grad=False).requires_grad
    with torch.no_grad():
        data[0] = 5.0
    assert p[0].item() == 5.0  # shares storage with the tensor it was made from
    assert type(p * 2) is torch.Tensor
    assert nn.Parameter().shape == (0,)


def test_parameter_from_a_graph_is_a_fresh_leaf():
    x = torch.tensor([1.0], requires_grad=True)
    p = nn.Parameter(x * 3)
    assert p.is_leaf and p.grad_fn is None and p.requires_grad


def test_deepcopy_gives_independent_parameters():
    net = Net()
    twin = copy.deepcopy(net)
    assert twin.block.fc.weight is not net.block.fc.weight
    assert isinstance(twin.block.fc.weight, nn.Parameter)
    with torch.no_grad():
        twin.block.fc.weight.zero_()
    assert net.block.fc.weight.abs().sum().item() > 0


def test_named_parameters_buffers_children_modules():
    net = Net()
    assert [n for n, _ in net.named_parameters()] == [
        "block.scale", "block.fc.weight", "block.fc.bias", "head.weight"]
    assert [n for n, _ in net.named_buffers()] == ["block.running", "block.scratch"]
    assert [n for n, _ in net.named_children()] == ["block", "head"]
    assert [n for n, _ in net.named_modules()] == ["", "block", "block.fc", "head"]
    assert [n for n, _ in net.block.named_parameters(prefix="b", recurse=False)] == ["b.scale"]
    assert len(list(net.parameters())) == 4 and len(list(net.modules())) == 4


def test_shared_modules_and_parameters_are_listed_once():
    shared = nn.Linear(2, 2)
    model = nn.Sequential(shared, nn.ReLU(), shared)
    assert [n for n, _ in model.named_parameters()] == ["0.weight", "0.bias"]
    assert len(list(model.children())) == 2


def test_assignment_replaces_and_deletion_unregisters():
    net = Net()
    net.head = nn.Linear(3, 2)
    assert net.head.out_features == 2
    net.block.scale = None
    assert "block.scale" not in dict(net.named_parameters())
    net.block.scale = nn.Parameter(torch.ones(1))
    assert "block.scale" in dict(net.named_parameters())
    del net.head
    assert [n for n, _ in net.named_children()] == ["block"]
    with pytest.raises(AttributeError, match="'Net' object has no attribute 'head'"):
        _ = net.head
    net.plain = 3
    assert net.plain == 3 and "plain" not in dict(net.named_children())


def test_module_errors_match_pytorch():
    class NoForward(nn.Module):
        pass

    class NoInit(nn.Module):
        def __init__(self):
            self.fc = nn.Linear(1, 1)

    with pytest.raises(NotImplementedError,
                       match=r'Module \[NoForward\] is missing the required "forward" function'):
        NoForward()(torch.ones(1))
    with pytest.raises(AttributeError, match=r"cannot assign module before Module.__init__"):
        NoInit()
    net = Net()
    with pytest.raises(TypeError, match="cannot assign 'minigrad.FloatTensor' as parameter "
                                        "'weight'"):
        net.block.fc.weight = torch.ones(3, 2)
    with pytest.raises(TypeError, match="cannot assign 'int' as child module 'block'"):
        net.block = 3
    with pytest.raises(TypeError, match="cannot assign 'minigrad.FloatTensor' object to "
                                        "parameter 'bad'"):
        net.register_parameter("bad", torch.ones(1))
    with pytest.raises(KeyError, match="parameter name can"):
        net.register_parameter("a.b", None)
    with pytest.raises(ValueError, match="training mode is expected to be boolean"):
        net.train("yes")


def test_train_eval_propagate():
    net = Net()
    assert net.training and net.block.fc.training
    assert net.eval() is net
    assert not net.training and not net.block.fc.training and not net.head.training
    net.train()
    assert all(m.training for m in net.modules())


def test_zero_grad_and_requires_grad():
    net = Net()
    net(torch.ones(4, 2)).sum().backward()
    assert all(p.grad is not None for p in net.parameters())
    net.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad.any() for p in net.parameters())
    net.zero_grad()
    assert all(p.grad is None for p in net.parameters())
    net.requires_grad_(False)
    assert not any(p.requires_grad for p in net.parameters())


def test_state_dict_is_detached_shares_storage_and_skips_non_persistent_buffers():
    net = Net()
    state = net.state_dict()
    assert list(state) == ["block.scale", "block.running", "block.fc.weight", "block.fc.bias",
                           "head.weight"]
    assert all(type(v) is torch.Tensor and not v.requires_grad for v in state.values())
    with torch.no_grad():
        net.block.scale.fill_(7.0)
    assert state["block.scale"].item() == 7.0
    assert net.state_dict(keep_vars=True)["head.weight"] is net.head.weight


def test_load_state_dict_round_trip():
    torch.manual_seed(1)
    source, target = Net(), Net()
    x = torch.tensor([[0.5, -1.0], [2.0, 0.25]])
    assert not torch.equal(source(x), target(x))
    result = target.load_state_dict(source.state_dict())
    assert repr(result) == "<All keys matched successfully>"
    assert torch.equal(source(x), target(x))
    assert all(isinstance(p, nn.Parameter) and p.is_leaf for p in target.parameters())
    with torch.no_grad():  # copies, not aliases
        source.head.weight.zero_()
    assert target.head.weight.abs().sum().item() > 0


def test_load_state_dict_reports_missing_unexpected_and_size_mismatch():
    net = Net()
    state = net.state_dict()
    del state["head.weight"]
    state["extra"] = torch.ones(1)
    with pytest.raises(RuntimeError) as info:
        net.load_state_dict(state)
    assert str(info.value) == (
        'Error(s) in loading state_dict for Net:\n\tMissing key(s) in state_dict: '
        '"head.weight". \n\tUnexpected key(s) in state_dict: "extra". ')
    result = net.load_state_dict(state, strict=False)
    assert result.missing_keys == ["head.weight"] and result.unexpected_keys == ["extra"]
    state = net.state_dict()
    state["block.fc.bias"] = torch.ones(4)
    with pytest.raises(RuntimeError, match=r"size mismatch for block.fc.bias: copying a param "
                                           r"with shape minigrad.Size\(\[4\]\)"):
        net.load_state_dict(state)


def test_double_converts_parameters_in_place():
    net = Net()
    weight = net.block.fc.weight
    net.double()
    assert net.block.fc.weight is weight and weight.dtype is torch.float64
    assert net(torch.ones(1, 2, dtype=torch.float64)).dtype is torch.float64
    assert net.float().head.weight.dtype is torch.float32
    assert net.to(torch.float64).to("cpu").head.weight.dtype is torch.float64
    assert net.to(torch.ones(1)).head.weight.dtype is torch.float32
    with pytest.raises(TypeError, match="only accepts floating point"):
        net.to(torch.int64)


def test_apply_visits_every_module():
    def init_weights(module):
        if isinstance(module, nn.Linear):
            nn.init.ones_(module.weight)

    net = Net().apply(init_weights)
    assert net.head.weight.tolist() == [[1.0, 1.0, 1.0]]
    assert np.all(net.block.fc.weight.detach().numpy() == 1)


def test_nested_repr():
    assert repr(Net()) == (
        "Net(\n"
        "  (block): Block(\n"
        "    (fc): Linear(in_features=2, out_features=3, bias=True)\n"
        "  )\n"
        "  (head): Linear(in_features=3, out_features=1, bias=False)\n"
        ")"
    )
    assert repr(nn.Module()) == "Module()"
