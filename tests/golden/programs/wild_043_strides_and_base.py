# Strides, contiguity and _base of the views the "Tensor Views" note lists (and of non-views).
import torch
x = torch.arange(6.0).reshape(2, 3)
for name, v in [("view", x.view(3, 2)), ("t", x.t()), ("slice", x[1:]), ("detach", x.detach()),
                ("expand", x[:1].expand(4, 3)), ("reshape", x.reshape(6)), ("contig", x.contiguous()),
                ("tcontig", x.t().contiguous()), ("clone", x.clone()), ("unsq", x.unsqueeze(1)),
                ("sel", x[0]), ("index", x[[0, 1]]), ("perm", x.permute(1, 0)), ("flat", x.t().flatten()),
                ("sum", x + 1), ("tsum", x.t() + 1), ("diag", x.diagonal()), ("narrow", x.narrow(1, 1, 2))]:
    print(name, v._base is x, v._base is None, v.stride(), v.is_contiguous(), v.stride(-1))
print(torch.ones(3, 1).stride(), torch.ones(1, 3).t().stride(), torch.zeros(2, 0, 3).stride(), torch.tensor(1.0).stride())
try:
    x.stride(2)
except IndexError as e:
    print(type(e).__name__, e)
