# In-place view operations (unsqueeze_, squeeze_, t_): the tensor keeps its identity, takes the
# new shape, a new version and the in-place node PyTorch records.
import torch

a = torch.ones(1, 2, 1, requires_grad=True)
for name, args in [("unsqueeze_", (0,)), ("unsqueeze_", (-1,)), ("squeeze_", ()),
                   ("squeeze_", (0,)), ("squeeze_", (-1,)), ("squeeze_", ((0, 2),))]:
    b = a * 2
    result = getattr(b, name)(*args)
    print(name, args, result is b, b.shape, b._version, b.grad_fn.name(),
          b.grad_fn.next_functions[0][0].name())
    (b * torch.arange(float(b.numel())).reshape(b.shape)).sum().backward()
    print(a.grad.flatten())
    a.grad = None
    try:
        getattr(a, name)(*args)
    except RuntimeError as e:
        print(type(e).__name__, e)

m = torch.arange(6.0).reshape(2, 3).requires_grad_()
c = m * 1
print(c.t_(), c.shape, c._version, c.is_contiguous())
(c * torch.arange(6.0).reshape(3, 2)).sum().backward()
print(m.grad)
v = torch.ones(3, requires_grad=True) * 1
print(v.t_().grad_fn.name(), v.shape)
plain = torch.zeros(2, 3)
print(plain.unsqueeze_(1).shape, plain.squeeze_().shape, plain.t_().shape, plain._version)
with torch.no_grad():
    print(a.squeeze_().shape, a.is_leaf, a.requires_grad)

b = torch.ones(2, 3, requires_grad=True) * 1
s = b * b
b.unsqueeze_(0)
for call in [lambda: s.sum().backward(),
             lambda: torch.ones(2, 3, 4).t_(),
             lambda: torch.ones(2, 3).unsqueeze_(5)]:
    try:
        call()
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__, e)

# The error names the saved tensor's node as PyTorch does: Unsqueeze1, Pow1 (Exp for ExpBackward0).
p = torch.tensor([2.0], requires_grad=True) ** torch.tensor([3.0], requires_grad=True)
q = p * 1
p.add_(1)
try:
    q.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
