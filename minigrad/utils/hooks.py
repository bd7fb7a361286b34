"""minigrad.utils.hooks, as torch.utils.hooks: the handle every register_*hook returns.

    >>> import minigrad as torch
    >>> x = torch.tensor(1.0, requires_grad=True)
    >>> with x.register_hook(lambda grad: grad * 10) as handle:  # removed at the end
    ...     (x * 2).backward()
    >>> x.grad, isinstance(handle, torch.utils.hooks.RemovableHandle)
    (tensor(20.), True)
"""

from ..autograd.hooks import RemovableHandle

__all__ = ["RemovableHandle"]
