"""minigrad.utils: data loading (utils.data) and hook handles (utils.hooks), as torch.utils."""

from . import data, hooks

__all__ = ["data", "hooks"]
