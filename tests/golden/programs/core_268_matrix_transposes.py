import torch

# Tensor.mT, .mH, .H and .adjoint() (torch.adjoint too): the last two dims swapped, a view
# (TransposeBackward0); on real tensors the conjugate transposes are the transposes. A 0-d
# tensor is given back itself, with a deprecation warning once per process; other dims raise
# PyTorch's errors. (minigrad had mT alone, with a dim error for 0-d and 1-d tensors.)


def attempt(label, call):
    try:
        out = call()
        print(label, out.shape, out.grad_fn.name() if out.grad_fn else None,
              out._base is not None, out.is_contiguous())
    except RuntimeError as error:
        print(label, type(error).__name__, error)


tensors = [torch.tensor(2.0, requires_grad=True), torch.ones(3, requires_grad=True),
           torch.arange(6.0).reshape(2, 3).requires_grad_(),
           torch.arange(24.0).reshape(2, 3, 4).requires_grad_(), torch.ones(1, 2, 3, 4)]
for t in tensors:
    for name in ["mT", "mH", "H"]:
        attempt(f"{name} {t.dim()}-d", lambda: getattr(t, name))
    attempt(f"adjoint() {t.dim()}-d", lambda: t.adjoint())
    attempt(f"torch.adjoint {t.dim()}-d", lambda: torch.adjoint(t))

s = tensors[0]
print(s.mT is s, s.mH is s, s.H is s, s.adjoint() is s)
m = tensors[2]
print(m.H, m.mH.equal(m.t()), torch.ones(2, 3, dtype=torch.int64).H.dtype)
(m.H * torch.arange(6.0).reshape(3, 2)).sum().backward()
print(m.grad)
b = tensors[3]
(b.mT[1, 2] * 10).sum().backward()
print(b.grad[1])
