# hstack, vstack, column_stack (cats: CatBackward0 over the reshaped inputs, as PyTorch records
# them) and meshgrid (views expanded to the grid; "ij" and "xy"; the warning, once, when
# indexing is left out), with promotion, gradients and PyTorch's errors.
import torch


def names(t):
    """grad_fn, and what it points to, by name."""
    if t.grad_fn is None:
        return None
    return t.grad_fn.name(), [n and n.name() for n, _ in t.grad_fn.next_functions]


a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
m = torch.arange(6.0).reshape(2, 3).requires_grad_()
s = torch.tensor(5.0, requires_grad=True)
for stack in (torch.hstack, torch.vstack, torch.column_stack):
    for inputs in ([a, b], (a, b), [m, m], [s, s], [a, torch.tensor([7, 8])],
                   [m[:, 0], m[:, 1:]], [torch.tensor([1, 2]), torch.tensor([True, False])]):
        try:
            out = stack(inputs)
            print(stack.__name__, out.dtype, list(out.shape), out.tolist(), names(out))
        except RuntimeError as error:
            print(stack.__name__, type(error).__name__, str(error).splitlines()[0])
# gradients flow back through the cat to each input (and through views to the 0-d one)
out = torch.vstack([a, m[:, :2], s.expand(2)]) * torch.arange(8.0).reshape(4, 2)
out.sum().backward()
print(a.grad, m.grad, s.grad)
a.grad = m.grad = s.grad = None
torch.column_stack([a, m, s.reshape(1).expand(2)]).pow(2).sum().backward()
print(a.grad, m.grad, s.grad)
print(torch.column_stack([torch.ones(2, 2, 2), torch.zeros(2, 1, 2)]).shape,
      torch.hstack([torch.ones(2, 1, 3), torch.zeros(2, 2, 3)]).shape,
      torch.vstack([torch.ones(1, 2, 3), torch.zeros(2, 2, 3)]).shape)
c = torch.zeros(4)
print(torch.hstack([a.detach(), b.detach()], out=c), c)
for label, call in [
    ("hstack 1-d and 2-d", lambda: torch.hstack([a, m])),
    ("hstack rows", lambda: torch.hstack([torch.ones(2, 2), torch.ones(3, 2)])),
    ("vstack columns", lambda: torch.vstack([torch.ones(2, 2), torch.ones(2, 3)])),
    ("vstack vectors", lambda: torch.vstack([a, torch.ones(3)])),
    ("column_stack", lambda: torch.column_stack([a, torch.ones(3)])),
    ("hstack empty", lambda: torch.hstack([])),
    ("vstack empty", lambda: torch.vstack([])),
    ("column_stack empty", lambda: torch.column_stack(())),
    ("hstack one tensor", lambda: torch.hstack(a)),
    ("vstack two arguments", lambda: torch.vstack(a, b)),
    ("cat one tensor", lambda: torch.cat(m)),
    ("stack one tensor", lambda: torch.stack(a)),
]:
    try:
        call()
        print(label, "no error")
    except (RuntimeError, TypeError) as error:
        print(label, type(error).__name__, str(error).splitlines()[0])

# meshgrid: without indexing, PyTorch warns the first time only (and means "ij")
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.tensor([4.0, 5.0], requires_grad=True)
for kwargs in ({}, {}, {"indexing": "ij"}, {"indexing": "xy"}):
    grids = torch.meshgrid(x, y, **kwargs)
    print(kwargs, type(grids).__name__, [g.tolist() for g in grids])
    print(" ", [list(g.shape) for g in grids], [names(g) for g in grids],
          [g.grad_fn.next_functions[0][0].next_functions[0][0].name() for g in grids],
          [g.stride() for g in grids], [g._base is not None for g in grids],
          [g.is_contiguous() for g in grids])
gx, gy = torch.meshgrid(x, y, indexing="xy")
(gx * gy + gx).sum().backward()
print(x.grad, y.grad)
x.grad = y.grad = None
z = torch.arange(4.0, requires_grad=True)
grids = torch.meshgrid([x, y, z], indexing="xy")  # the older form: one list
print([list(g.shape) for g in grids], [g.stride() for g in grids])
(grids[0] * grids[2]).sum().backward()
print(x.grad, z.grad)
print(torch.meshgrid(x, indexing="xy"), torch.meshgrid(torch.tensor(2.0), y, indexing="ij"))
print(torch.meshgrid(torch.tensor([1, 2]), torch.tensor([3, 4, 5]), indexing="xy"))
for label, call in [
    ("indexing", lambda: torch.meshgrid(x, y, indexing="yx")),
    ("dtypes", lambda: torch.meshgrid(x, torch.tensor([1, 2]), indexing="ij")),
    ("empty", lambda: torch.meshgrid(indexing="ij")),
    ("empty list", lambda: torch.meshgrid([], indexing="xy")),
]:
    try:
        call()
        print(label, "no error")
    except RuntimeError as error:
        print(label, type(error).__name__, str(error).splitlines()[0])
try:
    torch.meshgrid(x, torch.ones(2, 2), indexing="ij")
except RuntimeError as error:  # PyTorch prints the tensor in its C++ layout after "got:"
    print(type(error).__name__, str(error).split(" got:")[0])
