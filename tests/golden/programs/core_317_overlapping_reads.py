import torch
from _golden import show

# An in-place op reading, through a view that is not dense, memory it writes
# (m[:, 1:].add_(m[:, :-1])): PyTorch lets it through and its loop reads elements it already
# changed, in blocks of 64 bytes along a row and one element after (minigrad's result was
# computed from the old values). add_, sub_ with alpha, mul_, div_, +=, copy_, a transposed
# view, float32/float64/int64 and rows shorter and longer than a block; then with autograd.
for n in (4, 12, 20):
    for dtype in (torch.float32, torch.float64, torch.int64):
        ops = {
            "add_": lambda m: m[:, 1:].add_(m[:, :-1]),
            "reverse add_": lambda m: m[:, :-1].add_(m[:, 1:]),
            "sub_ alpha": lambda m: m[:, 1:].sub_(m[:, :-1], alpha=2),
            "mul_": lambda m: m[:, 1:].mul_(m[:, :-1]),
            "+=": lambda m: m[:, 1:].__iadd__(m[:, :-1]),
            "copy_": lambda m: m[:, 1:].copy_(m[:, :-1]),
            "t()": lambda m: m.t()[1:].add_(m.t()[:-1]),
            "rows (dense)": lambda m: m[1:, :].add_(m[:-1, :]),
        }
        if dtype != torch.int64:
            ops["div_"] = lambda m: m[:, 1:].div_(m[:, :-1])
        for label, op in ops.items():
            m = torch.arange(1, 1 + 3 * n, dtype=dtype).reshape(3, n)
            show(f"{label} {n} {dtype}", lambda: (op(m), m.tolist())[1])

w = torch.arange(1.0, 9.0, requires_grad=True)
m = w.clone().reshape(2, 4)
m[:, 1:].add_(m[:, :-1])
print(m, m.grad_fn)
m.sum().backward()
print(w.grad)
