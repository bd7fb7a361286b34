import numpy as np
import torch

# tensor ** number for integer and bool tensors: the result's dtype is type promotion's (a
# bool tensor with an int exponent gives int64), and a negative int exponent is refused.
for dt in (torch.bool, torch.uint8, torch.int8, torch.int32, torch.int64, torch.float16,
           torch.float64):
    t = torch.tensor([1, 0, 2]).to(dt)
    for e in (2, 0, -1, 2.0, 0.5, True, False, np.int64(3), np.float32(0.5)):
        try:
            r = t ** e
            print(dt, repr(e), r.tolist(), r.dtype)
        except RuntimeError as err:
            print(dt, repr(e), type(err).__name__, err)
    print(dt, "pow", torch.pow(t, 2).dtype, t.pow(2.0).dtype)
