import torch
from _golden import chain, exact

# Under create_graph, PyTorch's formulas multiply or divide by a C++ Scalar where the plain
# formula has a Python number: pow's `exponent * x ** (exponent - 1)` (MulBackward1), sqrt's
# `2 * result`, 2 ** x's `result * log(2)`, mean's division by the count (DivBackward1), and
# abs multiplies by x.sgn() (SgnBackward0). Names, edges and values to the last bit.
x = torch.tensor([[0.5, -1.25, 2.0], [1.5, 0.3, -0.7]], requires_grad=True)
cases = {
    "x ** 2": lambda a: (a ** 2).sum(),
    "x ** 3": lambda a: (a ** 3).sum(),
    "x ** -1.5": lambda a: (a.abs() ** -1.5).sum(),
    "2 ** x": lambda a: (2 ** a).sum(),
    "0.5 ** x": lambda a: (0.5 ** a).sum(),
    "sqrt": lambda a: a.abs().sqrt().sum(),
    "abs": lambda a: (a.abs() * a).sum(),
    "mean": lambda a: a.mean() ** 2,
    "mean(0)": lambda a: (a.mean(0) ** 2).sum(),
    "mean(1, keepdim)": lambda a: (a.mean(1, keepdim=True) * a).sum(),
    "mse by hand": lambda a: ((a - 1) ** 2).mean(),
}
for name, f in cases.items():
    (g,) = torch.autograd.grad(f(x), x, create_graph=True)
    print(name, chain(g, 4))
    print(" grad", exact(g))
    (h,) = torch.autograd.grad((g * g).sum(), x)
    print(" second", exact(h))

# sgn: the sign, in the complex numbers' form (x / |x|); for real numbers sign's values
t = torch.tensor([-2.0, 0.0, -0.0, float("nan"), 3.0, float("inf")], requires_grad=True)
s = torch.sgn(t)
print(s, t.sgn().grad_fn.name())
s.sum().backward()
print(t.grad)
y = t * 1
y.sgn_()
print(y, torch.sgn(torch.tensor([1, -2, 0])), torch.sgn(torch.tensor([True, False])))
print(hasattr(torch, "sgn_"), torch.sign(torch.tensor([True, False])))
