import torch

x = torch.arange(6.0).reshape(2, 3).requires_grad_()
weights = torch.arange(1.0, 100.0)


def show(name, y):
    """The result, its node, and the gradient a weighted sum of it sends back to x."""
    x.grad = None
    (y * weights[: y.numel()].reshape(y.shape)).sum().backward()
    print(name, y, y.grad_fn.name() if y.grad_fn else None)
    print(" ", x.grad)


show("repeat", x.repeat(2, 1, 2))
show("tile", x.tile((2,)))
show("tile 3d", torch.tile(x, (2, 1, 1)))
show("roll", x.roll(1, 1))
show("roll flat", x.roll(1))
show("roll 2", torch.roll(x, (1, -1), (0, 1)))
show("movedim", x.movedim(0, 1))
show("movedim same", torch.movedim(x, 0, 0))
show("moveaxis", x.unsqueeze(0).moveaxis((0, 1), (2, 0)))
show("swapaxes", x.swapaxes(0, 1))
show("narrow", x.narrow(1, 1, 2))
show("narrow -", torch.narrow(x, 1, -2, 1))
show("select", x.select(1, -1))
show("unflatten", x.unflatten(1, (-1, 1)))
show("chunk", x.chunk(2, 1)[1])
show("split", x.split(2, 1)[0])
show("split sizes", torch.split(x, [1, 2], dim=1)[1])
show("index_select", x.index_select(1, torch.tensor([2, 0, 2])))
show("index_select 0-d", torch.index_select(x, 0, torch.tensor(1)))
show("index_add", torch.zeros(2, 3).index_add(1, torch.tensor([2, 2]), x[:, :2], alpha=2))
show("masked_select", x.masked_select(x > 2))
show("masked_select broadcast", x.masked_select(torch.tensor([True, False, True])))
show("tril", x.tril())
show("tril -1", x.tril(-1))
show("triu 1", torch.triu(x, 1))
show("outer", torch.outer(x[0], x[1]))
show("clamp_min", x.clamp_min(2))
show("clamp_max", torch.clamp_max(x, 2.5))
show("clamp_min tensor", x.clamp_min(torch.tensor([1.0, 2.0, 3.0])))

a, b = x.split(2, 1)
print(a.grad_fn is b.grad_fn, a.grad_fn._saved_split_size, a.grad_fn._saved_dim,
      a.grad_fn._saved_self_sym_sizes, b._version, x.split([1, 2], 1)[0].grad_fn._saved_split_sizes,
      x.chunk(3, 1), torch.arange(5).chunk(3), x.split(5, 1), x.roll(1, 1).grad_fn._saved_shifts,
      x.repeat(1, 2).grad_fn._saved_repeats, x.tril(1).grad_fn._saved_diagonal)
print(x.nonzero(), torch.nonzero(x, as_tuple=True), torch.tensor([0.0, 2.0]).nonzero())

# Pieces of split/unbind (and views of them) may not be changed in place while recorded.
y = x.clone()
for f in (lambda: y.split(2, 1)[0].mul_(2), lambda: y.split([1, 2], 1)[1].add_(1),
          lambda: y.chunk(3, 1)[2].zero_(), lambda: [row for row in y][1].mul_(2),
          lambda: y.unbind(0)[0][1:].mul_(2), lambda: torch.zeros(2).unbind(0)[0].mul_(x[0, 0])):
    try:
        f()
        print("changed", y)
    except RuntimeError as err:
        print(type(err).__name__, err)
with torch.no_grad():
    y.unbind(0)[0].mul_(2)
plain = torch.arange(4.0)
plain.split(2)[0].mul_(10)
print(y, plain)

for f in (lambda: x.repeat(2), lambda: x.chunk(0), lambda: x.index_select(1, torch.tensor([[0]])),
          lambda: x.index_select(1, torch.tensor([3])), lambda: x.index_select(1, torch.tensor([1.0])),
          lambda: torch.zeros(2, 3).index_add(1, torch.tensor([0]), x),
          lambda: torch.zeros(2, 3).index_add(1, torch.tensor([5, 0]), x[:, :2]),
          lambda: x.masked_select(torch.tensor([1, 0, 1])), lambda: torch.ones(3).tril(),
          lambda: x.narrow(1, 1, 5), lambda: x.unflatten(1, (2, 2)),
          lambda: torch.outer(x, x[0]), lambda: x.roll((1, 1), 0),
          lambda: x.split([1, 1], 1)):
    try:
        print(f())
    except (RuntimeError, IndexError) as err:
        print(type(err).__name__, err)
