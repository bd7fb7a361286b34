import torch

# torch.rsub(input, other, alpha=1) is other - alpha * input: PyTorch takes alpha (minigrad
# had no such keyword) with add's and sub's checks, records RsubBackward0 with its edges in
# the order of the arguments (minigrad: a SubBackward0 with them swapped), and RsubBackward1
# for a number other.
from _golden import exact


def attempt(label, call):
    try:
        out = call()
        print(label, out, out.dtype, out.grad_fn)
    except (RuntimeError, TypeError) as error:
        print(label, type(error).__name__, error)


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 5.0], requires_grad=True)
ints = torch.tensor([1, 2])
attempt("rsub(x, y)", lambda: torch.rsub(x, y))
attempt("rsub(x, y, alpha=2)", lambda: torch.rsub(x, y, alpha=2))
attempt("rsub(x, 3)", lambda: torch.rsub(x, 3))
attempt("rsub(x, 3, alpha=2)", lambda: torch.rsub(x, 3, alpha=2))
attempt("rsub(x, 3.0, alpha=0.5)", lambda: torch.rsub(x, 3.0, alpha=0.5))
attempt("rsub(ints, ints, alpha=2)", lambda: torch.rsub(ints, ints, alpha=2))
attempt("rsub(ints, ints, alpha=0.5)", lambda: torch.rsub(ints, ints, alpha=0.5))
attempt("rsub(ints, 7, alpha=2)", lambda: torch.rsub(ints, 7, alpha=2))
attempt("rsub(x, y, alpha=True)", lambda: torch.rsub(x, y, alpha=True))
attempt("rsub(bools, True)", lambda: torch.rsub(torch.tensor([True]), True))
attempt("3 - x", lambda: 3 - x)
z = torch.rsub(x, y, alpha=2)
print([fn.name() for fn, _ in z.grad_fn.next_functions])
z.sum().backward()
print(x.grad, y.grad)
x.grad = None
torch.rsub(x, 3, alpha=2).sum().backward()
print(x.grad)
a = torch.tensor([0.1, 0.7, 1e-8], dtype=torch.float64)
print(exact(torch.rsub(a, torch.tensor([0.3, 0.2, 1.0], dtype=torch.float64), alpha=0.1)))
print(exact(torch.rsub(torch.ones(2, 1), torch.tensor([1.0, 2.0, 3.0]))))
