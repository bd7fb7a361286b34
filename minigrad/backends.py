"""minigrad.backends: the switches of PyTorch's GPU backends, for code that sets them.

    torch.backends.cudnn.deterministic = True    # accepted; minigrad is deterministic anyway
    torch.backends.mps.is_available()            # False
"""

from __future__ import annotations


class _Backend:
    """A backend that is not there: is_available() and is_built() are False; its flags can be
    set and read."""

    def __init__(self, **flags: bool) -> None:
        self.__dict__.update(flags)

    @staticmethod
    def is_available() -> bool:
        return False

    @staticmethod
    def is_built() -> bool:
        return False


cudnn = _Backend(enabled=True, benchmark=False, deterministic=False, allow_tf32=True)
mps = _Backend()
cuda = _Backend()
