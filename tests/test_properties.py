"""Property tests: minigrad's gradients agree with central finite differences, for every op.

Inputs are random float64 tensors of random (broadcast-compatible) shapes, kept inside each
op's domain and away from its kinks (relu/abs at 0, clamp bounds, ties in max/min/maximum),
where a derivative does not exist and finite differences mean nothing. Each case is checked
two ways: by ``minigrad.autograd.gradcheck`` and by this file's own finite differences of a
random weighted sum of the outputs (which also checks that every gradient has its input's
shape, i.e. broadcasting is undone). Only the public API is used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import minigrad

# derandomize: the same examples every run, so `make test` never goes red by chance.
PROPERTY = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
EPS = 1e-6

Array = np.ndarray
Fn = Callable[..., minigrad.Tensor]

seeds = st.integers(min_value=0, max_value=2**32 - 1)
shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3)
nonscalar_shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)


# --- inputs ---------------------------------------------------------------------------------


def uniform(rng: np.random.Generator, shape: Sequence[int], low: float, high: float) -> Array:
    return np.asarray(rng.uniform(low, high, size=tuple(shape)))


def signed(rng: np.random.Generator, shape: Sequence[int], low: float, high: float) -> Array:
    """Values with magnitude in [low, high] and random sign (so never near zero)."""
    return uniform(rng, shape, low, high) * np.asarray(rng.choice([-1.0, 1.0], size=tuple(shape)))


def distinct(rng: np.random.Generator, shape: Sequence[int]) -> Array:
    """Values at least 0.3 apart, so max/min have no ties within EPS."""
    n = int(np.prod(shape, dtype=int))
    return ((rng.permutation(n) - n / 2) * 0.3 + rng.uniform(0, 0.1)).reshape(shape)


def away_from(values: Array, kinks: Sequence[float], margin: float = 0.05) -> Array:
    """Move values lying within ``margin`` of a kink to ``2 * margin`` past it."""
    values = np.array(values, dtype=np.float64)
    for kink in kinks:
        near = np.abs(values - kink) < margin
        values[near] = kink + np.where(values[near] >= kink, 2 * margin, -2 * margin)
    return values


def leaf(values: Array) -> minigrad.Tensor:
    return minigrad.tensor(values, dtype=minigrad.float64, requires_grad=True)


def constant(values: Array) -> minigrad.Tensor:
    return minigrad.tensor(values)


# --- the two checks ---------------------------------------------------------------------------


def weighted_loss(fn: Fn, arrays: Sequence[Array], weights: Array) -> float:
    """sum(fn(*arrays) * weights), with leaves that require grad (fn may call autograd.grad)."""
    out = fn(*[leaf(a) for a in arrays])
    return float((out.detach().numpy() * weights).sum())


def finite_differences(fn: Fn, arrays: Sequence[Array], weights: Array) -> list[Array]:
    """Central differences of ``weighted_loss`` with respect to every element of every input."""
    grads = []
    for i, array in enumerate(arrays):
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            shifted = [a.copy() for a in arrays]
            shifted[i][index] = array[index] + EPS
            plus = weighted_loss(fn, shifted, weights)
            shifted[i][index] = array[index] - EPS
            minus = weighted_loss(fn, shifted, weights)
            grad[index] = (plus - minus) / (2 * EPS)
        grads.append(grad)
    return grads


def check_gradients(fn: Fn, *arrays: Array, seed: int = 0) -> None:
    """Assert fn's backward matches finite differences, via gradcheck and via our own."""
    arrays = tuple(np.array(a, dtype=np.float64) for a in arrays)  # 0-d arrays, not scalars
    inputs = tuple(leaf(a) for a in arrays)
    assert minigrad.autograd.gradcheck(fn, inputs, eps=EPS, atol=1e-5, rtol=1e-3)

    out = fn(*inputs)
    assert out.requires_grad and out.grad_fn is not None
    weights = np.random.default_rng(seed).standard_normal(tuple(out.shape))
    loss = (out * minigrad.tensor(weights, dtype=minigrad.float64)).sum()
    analytical = minigrad.autograd.grad(loss, inputs)
    numerical = finite_differences(fn, arrays, weights)
    for got, want, array in zip(analytical, numerical, arrays, strict=True):
        assert tuple(got.shape) == array.shape
        assert got.dtype == minigrad.float64
        np.testing.assert_allclose(got.numpy(), want, rtol=1e-5, atol=1e-6)


# --- elementwise unary ------------------------------------------------------------------------

UNARY: dict[str, tuple[Fn, Callable[[np.random.Generator, tuple], Array]]] = {
    "exp": (minigrad.exp, lambda r, s: uniform(r, s, -2, 2)),
    "log": (minigrad.log, lambda r, s: uniform(r, s, 0.2, 3)),
    "sqrt": (minigrad.sqrt, lambda r, s: uniform(r, s, 0.2, 3)),
    "sin": (minigrad.sin, lambda r, s: uniform(r, s, -3, 3)),
    "cos": (minigrad.cos, lambda r, s: uniform(r, s, -3, 3)),
    "tanh": (minigrad.tanh, lambda r, s: uniform(r, s, -2, 2)),
    "sigmoid": (minigrad.sigmoid, lambda r, s: uniform(r, s, -3, 3)),
    "relu": (minigrad.relu, lambda r, s: signed(r, s, 0.1, 2)),
    "abs": (minigrad.abs, lambda r, s: signed(r, s, 0.1, 2)),
    "neg": (minigrad.neg, lambda r, s: uniform(r, s, -2, 2)),
    "neg operator": (lambda x: -x, lambda r, s: uniform(r, s, -2, 2)),
    "exp method": (lambda x: x.exp(), lambda r, s: uniform(r, s, -2, 2)),
    "clamp": (lambda x: x.clamp(-0.5, 0.5),
              lambda r, s: away_from(uniform(r, s, -2, 2), [-0.5, 0.5])),
    "clamp min": (lambda x: minigrad.clamp(x, min=0.25),
                  lambda r, s: away_from(uniform(r, s, -2, 2), [0.25])),
    "clamp max": (lambda x: x.clamp(max=-0.25),
                  lambda r, s: away_from(uniform(r, s, -2, 2), [-0.25])),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@PROPERTY
@given(shape=shapes, seed=seeds)
def test_unary_gradients(name: str, shape: tuple[int, ...], seed: int) -> None:
    fn, make = UNARY[name]
    check_gradients(fn, make(np.random.default_rng(seed), shape), seed=seed)


@PROPERTY
@given(shape=shapes, seed=seeds, exponent=st.sampled_from([2, 3, 0.5, -1, 1.5, -0.5, 0]))
def test_pow_scalar_exponent(shape: tuple[int, ...], seed: int, exponent: float) -> None:
    base = uniform(np.random.default_rng(seed), shape, 0.3, 2)
    check_gradients(lambda x: x ** exponent, base, seed=seed)
    check_gradients(lambda x: minigrad.pow(x, exponent), base, seed=seed)


@PROPERTY
@given(shape=shapes, seed=seeds, base=st.sampled_from([2, 0.5, 3.0]))
def test_scalar_base_pow(shape: tuple[int, ...], seed: int, base: float) -> None:
    exponent = uniform(np.random.default_rng(seed), shape, -2, 2)
    check_gradients(lambda x: base ** x, exponent, seed=seed)


# --- elementwise binary, with broadcasting ----------------------------------------------------

BINARY: dict[str, tuple[Fn, Callable[..., Array], Callable[..., Array]]] = {
    "add": (lambda a, b: a + b, lambda r, s: uniform(r, s, -2, 2),
            lambda r, s: uniform(r, s, -2, 2)),
    "sub": (lambda a, b: a - b, lambda r, s: uniform(r, s, -2, 2),
            lambda r, s: uniform(r, s, -2, 2)),
    "mul": (lambda a, b: a * b, lambda r, s: uniform(r, s, -2, 2),
            lambda r, s: uniform(r, s, -2, 2)),
    "div": (lambda a, b: a / b, lambda r, s: uniform(r, s, -2, 2),
            lambda r, s: signed(r, s, 0.5, 2)),
    "pow": (lambda a, b: a ** b, lambda r, s: uniform(r, s, 0.5, 2),
            lambda r, s: uniform(r, s, -2, 2)),
    "torch.add": (minigrad.add, lambda r, s: uniform(r, s, -2, 2),
                  lambda r, s: uniform(r, s, -2, 2)),
    "torch.sub": (minigrad.sub, lambda r, s: uniform(r, s, -2, 2),
                  lambda r, s: uniform(r, s, -2, 2)),
    "torch.mul": (minigrad.mul, lambda r, s: uniform(r, s, -2, 2),
                  lambda r, s: uniform(r, s, -2, 2)),
    "torch.div": (minigrad.div, lambda r, s: uniform(r, s, -2, 2),
                  lambda r, s: signed(r, s, 0.5, 2)),
    "maximum": (minigrad.maximum, lambda r, s: uniform(r, s, -2, 2),
                lambda r, s: uniform(r, s, -2, 2)),
    # self away from 0: atan2 jumps by 2 pi across the negative x axis (and the origin).
    "atan2": (minigrad.atan2, lambda r, s: signed(r, s, 0.5, 2),
              lambda r, s: uniform(r, s, -2, 2)),
}


@pytest.mark.parametrize("name", sorted(BINARY))
@PROPERTY
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=3),
       seed=seeds)
def test_binary_gradients_broadcast(name: str, shapes: hnp.BroadcastableShapes, seed: int
                                    ) -> None:
    fn, make_a, make_b = BINARY[name]
    rng = np.random.default_rng(seed)
    a, b = make_a(rng, shapes.input_shapes[0]), make_b(rng, shapes.input_shapes[1])
    if name == "maximum":
        assume(np.all(np.abs(np.subtract(a, b)) > 1e-3))  # no ties: maximum has a kink there
    check_gradients(fn, a, b, seed=seed)


REFLECTED: dict[str, Fn] = {
    "2 + x": lambda x: 2 + x,
    "2 - x": lambda x: 2 - x,
    "2 * x": lambda x: 2 * x,
    "2 / x": lambda x: 2 / x,
    "x + 2": lambda x: x + 2,
    "x - 2": lambda x: x - 2,
    "x * 2": lambda x: x * 2,
    "x / 2": lambda x: x / 2,
}


@pytest.mark.parametrize("name", sorted(REFLECTED))
@PROPERTY
@given(shape=shapes, seed=seeds)
def test_scalar_operand_gradients(name: str, shape: tuple[int, ...], seed: int) -> None:
    check_gradients(REFLECTED[name], signed(np.random.default_rng(seed), shape, 0.5, 2),
                    seed=seed)


@PROPERTY
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=3, max_side=3),
       seed=seeds)
def test_where_gradients(shapes: hnp.BroadcastableShapes, seed: int) -> None:
    rng = np.random.default_rng(seed)
    cond_shape, a_shape, b_shape = shapes.input_shapes
    cond = minigrad.tensor(rng.random(cond_shape) < 0.5)
    a, b = uniform(rng, a_shape, -2, 2), uniform(rng, b_shape, -2, 2)
    check_gradients(lambda x, y: minigrad.where(cond, x, y), a, b, seed=seed)


@PROPERTY
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=3),
       seed=seeds)
def test_masked_fill_gradients(shapes: hnp.BroadcastableShapes, seed: int) -> None:
    rng = np.random.default_rng(seed)
    mask_shape, x_shape = shapes.input_shapes
    assume(np.broadcast_shapes(mask_shape, x_shape) == x_shape)  # the mask fits inside x
    mask = minigrad.tensor(rng.random(mask_shape) < 0.5)
    x, value = uniform(rng, x_shape, -2, 2), uniform(rng, (), -2, 2)
    check_gradients(lambda t: t.masked_fill(mask, 0.5) * t, x, seed=seed)
    check_gradients(lambda t, v: t.masked_fill(mask, v) * t, x, value, seed=seed)


# --- matmul -----------------------------------------------------------------------------------

@st.composite
def matmul_shapes(draw: st.DrawFn) -> tuple[tuple[int, ...], tuple[int, ...]]:
    n, m, p, batch = (draw(st.integers(1, 4)) for _ in range(4))
    return draw(st.sampled_from([
        ((m,), (m,)),
        ((n, m), (m,)),
        ((m,), (m, p)),
        ((n, m), (m, p)),
        ((batch, n, m), (batch, m, p)),
        ((batch, n, m), (m, p)),
        ((n, m), (batch, m, p)),
        ((m,), (batch, m, p)),
        ((batch, n, m), (m,)),
        ((1, n, m), (batch, m, p)),
    ]))


@PROPERTY
@given(shapes=matmul_shapes(), seed=seeds)
def test_matmul_gradients(shapes: tuple[tuple[int, ...], tuple[int, ...]], seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = uniform(rng, shapes[0], -2, 2), uniform(rng, shapes[1], -2, 2)
    check_gradients(lambda x, y: x @ y, a, b, seed=seed)
    check_gradients(minigrad.matmul, a, b, seed=seed)


# --- reductions -------------------------------------------------------------------------------

@st.composite
def shape_and_dims(draw: st.DrawFn, min_dims: int = 1) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A shape and a non-empty set of distinct dims of it, each maybe negative."""
    shape = draw(hnp.array_shapes(min_dims=min_dims, max_dims=3, min_side=1, max_side=4))
    dims = draw(st.lists(st.integers(0, len(shape) - 1), min_size=1, max_size=len(shape),
                         unique=True))
    return shape, tuple(d - len(shape) if draw(st.booleans()) else d for d in dims)


@pytest.mark.parametrize("name", ["sum", "mean"])
@PROPERTY
@given(case=shape_and_dims(), keepdim=st.booleans(), seed=seeds)
def test_sum_mean_gradients(name: str, case: tuple, keepdim: bool, seed: int) -> None:
    shape, dims = case
    x = uniform(np.random.default_rng(seed), shape, -2, 2)
    check_gradients(lambda t: getattr(t, name)(), x, seed=seed)
    check_gradients(lambda t: getattr(t, name)(dims, keepdim=keepdim), x, seed=seed)
    check_gradients(lambda t: getattr(minigrad, name)(t, dim=dims[0], keepdim=keepdim), x,
                    seed=seed)


@pytest.mark.parametrize("name", ["max", "min"])
@PROPERTY
@given(case=shape_and_dims(), keepdim=st.booleans(), seed=seeds)
def test_max_min_gradients(name: str, case: tuple, keepdim: bool, seed: int) -> None:
    shape, dims = case
    x = distinct(np.random.default_rng(seed), shape)
    check_gradients(lambda t: getattr(t, name)(), x, seed=seed)
    check_gradients(lambda t: getattr(t, name)(dim=dims[0], keepdim=keepdim).values, x,
                    seed=seed)
    check_gradients(lambda t: getattr(minigrad, name)(t, dims[0])[0], x, seed=seed)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@PROPERTY
@given(case=shape_and_dims(), seed=seeds)
def test_softmax_gradients(name: str, case: tuple, seed: int) -> None:
    shape, dims = case
    x = uniform(np.random.default_rng(seed), shape, -3, 3)
    check_gradients(lambda t: getattr(minigrad, name)(t, dim=dims[0]), x, seed=seed)
    check_gradients(lambda t: getattr(t, name)(dims[0]), x, seed=seed)


# --- shape operations -------------------------------------------------------------------------

@st.composite
def shape_op(draw: st.DrawFn) -> tuple[tuple[int, ...], str, Fn]:
    """A shape and a (name, view-like op) applicable to it."""
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=3))
    nd = len(shape)
    dim = st.integers(-nd, nd - 1)
    kind = draw(st.sampled_from(["reshape", "view", "transpose", "permute", "squeeze",
                                 "squeeze dim", "unsqueeze", "flatten", "T"]))
    if kind in ("reshape", "view"):
        target = list(draw(st.permutations(shape)))
        if draw(st.booleans()):
            target[draw(st.integers(0, nd - 1))] = -1
        return shape, kind, lambda t: getattr(t, kind)(*target)
    if kind == "transpose":
        d0, d1 = draw(dim), draw(dim)
        return shape, kind, lambda t: t.transpose(d0, d1)
    if kind == "permute":
        order = draw(st.permutations(range(nd)))
        return shape, kind, lambda t: t.permute(*order)
    if kind == "squeeze":
        return shape, kind, lambda t: t.squeeze()
    if kind == "squeeze dim":
        d = draw(dim)
        return shape, kind, lambda t: t.squeeze(d)
    if kind == "unsqueeze":
        d = draw(st.integers(-nd - 1, nd))
        return shape, kind, lambda t: t.unsqueeze(d)
    if kind == "flatten":
        start = draw(st.integers(0, nd - 1))
        end = draw(st.integers(start, nd - 1))
        return shape, kind, lambda t: t.flatten(start, end)
    return shape[:2], kind, lambda t: t.T  # .T on 1-d or 2-d


@PROPERTY
@given(case=shape_op(), seed=seeds)
def test_shape_op_gradients(case: tuple, seed: int) -> None:
    shape, _, fn = case
    x = uniform(np.random.default_rng(seed), shape, -2, 2)
    # Multiplying by the input makes the gradient depend on where each element went.
    check_gradients(lambda t: fn(t) * fn(t), x, seed=seed)


# --- indexing ---------------------------------------------------------------------------------

@st.composite
def index_case(draw: st.DrawFn) -> tuple[tuple[int, ...], object]:
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
    kind = draw(st.sampled_from(["int", "slice", "int tensor", "bool mask", "tuple"]))
    size = shape[0]
    if kind == "int":
        return shape, draw(st.integers(-size, size - 1))
    if kind == "slice":
        start = draw(st.integers(0, size - 1))
        return shape, slice(start, draw(st.integers(start + 1, size)), draw(st.integers(1, 2)))
    if kind == "int tensor":  # repeated indices: their gradients must accumulate
        picks = draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=5))
        return shape, minigrad.tensor(picks)
    if kind == "bool mask":
        mask = draw(st.lists(st.booleans(), min_size=size, max_size=size))
        assume(any(mask))
        return shape, minigrad.tensor(mask)
    return shape, (slice(None),) * (len(shape) - 1) + (draw(st.integers(0, shape[-1] - 1)),)


@PROPERTY
@given(case=index_case(), seed=seeds)
def test_indexing_gradients(case: tuple, seed: int) -> None:
    shape, index = case
    x = uniform(np.random.default_rng(seed), shape, -2, 2)
    check_gradients(lambda t: t[index] * t[index], x, seed=seed)


@PROPERTY
@given(shape=nonscalar_shapes, seed=seeds)
def test_index_assignment_gradients(shape: tuple[int, ...], seed: int) -> None:
    rng = np.random.default_rng(seed)
    x, v = uniform(rng, shape, -2, 2), uniform(rng, shape[1:], -2, 2)

    def assign(t: minigrad.Tensor, value: minigrad.Tensor) -> minigrad.Tensor:
        out = t * 1
        out[0] = value * value
        return out * t

    check_gradients(assign, x, v, seed=seed)


VIEWS = {"row": lambda t: t[0], "columns": lambda t: t[:, 1:], "transpose": lambda t: t.t(),
         "flat": lambda t: t.view(-1)[1:]}
IN_PLACE = {"mul_": lambda v, w: v.mul_(w), "add_": lambda v, w: v.add_(w * w),
            "copy_": lambda v, w: v.copy_(w.expand(v.shape) * 3), "fill_": lambda v, w: v.fill_(w),
            "zero_": lambda v, w: v.zero_().add_(w)}


@PROPERTY
@given(view=st.sampled_from(sorted(VIEWS)), op=st.sampled_from(sorted(IN_PLACE)),
       seed=seeds)
def test_in_place_through_a_view_gradients(view: str, op: str, seed: int) -> None:
    # The change goes through the view into the base (CopySlices), whose gradient must then
    # see the region's new values and not its old ones.
    rng = np.random.default_rng(seed)
    x, w = uniform(rng, (2, 3), -2, 2), uniform(rng, (), -2, 2)

    def change(t: minigrad.Tensor, scale: minigrad.Tensor) -> minigrad.Tensor:
        base = t * t
        IN_PLACE[op](VIEWS[view](base), scale)
        return base * t

    check_gradients(change, x, w, seed=seed)


@PROPERTY
@given(classes=st.integers(2, 4), rows=st.integers(1, 3), smoothing=st.sampled_from([0.0, 0.2]),
       reduction=st.sampled_from(["mean", "sum", "none"]), seed=seeds)
def test_cross_entropy_gradients(classes: int, rows: int, smoothing: float, reduction: str,
                                 seed: int) -> None:
    rng = np.random.default_rng(seed)
    logits = uniform(rng, (rows, classes), -2, 2)
    labels = minigrad.tensor(rng.integers(0, classes, rows))
    probs = minigrad.tensor(rng.dirichlet(np.ones(classes), rows))
    F = minigrad.nn.functional
    for target in (labels, probs):
        check_gradients(lambda t, target=target: F.cross_entropy(
            t, target, reduction=reduction, label_smoothing=smoothing), logits, seed=seed)


# --- joining ----------------------------------------------------------------------------------

@st.composite
def join_case(draw: st.DrawFn) -> tuple[list[tuple[int, ...]], int]:
    base = list(draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3)))
    dim = draw(st.integers(-len(base), len(base) - 1))
    sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    shapes = []
    for size in sizes:
        shape = list(base)
        shape[dim] = size
        shapes.append(tuple(shape))
    return shapes, dim


@PROPERTY
@given(case=join_case(), seed=seeds)
def test_cat_gradients(case: tuple, seed: int) -> None:
    shapes, dim = case
    rng = np.random.default_rng(seed)
    arrays = [uniform(rng, s, -2, 2) for s in shapes]
    check_gradients(lambda *ts: minigrad.cat(list(ts), dim=dim) ** 2, *arrays, seed=seed)


@PROPERTY
@given(shape=shapes, count=st.integers(1, 3), data=st.data(), seed=seeds)
def test_stack_gradients(shape: tuple[int, ...], count: int, data: st.DataObject, seed: int
                         ) -> None:
    dim = data.draw(st.integers(-len(shape) - 1, len(shape)))
    rng = np.random.default_rng(seed)
    arrays = [uniform(rng, shape, -2, 2) for _ in range(count)]
    check_gradients(lambda *ts: minigrad.stack(ts, dim) ** 2, *arrays, seed=seed)


# --- compositions and higher order ------------------------------------------------------------

@PROPERTY
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=1, max_dims=2,
                                                max_side=3), seed=seeds)
def test_composite_expression(shapes: hnp.BroadcastableShapes, seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = uniform(rng, shapes.input_shapes[0], -1, 1), uniform(rng, shapes.input_shapes[1], 0.5, 2)

    def fn(x: minigrad.Tensor, y: minigrad.Tensor) -> minigrad.Tensor:
        hidden = (x * y + y.sqrt()).tanh()
        return hidden.sigmoid() * x.exp() / y - (hidden ** 2).mean()

    check_gradients(fn, a, b, seed=seed)


SECOND_ORDER: dict[str, tuple[Fn, Callable[..., Array]]] = {
    "exp": (minigrad.exp, lambda r, s: uniform(r, s, -2, 2)),
    "log": (minigrad.log, lambda r, s: uniform(r, s, 0.5, 2)),
    "sqrt": (minigrad.sqrt, lambda r, s: uniform(r, s, 0.5, 2)),
    "sin": (minigrad.sin, lambda r, s: uniform(r, s, -3, 3)),
    "cos": (minigrad.cos, lambda r, s: uniform(r, s, -3, 3)),
    "tanh": (minigrad.tanh, lambda r, s: uniform(r, s, -2, 2)),
    "sigmoid": (minigrad.sigmoid, lambda r, s: uniform(r, s, -3, 3)),
    "pow 3": (lambda x: x ** 3, lambda r, s: uniform(r, s, -2, 2)),
    "x * x / (1 + x)": (lambda x: x * x / (1 + x), lambda r, s: uniform(r, s, 0.2, 2)),
    "softmax": (lambda x: minigrad.softmax(x, dim=-1), lambda r, s: uniform(r, s, -2, 2)),
    "log_softmax": (lambda x: minigrad.log_softmax(x, -1), lambda r, s: uniform(r, s, -2, 2)),
    "matmul self": (lambda x: x @ x.T if x.dim() == 2 else x @ x,
                    lambda r, s: uniform(r, s, -2, 2)),
    "atan2(x, x * x + 0.5)": (lambda x: minigrad.atan2(x, x * x + 0.5),
                              lambda r, s: uniform(r, s, -2, 2)),
}


@pytest.mark.parametrize("name", sorted(SECOND_ORDER))
@settings(PROPERTY, max_examples=8)
@given(shape=hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=3), seed=seeds)
def test_second_order_gradients(name: str, shape: tuple[int, ...], seed: int) -> None:
    """The gradient computed with create_graph=True is itself correctly differentiable."""
    fn, make = SECOND_ORDER[name]
    x = make(np.random.default_rng(seed), shape)

    def first_derivative(t: minigrad.Tensor) -> minigrad.Tensor:
        (grad,) = minigrad.autograd.grad(fn(t).sum(), t, create_graph=True)
        return grad

    check_gradients(first_derivative, x, seed=seed)
