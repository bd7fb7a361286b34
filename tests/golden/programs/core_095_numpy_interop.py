import numpy as np
import torch

a = np.array([1.0, 2.0])
t = torch.tensor(a)
print(t, t.dtype)
a[0] = 5.0
print(t)
f = torch.from_numpy(a)
print(f, f.dtype)
a[1] = -1.0
print(f)
print(torch.tensor(np.array([1, 2], dtype=np.int32)))
print(torch.tensor(np.array([1.5], dtype=np.float32)))
print(torch.tensor(np.float64(2.5)), torch.tensor(np.int64(3)))
print(torch.tensor(np.array(True)))
print(torch.as_tensor(a).dtype)
n = torch.ones(2).numpy()
print(type(n).__name__, n.dtype, n)
print(torch.tensor([np.float32(1.5), np.float32(2.5)]).dtype)
