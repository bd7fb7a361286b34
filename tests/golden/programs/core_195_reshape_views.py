# reshape views a non-contiguous tensor when its strides allow it (ReshapeAliasBackward0, a
# view sharing memory and version counter) and copies it otherwise (CloneBackward0, then
# UnsafeViewBackward0); a contiguous tensor is viewed (ViewBackward0).
import torch

m = torch.arange(12.0).reshape(3, 4).requires_grad_()
cases = {
    "column as a column": lambda t: t[:, 1].reshape(3, 1),
    "column as a row": lambda t: t[:, 1].reshape(1, 3),
    "transpose, same shape": lambda t: t.t().reshape(4, 3),
    "transpose, add a dim": lambda t: t.t().reshape(4, 1, 3),
    "transpose, flattened": lambda t: t.t().reshape(12),
    "every other column, split a dim": lambda t: t[:, ::2].reshape(3, 2, 1),
    "every other column, flattened": lambda t: t[:, ::2].reshape(6),
    "contiguous rows": lambda t: t[1:].reshape(8),
    "flatten of a column block": lambda t: t[:, :2].flatten(),
    "unflatten-like split of strided rows": lambda t: t[::2].reshape(2, 2, 2),
}
for label, make in cases.items():
    y = make(m)
    fn = y.grad_fn
    chain = [fn.name()] + [f.name() for f, _ in fn.next_functions if f is not None]
    print(label, list(y.shape), y.stride(), y.is_contiguous(), chain)
    (y * torch.arange(1.0, y.numel() + 1).reshape(y.shape)).sum().backward()
    print("  grad", m.grad.tolist())
    m.grad = None
# A view writes through to its base (and shares its version counter); a copy does not.
for label in ("column as a column", "transpose, flattened"):
    base = torch.arange(12.0).reshape(3, 4)
    y = cases[label](base)
    y.mul_(2)
    print(label, base.tolist(), base._version, y._version)
