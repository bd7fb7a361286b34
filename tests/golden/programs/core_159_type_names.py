# What type() prints for tensors and the everyday classes, and that pickling and copying
# still find them under those names.
import copy
import io
import pickle

import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
p = torch.nn.Parameter(torch.ones(2))
print(type(x), torch.Tensor, type(x.detach()), type(x * 2), type(p), torch.nn.Parameter)
print(type(x.shape), torch.Size, type(x.dtype), torch.dtype, type(x.device), torch.device)
print(torch.Tensor.__name__, torch.Tensor.__qualname__, torch.nn.Parameter.__module__)
print(type(torch.Generator()).__name__, type(torch.default_generator).__name__)
print(isinstance(x, torch.Tensor), isinstance(p, torch.Tensor), type(x) is torch.Tensor)

y = pickle.loads(pickle.dumps(x))
print(y, type(y), pickle.loads(pickle.dumps(torch.Size([2, 3]))), pickle.loads(pickle.dumps(p)))
print(pickle.loads(pickle.dumps(torch.float64)), pickle.loads(pickle.dumps(torch.device("cpu"))))
print(pickle.loads(pickle.dumps(torch.Tensor)) is torch.Tensor, copy.deepcopy(x), copy.copy(p))
buffer = io.BytesIO()
torch.save({"x": x, "p": p, "shape": x.shape, "dtype": x.dtype, "device": x.device}, buffer)
buffer.seek(0)
print(torch.load(buffer))
