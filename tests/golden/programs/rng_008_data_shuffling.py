# DataLoader(shuffle=True) / RandomSampler / random_split orders after a seed, with and without
# a generator; iterating a loader moves the default generator as PyTorch's does.
import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset, random_split

torch.manual_seed(0)
data = TensorDataset(torch.arange(10.0), torch.arange(10))
for epoch in range(2):
    print(epoch, [yb.tolist() for _, yb in DataLoader(data, batch_size=4, shuffle=True)])
print([yb.tolist() for _, yb in DataLoader(data, batch_size=5)])
print(torch.rand(2).tolist())
g = torch.Generator().manual_seed(42)
print([yb.tolist() for _, yb in DataLoader(data, batch_size=3, shuffle=True, generator=g)])
print(list(RandomSampler(range(7))), list(RandomSampler(range(7), replacement=True,
                                                          num_samples=40)))
print(list(RandomSampler(range(5), num_samples=12, generator=torch.Generator().manual_seed(1))))
a, b = random_split(range(10), [3, 7])
print(list(a), list(b))
parts = random_split(range(30), [0.3, 0.3, 0.4], generator=torch.Generator().manual_seed(42))
print([list(p) for p in parts])
print(torch.randint(0, 100, (3,)).tolist())
