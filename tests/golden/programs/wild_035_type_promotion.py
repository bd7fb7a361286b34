# The "Tensor Attributes" note on type promotion, its examples in order, plus in-place rules.
import torch

float_tensor = torch.ones(1, dtype=torch.float)
double_tensor = torch.ones(1, dtype=torch.double)
int_tensor = torch.ones(1, dtype=torch.int)
long_tensor = torch.ones(1, dtype=torch.long)
uint_tensor = torch.ones(1, dtype=torch.uint8)
bool_tensor = torch.ones(1, dtype=torch.bool)
long_zerodim = torch.tensor(1, dtype=torch.long)
int_zerodim = torch.tensor(1, dtype=torch.int)

print(torch.add(5, 5).dtype)
print((int_tensor + 5).dtype)
print((int_tensor + long_zerodim).dtype)
print((long_tensor + int_tensor).dtype)
print((bool_tensor + long_tensor).dtype)
print((bool_tensor + uint_tensor).dtype)
print((float_tensor + double_tensor).dtype)
print((bool_tensor + int_tensor).dtype)
print(torch.add(long_tensor, float_tensor).dtype)
print((int_tensor / 2).dtype, (int_tensor // 2).dtype, (uint_tensor * 2.5).dtype)

int_tensor += 5
print(int_tensor)
try:
    int_tensor.add_(float_tensor)
except RuntimeError as e:
    print(type(e).__name__, e)
float_tensor *= double_tensor
print(float_tensor.dtype)
float_tensor *= float_tensor
try:
    long_tensor *= float_tensor
except RuntimeError as e:
    print(type(e).__name__, e)

print(torch.result_type(int_tensor, 2.0), torch.result_type(uint_tensor, int_zerodim))
print(torch.promote_types(torch.int32, torch.float32), torch.can_cast(torch.double, torch.float))
print(torch.can_cast(torch.float, torch.int), torch.get_default_dtype())
print(torch.tensor([1, 2]).dtype, torch.tensor([1.0, 2]).dtype, torch.tensor([True, False]).dtype)
print(torch.finfo(torch.float32).eps, torch.iinfo(torch.int8).max, torch.finfo(torch.float64).tiny)
print(torch.float32.is_floating_point, torch.int64.is_signed, torch.bool.itemsize)
