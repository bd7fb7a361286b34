import torch
import torch.nn.functional as F

logits = torch.tensor([[1.0, -0.5, 2.0, 0.3], [0.2, 0.1, -1.0, 1.5], [-0.3, 2.2, 0.4, 0.0]])
labels = torch.tensor([2, 3, 1])
weight = torch.tensor([1.0, 2.0, 0.5, 3.0])
probs = torch.tensor([[0.7, 0.1, 0.1, 0.1], [0.0, 0.0, 0.0, 1.0], [0.25, 0.25, 0.25, 0.25]])


def show(name, **kwargs):
    x = logits.clone().requires_grad_()
    loss = F.cross_entropy(x, kwargs.pop("target", labels), **kwargs)
    loss.sum().backward()
    print(name, loss, [n.name() if n else n for n, _ in loss.grad_fn.next_functions])
    print(" ", x.grad)


# Class indices with label smoothing: (1 - s) * nll_loss + s * (mean over the classes).
show("smooth", label_smoothing=0.1)
show("smooth sum", label_smoothing=0.2, reduction="sum")
show("smooth none", label_smoothing=0.2, reduction="none")
show("smooth weight", label_smoothing=0.3, weight=weight)
show("smooth ignore", label_smoothing=0.1, ignore_index=3)
show("smooth weight ignore", label_smoothing=0.1, weight=weight, ignore_index=1)
show("smooth 1.0", label_smoothing=1.0)

# Class probabilities (the target has the input's shape).
show("probs", target=probs)
show("probs sum", target=probs, reduction="sum")
show("probs none", target=probs, reduction="none")
show("probs weight", target=probs, weight=weight)
show("probs smooth", target=probs, label_smoothing=0.25)
v = torch.tensor([0.5, 1.0, -1.0], requires_grad=True)
one = F.cross_entropy(v, torch.tensor([0.2, 0.3, 0.5]))
one.backward()
print(one, one.grad_fn.name(), one.grad_fn._saved_other, v.grad)

# Extra dims: (N, C, d) scores with (N, d) labels.
x3 = torch.arange(24.0).reshape(2, 4, 3).div(10).requires_grad_()
loss3 = F.cross_entropy(x3, torch.tensor([[0, 1, 2], [3, 3, 0]]), label_smoothing=0.2)
loss3.backward()
print(loss3, x3.grad[0])

# The module, and the errors.
module = torch.nn.CrossEntropyLoss(label_smoothing=0.05)
print(module, module.label_smoothing, module(logits, labels))
for kwargs in (dict(label_smoothing=1.5), dict(target=probs.long()),
               dict(target=probs, ignore_index=0), dict(target=probs, weight=weight[:3])):
    try:
        F.cross_entropy(logits, kwargs.pop("target", labels), **kwargs)
    except RuntimeError as e:
        print("RuntimeError:", e)
