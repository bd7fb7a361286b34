import torch
import torch.nn as nn
import torch.nn.functional as F

# Embedding: rows looked up by index; only the rows used get a gradient.
table = nn.Embedding(5, 3)
print(table, table.weight.shape, table.weight.requires_grad, table.weight.dtype)
with torch.no_grad():
    table.weight.copy_(torch.arange(15.0).reshape(5, 3))
y = table(torch.tensor([[1, 2], [1, 4]]))
print(y, y.grad_fn._saved_indices)  # (_saved_padding_idx of None prints as 2**64 - 1 in torch)
(y * torch.arange(12.0).reshape(2, 2, 3)).sum().backward()
print(table.weight.grad)
padded = nn.Embedding(5, 3, padding_idx=-1)
print(padded, padded.weight[4], padded.padding_idx)
padded(torch.tensor([4, 4, 1])).sum().backward()
print(padded.weight.grad, padded(torch.tensor([4])).grad_fn._saved_padding_idx)
pretrained = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(pretrained, pretrained.weight.requires_grad, pretrained(torch.tensor([1, 0, 1])),
      nn.Embedding.from_pretrained(torch.ones(2, 2), freeze=False).weight.requires_grad)
print(F.embedding(torch.tensor([1]), torch.ones(3, 2)), F.embedding(torch.tensor([[0, 2]], dtype=torch.int32), torch.eye(3)))
s = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
(g,) = torch.autograd.grad((F.embedding(torch.tensor([1, 1, 0]), s) ** 2).sum(), s, create_graph=True)
# (torch records EmbeddingDenseBackwardBackward0 here, minigrad index_add: same numbers)
print(g.tolist(), torch.autograd.grad(g.sum(), s)[0])
for f in (lambda: table(torch.tensor([5])), lambda: table(torch.tensor([1.0])),
          lambda: table(torch.tensor([-1])), lambda: nn.Embedding(3, 2, padding_idx=3)):
    try:
        print(f())
    except (IndexError, RuntimeError, AssertionError) as err:
        print(type(err).__name__, err)

# LayerNorm: each sample normalised over its last dims (float64, so no last-digit noise).
norm = nn.LayerNorm(3).double()
print(norm, norm.weight, norm.bias)
x = torch.tensor([[1.0, 2.0, 4.0], [0.0, 0.0, 1.0]], dtype=torch.float64, requires_grad=True)
z = norm(x)
print(z, z.grad_fn._saved_result1, z.grad_fn._saved_result2, z.grad_fn._saved_normalized_shape)
(z * torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)).sum().backward()
print(x.grad, norm.weight.grad, norm.bias.grad)
(g,) = torch.autograd.grad((norm(x) * torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)).sum(), x,
                           create_graph=True)
print(torch.autograd.grad((g ** 2).sum(), x)[0])
w = torch.tensor([[2.0, -1.0], [0.5, 3.0]], dtype=torch.float64, requires_grad=True)
b = torch.tensor([[0.0, 1.0], [1.0, 0.0]], dtype=torch.float64, requires_grad=True)
v = torch.arange(8.0, dtype=torch.float64).reshape(2, 2, 2).requires_grad_()
out = F.layer_norm(v, (2, 2), w, b, eps=1e-3)
(out * torch.arange(8.0, dtype=torch.float64).reshape(2, 2, 2)).sum().backward()
print(out, v.grad, w.grad, b.grad)
print(nn.LayerNorm((2, 3), eps=1e-3, elementwise_affine=False), nn.LayerNorm(3, bias=False),
      nn.LayerNorm(2)(torch.tensor([[1.0, 3.0], [5.0, 5.0]])), nn.LayerNorm([2]).normalized_shape,
      [name for name, _ in nn.LayerNorm(2).named_parameters()])
for f in (lambda: nn.LayerNorm(4)(torch.ones(2, 3)), lambda: F.layer_norm(torch.ones(2, 3), (3,), torch.ones(2))):
    try:
        print(f())
    except RuntimeError as err:
        print(type(err).__name__, err)

# The init functions beyond Linear's own.
torch.manual_seed(0)
for fill in (nn.init.normal_, nn.init.xavier_uniform_, nn.init.xavier_normal_, nn.init.kaiming_normal_):
    t = fill(torch.empty(300, 200))
    print(fill.__name__, t.shape, abs(round(t.mean().item(), 1)), round(t.std().item(), 2))
print(round(nn.init.normal_(torch.empty(1000), 3.0, 0.5).mean().item(), 1),
      round(nn.init.kaiming_normal_(torch.empty(400, 100), mode="fan_out", nonlinearity="relu").std().item(), 2),
      round(nn.init.xavier_uniform_(torch.empty(300, 200), gain=2.0).abs().max().item(), 1))
