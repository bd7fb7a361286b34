"""PyTorch's CPU random number generator: a Mersenne Twister (mt19937) and its state.

Every random number minigrad makes (rand, randn, randint, randperm, dropout masks, nn.Linear's
initial weights, DataLoader's shuffling) starts as 32-bit words from this generator, turned into
numbers by the same recipes as PyTorch's (minigrad/sampling.py). So after the same seed minigrad
draws PyTorch's numbers, bit for bit:

    >>> import minigrad as torch
    >>> _ = torch.manual_seed(0)
    >>> torch.rand(3)
    tensor([0.4963, 0.7682, 0.0885])
    >>> torch.randint(0, 10, (5,))
    tensor([0, 3, 9, 7, 3])

The generator is the textbook mt19937 seeded with the low 32 bits of the seed (numpy's
`MT19937`, given that state, draws the same stream, vectorised). A draw is
either one 32-bit word (`random`) or two words joined into 64 bits (`random64`, the first word
high), as PyTorch's CPUGeneratorImpl does.

`get_rng_state()` gives PyTorch's 5056-byte layout (the seed, the twister's 624 words and where
it stands in them, the cached normal sample), so a state saved by one loads into the other.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from typing import Any

import numpy as np

# PyTorch's default seed at start-up, so an unseeded program is still reproducible here.
DEFAULT_SEED = 67280421310721
_STATE_WORDS = 624  # mt19937's state: 624 words of 32 bits

# PyTorch's CPUGeneratorImplState, byte for byte (little-endian, C struct alignment):
# the legacy THGeneratorState it grew from, then the float normal cache CPU kernels never fill.
STATE_LAYOUT = np.dtype({
    "names": ["the_initial_seed", "left", "seeded", "next", "state", "normal_x", "normal_y",
              "normal_rho", "normal_is_valid", "next_float_normal_sample",
              "is_next_float_normal_sample_valid"],
    "formats": ["<u8", "<i4", "<i4", "<u8", ("<u8", _STATE_WORDS), "<f8", "<f8", "<f8", "<i4",
                "<f4", "u1"],
    "offsets": [0, 8, 12, 16, 24, 5016, 5024, 5032, 5040, 5048, 5052],
    "itemsize": 5056,
})


def _seed_value(seed: Any) -> int:
    """The 64-bit seed PyTorch keeps: int(seed), negatives wrapped as C's uint64 cast does."""
    seed = int(seed)
    if not -2**63 <= seed < 2**64:
        raise ValueError("Overflow when unpacking long long")
    return seed % 2**64


@functools.lru_cache(maxsize=64)  # a loop of 624 steps: programs reuse a few seeds
def _init_genrand(seed: int) -> np.ndarray:
    """mt19937's standard seeding (Matsumoto and Nishimura's init_genrand), from the seed's low
    32 bits as PyTorch does; the first draw then twists all 624 words."""
    key = [seed & 0xFFFFFFFF]
    for i in range(1, _STATE_WORDS):
        key.append((1812433253 * (key[-1] ^ (key[-1] >> 30)) + i) & 0xFFFFFFFF)
    return np.array(key, np.uint32)


class Generator:
    """A seedable stream of random numbers, PyTorch's CPU generator.

        >>> import minigrad as torch
        >>> g = torch.Generator().manual_seed(42)
        >>> torch.randn(2, generator=g)
        tensor([0.3367, 0.1288])
    """

    def __init__(self, device: Any = "cpu") -> None:
        from ._device import device as _device

        self.device = _device(device)
        self._twister = np.random.MT19937()  # its state is set by manual_seed / set_state
        self.manual_seed(DEFAULT_SEED)

    def manual_seed(self, seed: Any) -> Generator:
        self._seed = _seed_value(seed)
        self._twister.state = {"bit_generator": "MT19937",
                               "state": {"key": _init_genrand(self._seed), "pos": _STATE_WORDS}}
        # PyTorch's twister marks "just seeded" apart from "used up all 624 words"; numpy's
        # does not, and get_rng_state must tell them apart to give PyTorch's bytes.
        self._fresh = True
        # The second value of the last small randn (Box-Muller gives two); the next small
        # randn starts with it, until the next seed, as in PyTorch.
        self.next_double_normal_sample: float | None = None
        self._next_float_normal_sample: float | None = None  # kept only for get/set_state
        return self

    def initial_seed(self) -> int:
        return self._seed

    def seed(self) -> int:
        """Seed from the operating system's entropy; returns the seed."""
        return self.manual_seed(int.from_bytes(os.urandom(8), "little")).initial_seed()

    def random(self, n: int) -> np.ndarray:
        """The next n 32-bit words (as uint64), PyTorch's `generator->random()` n times."""
        if n > 0:
            self._fresh = False
        return self._twister.random_raw(n)

    def random64(self, n: int) -> np.ndarray:
        """The next n 64-bit numbers, each two words, the first high: `random64()`."""
        words = self.random(2 * n)
        return (words[0::2] << np.uint64(32)) | words[1::2]

    def get_state(self) -> Any:
        """The state as PyTorch's uint8 tensor of 5056 bytes."""
        from .tensor import Tensor

        twister = self._twister.state["state"]
        state = np.zeros((), STATE_LAYOUT)
        state["the_initial_seed"], state["seeded"] = self._seed, 1
        state["left"] = _STATE_WORDS + 1 - twister["pos"]
        state["next"] = 0 if self._fresh else twister["pos"]
        state["state"] = twister["key"]
        if self.next_double_normal_sample is not None:
            state["normal_y"], state["normal_is_valid"] = self.next_double_normal_sample, 1
        if self._next_float_normal_sample is not None:
            state["next_float_normal_sample"] = self._next_float_normal_sample
            state["is_next_float_normal_sample_valid"] = 1
        return Tensor._make(np.frombuffer(state.tobytes(), np.uint8).copy())

    def set_state(self, new_state: Any) -> Generator:
        """Restore a state from get_state (minigrad's or PyTorch's)."""
        from .tensor import Tensor

        if not isinstance(new_state, Tensor):
            raise TypeError(f"expected a minigrad.ByteTensor, but got {type(new_state).__name__}")
        if new_state._data.dtype != np.uint8:
            raise TypeError("RNG state must be a minigrad.ByteTensor")
        if new_state._data.size != STATE_LAYOUT.itemsize:
            raise RuntimeError(f"Expected a CPUGeneratorImplState of size {STATE_LAYOUT.itemsize}"
                               f" but found the input RNG state size to be {new_state._data.size}")
        state = np.frombuffer(new_state._data.tobytes(), STATE_LAYOUT)[0]
        left, next_ = int(state["left"]), int(state["next"])
        if not (state["seeded"] and 0 < left <= _STATE_WORDS and next_ <= _STATE_WORDS):
            raise RuntimeError("Invalid mt19937 state")
        self._seed = int(state["the_initial_seed"])
        self._twister.state = {"bit_generator": "MT19937", "state": {
            "key": state["state"].astype(np.uint32), "pos": _STATE_WORDS + 1 - left}}
        self._fresh = left == 1 and next_ == 0
        self.next_double_normal_sample = \
            float(state["normal_y"]) if state["normal_is_valid"] else None
        self._next_float_normal_sample = float(state["next_float_normal_sample"]) \
            if state["is_next_float_normal_sample_valid"] else None
        return self


default_generator = Generator()


def manual_seed(seed: Any) -> Generator:
    """Seed minigrad's random numbers; returns the default Generator, as PyTorch does."""
    return default_generator.manual_seed(seed)


def initial_seed() -> int:
    return default_generator.initial_seed()


def seed() -> int:
    return default_generator.seed()


def get_rng_state() -> Any:
    """The default generator's state, PyTorch's uint8 tensor of 5056 bytes."""
    return default_generator.get_state()


def set_rng_state(new_state: Any) -> None:
    default_generator.set_state(new_state)


@contextlib.contextmanager
def fork_rng(devices: Any = None, enabled: bool = True, _caller: str = "fork_rng",
             _devices_kw: str = "devices", device_type: str = "cuda") -> Iterator[None]:
    """Draws inside the block leave the default generator where it was (CPU only here).

        >>> import minigrad as torch
        >>> _ = torch.manual_seed(0)
        >>> with torch.random.fork_rng():
        ...     _ = torch.rand(5)
        >>> torch.rand(1)
        tensor([0.4963])
    """
    if not enabled:
        yield
        return
    state = get_rng_state()
    try:
        yield
    finally:
        set_rng_state(state)
