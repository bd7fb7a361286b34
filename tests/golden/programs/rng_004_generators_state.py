# Generator objects interleaved with the default one; get_rng_state/set_rng_state mid-stream
# (the state is PyTorch's 5056-byte uint8 tensor); the cached second normal of a small randn.
import torch

torch.manual_seed(3)
g = torch.Generator().manual_seed(3)
print(torch.rand(3).tolist(), torch.rand(3, generator=g).tolist())
print(torch.randn(5, generator=g).tolist(), torch.randn(5).tolist())
print(g.initial_seed(), torch.initial_seed(), torch.Generator().initial_seed())
state = torch.get_rng_state()
print(state.dtype, state.shape, len(state), state[:24].tolist(), state[-40:].tolist())
a = torch.randn(3)  # odd: leaves a cached normal, part of the state
s2 = torch.get_rng_state()
print(s2[8:24].tolist(), s2[-40:].tolist())
b = torch.rand(20)
torch.set_rng_state(state)
print(torch.equal(torch.randn(3), a), torch.equal(torch.rand(20), b))
torch.set_rng_state(s2)
print(torch.equal(torch.rand(20), b))
g2 = torch.Generator()
g2.set_state(g.get_state())
print(torch.equal(torch.randn(9, generator=g2), torch.randn(9, generator=g)))
print(torch.equal(g.get_state(), g2.get_state()))
print(g.manual_seed(-1).initial_seed(), g.manual_seed(2**64 - 1).initial_seed())
print(torch.rand(2, generator=g).tolist())
for bad in (torch.zeros(10, dtype=torch.uint8), torch.zeros(5056), torch.zeros(5056, dtype=torch.uint8)):
    try:
        torch.set_rng_state(bad)
    except (RuntimeError, TypeError) as e:
        print(type(e).__name__, e)
try:
    torch.manual_seed(2**64)
except ValueError as e:
    print(type(e).__name__, e)
torch.manual_seed(5)
torch.randn(1)
print(torch.randn(1).tolist(), torch.randn(1).tolist())  # the cached sine, then a new pair
torch.manual_seed(5)  # a seed drops the cache
print(torch.randn(2).tolist())
torch.manual_seed(9)
with torch.random.fork_rng():
    inside = torch.randn(4)
print(torch.equal(torch.randn(4), inside), torch.random.initial_seed())
