import torch

# What view and shape nodes keep for backward, under PyTorch's names.
x = torch.ones(2, 1, 3, requires_grad=True)
for label, y in [("view", x.view(6)), ("reshape", x.reshape(3, 2)), ("flatten", x.flatten()),
                 ("expand", x.expand(4, 2, 1, 3)), ("transpose", x.transpose(0, 2)),
                 ("squeeze()", x.squeeze()), ("unsqueeze", x.unsqueeze(0)),
                 ("reshape of a transpose", x.transpose(0, 2).reshape(-1)),
                 ("reshape viewing a transpose", x.transpose(0, 2).reshape(3, 1, 2))]:
    node = y.grad_fn
    saved = sorted(n for n in dir(node) if n.startswith("_saved_"))
    print(label, node.name(), [(n, getattr(node, n)) for n in saved])
    y.sum().backward()
    print("  grad", x.grad.shape, x.grad.sum().item())
    x.grad = None
