import torch
from _golden import show

# An int for keepdim where PyTorch's Python-level x.norm hands it on to linalg_vector_norm,
# fourth by position whichever way it was given, and for aminmax's keyword-only keepdim: refused
# for a bool as PyTorch's parser refuses it, where minigrad kept the dim. A bool still runs.
x = torch.tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 3.0]])
norms = ["x.norm(2, 1, 1)", "x.norm(2, 1, keepdim=1)", "x.norm(dim=1, keepdim=0)",
         "x.norm(keepdim=1)", "torch.norm(x, 2, 1, 1)", "x.norm(1, 0, True)",
         "x.norm(p=2, dim=1, keepdim=False)"]
extremes = ["dim=1, keepdim=1", "dim=1.0", "dim=0, keepdim=True", "keepdim=False"]
for call in norms + [f"x.aminmax({a})" for a in extremes] + ["torch.aminmax(x, dim=1, keepdim=0)"]:
    show(call, lambda: eval(call))
