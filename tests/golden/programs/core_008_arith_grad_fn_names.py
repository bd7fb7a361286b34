import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
w = torch.tensor([3.0, 4.0], requires_grad=True)
for label, out in [
    ("x + w", x + w),
    ("x - w", x - w),
    ("x * w", x * w),
    ("x / w", x / w),
    ("x ** w", x ** w),
    ("-x", -x),
    ("x + 1", x + 1),
    ("x - 1", x - 1),
    ("x * 2", x * 2),
    ("x / 2", x / 2),
    ("x ** 2", x ** 2),
    ("torch.add(x, w)", torch.add(x, w)),
    ("torch.sub(x, w)", torch.sub(x, w)),
    ("torch.mul(x, w)", torch.mul(x, w)),
    ("torch.div(x, w)", torch.div(x, w)),
    ("torch.neg(x)", torch.neg(x)),
    ("torch.pow(x, 3)", torch.pow(x, 3)),
    ("x.add(w)", x.add(w)),
    ("x.mul(2)", x.mul(2)),
    ("x.pow(w)", x.pow(w)),
]:
    print(label, "->", out.grad_fn.name(), out)
