import torch

# Tensor.index_put_/index_put and torch.index_put_/index_put (minigrad had none): values written
# at tensor indices, or added with accumulate=True (a repeated index adds each value), with
# IndexPutBackward0 and its gradients; PyTorch's argument errors; and x[indices] = values, which
# runs index_put_, refusing a tensor of another dtype (minigrad cast it) and naming a value of
# the wrong shape as PyTorch does.


def attempt(label, call):
    try:
        print(label, call())
    except (RuntimeError, TypeError, IndexError) as error:
        print(label, type(error).__name__, error)


def put(x, key, value):
    x[key] = value
    return x


i = torch.tensor([0, 2])
x = torch.zeros(5)
attempt("index_put_", lambda: x.index_put_((i,), torch.tensor([1.0, 2.0])))
attempt("accumulate", lambda: x.index_put_((torch.tensor([0, 0]),), torch.tensor([1.0, 2.0]), accumulate=True))
attempt("x", lambda: x)
attempt("index_put", lambda: x.index_put((torch.tensor([4]),), torch.tensor(9.0)))
attempt("x unchanged", lambda: x)
attempt("torch.index_put", lambda: torch.index_put(x, (torch.tensor([1]),), torch.tensor([3.0])))
attempt("torch.index_put_", lambda: torch.index_put_(x.clone(), (torch.tensor([1]),), torch.tensor([3.0]), True))
attempt("a list of indices", lambda: x.index_put([torch.tensor([1])], torch.tensor([3.0])))
attempt("a mask", lambda: x.index_put((torch.tensor([True, False, True, False, False]),), torch.tensor(7.0)))
attempt("a mask, accumulate", lambda: torch.zeros(3).index_put_((torch.tensor([True, False, True]),), torch.tensor([1.0, 2.0]), accumulate=True))
attempt("negative", lambda: x.index_put((torch.tensor([-1]),), torch.tensor([3.0])))
attempt("int32 index", lambda: torch.zeros(3).index_put_((torch.tensor([1], dtype=torch.int32),), torch.tensor([1.0])))
attempt("0-d index", lambda: x.index_put((torch.tensor(1),), torch.tensor(3.0)))
attempt("int64 tensor", lambda: torch.zeros(3, dtype=torch.int64).index_put_((torch.tensor([1, 1]),), torch.tensor([5, 6]), accumulate=True))
m = torch.zeros(3, 4)
attempt("2-d", lambda: m.index_put((torch.tensor([0, 2]), torch.tensor([1, 3])), torch.tensor([1.0, 2.0])))
attempt("2-d rows", lambda: m.index_put((torch.tensor([0, 2]),), torch.tensor([1.0, 2.0, 3.0, 4.0])))
attempt("2-d accumulate", lambda: m.index_put((torch.tensor([0, 0]), torch.tensor([1, 1])), torch.tensor([1.0, 2.0]), accumulate=True))
attempt("2-d mask", lambda: torch.zeros(2, 2).index_put_((torch.tensor([[True, False], [False, True]]),), torch.tensor(1.0), accumulate=True))
# errors
attempt("a tensor, not a tuple", lambda: x.index_put_(torch.tensor([1]), torch.tensor([3.0])))
attempt("torch., a tensor", lambda: torch.index_put(x, torch.tensor([1]), torch.tensor([3.0])))
attempt("a list in the tuple", lambda: x.index_put(([1, 2],), torch.tensor([3.0])))
attempt("torch., a list in the tuple", lambda: torch.index_put(x, ([1],), torch.tensor([3.0])))
attempt("None in the tuple", lambda: m.index_put((None, torch.tensor([1])), torch.tensor([1.0])))
attempt("a number", lambda: x.index_put_((i,), 3.0))
attempt("torch., a number", lambda: torch.index_put(x, (i,), 3.0))
attempt("accumulate=2", lambda: x.index_put((i,), torch.tensor([3.0]), 2))
attempt("float index", lambda: x.index_put((torch.tensor([1.0]),), torch.tensor([3.0])))
attempt("out of range", lambda: x.index_put((torch.tensor([7]),), torch.tensor([3.0])))
attempt("out of range, accumulate", lambda: x.index_put((torch.tensor([7]),), torch.tensor([3.0]), True))
attempt("float64 values", lambda: x.index_put((i,), torch.tensor([3.0, 4.0], dtype=torch.float64)))
attempt("int values", lambda: x.index_put((i,), torch.tensor([3, 4])))
attempt("0-d int values", lambda: x.index_put((i,), torch.tensor(3)))
attempt("mask, 0-d int values", lambda: torch.zeros(3).index_put_((torch.tensor([True, False, True]),), torch.tensor(5)))
attempt("mask, 0-d int values, accumulate", lambda: torch.zeros(3).index_put_((torch.tensor([True, False, True]),), torch.tensor(5), True))
attempt("shape", lambda: x.index_put((i,), torch.tensor([3.0, 4.0, 5.0])))
attempt("shape, accumulate", lambda: x.index_put((i,), torch.tensor([3.0, 4.0, 5.0]), True))
attempt("too many indices", lambda: x.index_put((i, i), torch.tensor([3.0])))
# x[indices] = values
mask = torch.tensor([True, False, True])
attempt("x[mask] = 0-d long", lambda: put(torch.zeros(3), mask, torch.tensor(1)))
attempt("x[mask] = long vector", lambda: put(torch.zeros(3), mask, torch.tensor([1, 2])))
attempt("x[list] = double", lambda: put(torch.zeros(3), [0, 1], torch.tensor([1.0, 2.0], dtype=torch.float64)))
attempt("long x[list] = float", lambda: put(torch.zeros(3, dtype=torch.int64), [0, 1], torch.tensor([1.5, 2.0])))
attempt("x[list] = bool", lambda: put(torch.zeros(3), [0, 1], torch.tensor([True, False])))
attempt("x[list] = number", lambda: put(torch.zeros(3), [0, 1], 7))
attempt("x[slice] = long", lambda: put(torch.zeros(3), slice(0, 2), torch.tensor([1, 2])))
attempt("x[0, list] = long", lambda: put(torch.zeros(2, 3), (0, [0, 1]), torch.tensor([1, 2])))
attempt("x[list] = wrong shape", lambda: put(torch.zeros(3, 4), [0, 2], torch.ones(3)))
attempt("x[mask] = wrong shape", lambda: put(torch.zeros(3), mask, torch.ones(3)))
# autograd
w = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
v = torch.tensor([10.0, 20.0], requires_grad=True)
scale = torch.tensor([1.0, 2.0, 3.0, 4.0])
y = w.index_put((torch.tensor([1, 3]),), v)
print(y, [n.name() for n, _ in y.grad_fn.next_functions], y.grad_fn._saved_accumulate)
(y * scale).sum().backward()
print(w.grad, v.grad)
w.grad = None
v.grad = None
y = w.index_put((torch.tensor([1, 1]),), v, accumulate=True)
print(y, y.grad_fn._saved_accumulate)
(y * scale).sum().backward()
print(w.grad, v.grad)
w.grad = None
v.grad = None
attempt("a leaf in place", lambda: w.index_put_((torch.tensor([1]),), torch.tensor(1.0)))
h = w * 1
h.index_put_((torch.tensor([0, 0]),), v, accumulate=True)
print(h)
(h * scale).sum().backward()
print(w.grad, v.grad)
w.grad = None
v.grad = None
y = w.index_put((torch.tensor([0, 2]),), torch.tensor(5.0, requires_grad=True))
y.sum().backward()
print(w.grad)
