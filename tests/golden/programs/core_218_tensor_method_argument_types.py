import numpy as np
import torch

# Tensor methods given what PyTorch's argument parser refuses, as torch.* functions are (see
# core_213): a list, a string, None or an array where a method takes a tensor, something else
# than a number for add's alpha, a string's place taken by a number, or too many or too few
# arguments. A method's arguments are the function's without `input` (the tensor itself):
# t.add(list) is position 1, where torch.add(t, list) is position 2, and "got (...)" leaves
# the tensor out. The in-place forms give their own names (add_(), clamp_()).
t = torch.ones(2)
m = torch.ones(2, 2)
b = torch.ones(1, 2, 2)


def show(label, call):
    try:
        print(label, "->", call())
    except (TypeError, AttributeError, RuntimeError, ValueError) as error:
        print(label, "->", type(error).__name__, str(error).splitlines()[0])


values = {"list": [1.0, 2.0], "str": "a", "None": None, "ndarray": np.ones(2), "tuple": (1.0, 2.0)}
for name in ["add", "sub", "mul", "div", "true_divide", "multiply", "divide", "subtract",
             "maximum", "minimum", "pow", "clamp", "clip", "matmul"]:
    for kind, value in values.items():
        show(f"t.{name}({kind})", lambda: getattr(t, name)(value))
for name in ["add_", "sub_", "mul_", "div_", "pow_", "clamp_"]:
    for kind, value in values.items():
        show(f"t.{name}({kind})", lambda: getattr(torch.ones(2), name)(value))
products = {"mm": m, "bmm": b, "mv": m, "dot": t}
for name, first in products.items():
    for kind, value in {**values, "float": 2.0, "int": 2}.items():
        show(f"{name}: x.{name}({kind})", lambda: getattr(first, name)(value))
show("m.mm([[1.0]])", lambda: m.mm([[1.0]]))
show("t.dot([1.0, 1.0])", lambda: t.dot([1.0, 1.0]))

# Keywords: alpha is a Number, rounding_mode a str; keywords listed from the last given.
for name in ["add", "sub", "subtract", "add_", "sub_"]:
    show(f"t.{name}(list, alpha=2)", lambda: getattr(torch.ones(2), name)([1.0, 2.0], alpha=2))
    for kind, value in {"list": [1], "str": "a", "None": None, "Tensor": t}.items():
        show(f"t.{name}(t, alpha={kind})", lambda: getattr(torch.ones(2), name)(t, alpha=value))
    show(f"t.{name}(other=list)", lambda: getattr(torch.ones(2), name)(other=[1.0]))
for name in ["div", "divide", "div_"]:
    show(f"t.{name}(list, rounding_mode)",
         lambda: getattr(torch.ones(2), name)([2.0], rounding_mode="floor"))
    show(f"t.{name}(t, rounding_mode=1)", lambda: getattr(torch.ones(2), name)(t, rounding_mode=1))
for name in ["clamp", "clip", "clamp_"]:
    show(f"t.{name}(min=list)", lambda: getattr(torch.ones(2), name)(min=[1.0]))
    show(f"t.{name}(max=list)", lambda: getattr(torch.ones(2), name)(max=[1.0]))
    show(f"t.{name}(0, list)", lambda: getattr(torch.ones(2), name)(0, [1.0]))
    show(f"t.{name}(min=0, max=list)", lambda: getattr(torch.ones(2), name)(min=0, max=[1.0]))
    show(f"t.{name}(t, 1)", lambda: getattr(torch.ones(2), name)(t, 1))
show("t.pow(exponent=list)", lambda: t.pow(exponent=[1.0]))
show("t.maximum(other=list)", lambda: t.maximum(other=[1.0]))
show("t.mul(other=list)", lambda: t.mul(other=[1.0]))

# Too many or too few arguments.
for name in ["add", "sub", "mul", "div", "true_divide", "multiply", "maximum", "mm", "dot",
             "matmul", "add_", "mul_"]:
    show(f"t.{name}(t, t)", lambda: getattr(torch.ones(2), name)(t, t))
    if name not in ("add", "sub", "add_"):  # (their parser has a hidden overload more)
        show(f"t.{name}()", lambda: getattr(torch.ones(2), name)())
show("t.add(t, foo=1)", lambda: t.add(t, foo=1))
show("t.add(t, other=t)", lambda: t.add(t, other=t))

# What the parser takes: tensors, numbers (0-d tensors for alpha), NumPy's dim names.
x = torch.ones(2)
x.add_(t, alpha=2)
x.sub_(torch.tensor(1.0), alpha=torch.tensor(0.5))
x.mul_(2).div_(np.float64(2.0)).clamp_(max=2.5)
print(x, t.add(1), t.add(t, alpha=2), t.sub(np.float64(1.0)), t.mul(torch.tensor(2.0)))
print(t.div(2, rounding_mode="floor"), t.pow(2), t.maximum(t), t.clamp(0, 1), m.mm(m), t.dot(t))
print(t.true_divide(2), t.multiply(True), t.subtract(t, alpha=0.5), m.max(axis=0, keepdims=True))
print(t.softmax(0), t.add(other=t), m.mv(t), b.bmm(b).shape, t.clip(min=0.5, max=0.75))
