import torch
import torch.nn.functional as F
from _golden import chain


def rounded(t, digits=5):
    """t's numbers rounded, a zero printed without its sign (log_softmax's exp and log are
    numpy's, whose last bit can differ from PyTorch's: so can the sign of a rounded zero)."""
    return (t.detach().double().numpy().round(digits) + 0.0).tolist()


# Under create_graph, nll_loss's gradient is PyTorch's NllLossBackwardBackward0 node (edges to
# the incoming gradient and to the loss's input; NllLoss2DBackwardBackward0 for (N, C, H, W)),
# so cross_entropy's is LogSoftmaxBackwardDataBackward0 over it. Its gradient with respect to
# the incoming gradient is nll_loss again, with respect to the input zero. nll_loss saves its
# input, as PyTorch does: changing it in place before backward is an error.
x = torch.tensor([[0.5, -1.0, 2.0, 0.25], [1.5, 0.3, -0.7, 0.0], [0.1, 0.2, 0.3, -2.0]],
                 requires_grad=True)
t = torch.tensor([2, 0, 3])
weight = torch.tensor([1.0, 2.0, 0.5, 1.5])
cases = {
    "mean": dict(),
    "sum": dict(reduction="sum"),
    "none": dict(reduction="none"),
    "weight": dict(weight=weight),
    "ignore_index": dict(ignore_index=0),
    "label_smoothing": dict(label_smoothing=0.1),
}
for name, kwargs in cases.items():
    loss = F.cross_entropy(x, t, **kwargs).sum()
    (g,) = torch.autograd.grad(loss, x, create_graph=True)
    print(name, chain(g, 3))
    print(" grad", rounded(g))
    (h,) = torch.autograd.grad((g * g).sum(), x, create_graph=True)
    print(" second", chain(h, 2), rounded(h))
    (third,) = torch.autograd.grad((h * x).sum(), x)
    print(" third", rounded(third, 4))

log_p = F.log_softmax(x, dim=1)
s = torch.tensor(1.5, requires_grad=True)
(g,) = torch.autograd.grad(F.nll_loss(log_p, t), log_p, grad_outputs=s * s, create_graph=True)
print("nll", chain(g, 2))
gs, gx = torch.autograd.grad((g * torch.arange(12.0).view(3, 4)).sum(), (s, x),
                             allow_unused=True)
print(" ", rounded(gs), gx)
log_p = F.log_softmax(x, dim=1)
(g,) = torch.autograd.grad(F.nll_loss(log_p, t, reduction="none").sum(), x, create_graph=True)
print("nll none", chain(g, 3))

images = torch.tensor([[[[0.5, -1.0], [2.0, 0.0]], [[1.0, 0.25], [-0.5, 1.5]],
                        [[0.0, 0.75], [1.0, -1.0]]]], requires_grad=True)
targets = torch.tensor([[[0, 2], [1, 1]]])
(g,) = torch.autograd.grad(F.cross_entropy(images, targets), images, create_graph=True)
print("2d", chain(g, 3))
(h,) = torch.autograd.grad((g * g).sum(), images)
print(" ", rounded(h))

y = x * 1
loss = F.nll_loss(y, t)
print(loss.grad_fn._saved_self.shape)
y.add_(1)
try:
    loss.backward()
except RuntimeError as error:
    print(type(error).__name__, error)
