import torch

w = torch.tensor([1.5, 2.0], requires_grad=True)
for label, t in [("long()", w.long()), ("to(int32)", w.to(torch.int32)), ("bool()", w.bool()),
                 ("w > 1", w > 1), ("argmax", w.argmax()), ("round", w.round())]:
    print(label, t, t.requires_grad, t.is_leaf)
try:
    w.long().sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
print((w.long() * w).grad_fn.name())
