import torch
from torch.utils.data import ConcatDataset, DataLoader, Dataset, Subset, TensorDataset, random_split

X = torch.arange(10.0).reshape(5, 2)
y = torch.tensor([0, 1, 0, 1, 1])
ds = TensorDataset(X, y)
print(len(ds), ds[1], type(ds[1]).__name__, ds.tensors[1], ds[-1])
loader = DataLoader(ds, batch_size=2)
print(len(loader), loader.batch_size, loader.drop_last)
for xb, yb in loader:
    print(xb, yb)
print(len(DataLoader(ds, batch_size=2, drop_last=True)),
      [b[1].tolist() for b in DataLoader(ds, batch_size=2, drop_last=True)])
print(next(iter(DataLoader(ds))), len(DataLoader(ds)))


class Squares(Dataset):
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return {"x": float(i), "y": i * i, "flag": i % 2 == 0}


class Pairs(Dataset):
    def __len__(self):
        return 3

    def __getitem__(self, i):
        return (torch.tensor([i, i + 1]), i)


print(list(DataLoader(Squares(), batch_size=2)))
print(list(DataLoader(Pairs(), batch_size=3)))
print(list(DataLoader([1, 2, 3], batch_size=2)), list(DataLoader([[1, 2], [3, 4]], batch_size=2)))
print(list(DataLoader([(1.5, "a"), (2.5, "b")], batch_size=2)))
print(DataLoader(ds, batch_size=None).batch_size, next(iter(DataLoader(ds, batch_size=None))))
print(list(DataLoader(ds, batch_size=3, collate_fn=lambda batch: len(batch))))

# Shuffling: every sample once per pass, in some order (minigrad's generator is not torch's).
torch.manual_seed(0)
shuffled = DataLoader(ds, batch_size=2, shuffle=True)
for _ in range(2):
    seen = sorted(v for _, yb in shuffled for v in yb.tolist())
    print(len(shuffled), seen)
first, second = random_split(ds, [3, 2])
print(len(first), len(second), type(first).__name__, sorted(first.indices + second.indices))
first, second = random_split(ds, [0.6, 0.4])
print(len(first), len(second), len(random_split(range(10), [0.33, 0.33, 0.34])[2]))
print(Subset(ds, [4, 0])[0], len(Subset(ds, [4, 0])), len(ds + ds), (ds + ds)[6], ConcatDataset([ds, ds])[-1])

# A training loop over mini-batches.
torch.manual_seed(0)
model = torch.nn.Linear(2, 1)
with torch.no_grad():
    model.weight.fill_(0.1)
    model.bias.fill_(0.0)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
targets = TensorDataset(X, X.sum(1, keepdim=True))
for epoch in range(3):
    total = 0.0
    for xb, yb in DataLoader(targets, batch_size=2):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item()
    print(epoch, round(total, 4))

for f in (lambda: TensorDataset(X, torch.ones(3)), lambda: random_split(ds, [2, 2]),
          lambda: DataLoader(ds, batch_size=0), lambda: DataLoader(ds, sampler=range(5), shuffle=True)):
    try:
        print(f())
    except (AssertionError, ValueError) as err:
        print(type(err).__name__, err)
