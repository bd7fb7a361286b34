import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
for label, fn in [
    ("add_ scalar", lambda t: t.add_(1)),
    ("add_ tensor", lambda t: t.add_(w)),
    ("add_ alpha", lambda t: t.add_(w, alpha=2)),
    ("sub_ scalar", lambda t: t.sub_(1)),
    ("sub_ tensor", lambda t: t.sub_(w)),
    ("mul_ scalar", lambda t: t.mul_(2)),
    ("mul_ tensor", lambda t: t.mul_(w)),
    ("div_ scalar", lambda t: t.div_(2)),
    ("div_ tensor", lambda t: t.div_(w)),
    ("zero_", lambda t: t.zero_()),
    ("fill_ scalar", lambda t: t.fill_(1.5)),
    ("fill_ tensor", lambda t: t.fill_(torch.tensor(2.5))),
    ("copy_", lambda t: t.copy_(w)),
    ("setitem", lambda t: t.__setitem__(0, 9.0)),
]:
    t = x * 1
    out = fn(t)
    r = out if out is not None else t
    grads = torch.autograd.grad(t.sum(), (x, w), allow_unused=True)
    print(label, t.grad_fn.name(), t._version, r is t or out is None, grads)
