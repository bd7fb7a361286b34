# In-place fills: uniform_, normal_ (contiguous and strided), bernoulli_ (number and tensor p),
# exponential_, torch.bernoulli, torch.normal with numbers and tensors.
import torch

torch.manual_seed(11)
print(torch.empty(5).uniform_(-2, 3).tolist())
print(torch.empty(20, dtype=torch.float64).uniform_(-0.1, 0.1).tolist()[-3:])
print(torch.empty(20).normal_(0.5, 2.0).tolist()[-3:])
print(torch.empty(3).normal_(1, 3).tolist())
x = torch.zeros(6, 8)
x[:, 1].normal_()
x.t()[2].uniform_()
print(x)
print(torch.empty(40).bernoulli_(0.3).tolist())
print(torch.empty(5, dtype=torch.int64).bernoulli_(0.5).tolist())
p = torch.tensor([0.1, 0.5, 0.9, 0.5])
print(torch.bernoulli(p), torch.bernoulli(p.double()), torch.empty(4).bernoulli_(p))
print(torch.bernoulli(torch.full((2, 3), 0.5), generator=torch.Generator().manual_seed(0)))
e = torch.empty(6).exponential_()
print(e.tolist(), torch.empty(3, dtype=torch.float64).exponential_(2.5).tolist())
print(torch.normal(0.0, 1.0, size=(2, 3)))
print(torch.normal(torch.arange(4.0), 0.5), torch.normal(torch.zeros(3), torch.ones(3) * 2))
print(torch.normal(2.0, torch.ones(3)))
print(torch.rand_like(torch.zeros(2, 2)), torch.randn_like(torch.zeros(3, dtype=torch.float64)))
