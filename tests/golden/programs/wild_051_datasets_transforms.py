# Basics tutorials "Datasets & DataLoaders" and "Transforms": a custom Dataset, a transform and
# the one-hot target_transform built with scatter_(0, torch.tensor(y), value=1).
import torch
from torch.utils.data import DataLoader, Dataset


class Lambda:
    def __init__(self, lambd):
        self.lambd = lambd

    def __call__(self, x):
        return self.lambd(x)


class CustomImageDataset(Dataset):
    def __init__(self, n, transform=None, target_transform=None):
        self.images = [((torch.arange(16.0) * (i + 1)) % 5).reshape(4, 4) for i in range(n)]
        self.labels = [i % 10 for i in range(n)]
        self.transform = transform
        self.target_transform = target_transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        image = self.images[idx]
        label = self.labels[idx]
        if self.transform:
            image = self.transform(image)
        if self.target_transform:
            label = self.target_transform(label)
        return image, label


target_transform = Lambda(lambda y: torch.zeros(10, dtype=torch.float).scatter_(0, torch.tensor(y), value=1))
ds = CustomImageDataset(13, transform=Lambda(lambda x: x.unsqueeze(0) / 4), target_transform=target_transform)
print(len(ds), ds[3][0].shape, ds[3][1])
train_dataloader = DataLoader(ds, batch_size=4, shuffle=False)
train_features, train_labels = next(iter(train_dataloader))
print(f"Feature batch shape: {train_features.size()}")
print(f"Labels batch shape: {train_labels.size()}")
img = train_features[0].squeeze()
label = train_labels[0]
print(img, label)
for i, (X, y) in enumerate(train_dataloader):
    print(i, X.shape, y.argmax(1))

plain = CustomImageDataset(5)
loader = DataLoader(plain, batch_size=2, drop_last=True)
print(len(loader), [(x.shape, y) for x, y in loader])
print(torch.zeros(3, 5).scatter_(1, torch.tensor([[0], [2], [4]]), 2.5))
