import torch

# mm, mv and dot take only the ranks they are named for; their errors, in PyTorch's order
# (ranks, then sizes or dtypes).
o, d = torch.ones, torch.float64
for label, f in [
    ("mm(1-d, 2-d)", lambda: torch.mm(o(2), o(2, 2))),
    ("mm(2-d, 1-d)", lambda: torch.mm(o(2, 2), o(2))),
    ("mm(3-d, 2-d)", lambda: torch.mm(o(2, 2, 2), o(2, 2))),
    ("mm(2-d, 1-d float64)", lambda: torch.mm(o(2, 2), o(2, dtype=d))),
    ("mv(1-d, 1-d)", lambda: torch.mv(o(2), o(2))),
    ("mv(2-d, 2-d)", lambda: torch.mv(o(2, 2), o(2, 2))),
    ("mv(3-d, 1-d)", lambda: torch.mv(o(2, 2, 2), o(2))),
    ("mv(2-d, 0-d)", lambda: torch.mv(o(2, 2), torch.tensor(1.0))),
    ("mv(2x3, 2)", lambda: torch.mv(o(2, 3), o(2))),
    ("mv(2x3, 2 float64)", lambda: torch.mv(o(2, 3), o(2, dtype=d))),
    ("mv(2x3, 3 float64)", lambda: torch.mv(o(2, 3), o(3, dtype=d))),
    ("dot(2-d, 2-d)", lambda: torch.dot(o(2, 2), o(2, 2))),
    ("dot(1-d, 2-d)", lambda: torch.dot(o(2), o(2, 2))),
    ("dot(0-d, 0-d)", lambda: torch.dot(torch.tensor(1.0), torch.tensor(1.0))),
    ("dot(2, 3)", lambda: torch.dot(o(2), o(3))),
    ("dot(2, 3 float64)", lambda: torch.dot(o(2), o(3, dtype=d))),
    ("x.mv(1-d)", lambda: o(2).mv(o(2))),
    ("x.dot(2-d)", lambda: o(2, 2).dot(o(2, 2))),
    ("mm, mv, dot of the right ranks", lambda: torch.mm(o(2, 3), o(3, 1)).sum()
     + torch.mv(o(2, 3), o(3)).sum() + torch.dot(o(3), o(3))),
    ("vector @ matrix", lambda: o(3) @ o(3, 2)),
]:
    try:
        print(label, f())
    except RuntimeError as e:
        print(label, type(e).__name__, e)
