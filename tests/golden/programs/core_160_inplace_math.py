# In-place elementwise functions (x.sin_(), torch.sin_(x)): values, the version counter, the
# node they record, gradients through them, and PyTorch's refusals.
import torch

names = ["sin", "cos", "tan", "sqrt", "rsqrt", "log", "log1p", "expm1", "sigmoid", "tanh", "abs",
         "reciprocal", "square", "floor", "ceil", "round", "trunc", "sign", "exp", "relu", "neg"]
for name in names:
    a = torch.tensor([0.25, -1.5, 2.0], dtype=torch.float64, requires_grad=True)
    b = a * 1
    result = getattr(b, name + "_")()
    b.sum().backward()
    print(name, result is b, b, b._version, b.grad_fn.next_functions[0][0].name(), a.grad)
    try:
        getattr(a, name + "_")()
    except RuntimeError as e:
        print(type(e).__name__, e)
    with torch.no_grad():
        print(getattr(a.clone(), name + "_")(), hasattr(torch, name + "_"))

x = torch.tensor([1.0, 4.0])
y = torch.sqrt_(x)
print(y is x, x, x._version, torch.sin_(torch.tensor([0.0])), torch.sigmoid_(torch.tensor([0.0])))
for name in ["cos", "log", "exp", "tanh", "abs", "neg", "relu"]:
    print(getattr(torch, name + "_")(torch.tensor([0.5, -2.0])))

w = torch.tensor([1.0, 2.0], requires_grad=True)
h = w * 1
z = h * h
h.sin_()
try:
    z.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
s = w * 1
t = s.exp_() * 2
t.sum().backward()
print(w.grad)
for call in [lambda: torch.tensor([1, 4]).sqrt_(),
             lambda: torch.tensor([True]).sin_(),
             lambda: torch.tensor([1, -4]).abs_()]:
    try:
        print(call())
    except RuntimeError as e:
        print(type(e).__name__, e)
