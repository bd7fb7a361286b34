# torch.linalg.vector_norm and torch.linalg.norm (vector norms and the Frobenius norm): values,
# gradients to the last bit, grad_fn names and graphs, a dtype to compute in (no copy node in
# the graph), and PyTorch's errors. Each norm here reduces at most 8 elements: over more, a
# p-norm other than 1, 2 and inf can differ in the last bit (docs/minigrad.md, differences).
import torch

from _golden import attempt, chain, exact

torch.manual_seed(0)
v = torch.randn(5, requires_grad=True)
A = torch.randn(3, 4, requires_grad=True)
B = torch.randn(2, 3, 4, dtype=torch.float64, requires_grad=True)
C = torch.randn(2, 3, requires_grad=True)

for ord in (2, 1, 3, 0.5, float("inf"), -float("inf"), 0):
    for x, kwargs in ((v, {}), (A, {"dim": 1}), (C, {"dim": (0, 1), "keepdim": True}),
                      (B, {"dim": -1})):
        n = torch.linalg.vector_norm(x, ord=ord, **kwargs)
        (n * torch.arange(1, n.numel() + 1, dtype=n.dtype).view(n.shape)).sum().backward()
        print("vector_norm", ord, kwargs, list(n.shape), exact(n),
              x.grad if x.grad is None else exact(x.grad))
        x.grad = None

for x, args, kwargs in ((v, (), {}), (A, (), {}), (B, (), {}), (A, ("fro",), {}),
                        (A, (), {"dim": 0}), (v, (3,), {}), (A, (2,), {"dim": 1}),
                        (B, ("fro",), {"dim": (1, 2)}), (A, (), {"dim": (0,), "keepdim": True}),
                        (v, (None,), {"dim": 0})):
    n = torch.linalg.norm(x, *args, **kwargs)
    n.sum().backward()
    print("norm", list(x.shape), args, kwargs, n.grad_fn.name(), exact(n), exact(x.grad))
    x.grad = None

n = torch.linalg.vector_norm(v, dtype=torch.float64)
n.backward()
print("dtype", n.dtype, chain(n, 2), v.grad.dtype, exact(v.grad))
v.grad = None
n = v.norm(dtype=torch.float64)
print("Tensor.norm dtype", n.dtype, chain(n, 2))
print(torch.linalg.norm(torch.zeros(3)), torch.linalg.vector_norm(torch.zeros(2, 2), dim=0))

attempt("long vector_norm", lambda: torch.linalg.vector_norm(torch.tensor([1, 2])))
attempt("long norm", lambda: torch.linalg.norm(torch.tensor([1, 2])))
attempt("narrowing", lambda: torch.linalg.vector_norm(v, dtype=torch.float16))
attempt("narrowing", lambda: torch.linalg.vector_norm(B, dtype=torch.float32))
attempt("ord fro", lambda: torch.linalg.vector_norm(v, ord="fro"))
attempt("fro of a vector", lambda: torch.linalg.norm(v, "fro"))
attempt("3-d with ord", lambda: torch.linalg.norm(B, 2))
