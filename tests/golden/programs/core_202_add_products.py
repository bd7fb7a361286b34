# addmv, addr, baddbmm, addbmm (beta and alpha; one node each: AddmvBackward0...; operands
# scaled by 0 not read), dist (DistBackward0, every p) and chain_matmul (deprecated: its
# warning, multi_dot's cheapest order of mm, a final view): values, gradients, dtypes, errors.
import warnings

import torch


def names(t):
    """A tensor's grad_fn (or a node), and what it points to, by name."""
    node = getattr(t, "grad_fn", t)
    if node is None:
        return None
    return node.name(), [n and n.name() for n, _ in node.next_functions]


def tree(node, depth=0):
    """The graph below a node, one name a line."""
    if node is not None:
        print("  " * depth + node.name())
        for child, _ in node.next_functions:
            tree(child, depth + 1)


def rounded(t, digits=4):
    return None if t is None else [round(x, digits) for x in t.double().reshape(-1).tolist()]


def attempt(label, call):
    try:
        out = call()
        print(label, out.dtype, list(out.shape), rounded(out), names(out))
    except (RuntimeError, TypeError, IndexError, NotImplementedError) as error:
        print(label, type(error).__name__, str(error).splitlines()[0])


def gradient(label, function, *leaves):
    for leaf in leaves:
        leaf.grad = None
    out = function()
    out.backward(torch.linspace(-1, 2, out.numel()).reshape(out.shape))
    print(label, rounded(out), names(out), [rounded(leaf.grad) for leaf in leaves])


M = (torch.arange(6.0).reshape(2, 3) / 4).requires_grad_()
v3 = torch.tensor([1.0, 2.0, -3.0], requires_grad=True)
v2 = torch.tensor([1.0, -1.0], requires_grad=True)
gradient("addmv", lambda: torch.addmv(v2, M, v3), v2, M, v3)
gradient("addmv beta alpha", lambda: torch.addmv(v2, M, v3, beta=0.5, alpha=2), v2, M, v3)
gradient("addmv 0-d input", lambda: torch.addmv(torch.tensor(1.0), M, v3), M, v3)
gradient("addmv method", lambda: v2.addmv(M, v3, alpha=-1), v2, M, v3)
attempt("addmv_", lambda: v2.detach().clone().addmv_(M, v3))
attempt("torch.addmv_", lambda: torch.addmv_(v2.detach().clone(), M, v3, beta=2))
attempt("addmv sizes", lambda: torch.addmv(v2, M, torch.ones(2)))
attempt("addmv input size", lambda: torch.addmv(torch.ones(3), M, v3))
attempt("addmv ints", lambda: torch.addmv(torch.ones(2, dtype=torch.int64),
                                          torch.ones(2, 3, dtype=torch.int64),
                                          torch.ones(3, dtype=torch.int64), beta=2, alpha=3))
attempt("addmv dtypes", lambda: torch.addmv(torch.ones(2), M.double(), v3))
attempt("addmv vectors", lambda: torch.addmv(v2, v3, v3))
attempt("addmv matrix input", lambda: torch.addmv(torch.ones(2, 2), M, v3))
print("beta=0 skips nan:", torch.addmv(torch.tensor([float("nan"), 1.0]), M, v3, beta=0))

gradient("addr", lambda: torch.addr(M, v2, v3), M, v2, v3)
gradient("addr beta alpha", lambda: torch.addr(M, v2, v3, beta=2, alpha=0.5), M, v2, v3)
gradient("addr broadcast input", lambda: torch.addr(v3, v2, v3), v3, v2)
gradient("addr method", lambda: M.addr(v2, v3), M, v2, v3)
attempt("addr_", lambda: M.detach().clone().addr_(v2, v3, alpha=2))
attempt("addr ints", lambda: torch.addr(torch.ones(2, 2, dtype=torch.int64),
                                        torch.tensor([1, 2]), torch.tensor([3, 4])))
attempt("addr bools", lambda: torch.addr(torch.ones(2, 2, dtype=torch.bool),
                                         torch.tensor([True, False]), torch.tensor([True, True])))
attempt("addr int float beta", lambda: torch.addr(torch.ones(2, 2, dtype=torch.int64),
                                                  torch.tensor([1, 2]), torch.tensor([3, 4]),
                                                  beta=0.5))
attempt("addr promotes", lambda: torch.addr(torch.ones(2, 3), torch.ones(2, dtype=torch.float64),
                                            torch.ones(3)))
attempt("addr int vector", lambda: torch.addr(torch.ones(2, 2, dtype=torch.int64),
                                              torch.tensor([1, 2]), torch.tensor([3.0, 4])))
attempt("addr shapes", lambda: torch.addr(M, v3, v2))
attempt("addr matrix", lambda: torch.addr(M, M, v2))
print("beta=0 skips nan:", torch.addr(torch.full((2, 3), float("nan")), v2, v3, beta=0))

B1 = (torch.arange(12.0).reshape(2, 2, 3) / 6).requires_grad_()
B2 = (torch.arange(24.0).reshape(2, 3, 4) / 12 - 1).requires_grad_()
inp = torch.ones(2, 4, requires_grad=True)
gradient("baddbmm", lambda: torch.baddbmm(inp, B1, B2), inp, B1, B2)
gradient("baddbmm beta alpha", lambda: torch.baddbmm(inp, B1, B2, beta=0.5, alpha=3), inp, B1, B2)
gradient("baddbmm method", lambda: torch.ones(2, 2, 4).baddbmm(B1, B2), B1, B2)
attempt("baddbmm_", lambda: torch.ones(2, 2, 4).baddbmm_(B1, B2, beta=0))
attempt("baddbmm input shape", lambda: torch.baddbmm(inp, B1, B1))
attempt("baddbmm inner sizes", lambda: torch.baddbmm(torch.ones(2, 2, 2), B1, B1))
attempt("baddbmm batch sizes", lambda: torch.baddbmm(inp, B1, torch.ones(3, 3, 4)))
attempt("baddbmm 2-d", lambda: torch.baddbmm(inp, M, M))
attempt("baddbmm ints", lambda: torch.baddbmm(torch.ones(2, 2, 4, dtype=torch.int64),
                                              torch.ones(2, 2, 3, dtype=torch.int64),
                                              torch.ones(2, 3, 4, dtype=torch.int64), beta=0.5))
attempt("baddbmm input dtype", lambda: torch.baddbmm(inp.double(), B1, B2))
attempt("baddbmm batch dtype", lambda: torch.baddbmm(inp, B1, B2.double()))

gradient("addbmm", lambda: torch.addbmm(inp, B1, B2), inp, B1, B2)
gradient("addbmm beta alpha", lambda: torch.addbmm(inp, B1, B2, beta=0, alpha=3), inp, B1, B2)
gradient("addbmm method", lambda: inp.addbmm(B1, B2, alpha=0.5), inp, B1, B2)
attempt("addbmm_", lambda: torch.ones(2, 4).addbmm_(B1, B2))
attempt("addbmm input shape", lambda: torch.addbmm(inp, B1, B1))
attempt("addbmm 2-d", lambda: torch.addbmm(inp, M, M))
attempt("addbmm input dtype", lambda: torch.addbmm(inp.double(), B1, B2))
attempt("addbmm batch dtype", lambda: torch.addbmm(inp, B1, B2.double()))
print("beta=0 skips nan:", torch.addbmm(torch.full((2, 4), float("nan")), B1, B2, beta=0),
      torch.baddbmm(torch.full((2, 4), float("nan")), B1, B2, beta=0)[0])

for p in (2, 1, 3, 0.5, float("inf"), -1, float("-inf")):
    a = torch.tensor([1.0, -2.0, 0.0, 2.0], requires_grad=True)
    b = torch.tensor([0.0, 0.0, 0.5, 0.0], requires_grad=True)
    gradient(f"dist p={p}", lambda: torch.dist(a, b, p), a, b)
a = torch.tensor([1.0, -2.0], requires_grad=True)
out = torch.dist(a, torch.zeros(2), 0)
out.backward()
print("dist p=0", out, names(out), a.grad)
try:
    torch.dist(a, a * 1, 0).backward()
except RuntimeError as error:
    print("dist p=0 both", str(error).splitlines()[0])
gradient("dist same", lambda: torch.dist(a, a.detach() + 0), a)
gradient("dist broadcast", lambda: torch.dist(M, v3), M, v3)
attempt("dist method", lambda: v3.dist(torch.zeros(3), 3))
attempt("dist tensor p", lambda: torch.dist(v3, torch.zeros(3), torch.tensor(1.0)))
attempt("dist ints", lambda: torch.dist(torch.tensor([1, 2]), torch.tensor([0, 0])))
attempt("dist int float", lambda: torch.dist(torch.tensor([1, 2]), torch.tensor([0.0, 0.0])))
attempt("dist float64", lambda: torch.dist(torch.ones(2), torch.zeros(2, dtype=torch.float64)))
attempt("dist shapes", lambda: torch.dist(v3, v2))

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("default")
    first = torch.chain_matmul(M, M.t(), M)
    torch.chain_matmul(M, M.t())
print([(w.category.__name__, str(w.message)) for w in caught])
print(first, names(first))
tree(first.grad_fn)
A = torch.ones(10, 2, requires_grad=True)
B = torch.ones(2, 10, requires_grad=True)
C = torch.ones(10, 3, requires_grad=True)
D = torch.ones(3, 1, requires_grad=True)
tree(torch.chain_matmul(A, B, C).grad_fn)
tree(torch.chain_matmul(A, B, C, D).grad_fn)
gradient("chain_matmul", lambda: torch.chain_matmul(M, M.t(), M), M)
attempt("chain_matmul one", lambda: torch.chain_matmul(M))
attempt("chain_matmul none", lambda: torch.chain_matmul())
attempt("chain_matmul vector", lambda: torch.chain_matmul(M, v3))
attempt("chain_matmul shapes", lambda: torch.chain_matmul(M, M))
attempt("chain_matmul dtypes", lambda: torch.chain_matmul(torch.ones(2, 2, dtype=torch.int64),
                                                          torch.ones(2, 2)))
attempt("chain_matmul ints", lambda: torch.chain_matmul(torch.ones(2, 2, dtype=torch.int64),
                                                        torch.ones(2, 2, dtype=torch.int64)))
