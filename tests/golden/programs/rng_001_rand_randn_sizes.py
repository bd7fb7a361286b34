# rand and randn after manual_seed: PyTorch's exact numbers (hex shows every bit), sizes on
# both sides of 16 (randn's block Box-Muller path), float32 and float64, several seeds.
import torch

for seed in (0, 1, 42, 2**32 + 5, 2**63 + 11):
    torch.manual_seed(seed)
    for n in (1, 2, 7, 15, 16, 17, 31, 32, 40):
        print(seed, n, "rand", [v.hex() for v in torch.rand(n).tolist()][-3:])
        print(seed, n, "randn", [v.hex() for v in torch.randn(n).tolist()][-3:])
        print(seed, n, "randn64", [v.hex() for v in torch.randn(n, dtype=torch.float64).tolist()][-3:])
        print(seed, n, "rand64", [v.hex() for v in torch.rand(n, dtype=torch.float64).tolist()][-2:])
torch.manual_seed(0)
print(torch.rand(2, 3))
print(torch.randn(2, 3))
print(torch.randn(4, 5, dtype=torch.float64))
torch.manual_seed(3)
print(torch.rand(20, dtype=torch.float16), torch.randn(20, dtype=torch.float16))
print(torch.randn(37, dtype=torch.float16)[-6:], torch.randn(32, dtype=torch.float16)[-3:])
print(torch.empty(5, dtype=torch.float16).uniform_(-1.3, 0.7), torch.randn(3, dtype=torch.float16))
