import torch

# An in-place change of a leaf that requires grad (or of a view of one) is refused before the
# op looks at its arguments: PyTorch's autograd checks come first, whatever else is wrong.
# (minigrad gave the op's own error: shapes, dims, rounding mode, matrix sizes.)

leaf = torch.ones(3, requires_grad=True)
calls = [
    ("add_", lambda: leaf.add_(torch.ones(4))),
    ("triu_", lambda: leaf.triu_()),
    ("clamp_min_", lambda: leaf.clamp_min_(torch.ones(4))),
    ("lerp_", lambda: leaf.lerp_(torch.ones(4), 0.5)),
    ("sub_ alpha", lambda: leaf.sub_(torch.ones(3), alpha=True)),
    ("pow_", lambda: leaf.pow_(torch.ones(4))),
    ("masked_fill_", lambda: leaf.masked_fill_(torch.ones(4, dtype=torch.bool), 1.0)),
    ("scatter_", lambda: leaf.scatter_(0, torch.zeros(2, 2, dtype=torch.long), 1.0)),
    ("addmm_", lambda: leaf.addmm_(torch.ones(2, 2), torch.ones(3, 3))),
    ("div_", lambda: leaf.div_(torch.ones(3), rounding_mode="bad")),
    ("view add_", lambda: leaf[:2].add_(torch.ones(4))),
    ("view expanded", lambda: leaf.expand(2, 3).mul_(torch.ones(4))),
]
for label, call in calls:
    try:
        call()
        print(label, "ok")
    except RuntimeError as e:
        print(label, type(e).__name__, e)
with torch.no_grad():  # (no refusal there: the op's own errors)
    for label, call in calls[:4]:
        try:
            call()
        except RuntimeError as e:
            print(label, type(e).__name__, e)
print(leaf, leaf._version)
