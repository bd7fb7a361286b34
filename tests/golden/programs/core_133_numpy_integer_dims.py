import numpy as np
import torch

# Dims given as numpy integers (from np.argmax, a shape read from an array...) work as ints.
x = torch.arange(6.0).reshape(2, 3).requires_grad_()
d = np.int64(1)
print(x.sum(dim=d), x.mean(d, keepdim=True), x.softmax(d), x.max(d).values)
print(x.unsqueeze(np.int32(0)).shape, x.transpose(np.int64(0), d).shape, x.size(d))
print(torch.cat([x, x], dim=d).shape, torch.stack([x, x], np.int64(2)).shape)
x.log_softmax(d).sum().backward()
print(x.grad)
