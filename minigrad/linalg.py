"""minigrad.linalg: the part of torch.linalg that minigrad has (cross).

    >>> import minigrad as torch
    >>> torch.linalg.cross(torch.tensor([0.0, 1.0, 0.0]), torch.tensor([0.0, 0.0, 1.0]))
    tensor([1., 0., 0.])
"""

from .breadth.cross import linalg_cross as cross

__all__ = ["cross"]
