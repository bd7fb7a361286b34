import torch

# addmv_ and baddbmm_ (below 400 multiply-adds per matrix) write into an expanded tensor: their
# loops write one element after another into the memory the elements share, so each reads
# what the one before left (gemv's "t" loop for a row-major matrix, its "n" loop, beta first
# and then column after column, for a column-major one; beta 0 does not read, nan stays out).
# addmm_, addbmm_, addr_ and a larger baddbmm_ refuse, as other in-place ops do.
# (minigrad: every one refused.)

mat = torch.tensor([[0.5, 1.25], [2.0, -3.0], [4.0, 0.1]])
vec = torch.tensor([1.0, 10.0])
for layout in (mat, mat.t().contiguous().t()):
    for beta, alpha in ((1, 1), (2, 1), (0.5, 3), (0, 1), (0, -2)):
        base = torch.tensor([float("nan") if beta == 0 else 1.5])
        out = base.expand(3).addmv_(layout, vec, beta=beta, alpha=alpha)
        print(layout.stride(), beta, alpha, base, out)
base = torch.tensor([1.0], dtype=torch.float64)
print(base.expand(4).addmv_(torch.arange(8.0, dtype=torch.float64).reshape(4, 2) / 3,
                            torch.tensor([0.1, 0.7], dtype=torch.float64), beta=0.3), base)
base = torch.tensor([2], dtype=torch.int64)
print(base.expand(3).addmv_(torch.arange(6).reshape(3, 2), torch.tensor([1, -1]), beta=3), base)

batch1 = torch.arange(12.0).reshape(2, 2, 3) / 7
batch2 = torch.arange(18.0).reshape(2, 3, 3) / 5
for shape in ((1, 1, 1), (1, 2, 1), (1, 1, 3), (2, 1, 3)):
    for beta, alpha in ((1, 1), (0.5, -2), (0, 1)):
        base = torch.ones(shape).cumsum(1)
        out = base.expand(2, 2, 3).baddbmm_(batch1, batch2, beta=beta, alpha=alpha)
        print(shape, beta, alpha, base.flatten(), out[1])
for inner in (3, 4):  # 10 * 10 * 3 = 300 multiply-adds loop; 400 refuse
    base = torch.zeros(1, 1, 1)
    try:
        print(base.expand(2, 10, 10).baddbmm_(torch.ones(2, 10, inner),
                                              torch.ones(2, inner, 10)).sum(), base)
    except RuntimeError as e:
        print(inner, type(e).__name__, e)

for name, call in (
        ("addmm_", lambda: torch.zeros(1, 1).expand(2, 3).addmm_(torch.ones(2, 2),
                                                                torch.ones(2, 3))),
        ("addbmm_", lambda: torch.zeros(1, 3).expand(2, 3).addbmm_(torch.ones(2, 2, 2),
                                                                  torch.ones(2, 2, 3))),
        ("addr_", lambda: torch.zeros(2, 1).expand(2, 3).addr_(torch.ones(2), torch.ones(3)))):
    try:
        print(name, call())
    except RuntimeError as e:
        print(name, type(e).__name__, e)

# With autograd: the expanded view takes the op's place in the graph.
leaf = torch.tensor([0.5], requires_grad=True)
y = leaf.clone()
view = y.expand(3)
view.addmv_(mat.requires_grad_(), vec)
print(view, y)
view.sum().backward()
print(leaf.grad, mat.grad)
