# torch.einsum's documented examples, with fixed operands instead of random ones.
import torch

a = torch.arange(4.0)
print(torch.einsum("ii", torch.arange(9.0).reshape(3, 3)))
print(torch.einsum("ii->i", torch.arange(9.0).reshape(3, 3)))
x = torch.arange(5.0)
y = torch.arange(4.0)
print(torch.einsum("i,j->ij", x, y))
As = torch.arange(30.0).reshape(3, 2, 5) / 10
Bs = torch.arange(60.0).reshape(3, 5, 4) / 10
print(torch.einsum("bij,bjk->bik", As, Bs).shape)
print(torch.einsum("bij,bjk->bik", As, Bs)[0])
print(torch.einsum(As, [..., 0, 1], Bs, [..., 1, 2], [..., 0, 2]).shape)
A = torch.arange(24.0).reshape(2, 3, 4)
print(torch.einsum("...ij->...ji", A).shape)
l = torch.arange(10.0).reshape(2, 5) / 10
A = torch.arange(60.0).reshape(3, 5, 4) / 100
r = torch.arange(8.0).reshape(2, 4) / 10
print(torch.einsum("bn,anm,bm->ba", l, A, r))
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([[1.0, 0.0], [0.5, 2.0], [-1.0, 1.0]], requires_grad=True)
out = torch.einsum("i,ij->j", x, w)
out.sum().backward()
print(out, x.grad, w.grad)
print(torch.einsum("i,i", x, x), torch.einsum("ij->", w))
