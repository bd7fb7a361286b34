import numpy as np
import torch

# torch.Tensor(...), the legacy constructor: a sequence or sizes make a tensor of the default
# dtype; a tensor makes an alias of it (any dtype, its graph kept); a single number is refused.
x = torch.ones(2, requires_grad=True)
cases = {
    "float": (2.5,), "bool": (True,), "numpy float": (np.float64(2.5),),
    "numpy int": (np.int64(2),), "None": (None,), "0-d tensor": (torch.tensor(2.5),),
    "leaf": (x,), "int64 tensor": (torch.tensor([1, 2]),), "list": ([1, 2],),
    "tuple": ((2, 3),), "sizes": (2, 3), "nothing": (), "array": (np.array([1.5]),),
}
for label, args in cases.items():
    try:
        t = torch.Tensor(*args)
        print(label, tuple(t.shape), t.dtype, t.requires_grad, t.grad_fn)
    except TypeError as e:
        print(label, type(e).__name__, e)
alias = torch.Tensor(x)
alias.sum().backward()
print(x.grad, alias._base is x)


class Mine(torch.Tensor):
    pass


for made in (Mine([1.0, 2.0]), Mine(x)):
    print(type(made).__name__, made.dtype, made.grad_fn)
