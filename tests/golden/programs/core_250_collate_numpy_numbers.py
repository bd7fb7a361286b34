import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, default_collate

# A dataset whose items are numpy numbers (self.y[i] of an int64 array, a float32 feature):
# PyTorch's default_collate makes them a tensor of their dtype (minigrad raised its TypeError
# for every numpy number but float64, which is a Python float too).


class Points(Dataset):
    def __init__(self):
        self.x = np.arange(12, dtype=np.float32).reshape(6, 2)
        self.y = np.array([0, 1, 0, 1, 1, 0])
        self.w = np.linspace(0.5, 1.0, 6, dtype=np.float32)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i], self.w[i]


for xb, yb, wb in DataLoader(Points(), batch_size=4):
    print(xb, yb, yb.dtype, wb, wb.dtype)
for batch in ([np.float64(1.5), np.float64(2)], [np.float32(1.5), np.float32(2)],
              [np.int32(1), np.int32(2)], [np.int64(3), np.int64(4)], [np.bool_(True)],
              [(np.float32(1.0), 2), (np.float32(3.0), 4)]):
    out = default_collate(batch)
    print(out, getattr(out, "dtype", None))
