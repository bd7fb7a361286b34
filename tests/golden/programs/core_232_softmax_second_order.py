import torch
import torch.nn.functional as F
from _golden import chain


def rounded(t, digits):
    """t's numbers rounded, a zero printed without its sign (the forward's exp and log are
    numpy's, whose last bit can differ from PyTorch's: so can the sign of a rounded zero)."""
    return [[round(v, digits) + 0.0 for v in row] if isinstance(row, list)
            else round(row, digits) + 0.0 for row in t.detach().double().tolist()]

# Under create_graph, softmax's and log_softmax's gradients are recorded as PyTorch records
# them (SoftmaxBackwardDataBackward0, LogSoftmaxBackwardDataBackward0: one node each, with
# edges to the incoming gradient and to the forward's output), and differentiated as
# PyTorch's formulas do; third derivatives go through them again. (Forward values are
# numpy's exp and log: rounded.)
x = torch.tensor([[0.5, -1.0, 2.0, 0.25], [1.5, 0.3, -0.7, 0.0]], requires_grad=True)
w = torch.tensor([[1.0, -2.0, 0.5, 3.0], [0.25, 1.0, -1.0, 2.0]])
for name, f in (("softmax", lambda a, d: a.softmax(d)),
                ("log_softmax", lambda a, d: F.log_softmax(a, dim=d))):
    for dim in (1, 0, -1):
        y = f(x, dim)
        (g,) = torch.autograd.grad((y * w).sum(), x, create_graph=True)
        (plain,) = torch.autograd.grad((f(x, dim) * w).sum(), x)
        print(name, dim, chain(g, 3), "same as without a graph:", torch.equal(g, plain))
        print(" grad", rounded(g, 5))
        (h,) = torch.autograd.grad((g * g * w).sum(), x, create_graph=True)
        print(" second", chain(h, 2), rounded(h, 5))
        (third,) = torch.autograd.grad((h * w).sum(), x)
        print(" third", rounded(third, 3))

# grad_output requiring grad itself (a gradient of a gradient through the upstream graph)
v = torch.tensor([0.3, -0.2, 0.9], requires_grad=True)
s = torch.tensor([1.0, 2.0, -1.0], requires_grad=True)
for fn in (torch.softmax, torch.log_softmax):
    out = fn(v, 0)
    (g,) = torch.autograd.grad(out, v, grad_outputs=s * s, create_graph=True)
    print(fn.__name__, g.grad_fn.name(), [n.name() if n else None for n, _ in g.grad_fn.next_functions])
    gv, gs = torch.autograd.grad(g.sum(), (v, s))
    print(" ", rounded(gv, 5), rounded(gs, 5))
