"""Structure of minigrad.viz.draw's drawings, checked on the DOT source.

The DOT source is parsed with pygraphviz (a project dependency).
"""

from __future__ import annotations

import re

import pygraphviz
import pytest

import minigrad as torch
from minigrad.viz import draw


def parse(drawing):
    """(nodes, edges) of a drawing: {key: attrs}, [(src, dst, attrs)]."""
    graph = pygraphviz.AGraph(string=drawing.source)
    nodes = {n: dict(n.attr) for n in graph.nodes()}
    edges = [(a, b, dict(e.attr)) for e in graph.edges() for a, b in [e]]
    return {str(k): v for k, v in nodes.items()}, [(str(a), str(b), at) for a, b, at in edges]


def label(nodes, key):
    return nodes[key]["label"].replace("\\n", "\n")


def keys_labelled(nodes, first_line):
    return [k for k in nodes if label(nodes, k).split("\n")[0] == first_line]


def test_square_of_a_leaf():
    x = torch.tensor(3.0, requires_grad=True)
    y = x**2
    nodes, edges = parse(draw(y, params={"x": x}))
    assert {label(nodes, k) for k in nodes} == {
        "output\n9", "PowBackward0", "AccumulateGrad", "x\n3\nrequires_grad=True"
    }
    # Keys are numbered in walk order, never derived from id().
    assert set(nodes) == {"out0", "n0", "n1", "v1"}
    assert {(a, b) for a, b, _ in edges} == {("n0", "out0"), ("n1", "n0"), ("v1", "n1")}
    assert nodes["out0"]["fillcolor"] == "darkolivegreen1"
    assert nodes["v1"]["fillcolor"] == "lightblue"


def test_leaf_grad_shown_once_known_and_hidden_on_request():
    x = torch.tensor(3.0, requires_grad=True)
    y = x**2
    y.backward()
    nodes, _ = parse(draw(y, params={"x": x}))
    assert label(nodes, "v1") == "x\n3\nrequires_grad=True\ngrad 6"
    nodes, _ = parse(draw(y, params={"x": x}, show_grad=False))
    assert label(nodes, "v1") == "x\n3\nrequires_grad=True"


def test_shared_input_is_one_node_with_two_edges():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    nodes, edges = parse(draw(y, params={"x": x}))
    (acc,) = keys_labelled(nodes, "AccumulateGrad")
    (mul,) = keys_labelled(nodes, "MulBackward0")
    assert "used 2x: grads add up" in label(nodes, acc)
    assert [(a, b) for a, b, _ in edges].count((acc, mul)) == 2


def test_detached_branch_is_a_dashed_constant():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * x.detach()
    nodes, edges = parse(draw(y, params={"x": x}))
    (const,) = [k for k in nodes if k.startswith("c")]
    assert label(nodes, const).startswith("constant")
    assert "requires_grad=False" in label(nodes, const)
    assert nodes[const]["style"] == "dashed"
    ((_, dst, attrs),) = [e for e in edges if e[0] == const]
    assert label(nodes, dst) == "MulBackward0" and attrs["style"] == "dashed"
    # Only x's own edge reaches an AccumulateGrad: the detached use is cut.
    assert len(keys_labelled(nodes, "AccumulateGrad")) == 1


def test_no_grad_result_has_no_graph():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.no_grad():
        y = x * 2
    drawing = draw(y)
    nodes, edges = parse(drawing)
    assert list(nodes) == ["out0"] and edges == []
    assert nodes["out0"]["style"] == "dashed"
    assert "no grad_fn" in label(nodes, "out0")
    # Used later, it shows up as a constant input of the recorded op.
    nodes, _ = parse(draw(y * x))
    assert any(label(nodes, k).startswith("constant") for k in nodes)


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return 2 * x * grad


def test_custom_function_node_and_its_saved_tensor():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = Square.apply(x)
    nodes, edges = parse(draw(y, params={"x": x}, show_saved=True))
    (node,) = keys_labelled(nodes, "SquareBackward")
    saved = [k for k in nodes if nodes[k].get("fillcolor") == "orange"]
    assert [label(nodes, k) for k in saved] == ["saved_tensors[0]\nx\n[1, 2]"]
    assert (saved[0], node) in [(a, b) for a, b, _ in edges]
    # Without show_saved, no saved boxes.
    nodes, _ = parse(draw(y, params={"x": x}))
    assert not [k for k in nodes if nodes[k].get("fillcolor") == "orange"]


def test_saved_tensors_after_backward_say_freed():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = Square.apply(x)
    y.sum().backward()
    nodes, _ = parse(draw(y, show_saved=True))
    (node,) = keys_labelled(nodes, "SquareBackward")
    assert "freed by backward" in label(nodes, node)


def test_a_constant_after_backward_says_its_value_was_freed():
    # The drawing knows a constant's value through the node's saved copy, freed by backward.
    x = torch.tensor(2.0, requires_grad=True)
    c = torch.ones(2, 2)
    y = (x * 3).sum() + (c @ x.expand(2)).sum()
    nodes, _ = parse(draw(y, params={"c": c}))
    constants = sorted(label(nodes, k) for k in nodes if k.startswith("c"))
    assert constants == ["c\nconstant\n(2, 2)\nrequires_grad=False",
                         "constant\n3\nrequires_grad=False"]
    y.backward()
    nodes, _ = parse(draw(y, params={"c": c}))
    constants = sorted(label(nodes, k) for k in nodes if k.startswith("c"))
    assert constants == ["constant\n(2, 2)\nvalue freed by backward\nrequires_grad=False",
                         "constant\nvalue freed by backward\nrequires_grad=False"]


def test_linear_layer_parameters_are_named():
    nn = getattr(torch, "nn", None)
    if nn is None or not hasattr(nn, "Linear"):
        pytest.skip("minigrad.nn.Linear is not available yet (issue 3)")
    torch.manual_seed(0)
    layer = nn.Linear(3, 2)
    out = layer(torch.ones(4, 3)).sum()
    nodes, _ = parse(draw(out, params=layer, show_data=False))
    leaves = {label(nodes, k) for k in nodes if nodes[k].get("fillcolor") == "lightblue"}
    assert leaves == {"weight\n(2, 3)\nrequires_grad=True", "bias\n(2,)\nrequires_grad=True"}
    # The input batch does not require grad: a dashed constant of its shape.
    assert any(label(nodes, k).startswith("constant") for k in nodes)


def test_several_outputs_and_named_intermediates():
    x = torch.tensor(2.0, requires_grad=True)
    a = x * 3
    b, c = a.exp(), a.sin()
    nodes, edges = parse(draw({"b": b, "c": c}, params={"x": x, "a": a}))
    assert label(nodes, "out0").startswith("b\n") and label(nodes, "out1").startswith("c\n")
    (mul,) = keys_labelled(nodes, "MulBackward0")
    assert label(nodes, mul).split("\n")[1] == "-> a"
    assert "used 2x: grads add up" in label(nodes, mul)


def test_repr_is_a_stable_text_tree():
    x = torch.tensor(3.0, requires_grad=True)
    drawing = draw(x**2, params={"x": x})
    assert repr(drawing) == (
        "output, 9 (output)\n"
        "└── PowBackward0\n"
        "    └── AccumulateGrad\n"
        "        └── x, 3, requires_grad=True (leaf)"
    )
    assert drawing.source == draw(x**2, params={"x": x}).source
    assert not re.search(r"0x[0-9a-f]{6,}", drawing.source + repr(drawing))


def test_legend_lists_the_kinds_used():
    x = torch.tensor(3.0, requires_grad=True)
    source = draw(x * x.detach()).source
    for text in ("output", "leaf tensor", "grad_fn node", "no grad (constant)"):
        assert f">{text}</font></td>" in source
    assert "saved for backward" not in source
    assert "legend" not in draw(x * 2, legend=False).source


def test_ten_thousand_node_chain_is_walked_and_collapsed():
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(10_000):
        y = y * 1.0  # one MulBackward0 per step: a chain much deeper than the stack limit
    drawing = draw(y, params={"x": x}, max_nodes=100)
    nodes, _ = parse(drawing)
    assert len(nodes) < 30
    (gap,) = [k for k in nodes if k.startswith("gap")]
    assert label(nodes, gap).startswith("... 9997 nodes left out")
    assert "9997 of 10001 nodes left out (max_nodes=100)" in drawing.source
    assert repr(drawing).endswith("9997 of 10001 nodes left out (max_nodes=100)")


def test_wide_graph_is_truncated_and_says_how_much():
    xs = [torch.tensor(float(i), requires_grad=True) for i in range(300)]
    total = xs[0]
    for x in xs[1:]:
        total = total + x  # fan-in, no long single-input chain to collapse
    nodes, _ = parse(draw(total, max_nodes=50))
    ops = [k for k in nodes if k.startswith("n")]
    assert len(ops) == 50
    (gap,) = [k for k in nodes if k.startswith("gap")]
    assert re.match(r"\.\.\. \d+ nodes more, not drawn", label(nodes, gap))
    omitted = int(label(nodes, gap).split()[1])
    assert omitted == 599 - 50  # 299 AddBackward0 + 300 AccumulateGrad, minus those drawn


def test_named_intermediate_that_retains_grad_shows_it():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    a = x * 2
    a.retain_grad()
    y = (a * a).sum()
    y.backward()
    nodes, _ = parse(draw(y, params={"x": x, "a": a}))
    (node,) = [k for k in keys_labelled(nodes, "MulBackward0") if "-> a" in label(nodes, k)]
    assert label(nodes, node).split("\n")[1:3] == ["-> a", "a.grad [4, 8]"]
