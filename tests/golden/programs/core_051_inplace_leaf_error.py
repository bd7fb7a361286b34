import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
for label, fn in [
    ("add_", lambda: w.add_(1)),
    ("sub_", lambda: w.sub_(1)),
    ("mul_", lambda: w.mul_(2)),
    ("div_", lambda: w.div_(2)),
    ("zero_", lambda: w.zero_()),
    ("fill_", lambda: w.fill_(3.0)),
    ("copy_", lambda: w.copy_(torch.zeros(2))),
]:
    try:
        fn()
    except RuntimeError as e:
        print(label, type(e).__name__, e)
print(w, w._version)
(w * w).sum().backward()
print(w.grad)
with torch.no_grad():
    w.sub_(0.1 * w.grad)
print(w, w._version, w.requires_grad, w.is_leaf, w.grad_fn)
with torch.no_grad():
    w -= 0.5
print(w, w._version)
with torch.no_grad():
    w.zero_()
print(w)
w.data.fill_(9.0)
print(w)
