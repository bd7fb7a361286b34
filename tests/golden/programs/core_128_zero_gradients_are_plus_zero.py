import torch

# Where an input gets no gradient, PyTorch gives +0 (never -0, printed "-0.", nor nan from
# inf * 0); ties and nan follow its rules for max/min/maximum/minimum.
a = torch.tensor([[0.3, -1.2, 2.0], [1.5, 0.1, -0.4]], requires_grad=True)
b = torch.tensor([0.5, -2.0, 1.25], requires_grad=True)
for name, f in [("relu", lambda: (-(a.relu())).sum()), ("relu log", lambda: a.relu().log().sum()),
                ("clamp", lambda: -(a.clamp(-0.5, 0.7)).sum()), ("sign", lambda: -(a.sign()).sum()),
                ("round", lambda: (a.round() * -3).sum()), ("where", lambda: -torch.where(a > 0, a, b).sum()),
                ("max", lambda: 1.5 - a.max()), ("min dim", lambda: -(a.min(0)[0]).sum()),
                ("max dim", lambda: -(a.max(1).values).sum()),
                ("maximum", lambda: -torch.maximum(a, b).sum()),
                ("minimum tie", lambda: -torch.minimum(a, torch.tensor([0.3, 0.0, 2.0])).sum()),
                ("masked", lambda: -(a.masked_fill(a > 0.5, 0.0)).sum()),
                ("pow 0", lambda: -(a ** 0).sum()), ("fill", lambda: -(a * 1).fill_(2.0).sum())]:
    a.grad, b.grad = None, None
    f().backward()
    print(name, a.grad, b.grad)
n = torch.tensor([1.0, float("nan"), 3.0], requires_grad=True)
torch.max(n).backward()
print(n.grad, torch.relu(torch.tensor([0.5, float("nan"), -1.0])))
m = torch.tensor([1.0, float("nan")], requires_grad=True)
torch.maximum(m, torch.tensor([2.0, 0.0])).sum().backward()
print(m.grad)
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(x.t().log_softmax(0).reshape(-1).grad_fn, x.t().softmax(0).view(6).shape)
