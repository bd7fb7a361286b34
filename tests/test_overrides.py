"""The reading path's code and the overrides that replace parts of it agree (overrides.py).

Speed overrides (minigrad/fast_paths.py) must give the same gradients as the formulas they
accelerate: every golden program prints under the reading path alone what PyTorch printed,
and training steps agree number for number. Parity overrides (minigrad/parity.py) differ
only in their corner: elsewhere they agree with the plain code.
"""

from __future__ import annotations

import difflib
import warnings
from pathlib import Path

import numpy as np
import pytest
from golden.harness import discover, expected_path, run_programs

import minigrad as torch
from minigrad import Tensor, fast_paths, overrides, parity
from minigrad.autograd import engine
from minigrad.autograd.graph import AccumulateGrad, Node, SavedTensor
from minigrad.ops.op import Op

PROGRAMS = discover()


def _grads(fn, *shapes, seed: int = 0, dtype=torch.float64) -> list[np.ndarray]:
    """fn's inputs' gradients, for seeded random inputs (fn returns a scalar)."""
    rng = np.random.default_rng(seed)
    inputs = [torch.tensor(rng.standard_normal(s), dtype=dtype, requires_grad=True)
              for s in shapes]
    fn(*inputs).backward()
    return [t.grad.numpy().copy() for t in inputs]


def _both(fn, *shapes, kinds=("speed",), **kwargs) -> tuple[list, list]:
    """Gradients with every override installed, and with those of `kinds` undone."""
    fast = _grads(fn, *shapes, **kwargs)
    with overrides.readable_only(kinds):
        readable = _grads(fn, *shapes, **kwargs)
    return fast, readable


class _TimesSin(torch.autograd.Function):
    """x * sin(x), its derivative written by hand: sin(x) + x * cos(x)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x.sin()

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * (x.sin() + x * x.cos())


def _hooked(t: Tensor) -> Tensor:
    t.register_hook(lambda grad: grad * 0.5)
    return t


WORKLOADS = {
    "arithmetic": (lambda a, b: ((a + b) * (a - b) / (b * b + 1) - a ** 3 + (-b) * 2.5).sum(),
                   (3, 4), (4,)),
    "unary": (lambda a: (a.exp() + (a * a + 1).log() + (a * a).sqrt() + a.tanh() + a.sigmoid()
                         + a.relu() + a.clamp(-0.5, 0.5) + a.abs() + a.sin() + a.cos()).sum(),
              (5, 3)),
    "reductions": (lambda a: (a.sum(0) * a.mean(1, keepdim=True)).sum() + a.mean() + a.sum()
                   + a.max() + a.max(1).values.sum(), (4, 3)),
    "shapes": (lambda a: (a.view(12).reshape(3, 4).t().unsqueeze(0).squeeze(0)
                          .expand(2, 4, 3).permute(2, 0, 1).transpose(0, 1)
                          * torch.arange(24.0, dtype=torch.float64).view(2, 3, 4)).sum()
               + a.clone().to(torch.float32).sum(), (3, 4)),
    "matmul": (lambda a, b, v: ((a @ b).tanh() @ v).sum() + (v @ v) + (a.t() @ a).sum(),
               (5, 4), (4, 2), (2,)),
    "linear layers": (lambda x, w1, b1, w2: torch.nn.functional.cross_entropy(
        torch.nn.functional.linear(torch.relu(torch.nn.functional.linear(x, w1, b1)), w2),
        torch.tensor([0, 2, 1, 0])), (4, 6), (5, 6), (5,), (3, 5)),
    # The lean backward loop's other routes: a custom Function (Node._apply_arrays wraps
    # Tensors for it), a tensor hook (the node goes through call_function), a multi-output op,
    # and 0-d gradients of one tensor used twice (summed as arrays).
    "loop routes": (lambda a: (_TimesSin.apply(a).sum() + _hooked(a * 2).sum()
                               + sum(row.sum() for row in a.unbind(0))
                               + a[0, 0] * a[0, 0] + a[0, 0]), (3, 4)),
    "breadth": (lambda a: (a.cumsum(0).flip(0).softmax(1).log_softmax(0) * a.amax(0)
                           + a.logsumexp(1, keepdim=True) + a.floor() + a.clamp_min(0)).sum(),
                (3, 4)),
}


@pytest.mark.parametrize("name", WORKLOADS)
def test_speed_paths_give_the_reading_paths_gradients(name: str) -> None:
    fn, *shapes = WORKLOADS[name]
    fast, readable = _both(fn, *shapes)
    for f, r in zip(fast, readable):
        np.testing.assert_allclose(f, r, rtol=1e-12, atol=1e-15)


def test_speed_paths_agree_in_float32_to_the_last_bit_but_tanh() -> None:
    """On float32 the array formulas round as the Tensor ones do, but tanh's: it rounds
    1 - y*y once, as PyTorch's kernel does; the plain formula rounds y*y first, an error of
    half an ulp of 1.0 at most."""
    fn = lambda a, b: ((a * b + a / (b * b + 1)).sigmoid().exp().relu() @ b.t()).mean()  # noqa: E731
    fast, readable = _both(fn, (4, 3), (4, 3), dtype=torch.float32)
    for f, r in zip(fast, readable):
        np.testing.assert_array_equal(f, r)
    fast, readable = _both(lambda a: a.tanh().sum(), (50,), dtype=torch.float32)
    np.testing.assert_allclose(fast[0], readable[0], rtol=0, atol=np.finfo(np.float32).eps)


def test_readable_only_undoes_and_restores_every_override() -> None:
    # Compared in the class's (or module's) own namespace: getattr would bind a classmethod.
    installed = {(cls, attribute): replacement
                 for cls, attribute, _, replacement, _ in overrides.installed}
    with overrides.readable_only():
        for (cls, attribute), replacement in installed.items():
            assert vars(cls).get(attribute) is not replacement, (cls, attribute)
    for (cls, attribute), replacement in installed.items():
        assert vars(cls).get(attribute) is replacement


def test_accumulate_grad_keeps_an_unshared_gradient_and_copies_a_shared_one() -> None:
    w = torch.ones(3, requires_grad=True)
    (w * 2).sum().backward()
    kept = w.grad
    shared = torch.ones(3)
    x = torch.ones(3, requires_grad=True)
    x.backward(shared)  # the caller still holds `shared`: .grad must be a copy
    assert x.grad is not shared and not np.shares_memory(x.grad.numpy(), shared.numpy())
    assert kept.numpy().tolist() == [2.0, 2.0, 2.0]
    assert fast_paths._unshared  # (the test above runs through it)
    # The lean loop hands AccumulateGrad arrays (fast_paths._accumulate_array): one gradient
    # array given to two leaves (AddBackward0 passes it on to both) is kept by neither.
    a, b = torch.ones(3, requires_grad=True), torch.ones(3, requires_grad=True)
    (a + b).sum().backward()
    assert not np.shares_memory(a.grad.numpy(), b.grad.numpy())
    a.grad.numpy()[0] = 5.0
    assert b.grad.numpy().tolist() == [1.0, 1.0, 1.0]
    assert vars(AccumulateGrad)["_apply_arrays"] is fast_paths._accumulate_array


def test_parity_variants_agree_with_the_plain_code_away_from_their_corners() -> None:
    fn = lambda a: ((a * a + 1) ** 0.5 + (a * a + 1) ** -0.5 + a ** 2 + a ** 0).sum()  # noqa: E731
    fast, readable = _both(fn, (6,), kinds=("speed", "parity"))
    np.testing.assert_allclose(fast[0], readable[0], rtol=1e-12)
    x = torch.tensor([[1.0, -2.0], [3.0, 4.0]], requires_grad=True)
    assert parity.sum(x, dim=None).item() == x.sum().item()
    assert parity.mean(x, dim=None).item() == x.mean().item()
    # Where the plain code differs: x ** -0.5 at -0.0 (PyTorch: 1 / sqrt(-0.0) = -inf).
    assert (torch.tensor(-0.0) ** -0.5).item() == -np.inf


def test_every_golden_program_prints_the_same_on_the_reading_path_alone() -> None:
    outputs = run_programs(PROGRAMS, "minigrad-readable")
    failures = []
    for program in PROGRAMS:
        expected = expected_path(program).read_text(encoding="utf-8")
        actual = outputs[program.resolve()]
        if actual != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                "torch", "minigrad-readable", n=1))
            failures.append(f"{Path(program).name}:\n{diff}")
    assert not failures, "\n".join(failures[:5])


def test_no_class_an_operation_crosses_defines_getattr() -> None:
    """A class with __getattr__ loses CPython's specialised attribute reads: every read of
    every node's attributes got slower (+9% instructions per operation, session 6's
    Op.__getattr__ for _raw_saved_*). Per-name properties do the same job."""
    assert torch.nn.functional.cross_entropy  # loads nn's ops too
    classes = [Tensor, Node, AccumulateGrad, SavedTensor, Op]
    todo = list(Op.__subclasses__())
    while todo:
        op = todo.pop()
        classes.append(op)
        todo.extend(op.__subclasses__())
    assert [c for c in classes if hasattr(c, "__getattr__")] == []
    y = torch.ones(2, requires_grad=True) * torch.ones(2, requires_grad=True)
    assert type(y.grad_fn._raw_saved_self).__name__ == "RawSavedTensor"


def test_parity_add_without_alpha_runs_the_reading_paths_forward() -> None:
    """The fused add is PyTorch's only with alpha: without it the plain forward (and its 0-d
    speed path) runs, so `v * 1.001 + 0.001` costs what it did before the parity variant."""
    from minigrad.ops.arithmetic import AddBackward0

    calls = []
    readable = parity._readable_add

    def spy(*args):
        calls.append(args)
        return readable(*args)

    parity._readable_add = spy
    try:
        torch.tensor(1.0, requires_grad=True) + 0.001
    finally:
        parity._readable_add = readable
    assert len(calls) == 1 and AddBackward0.forward is parity._add_fused


@pytest.mark.parametrize("shape", [(128, 10), (16, 64), (15, 10), (128, 65), (40, 1)])
def test_row_max_down_the_columns_is_the_row_max(shape: tuple) -> None:
    """log_softmax's shift, taken down a transposed copy's columns where rows are many and
    short: the same numbers, nan and infinities included, and the same shape."""
    rng = np.random.default_rng(0)
    data = rng.standard_normal(shape).astype(np.float32)
    data.flat[::7] = np.nan
    data.flat[3::11] = np.inf
    data.flat[5::13] = -np.inf
    fast = fast_paths.softmax.row_max(data, 1)
    readable = fast_paths._readable_row_max(data, 1)
    assert fast.shape == readable.shape == (shape[0], 1)
    np.testing.assert_array_equal(fast, readable)
    logits = torch.tensor(rng.standard_normal(shape), requires_grad=True)
    with overrides.readable_only():
        plain = torch.nn.functional.log_softmax(logits, 1)
    np.testing.assert_array_equal(torch.nn.functional.log_softmax(logits, 1).detach().numpy(),
                                  plain.detach().numpy())


def test_readable_only_runs_the_engine_loop_lesson_10_sends_a_learner_to(monkeypatch) -> None:
    # Lesson 10: a print added to engine.py's loop shows nothing by default (fast_paths.py runs
    # a copy of the loop), and shows inside `with minigrad.overrides.readable_only():`.
    ran: list[str] = []
    call_function = engine.call_function
    monkeypatch.setattr(engine, "call_function",
                        lambda node, *args: ran.append(node.name()) or call_function(node, *args))
    x = torch.tensor(2.0, requires_grad=True)
    (x * x).backward()
    assert ran == []
    with torch.overrides.readable_only():  # minigrad.overrides, as the lesson spells it
        (x * x).backward()
    assert ran == ["MulBackward0", "minigrad::autograd::AccumulateGrad"]
    assert x.grad.item() == 8.0


def test_parity_copy_of_a_first_gradient_under_create_graph() -> None:
    """A leaf's first gradient under create_graph: the reading path clones it, parity.py copies
    it as PyTorch does (CopyBackwards, a first input with no edge); the same numbers and the
    same second derivative either way."""

    def second_derivative() -> tuple[str, list, list]:
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        with warnings.catch_warnings():  # (backward with create_graph's advice, once)
            warnings.simplefilter("ignore")
            (x ** 3).sum().backward(create_graph=True)
        node = x.grad.grad_fn
        first = x.grad.tolist()
        x.grad.sum().backward()  # d/dx of 3x**2, added to the first gradient
        return node.name(), first, x.grad.tolist()

    name, first, second = second_derivative()
    with overrides.readable_only(("parity",)):
        plain_name, plain_first, plain_second = second_derivative()
    assert (name, plain_name) == ("minigrad::autograd::CopyBackwards", "CloneBackward0")
    assert (first, second) == (plain_first, plain_second) == ([3.0, 12.0], [9.0, 24.0])


def test_parity_grad_mode_decorators_take_generators_and_warn_on_classes() -> None:
    """A plain function's calls run in the mode with or without parity.py; a generator's steps
    only with it (the reading path's decorator runs just the call that makes the generator)."""

    def enabled() -> bool:
        return torch.is_grad_enabled()

    def steps():
        yield torch.is_grad_enabled()

    assert torch.no_grad()(enabled)() is False
    assert list(torch.no_grad()(steps)()) == [False]
    with pytest.warns(FutureWarning, match="Decorating classes is deprecated"):
        made = torch.no_grad()(type("Model", (), {"__init__": lambda self: setattr(
            self, "enabled", torch.is_grad_enabled())}))
    assert made().enabled is False
    with overrides.readable_only(("parity",)):
        assert torch.no_grad()(enabled)() is False
        assert list(torch.no_grad()(steps)()) == [True]


def test_no_parity_override_shares_a_name_with_a_formula_it_could_be_taken_for() -> None:
    """parity.py's sigmoid_backward and tanh_backward (node-recording overrides) were named as
    unary.sigmoid_backward and fused.tanh_backward (the formulas on numbers): a reader
    following one name landed on the other."""
    import importlib
    import pkgutil

    import minigrad.breadth
    import minigrad.ops

    names: dict[str, list[str]] = {}
    for package in (minigrad.ops, minigrad.breadth):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if callable(value) and getattr(value, "__module__", None) == module.__name__:
                    names.setdefault(name, []).append(module.__name__)
    clashes = {entry[3].__name__: names[entry[3].__name__] for entry in overrides.installed
               if entry[4] == "parity" and callable(entry[3])
               and getattr(entry[3], "__module__", None) == parity.__name__
               and entry[3].__name__ in names}
    assert clashes == {}



@pytest.mark.parametrize("options", [{}, {"momentum": 0.9}, {"maximize": True}])
def test_lean_sgd_update_and_zero_grad_agree_with_the_readable_ones(options: dict) -> None:
    """optim/fast_paths.py: the same weights to the last bit and the same version counts."""

    def train() -> tuple[list, list]:
        torch.manual_seed(0)
        model = torch.nn.Linear(3, 2)
        opt = torch.optim.SGD(model.parameters(), lr=0.1, **options)
        for _ in range(3):
            opt.zero_grad()
            model(torch.ones(4, 3)).pow(2).sum().backward()
            opt.step()
        return [p.detach().numpy().copy() for p in model.parameters()], \
            [p._version for p in model.parameters()]

    fast, fast_versions = train()
    with overrides.readable_only():
        plain, versions = train()
    for a, b in zip(fast, plain):
        np.testing.assert_array_equal(a, b)
    assert fast_versions == versions


def _graph_names(node) -> list:
    """The graph under `node` as nested names, as a learner drawing it sees it."""
    if node is None:
        return []
    return [node.name(), [_graph_names(child) for child, _ in node.next_functions]]


@pytest.mark.parametrize("input_shape, input_grad, bias",
                         [((4, 3), True, True), ((4, 3), False, True), ((4, 3), True, False),
                          ((2, 4, 3), True, True)])
def test_linear_layer_records_and_computes_what_f_linear_does(input_shape: tuple,
                                                              input_grad: bool,
                                                              bias: bool) -> None:
    """fast_paths.install_nn's Linear.forward (a batch of rows through a layer with a bias)
    and AddmmBackward0's formula on arrays: the same outputs, graph and gradients, to the last
    bit in float32, the first layer's input needing a gradient or not (the second's always
    does: its weight's transpose is saved); a 3-D input or a layer without a bias takes
    F.linear."""

    def run() -> tuple:
        torch.manual_seed(0)
        first, second = torch.nn.Linear(3, 5, bias=bias), torch.nn.Linear(5, 2, bias=bias)
        x = torch.randn(*input_shape, requires_grad=input_grad)
        out = second(torch.relu(first(x)))
        (out * out).sum().backward()
        leaves = [x] * input_grad + [*first.parameters(), *second.parameters()]
        return (out.detach().numpy().copy(), _graph_names(out.grad_fn),
                [t.grad.numpy().copy() for t in leaves])

    fast = run()
    with overrides.readable_only():
        plain = run()
    np.testing.assert_array_equal(fast[0], plain[0])
    assert fast[1] == plain[1]
    assert len(fast[2]) == len(plain[2])
    for a, b in zip(fast[2], plain[2]):
        np.testing.assert_array_equal(a, b)


def test_linear_layer_refuses_what_f_linear_refuses() -> None:
    layer = torch.nn.Linear(3, 2)
    for bad in (torch.ones(4, 3, dtype=torch.float64), torch.ones(4, 5)):
        with pytest.raises(RuntimeError) as fast:
            layer(bad)
        with overrides.readable_only(), pytest.raises(RuntimeError) as plain:
            layer(bad)
        assert str(fast.value) == str(plain.value)


@pytest.mark.parametrize("options", [{}, {"reduction": "sum"}, {"label_smoothing": 0.1}])
def test_cross_entropy_records_and_computes_what_the_readable_one_does(options: dict) -> None:
    """fast_paths.install_nn's F.cross_entropy (class indices for a batch of rows, every
    default) and log_softmax's formula on arrays: the same loss, graph and gradient, to the
    last bit in float32; other arguments take the readable function."""

    def run() -> tuple:
        torch.manual_seed(0)
        scores = torch.randn(6, 4, requires_grad=True)
        loss = torch.nn.functional.cross_entropy(scores * 2, torch.tensor([0, 3, 1, 1, 2, 0]),
                                                 **options)
        loss.backward()
        return loss.item(), _graph_names(loss.grad_fn), scores.grad.numpy().copy()

    fast = run()
    with overrides.readable_only():
        plain = run()
    assert fast[:2] == plain[:2]
    np.testing.assert_array_equal(fast[2], plain[2])


@pytest.mark.parametrize("target", [[0, 4], [-1, 0], [0.0, 1.0]])
def test_cross_entropy_refuses_what_the_readable_one_refuses(target: list) -> None:
    scores = torch.zeros(2, 4)
    with pytest.raises((IndexError, RuntimeError)) as fast:
        torch.nn.functional.cross_entropy(scores, torch.tensor(target))
    with overrides.readable_only(), pytest.raises((IndexError, RuntimeError)) as plain:
        torch.nn.functional.cross_entropy(scores, torch.tensor(target))
    assert (type(fast.value), str(fast.value)) == (type(plain.value), str(plain.value))


def test_numpy_keyword_names_stay_on_an_override_and_on_the_code_it_replaces(monkeypatch) -> None:
    """numpy_keywords.install wraps its layer through overrides.wrap: readable_only() swaps
    the code under it, whether the override came before the layer or after (session 35b's
    Tensor.sum override lost `axis=` inside readable_only, and after it)."""
    from types import ModuleType

    from minigrad.breadth import numpy_keywords

    monkeypatch.setattr(overrides, "installed", [])
    monkeypatch.setattr(overrides, "layers", {})

    class Box:
        def total(self, dim=None, keepdim=False):
            return ("readable", dim, keepdim)

        def first(self, dim=0):
            return ("readable", dim)

    @overrides.override(Box, "total", "speed")
    def total(self, dim=None, keepdim=False):  # before the layer
        return ("fast", dim, keepdim)

    numpy_keywords.install(ModuleType("empty"), Box)

    @overrides.override(Box, "first", "speed")
    def first(self, dim=0):  # after it
        return ("fast", dim)

    def calls() -> tuple:
        return Box().total(axis=1, keepdims=True), Box().first(axis=2)

    assert calls() == (("fast", 1, True), ("fast", 2))
    with overrides.readable_only():
        assert calls() == (("readable", 1, True), ("readable", 2))
    assert calls() == (("fast", 1, True), ("fast", 2))
    with pytest.raises(TypeError, match="'axis'"):
        Box().total(1, axis=0)


def test_the_argument_layers_stay_on_an_override_installed_before_them(monkeypatch) -> None:
    """out.install, tensor_arguments.install, install_wrappers (missing_arguments.py's,
    int_arguments.py's and overloads.py's), overloads.install_split and
    factory_arguments.install (torch.reshape, torch.permute) put their layers on through
    overrides.wrap: an override installed before them keeps its layer inside readable_only(),
    on the readable code, and after it (a plain `module.add = with_out(module.add)` lost
    `out=` there)."""
    from types import ModuleType

    from minigrad.breadth import (
        factory_arguments,
        missing_arguments,
        out,
        overloads,
        tensor_arguments,
    )

    monkeypatch.setattr(overrides, "installed", [])
    monkeypatch.setattr(overrides, "layers", {})
    module = ModuleType("fake_minigrad")

    class Box:
        def gather(self, dim, index):
            return "readable"

    module.Tensor = Box
    module.add = lambda input, other: torch.add(input, other)
    module.exp = lambda input: input.exp()  # (a list has no .exp: PyTorch's TypeError instead)
    module.split = Box.split = lambda input, size, dim=0: "readable"
    module.reshape = module.permute = lambda input, sizes: "readable"
    overrides.override(module, "add", "speed")(lambda input, other: torch.add(other, input))
    overrides.override(module, "exp", "speed")(lambda input: input.exp())
    overrides.override(Box, "gather", "speed")(lambda self, dim, index: "fast")
    for name in ("split", "reshape", "permute"):
        overrides.override(module, name, "speed")(lambda input, *sizes: "fast")

    out.install(module)
    tensor_arguments.install(module)
    missing_arguments.install_wrappers(
        module, {}, {"gather": ("dim", "index")},
        lambda name, method, required, _: missing_arguments.requiring(name, method, required),
        shared=True)
    overloads.install_split(module)
    factory_arguments.install(module)

    def calls() -> tuple:
        written = torch.zeros(2)
        module.add(torch.ones(2), torch.ones(2), out=written)
        x = torch.ones(2)
        outcomes = [written.tolist(), Box().gather(0, 1), module.split(x, 1),
                    module.reshape(x, 2), module.permute(x, 0)]
        for call in (lambda: module.exp([1.0]), lambda: Box().gather(0),
                     lambda: module.split(x, 1.0), lambda: module.reshape(x, 2.0),
                     lambda: module.permute(x, [0.0])):
            with pytest.raises(TypeError) as error:
                call()
            outcomes.append(str(error.value))
        return tuple(outcomes)

    messages = ("exp(): argument 'input' (position 1) must be Tensor, not list",
                'gather() missing 1 required positional arguments: "index"',
                "split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of "
                "ints, not float",
                "reshape(): argument 'shape' (position 2) must be tuple of ints, not float",
                "permute(): argument 'dims' (position 2) must be tuple of ints, but found "
                "element of type float at pos 0")
    assert calls() == ([2.0, 2.0], *["fast"] * 4, *messages)
    with overrides.readable_only():
        assert calls() == ([2.0, 2.0], *["readable"] * 4, *messages)
    assert calls() == ([2.0, 2.0], *["fast"] * 4, *messages)


@pytest.mark.parametrize("reduce", ["sum", "mean"])
def test_sum_and_mean_of_a_whole_tensor_record_and_compute_what_the_readable_ones_do(
        reduce: str) -> None:
    """fast_paths.install_methods' x.sum() and x.mean(), outside the layers that check their
    arguments: the same value, node and gradient to the last bit in float32; any argument
    (NumPy's names too), a bool or an integer tensor takes the readable method and its
    answer or error."""

    def run() -> tuple:
        torch.manual_seed(0)
        x = torch.randn(5, 3, requires_grad=True)
        y = getattr(x * x, reduce)()
        y.backward()
        kept = getattr(x.detach(), reduce)(axis=0, keepdims=True)
        outcomes = []
        for call in (lambda: getattr(torch.tensor([True, False, True]), reduce)(),
                     lambda: getattr(torch.tensor([1, 2]), reduce)(),
                     lambda: getattr(x, reduce)(True), lambda: getattr(x, reduce)(0, dim=1)):
            try:
                outcomes.append(repr(call()))
            except (TypeError, RuntimeError) as error:
                outcomes.append((type(error), str(error)))
        return (y.item(), _graph_names(y.grad_fn), x.grad.numpy().copy(), kept.numpy(),
                outcomes)

    fast = run()
    with overrides.readable_only():
        plain = run()
    assert (fast[0], fast[1], fast[4]) == (plain[0], plain[1], plain[4])
    np.testing.assert_array_equal(fast[2], plain[2])
    np.testing.assert_array_equal(fast[3], plain[3])
    assert vars(Tensor)[reduce].__module__ == fast_paths.__name__
