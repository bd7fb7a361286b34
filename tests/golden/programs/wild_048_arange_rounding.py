# torch.arange with a float step, to the last bit: d2l's grid arange(-8.0, 8.0, 0.1) and others
# whose values PyTorch's kernel rounds in blocks (float32: 8, float64: 4) with fused multiply-adds.
import struct

import torch

for args in [(-8.0, 8.0, 0.1), (0, 1, 0.01), (-3, 3, 0.07), (1.5, 100.3, 0.37), (0, 10, 0.3),
             (10, 0, -0.3), (-1, 1, 1 / 3), (0.5, 7.25, 0.25)]:
    for dtype in (torch.float32, torch.float64):
        values = torch.arange(*args, dtype=dtype)
        # every value's bits, folded into one number
        bits = sum(struct.unpack("<Q", struct.pack("<d", v))[0] for v in values.tolist())
        print(args, dtype, len(values), [repr(v) for v in values.tolist()[-3:]], bits % 1000003)
x = torch.arange(-8.0, 8.0, 0.1)
print(x[78:83], x.dtype, torch.arange(5.0), torch.arange(1, 2.5, 0.5, dtype=torch.float64))
print(torch.arange(0, 3, 1.0).dtype, torch.arange(0, 3).dtype, torch.relu(x)[75:85])
