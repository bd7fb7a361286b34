"""The random number generator behind rand/randn/randint and nn.Linear's initialisation.

    >>> import minigrad as torch
    >>> _ = torch.manual_seed(0); a = torch.rand(2)
    >>> _ = torch.manual_seed(0); torch.equal(a, torch.rand(2))
    True

Seeded runs repeat exactly, but the numbers differ from PyTorch's (another algorithm).
"""

from __future__ import annotations

import numpy as np

# PyTorch's default seed at start-up, so an unseeded program is still reproducible here.
DEFAULT_SEED = 67280421310721


class Generator:
    """A seedable source of random numbers (wraps numpy's PCG64)."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.manual_seed(seed)

    def manual_seed(self, seed: int) -> Generator:
        self._seed = int(seed)
        self.rng = np.random.default_rng(self._seed)
        return self

    def initial_seed(self) -> int:
        return self._seed

    def seed(self) -> int:
        return self.manual_seed(int(np.random.SeedSequence().entropy % 2**63)).initial_seed()

    def get_state(self) -> dict:
        return self.rng.bit_generator.state

    def set_state(self, state: dict) -> None:
        self.rng.bit_generator.state = state


default_generator = Generator()


def manual_seed(seed: int) -> Generator:
    """Seed minigrad's random numbers; returns the default Generator, as PyTorch does."""
    return default_generator.manual_seed(seed)


def initial_seed() -> int:
    return default_generator.initial_seed()


def seed() -> int:
    return default_generator.seed()


def get_rng_state() -> dict:
    return default_generator.get_state()


def set_rng_state(state: dict) -> None:
    default_generator.set_state(state)
