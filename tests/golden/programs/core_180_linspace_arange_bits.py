# linspace, arange and logspace to the last bit: PyTorch counts linspace's first half up from
# start and its second half down from end (with fused multiply-adds), arange in vectorised
# blocks, logspace's exponents in double. Values are printed as their bits to prove exactness.
import struct

import torch


def hexbits(values):  # each float's 64 bits in hex (not float.hex: "0x..." reads as an address)
    return " ".join(struct.pack(">d", v).hex() for v in values)


def bits(t):
    return hexbits(t.tolist())


for dtype in (torch.float32, torch.float64):
    for start, end, steps in [(0, 1, 7), (-1.3, 2.7, 19), (3.0, -1.0, 10), (0.1, 0.7, 33),
                              (-7.25, 1e-3, 64), (1, 1, 3), (0, 1, 2), (2.5, 9.0, 1)]:
        print("linspace", dtype, start, end, steps, bits(torch.linspace(start, end, steps,
                                                                        dtype=dtype)))
    for start, end, step in [(0, 1, 0.1), (-2.2, 3.1, 0.3), (1.0, -3.0, -0.35),
                             (0.5, 40.0, 0.77), (0, 10, 0.5)]:
        print("arange", dtype, start, end, step, bits(torch.arange(start, end, step,
                                                                     dtype=dtype)))
    for start, end, steps, base in [(-1.3, 2.7, 25, 10.0), (0, 1, 9, 2.0), (2, -2, 12, 3.3),
                                    (0.5, 0.5, 3, 10.0), (1.5, 0, 1, 10.0)]:
        print("logspace", dtype, start, end, steps, base,
              bits(torch.logspace(start, end, steps, base=base, dtype=dtype)))

# a long linspace and arange (many vector blocks): every 97th and 89th value
for dtype in (torch.float32, torch.float64):
    x = torch.linspace(-3.7, 11.2, 5001, dtype=dtype)
    y = torch.arange(-3.7, 11.2, 0.0031, dtype=dtype)
    print(dtype, x.shape, y.shape, bits(x[2498:2503]), bits(y[-5:]))
    print(hexbits(x.tolist()[::97]))
    print(hexbits(y.tolist()[::89]))

# integer dtypes: the ends truncated to integers, the steps counted in double and truncated
print(torch.linspace(-2.5, 7.9, 5, dtype=torch.int64), torch.linspace(0, 200, 5, dtype=torch.uint8))
print(torch.linspace(-1000, 999, 13, dtype=torch.int32), torch.linspace(3, 1, 1, dtype=torch.int64))
print(torch.logspace(0, 3, 4, dtype=torch.int64), torch.logspace(0.5, 3.5, 7, dtype=torch.int64))
print(torch.linspace(0, 1, 0), torch.linspace(0, 1, 1), torch.logspace(0, 1, 0))
for bad in [lambda: torch.linspace(0, 1, -1), lambda: torch.logspace(0, 1, -2)]:
    try:
        bad()
    except RuntimeError as e:
        print(type(e).__name__, e)
