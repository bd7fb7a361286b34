import torch

# Filling an integer tensor with a float it cannot hold (nan, inf, 1e30) raises PyTorch's
# overflow error, naming the C++ type (int for int32); a fractional one is truncated.
# index_add_ refuses a source of another dtype. (minigrad: numpy's ValueError or
# OverflowError, "int32_t", and a quiet cast.)

for dtype in (torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8, torch.bool):
    for value in (2**40, float("nan"), float("-inf"), 1e30, 3.7):
        try:
            print(dtype, value, torch.zeros(2, dtype=dtype).fill_(value))
        except RuntimeError as e:
            print(dtype, value, type(e).__name__, e)
for call in (lambda: torch.full((2,), float("nan"), dtype=torch.int64),
             lambda: torch.zeros(3, dtype=torch.int64).masked_fill_(torch.ones(3, dtype=torch.bool),
                                                                    float("inf")),
             lambda: torch.zeros(2, 3, dtype=torch.float64).index_add_(0, torch.tensor([0]),
                                                                       torch.ones(1, 3)),
             lambda: torch.zeros(2, 3).index_add(0, torch.tensor([0]),
                                                 torch.ones(1, 3, dtype=torch.int64))):
    try:
        print(call())
    except RuntimeError as e:
        print(type(e).__name__, e)
