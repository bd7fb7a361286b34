import torch

# add with alpha on bool tensors: PyTorch takes alpha as a bool too, so the result is
# `a or (alpha and b)`, a bool tensor (minigrad computed a + alpha * b in int64, and add_,
# add(out=) refused to write that back into the bool tensor).


def attempt(label, call):
    try:
        out = call()
        print(label, out, out.dtype)
    except (RuntimeError, TypeError) as error:
        print(label, type(error).__name__, error)


a = torch.tensor([True, False, True, False])
b = torch.tensor([True, True, False, False])
for alpha in (2, 1, 0, -1, True, False, 0.5):
    attempt(f"add alpha={alpha}", lambda: a.add(b, alpha=alpha))
    attempt(f"torch.add alpha={alpha}", lambda: torch.add(a, b, alpha=alpha))
    attempt(f"add_ alpha={alpha}", lambda: a.clone().add_(b, alpha=alpha))
    attempt(f"add out= alpha={alpha}",
            lambda: torch.add(a, b, alpha=alpha, out=torch.empty(4, dtype=torch.bool)))
    attempt(f"add True alpha={alpha}", lambda: torch.add(a, True, alpha=alpha))
    attempt(f"sub alpha={alpha}", lambda: a.sub(b, alpha=alpha))
    attempt(f"sub_ alpha={alpha}", lambda: a.clone().sub_(b, alpha=alpha))
# A bool beside an int tensor or an int number promotes to int64: alpha is an int there.
ints = torch.tensor([1, 2, 3, 4])
attempt("int + bool alpha=2", lambda: ints.add(a, alpha=2))
attempt("bool + int alpha=2", lambda: a.add(ints, alpha=2))
attempt("bool + 1 alpha=2", lambda: a.add(1, alpha=2))
attempt("int add_ bool alpha=3", lambda: ints.clone().add_(a, alpha=3))
attempt("bool add_ int alpha=2", lambda: a.clone().add_(ints, alpha=2))
attempt("0-d bools alpha=5", lambda: torch.tensor(False).add(torch.tensor(True), alpha=5))
