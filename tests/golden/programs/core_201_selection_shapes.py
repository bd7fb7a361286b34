# isin, msort, take, rot90, atleast_1d/2d/3d and dstack (views and cats as PyTorch records
# them), diag_embed, tril_indices/triu_indices, block_diag, kron (UnsafeViewBackward0 of a
# MulBackward0), vander (PyTorch's own copies and cumprod, whose backward fails), bincount and
# histc: values, dtypes, nodes, gradients and PyTorch's errors.
import torch


def names(t):
    """A tensor's grad_fn (or a node), and what it points to, by name."""
    node = getattr(t, "grad_fn", t)
    if node is None:
        return None
    return node.name(), [n and n.name() for n, _ in node.next_functions]


def attempt(label, call):
    try:
        out = call()
        if isinstance(out, tuple):
            print(label, [(o.tolist(), names(o)) for o in out])
        else:
            print(label, out.dtype, list(out.shape), out.tolist(), names(out))
    except (RuntimeError, TypeError, IndexError, NotImplementedError) as error:
        print(label, type(error).__name__, str(error).splitlines()[0])


def gradient(label, function, *leaves):
    for leaf in leaves:
        leaf.grad = None
    out = function()
    out.backward(torch.arange(1.0, out.numel() + 1).reshape(out.shape))
    print(label, out.tolist(), names(out), [leaf.grad.tolist() for leaf in leaves])


a = torch.arange(6.0).reshape(2, 3).requires_grad_()
v = torch.tensor([1.0, 2.0], requires_grad=True)
s = torch.tensor(2.0, requires_grad=True)
ints = torch.tensor([1, 2, 3, 4])

attempt("isin", lambda: torch.isin(ints, torch.tensor([2, 4])))
attempt("isin invert", lambda: torch.isin(ints, torch.tensor([2, 4]), invert=True))
attempt("isin number", lambda: torch.isin(ints, 2))
attempt("isin number elements", lambda: torch.isin(2, torch.tensor([1, 2])))
attempt("isin mixed dtypes", lambda: torch.isin(torch.tensor([1.0, 2.5]), torch.tensor([1, 2])))
attempt("isin grad", lambda: torch.isin(a, torch.tensor([1.0, 2.0])))
attempt("isin list", lambda: torch.isin(torch.tensor([1, 2]), [1]))

m = torch.tensor([[3.0, 1.0], [1.0, 2.0], [0.0, 5.0]], requires_grad=True)
gradient("msort", lambda: torch.msort(m), m)
attempt("msort method ints", lambda: torch.tensor([[3, 1], [1, 2]]).msort())

gradient("take", lambda: torch.take(a, torch.tensor([0, 5, -1, 5])), a)
gradient("take method 2-d index", lambda: a.take(torch.tensor([[0, 1], [4, 0]])), a)
attempt("take out of range", lambda: torch.take(a, torch.tensor([6])))
attempt("take float index", lambda: torch.take(a, torch.tensor([1.0])))

for k in (1, 2, -1, 3, 0, 4, 5):
    gradient(f"rot90 k={k}", lambda: torch.rot90(a, k), a)
gradient("rot90 dims (1, 0)", lambda: a.rot90(1, [1, 0]), a)
gradient("rot90 3-d", lambda: torch.rot90(torch.arange(8.0).reshape(2, 2, 2).requires_grad_(),
                                          1, (0, 2)))
attempt("rot90 1-d", lambda: torch.rot90(torch.ones(3)))
attempt("rot90 same dims", lambda: torch.rot90(a, 1, [0, 0]))
attempt("rot90 three dims", lambda: torch.rot90(a, 1, [0, 1, 1]))

for name in ("atleast_1d", "atleast_2d", "atleast_3d"):
    function = getattr(torch, name)
    for label, t in (("0-d", s), ("1-d", v), ("2-d", a), ("4-d", torch.ones(1, 1, 1, 1))):
        attempt(f"{name} {label}", lambda: function(t))
    attempt(name + " several", lambda: function(s, v))
    attempt(name + " list", lambda: function([s, v]))
    attempt(name + " tuple", lambda: function((s,)))
    attempt(name + " number", lambda: function(3))
out = torch.atleast_3d(v)
print(names(out), names(out.grad_fn.next_functions[0][0]))
gradient("dstack", lambda: torch.dstack([v, v * 2]), v)
attempt("dstack 0-d", lambda: torch.dstack([s, s]))
attempt("dstack matrices", lambda: torch.dstack([a, a]))
attempt("dstack 3-d", lambda: torch.dstack([torch.ones(1, 2, 3), torch.ones(1, 2, 1)]))
attempt("dstack empty", lambda: torch.dstack([]))
attempt("dstack dtypes", lambda: torch.dstack([torch.ones(2), torch.ones(2, dtype=torch.int64)]))

gradient("diag_embed", lambda: torch.diag_embed(v), v)
gradient("diag_embed offset", lambda: torch.diag_embed(a, offset=1), a)
gradient("diag_embed dims", lambda: torch.diag_embed(a, -1, 0, 2), a)
gradient("diag_embed method", lambda: a.diag_embed(), a)
attempt("diag_embed ints", lambda: torch.diag_embed(torch.tensor([1, 2])))
attempt("diag_embed same dims", lambda: torch.diag_embed(a, 0, 1, 1))

attempt("tril_indices", lambda: torch.tril_indices(3, 3))
attempt("tril_indices offset", lambda: torch.tril_indices(3, 4, 1))
attempt("triu_indices", lambda: torch.triu_indices(3, 4, -1))
attempt("triu_indices far offset", lambda: torch.triu_indices(3, 3, 5))
attempt("tril_indices int32", lambda: torch.tril_indices(3, 3, dtype=torch.int32))
attempt("tril_indices negative", lambda: torch.tril_indices(-1, 3))
attempt("triu_indices float", lambda: torch.triu_indices(3, 3, dtype=torch.float32))

gradient("block_diag", lambda: torch.block_diag(a, v, s), a, v, s)
attempt("block_diag promotes", lambda: torch.block_diag(torch.ones(1, 2, dtype=torch.int64),
                                                        torch.ones(1, 1)))
attempt("block_diag ints", lambda: torch.block_diag(torch.ones(1, 1, dtype=torch.int32),
                                                    torch.ones(1, 1, dtype=torch.int64)))
attempt("block_diag 3-d", lambda: torch.block_diag(torch.ones(1, 1, 1)))
attempt("block_diag nothing", lambda: torch.block_diag())

gradient("kron", lambda: torch.kron(a, v), a, v)
gradient("kron matrices", lambda: torch.kron(torch.ones(2, 2) * v[0], a), a, v)
gradient("kron method", lambda: v.kron(v), v)
out = torch.kron(a, v)
print([names(n) for n, _ in out.grad_fn.next_functions[0][0].next_functions])
attempt("kron ints and floats", lambda: torch.kron(torch.tensor([1, 2]), torch.tensor([1.0, 2.0])))
attempt("kron 0-d", lambda: torch.kron(torch.tensor(3), torch.tensor([1, 2])))

x = torch.tensor([2.0, 0.0, -1.0], requires_grad=True)
for args in ((), (3, True), (4,), (2, True), (1,), (0,)):
    out = torch.vander(x, *args)
    print("vander", args, out.tolist(), names(out))
node = torch.vander(x).grad_fn.next_functions[0][0]
print([names(n) for n, _ in node.next_functions])
try:
    torch.vander(x, 4).sum().backward()
except RuntimeError as error:  # (PyTorch names the modified tensor "output 0 of AsStrided")
    print("vander backward", str(error).split(", which is")[0])
attempt("vander ints", lambda: torch.vander(torch.tensor([1, 2, 3])))
attempt("vander bools", lambda: torch.vander(torch.tensor([True, False])))
attempt("vander int32", lambda: torch.vander(torch.tensor([1, 2], dtype=torch.int32), 3, True))
attempt("vander float64", lambda: torch.vander(torch.tensor([0.5, 2.0], dtype=torch.float64)))
attempt("vander 2-d", lambda: torch.vander(a))
attempt("vander negative N", lambda: torch.vander(v, -1))

attempt("bincount", lambda: torch.bincount(torch.tensor([0, 1, 1, 3])))
attempt("bincount weights", lambda: torch.bincount(torch.tensor([0, 1, 1, 3]),
                                                   weights=torch.tensor([0.5, 1.0, 2.0, 1.0])))
attempt("bincount float64 weights", lambda: torch.bincount(
    torch.tensor([0, 1]), weights=torch.tensor([0.5, 1.0], dtype=torch.float64)))
attempt("bincount int weights", lambda: torch.bincount(torch.tensor([0, 1, 1, 3]),
                                                       weights=torch.tensor([1, 2, 3, 4])))
attempt("bincount minlength", lambda: torch.bincount(torch.tensor([0, 1]), minlength=4))
attempt("bincount empty", lambda: torch.bincount(torch.tensor([], dtype=torch.int64)))
attempt("bincount negative", lambda: torch.bincount(torch.tensor([-1, 1])))
attempt("bincount float", lambda: torch.bincount(torch.tensor([1.0, 1.0])))
attempt("bincount 2-d", lambda: torch.bincount(torch.tensor([[1]])))
attempt("bincount method", lambda: torch.tensor([1, 2]).bincount())
attempt("bincount weights length", lambda: torch.bincount(torch.tensor([0, 1]),
                                                          weights=torch.ones(3)))
attempt("bincount weights grad", lambda: torch.bincount(torch.tensor([0, 1]), weights=v))

attempt("histc", lambda: torch.histc(torch.tensor([1.0, 2.0, 1.0]), bins=4, min=0, max=3))
attempt("histc default", lambda: torch.histc(torch.tensor([1.0, 2.0, 1.0, 2.5])))
attempt("histc ints", lambda: torch.histc(torch.tensor([1, 2, 1])))
attempt("histc method", lambda: torch.tensor([1.0, 2.0, 1.0]).histc(3))
attempt("histc grad", lambda: torch.histc(v, 3))
attempt("histc min > max", lambda: torch.histc(torch.tensor([1.0, 2.0]), 3, 2, 1))
attempt("histc float64", lambda: torch.histc(torch.tensor([1.0, 2.0, 1.0], dtype=torch.float64),
                                             bins=4, min=0, max=3))
attempt("histc edges", lambda: torch.histc(torch.tensor([0.0, 0.3, 0.6, 0.9, 1.0, 3.0, -1.0]),
                                           bins=3, min=0, max=1))
attempt("histc tenths", lambda: torch.histc(torch.tensor([0.1, 0.2, 0.3, 0.7, 0.9, 1.0]),
                                            bins=10, min=0, max=1))
attempt("histc one value", lambda: torch.histc(torch.tensor([5.0, 5.0]), bins=4))
attempt("histc empty", lambda: torch.histc(torch.tensor([]), bins=3))
torch.manual_seed(0)
print(torch.histc(torch.randn(1000), bins=7, min=-2, max=2).tolist())
