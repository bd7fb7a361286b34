import numpy as np
import torch

# x[key] = value as PyTorch checks it: on a leaf that requires grad, advanced indices alone
# are x.index_put_ on the leaf itself ("a leaf Variable"), anything else writes through a view
# ("a view of a leaf Variable"); a value that is neither a tensor nor a Python number (a list,
# an array, None, a numpy float32 or bool) is refused with a TypeError (minigrad wrote it as
# numpy would); a value written into a region (ints, slices) is expanded to it after its
# leading 1-dims are dropped, with expand's errors (minigrad: numpy's, or a wrong message); a
# value under a mask drops them too (numpy's TypeError before); x[...] and x[()] write x
# itself (FillBackward3 for a number or a 0-d tensor, CopyBackwards else) where minigrad
# recorded a view; a copy of an integer or bool tensor into a region of a float tensor that
# requires grad is recorded (minigrad crashed in CopySlices), and so is copy_.


def attempt(label, call):
    try:
        print(label, call())
    except (RuntimeError, TypeError, IndexError) as error:
        print(label, type(error).__name__, error)


def put(x, key, value):
    x[key] = value
    return x


i = torch.tensor([0, 2])
m = torch.tensor([True, False, True])
for key in (i, m, [0, 2], (i,), (Ellipsis, i), 1, slice(0, 2), Ellipsis, ()):
    print("== key", key)
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    attempt("leaf", lambda: put(w, key, 5.0))
    attempt("leaf, a tensor", lambda: put(w, key, torch.tensor(5.0)))
    attempt("view of a leaf", lambda: put(w[:], key, 5.0))
    with torch.no_grad():
        attempt("no_grad", lambda: put(w, key, 6.0))
    with torch.inference_mode():
        attempt("inference_mode", lambda: put(w, key, 7.0))
    print(w, w._version)
    b = w * 1
    attempt("shape [4]", lambda: put(b, key, torch.ones(4)))
    attempt("shape [2, 2]", lambda: put(b, key, torch.ones(2, 2)))
    attempt("shape [1, 1, 1]", lambda: put(b, key, torch.ones(1, 1, 1)))
    attempt("shape [1, 2]", lambda: put(b, key, torch.ones(1, 2)))
    attempt("int64 tensor", lambda: put(b, key, torch.tensor([1, 2])))
    attempt("float64 tensor", lambda: put(b, key, torch.tensor([1.0, 2.0], dtype=torch.float64)))
    attempt("bool tensor", lambda: put(b, key, torch.tensor(True)))
    attempt("int64 scalar tensor", lambda: put(b, key, torch.tensor(4)))
    attempt("long into int64", lambda: put(torch.zeros(3, dtype=torch.long), key, torch.tensor([1.5, 2.5])))
    attempt("number into int64", lambda: put(torch.zeros(3, dtype=torch.long), key, 1.5))
    for number in (np.int64(2), np.float64(2.5), np.float32(2.5), np.bool_(True), True):
        attempt(type(number).__name__, lambda: put(torch.zeros(3, dtype=torch.float64), key, number))
    for value in ([1.0, 2.0], (1.0, 2.0), b.detach().numpy()[:2], None, "a", [torch.tensor(1.0)]):
        attempt(type(value).__name__, lambda: put(torch.zeros(3), key, value))
        attempt(type(value).__name__ + " into int64", lambda: put(torch.zeros(3, dtype=torch.long), key, value))
    print(b)
    b.sum().backward()
    print(w.grad)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = x * 1
attempt("copy_ of int64", lambda: b.copy_(torch.tensor([1, 2, 3])))
b = x * 1
attempt("copy_ of int64 into a view", lambda: b[:2].copy_(torch.tensor([1, 2])))
attempt("its base", lambda: b)
b = x * 1
attempt("fill_ with an int64 tensor", lambda: b[:2].fill_(torch.tensor(2)))
attempt("its base", lambda: b)
b.sum().backward()
print(x.grad)
