import torch

# Learner mistakes with PyTorch's words: `-mask` on a bool tensor (numpy's TypeError named
# numpy), relu and abs of bools, add/sub with a float alpha on integer tensors or a bool alpha
# on float ones (minigrad computed a float64 result), and `x **= y` in place (minigrad had no
# __ipow__: Python fell back to x = x ** y, a new tensor, even for a leaf that requires grad).


def attempt(label, call):
    try:
        out = call()
        print(label, out, out.dtype)
    except (RuntimeError, TypeError, NotImplementedError) as error:
        print(label, type(error).__name__, error)


mask = torch.tensor([True, False, True])
ints = torch.tensor([1, 2, 3])
floats = torch.tensor([1.0, 2.0, 3.0])
attempt("-mask", lambda: -mask)
attempt("neg", lambda: torch.neg(mask))
attempt("neg_", lambda: mask.clone().neg_())
attempt("~mask", lambda: ~mask)
attempt("relu", lambda: torch.relu(mask))
attempt("relu_", lambda: mask.clone().relu_())
attempt("abs", lambda: mask.abs())
attempt("abs_", lambda: mask.clone().abs_())
attempt("-ints", lambda: -ints)
attempt("ints.relu", lambda: ints.relu())
attempt("ints.abs", lambda: (-ints).abs())
for alpha in (2, 0.5, 1.0, True):
    attempt(f"ints.add alpha={alpha}", lambda: ints.add(ints, alpha=alpha))
    attempt(f"ints.sub alpha={alpha}", lambda: torch.sub(ints, ints, alpha=alpha))
    attempt(f"ints.add_ alpha={alpha}", lambda: ints.clone().add_(ints, alpha=alpha))
    attempt(f"floats.add alpha={alpha}", lambda: floats.add(floats, alpha=alpha))
    attempt(f"floats.add_ alpha={alpha}", lambda: floats.clone().add_(floats, alpha=alpha))
    attempt(f"ints.add(floats) alpha={alpha}", lambda: ints.add(floats, alpha=alpha))
    attempt(f"ints.add(1.5) alpha={alpha}", lambda: torch.add(ints, 1.5, alpha=alpha))

x = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    x **= 2
except RuntimeError as error:
    print(type(error).__name__, error)
y = x * 1
before = id(y)
y **= 2
print(id(y) == before, y, y._version)
y **= torch.tensor([0.5, 3.0])
print(y, y._version)
y.sum().backward()
print(x.grad)
z = torch.tensor([2, 3])
z **= 2
print(z)
try:
    z **= 0.5
except RuntimeError as error:
    print(type(error).__name__, error)
try:
    z **= -1
except RuntimeError as error:
    print(type(error).__name__, error)
