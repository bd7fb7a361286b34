# The legacy constructor torch.Tensor(...) makes tensors of the default float dtype, which
# set_default_dtype changes (data, sizes and the empty form alike).
import torch

for default in (torch.float64, torch.float32):
    torch.set_default_dtype(default)
    for label, make in [("data", lambda: torch.Tensor([1, 2])),
                        ("bools", lambda: torch.Tensor([True, False])),
                        ("sizes", lambda: torch.Tensor(2, 3).zero_()),
                        ("empty", lambda: torch.Tensor())]:
        t = make()
        print(default, label, t.dtype, tuple(t.shape), t.tolist())
print(torch.get_default_dtype())
