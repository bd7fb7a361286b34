"""nn.CosineSimilarity: the cosine of the angle between two batches of vectors along a dim.

    >>> import minigrad as torch
    >>> cos = torch.nn.CosineSimilarity(dim=1)
    >>> cos(torch.tensor([[1.0, 0.0], [0.0, 3.0]]), torch.tensor([[0.0, 2.0], [0.0, 1.0]]))
    tensor([0., 1.])
"""

from __future__ import annotations

from ..tensor import Tensor
from . import functional as F
from .module import Module


class CosineSimilarity(Module):
    """F.cosine_similarity as a module (dim, eps)."""

    def __init__(self, dim: int = 1, eps: float = 1e-8) -> None:
        super().__init__()
        self.dim, self.eps = dim, eps

    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return F.cosine_similarity(x1, x2, self.dim, self.eps)
