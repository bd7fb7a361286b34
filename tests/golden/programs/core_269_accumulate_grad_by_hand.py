import torch

# An AccumulateGrad called by hand with a gradient the engine never checked: PyTorch copies
# the first into a tensor of the leaf's shape in the gradient's own dtype (broadcast, or
# copy_'s error), adds a later one to .grad out of place under grad mode (broadcasting may
# give .grad another shape: a warning, once) and in place under no_grad (add_'s error).
# minigrad stored the gradient as given: .grad of shape [3] (or [2, 3]) for a leaf of shape [2].
# And copy_ from a tensor that broadcasts to a larger shape: PyTorch's error (numpy's before).


def attempt(label, call):
    try:
        print(label, call())
    except RuntimeError as error:
        print(label, type(error).__name__, error)


def fresh():
    leaf = torch.tensor([1.0, 2.0], requires_grad=True)
    return leaf, (leaf * 2).grad_fn.next_functions[0][0]


cases = [("[3]", torch.ones(3)), ("[2, 1]", torch.ones(2, 1)), ("[1]", torch.ones(1)),
         ("0-d", torch.tensor(1.0)), ("[1, 2]", torch.ones(1, 2)),
         ("float64", torch.ones(2, dtype=torch.float64)),
         ("int64", torch.ones(2, dtype=torch.int64))]
for label, g in cases:
    leaf, accumulate = fresh()
    attempt("first " + label, lambda: accumulate(g))
    print("  grad", leaf.grad)
    leaf, accumulate = fresh()
    with torch.no_grad():
        accumulate(torch.ones(2))
        attempt("no_grad, second " + label, lambda: accumulate(g))
    print("  grad", leaf.grad)
for label, g in cases:
    leaf, accumulate = fresh()
    accumulate(torch.ones(2))
    attempt("second " + label, lambda: accumulate(g))
    print("  grad", leaf.grad)

attempt("copy_ [3]", lambda: torch.zeros(2).copy_(torch.ones(3)))
attempt("copy_ [2, 1]", lambda: torch.zeros(2).copy_(torch.ones(2, 1)))
attempt("copy_ [1]", lambda: torch.zeros(2).copy_(torch.ones(1)))
attempt("add_ [2, 1]", lambda: torch.zeros(2).add_(torch.ones(2, 1)))
