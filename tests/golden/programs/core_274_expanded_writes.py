import torch

# Writing into an expanded tensor, whose elements share memory: most in-place ops refuse it
# (before their own shape check, after the dtype's), fill_(number), zero_ and masked_fill_
# write it (masked_fill_ and x[mask] = v with a warning), and a view of it whose elements do not share
# memory (x[0]) is written as any tensor, into the memory the rows share. With grad, the base
# takes CopySlices; a base that needs its gradient is refused at backward when the written
# region's elements share memory, not when only the value needs one. (minigrad: numpy's
# "assignment destination is read-only" ValueError, or "tuple index out of range".)


def attempt(label, call):
    try:
        out = call()
        print(label, out)
    except (RuntimeError, ValueError, IndexError) as error:
        print(label, type(error).__name__, error)


def expanded():
    return torch.ones(3).expand(2, 3)


for name, call in [
    ("add_", lambda x: x.add_(1)),
    ("mul_", lambda x: x.mul_(2)),
    ("+=", lambda x: x.__iadd__(1)),
    ("sin_", lambda x: x.sin_()),
    ("clamp_", lambda x: x.clamp_(0, 0.5)),
    ("add_ other shape", lambda x: x.add_(torch.ones(2, 3, dtype=torch.float64))),
    ("long add_ float", lambda x: x.long().expand(2, 3).add_(1.5)),
    ("copy_", lambda x: x.copy_(torch.zeros(2, 3))),
    ("fill_ tensor", lambda x: x.fill_(torch.tensor(2.0))),
    ("uniform_", lambda x: x.uniform_()),
    ("zero_", lambda x: x.zero_()),
    ("fill_", lambda x: x.fill_(2)),
    ("masked_fill_", lambda x: x.masked_fill_(torch.tensor([True, False, True]), 0)),
    ("index_put_", lambda x: x.index_put_((torch.tensor([0]),), torch.tensor(5.0))),
]:
    attempt(name, lambda: call(expanded()))

with torch.no_grad():
    attempt("+= under no_grad", lambda: expanded().__iadd__(1))
attempt("size-1 dim expanded", lambda: torch.ones(3).expand(1, 3).add_(1))
attempt("column expanded", lambda: torch.ones(3, 1).expand(3, 2).mul_(2))

mask = torch.tensor([[True, False, True], [False, False, False]])
for key, value in [(0, 5.0), (1, torch.tensor([1.0, 2.0, 3.0])), ((0, 1), 7.0),
                   ((0, slice(1, None)), 4.0), (slice(0, 1), 6.0), ((slice(None), 1), 5.0),
                   (..., 5.0), ((), torch.tensor(1.0)), ((slice(None), slice(0, 2)), 5.0),
                   ([0], 5.0), (mask, 9.0), (torch.tensor([True, False]), 8.0),
                   ((slice(None), torch.tensor([True, False, True])), 3.0),
                   ((slice(None), [1]), 2.0), ((0, [1]), 2.0)]:
    base = torch.zeros(3)
    x = base.expand(2, 3)

    def write():
        x[key] = value
        return base

    attempt(f"x[{key!r}] =", write)

# with grad: a base that needs its gradient
leaf = torch.ones(3, requires_grad=True)
c = leaf * 1
x = c.expand(2, 3)
x[0] = 5.0
print(x, c)
c.sum().backward()
print("through x[0] = 5:", leaf.grad)

w = torch.tensor(2.0, requires_grad=True)
base = torch.ones(3)
x = base.expand(2, 3)
x[1] = w * 3
print(x.grad_fn.name(), base.grad_fn.name())
(base * torch.arange(3.0)).sum().backward()
print("w through x[1] = w * 3:", w.grad)

for name, call in [("zero_", lambda x: x.zero_()), ("fill_", lambda x: x.fill_(3)),
                   ("masked_fill_", lambda x: x.masked_fill_(torch.tensor([True, False, True]), 0)),
                   ("x[mask] =", lambda x: x.__setitem__(mask, 7.0))]:
    leaf = torch.ones(3, requires_grad=True)
    c = leaf * 1
    x = c.expand(2, 3)
    call(x)
    print(name, x.grad_fn.name(), c.grad_fn.name())
    attempt(f"{name} backward", lambda: c.sum().backward())

# only the written value needs a gradient: no refusal
for name, call in [("masked_fill_", lambda x, w: x.masked_fill_(torch.tensor([True, False, True]), w)),
                   ("x[mask] =", lambda x, w: x.__setitem__(mask, w))]:
    w = torch.tensor(2.0, requires_grad=True)
    base = torch.ones(3)
    call(base.expand(2, 3), w)
    base.sum().backward()
    print(name, base, w.grad)

leaf = torch.ones(3, requires_grad=True)
attempt("view of a leaf", lambda: leaf.expand(2, 3).add_(1))
attempt("fill_ tensor needing grad", lambda: torch.ones(3).expand(2, 3).fill_(w))
