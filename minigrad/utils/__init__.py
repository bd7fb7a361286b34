"""minigrad.utils: data loading (utils.data), as torch.utils."""

from . import data

__all__ = ["data"]
