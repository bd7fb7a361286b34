# NumPy's keyword names (axis=, keepdims=) where PyTorch's argument parser accepts them, and
# the errors where it does not (PyTorch's Python-level functions, a dim given twice).
import torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 6.0, 8.0]], requires_grad=True)
b = torch.tensor([[True, False, True], [True, True, True]])

s = x.sum(axis=0, keepdims=True)
print(s)
s.sum().backward()
print(x.grad)
print(torch.sum(x, axis=1), torch.sum(x, axis=(0, 1)))
print(x.mean(axis=1, keepdims=True), torch.mean(x, axis=0))
print(x.mean(axis=0, keepdim=True), x.sum(dim=1, keepdims=True))
print(x.max(axis=1), torch.min(x, axis=0, keepdims=True))
print(x.amax(axis=0), torch.amin(x, axis=1, keepdims=True))
print(x.std(axis=0), torch.var(x, axis=1, keepdims=True), x.var(axis=1, correction=0))
print(x.prod(axis=1), torch.prod(x, axis=0, keepdims=True))
print(x.logsumexp(axis=1), torch.logsumexp(x, axis=0, keepdims=True))
print(b.any(axis=1), torch.all(b, axis=0, keepdims=True), b.all(axis=1))
print(x.argmax(axis=1), torch.argmin(x, axis=0, keepdims=True))
print(x.cumsum(axis=1), torch.cumprod(x, axis=0))
print(x.softmax(axis=1), torch.log_softmax(x, axis=0))
print(torch.cat([x, x], axis=0).shape, torch.stack([x, x], axis=1).shape)
print(x.unsqueeze(axis=0).shape, x[:1].squeeze(axis=0).shape, x.size(axis=1))
print(x.sort(axis=1, descending=True).values, x.topk(2, axis=1).indices)
print(torch.gather(x, axis=1, index=torch.tensor([[0], [2]])))
print(x.index_select(axis=1, index=torch.tensor([2, 0])))
print(x.select(axis=1, index=0), x.narrow(axis=1, start=1, length=2))
print(len(x.chunk(3, axis=1)), len(torch.unbind(x, axis=1)))

for call in [lambda: x.sum(dim=0, axis=1),
             lambda: x.sum(0, axis=1),
             lambda: x.sum(axis=0, keepdim=True, keepdims=False),
             lambda: x.sum(dim=0, keepdim=True, keepdims=False),
             lambda: x.cumsum(dim=0, keepdims=True),
             lambda: x.softmax(dim=0, keepdims=True),
             lambda: torch.cat([x, x], dim=0, keepdims=True),
             lambda: torch.norm(x, axis=0),
             lambda: torch.norm(x, dim=0, keepdims=True),
             lambda: torch.split(x, 1, axis=0)]:
    try:
        print(call())
    except TypeError as e:
        print(type(e).__name__, e)
