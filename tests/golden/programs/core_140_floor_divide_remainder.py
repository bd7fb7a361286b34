import torch

# Python's rules: // rounds down, % takes the divisor's sign; fmod takes the dividend's.
a = torch.tensor([-4.0, 7.5, -7.5, 0.0, 5.0, 3.0, -3.0], requires_grad=True)
b = torch.tensor([2.0, -2.0, 2.0, 3.0, 0.0, float("inf"), float("inf")])
print(a // b, a // 2, 7 // a, a.floor_divide(-2.5), torch.floor_divide(a, b))
print(a % b, a % 2, 7 % a, a.remainder(-2.5), torch.remainder(a, b))
print(a.fmod(b), torch.fmod(a, -2), a.fmod(0.0))
for mode in ("floor", "trunc"):
    print(mode, torch.div(a, 2, rounding_mode=mode), a.div(b, rounding_mode=mode),
          a.divide(-2.0, rounding_mode=mode))

# Which nodes are recorded, and their gradients.
for name, f in [("%", lambda x, y: x % y), ("% 2", lambda x, y: x % 2),
                ("fmod", lambda x, y: x.fmod(y)), ("fmod 2", lambda x, y: x.fmod(2.0)),
                ("div floor", lambda x, y: x.div(y, rounding_mode="floor")),
                ("div trunc 2", lambda x, y: torch.div(x, 2, rounding_mode="trunc"))]:
    x = a.detach().clone().requires_grad_()
    y = b.detach().clone().requires_grad_()
    out = f(x, y)
    out.backward(torch.arange(1.0, 8.0))
    print(name, out.grad_fn.name(), [n is None for n, _ in out.grad_fn.next_functions],
          x.grad, y.grad)
r = a % b
print(r.grad_fn._saved_self is a, r.grad_fn._saved_other)

# floor_divide, and a number % tensor, have no derivative in PyTorch.
for out in (a // b, a // 2, 7 // a, 7 % a, a // b.requires_grad_()):
    print(out.grad_fn.name(), len(out.grad_fn.next_functions))
    try:
        out.sum().backward()
    except RuntimeError as err:
        print(type(err).__name__, err)
b.requires_grad_(False)
with torch.no_grad():
    print((a // 2).requires_grad)
print((a.detach() // 2).grad_fn, (torch.tensor([7, 8]) // torch.tensor([2, 3])).requires_grad)

# Second derivatives go through % (its quotient counts as a constant).
x = torch.tensor([5.5, -2.5], requires_grad=True)
y = torch.tensor([2.0, 1.5], requires_grad=True)
gx, gy = torch.autograd.grad((x % y * x).sum(), (x, y), create_graph=True)
print(gx, gy, torch.autograd.grad(gx.sum() + gy.sum(), (x, y)))

# Integers: floor division and remainder stay int64; a float operand makes them float.
i = torch.tensor([7, -7, 0, 9])
print(i // 2, i % 2, i // -2, i % -2, i // torch.tensor([2, 3, 4, -4]), 7 // i[:2], 7 % i[:2],
      i % 2.5, i // 2.5, 7.5 % i[:2], i.fmod(-2), i.fmod(2.5), i.div(2, rounding_mode="trunc"),
      i.div(-2, rounding_mode="floor"), i.div(2))
print(torch.tensor([7.0], dtype=torch.float64) // 2, torch.tensor([7], dtype=torch.int32) % 3)
for f in (lambda: i // 0, lambda: i % torch.tensor([1, 0, 1, 1]), lambda: i.fmod(0),
          lambda: i.div(0, rounding_mode="floor"), lambda: 7 // i,
          lambda: torch.tensor([True]) // True, lambda: torch.tensor([True]) % torch.tensor([True]),
          lambda: torch.tensor([True]).fmod(True), lambda: torch.div(a, 2, rounding_mode="round"),
          lambda: torch.ones(2) % torch.ones(3), lambda: torch.ones(2) // torch.ones(3)):
    try:
        print(f())
    except (RuntimeError, NotImplementedError) as err:
        print(type(err).__name__, err)

# In place.
z = torch.tensor([7.5, -7.5])
z //= 2
print(z)
z %= 3
print(z)
z.fmod_(2)
print(z, z.div_(2, rounding_mode="floor"), z.remainder_(-1), z.floor_divide_(1))
n = torch.tensor([7, -7])
n //= 2
n %= 3
print(n)
