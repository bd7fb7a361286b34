import torch

xs = torch.tensor([[0.0], [1.0], [2.0], [3.0]])
ys = torch.tensor([[1.0], [3.0], [5.0], [7.0]])
w = torch.tensor([[0.5]], requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.05
for step in range(5):
    pred = xs @ w + b
    loss = ((pred - ys) ** 2).mean()
    if w.grad is not None:
        w.grad.zero_()
        b.grad.zero_()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    print(step, round(loss.item(), 4), w, b)
print(w.is_leaf, b.is_leaf, w.grad_fn, w.requires_grad)
for p in (w, b):
    p.grad = None
print(w.grad, b.grad)
