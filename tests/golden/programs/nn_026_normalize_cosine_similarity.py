import torch
import torch.nn as nn
import torch.nn.functional as F

a = torch.tensor([[3.0, 4.0], [0.0, 0.0], [1.0, -1.0]], requires_grad=True)
b = torch.tensor([[1.0, 0.0], [1.0, 1.0], [2.0, 3.0]])
y = F.normalize(a)
y.sum().backward()
print(y, y.grad_fn.name(), [n.name() if n else None for n, _ in y.grad_fn.next_functions], a.grad)
a.grad = None
c = F.cosine_similarity(a, b)
c.sum().backward()
print(c, c.grad_fn.name(), a.grad)
print(F.normalize(a, p=1, dim=0), F.normalize(a, dim=-1, eps=10.0), F.cosine_similarity(a, b, dim=0),
      F.cosine_similarity(a, torch.tensor([1.0, 1.0]), dim=-1), nn.CosineSimilarity(dim=1, eps=0.5)(a, b),
      nn.CosineSimilarity())
# float64 and second derivatives
p = torch.tensor([[0.5, -1.0, 2.0]], dtype=torch.float64, requires_grad=True)
q = torch.tensor([[1.0, 1.0, 0.0]], dtype=torch.float64, requires_grad=True)
(gp, gq) = torch.autograd.grad(F.cosine_similarity(p, q).sum(), (p, q), create_graph=True)
print(gp.detach(), gq.detach(), torch.autograd.grad((gp ** 2).sum(), (p, q)))
(g,) = torch.autograd.grad((F.normalize(p) * torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)).sum(), p,
                           create_graph=True)
print(g.detach(), torch.autograd.grad(g.sum(), p)[0])
