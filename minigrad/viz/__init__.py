"""minigrad.viz: pictures of autograd graphs, for minigrad and torch tensors alike.

- ``draw(output)`` returns a ``graphviz.Digraph`` of the graph behind ``output``.
- ``draw_backward(output)`` shows backward running through it, one node per step.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz import draw
    >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
    >>> draw((x * x).sum(), params={"x": x})   # a picture in Jupyter  # doctest: +SKIP
"""

from .backward_steps import BackwardSteps, Frame, draw_backward
from .draw import draw
from .render import GraphDrawing, render_svg

__all__ = ["BackwardSteps", "Frame", "GraphDrawing", "draw", "draw_backward", "render_svg"]
