import torch
from _golden import show

# Checking results the way lessons do, with a slip: torch.equal / allclose / isclose given a
# list or a number (PyTorch's TypeError, where minigrad failed on `.shape`), or tensors whose
# shapes do not broadcast (PyTorch's words, not numpy's ValueError); clip_grad_norm_ given its
# max_norm as a string ("inf"), which PyTorch takes as a float.
x = torch.tensor([1.0, 2.0, 3.0])
calls = [
    "torch.equal(x, [1.0, 2.0, 3.0])", "x.equal([1.0, 2.0, 3.0])", "x.equal(2)",
    "torch.equal(x, torch.tensor([1, 2, 3]))", "torch.allclose(x, torch.ones(2))",
    "torch.isclose(x, torch.ones(2))", "torch.allclose(x, torch.ones(2, 1))",
    "torch.allclose(x, [1.0, 2.0, 3.0])", "torch.allclose(x, 1.0)", "x.allclose([1.0])",
    "x.isclose(1.0)", "torch.isclose(x, [1.0])", "torch.allclose(x, x + 1e-6)",
    "x.isclose(torch.ones(3, 1))",
]
for call in calls:
    show(call, lambda: eval(call))
w = torch.tensor([3.0, 4.0], requires_grad=True)
(w * w).sum().backward()
show("clip_grad_norm_(w, 'inf')", lambda: (torch.nn.utils.clip_grad_norm_(w, "inf"), w.grad))
show("clip_grad_norm_([w], '1.0', norm_type='inf')",
     lambda: (torch.nn.utils.clip_grad_norm_([w], "1.0", norm_type="inf"), w.grad))
