import torch

names = ["log1p", "expm1", "log2", "log10", "exp2", "rsqrt", "tan", "asin", "acos", "atan",
         "sinh", "cosh"]
values = [0.5, -0.25, 2.0, 0.0, -0.0, 1.0, -1.0, 1e-6, 3.0, float("inf"), -float("inf"),
          float("nan")]
for name in names:
    x = torch.tensor(values, requires_grad=True)
    y = getattr(x, name)()
    saved = [a for a in ("_saved_self", "_saved_result") if hasattr(y.grad_fn, a)]
    y.backward(torch.ones(len(values)))
    print(name, y.grad_fn.name(), saved)
    print(" ", y)
    print(" ", x.grad)

# The torch.* forms, the arc- aliases, integers computed as floats, float64 kept.
i = torch.tensor([1, 4])
print(torch.log1p(i), torch.expm1(i), torch.rsqrt(i), torch.exp2(i), torch.log2(i), torch.log10(i),
      torch.arcsin(torch.tensor([0.5])), torch.arccos(torch.tensor([0.5])), torch.arctan(i),
      torch.tan(torch.tensor([1.0], dtype=torch.float64)), torch.sinh(i), torch.cosh(i), torch.asin(i),
      torch.acos(i), torch.atan(i), torch.tan(i))

# Second derivatives.
for name in names:
    s = torch.tensor([0.3, 0.7], requires_grad=True)
    (g,) = torch.autograd.grad(getattr(s, name)().sum(), s, create_graph=True)
    print(name, g, torch.autograd.grad(g.sum(), s)[0])
