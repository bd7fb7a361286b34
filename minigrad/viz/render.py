"""DOT source -> SVG, with fallbacks, and the Digraph that displays itself that way.

Rendering tries, in order:

1. the system ``dot`` program (what ``graphviz.Digraph`` normally runs);
2. pygraphviz's Graphviz, linked into the process (its wheels bundle Graphviz, so a plain
   ``pip install`` is enough);
3. nothing: the drawing shows as its text tree plus one line on how to get Graphviz.

Example::

    >>> svg = render_svg('digraph { a -> b }')
    >>> svg is None or svg.lstrip().startswith('<?xml')
    True
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import graphviz

from .embed import svg_img

INSTALL_HINT = (
    "(No Graphviz found to draw this picture: `pip install pygraphviz` bundles it, "
    "or install the `dot` program, e.g. `apt install graphviz` / `brew install graphviz`.)"
)


def render(source: str, format: str = "svg") -> bytes | None:
    """DOT ``source`` laid out and rendered to ``format``, or None without any Graphviz."""
    for renderer in (_with_dot_program, _with_pygraphviz):
        out = renderer(source, format)
        if out is not None:
            return out
    return None


def render_svg(source: str) -> str | None:
    """SVG text for DOT ``source``, or None when no Graphviz is available."""
    svg = render(source, "svg")
    return None if svg is None else svg.decode()


def _with_dot_program(source: str, format: str) -> bytes | None:
    dot = shutil.which("dot")
    if dot is None:
        return None
    try:
        done = subprocess.run(
            [dot, f"-T{format}"], input=source.encode(), capture_output=True, timeout=60,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None  # a broken install: let the next renderer try
    return done.stdout


def _with_pygraphviz(source: str, format: str) -> bytes | None:
    try:
        import pygraphviz
    except ImportError:
        return None
    with _quiet_stderr():
        return pygraphviz.AGraph(string=source).draw(format=format, prog="dot")


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence C-level stderr while the in-process Graphviz runs.

    Its font library may print configuration warnings straight to file descriptor 2;
    Jupyter would show them under the picture and nbval would see them as output. Real
    errors still surface: pygraphviz raises them as Python exceptions.
    """
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class GraphDrawing(graphviz.Digraph):
    """A ``graphviz.Digraph`` that always shows something and whose repr is stable.

    In Jupyter it displays as a picture (SVG through the fallback chain above, in an
    ``<img>`` that untrusted notebooks keep, plus a PNG); its ``repr()`` (and
    the ``text/plain`` a notebook stores) is the text tree, free of memory addresses.
    """

    def __init__(self, *args: Any, text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text = text

    def _copy_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        # graphviz builds copies and subgraphs through this; keep the text along.
        return {**super()._copy_kwargs(**kwargs), "text": self.text}

    def pipe(self, format: str | None = None, *args: Any, encoding: str | None = None,
             **kwargs: Any) -> Any:
        """As ``graphviz.Digraph.pipe``, but without a ``dot`` program it uses the bundled
        Graphviz: ``drawing.pipe("png")`` works after a plain ``pip install``."""
        if shutil.which("dot") is not None:
            return super().pipe(format, *args, encoding=encoding, **kwargs)
        out = render(self.source, format or self.format)
        if out is None:
            raise RuntimeError(INSTALL_HINT)
        return out if encoding is None else out.decode(encoding)

    def svg(self) -> str | None:
        """The SVG of this drawing, or None when no Graphviz is available."""
        return render_svg(self.source)

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None, **_: Any
    ) -> dict[str, str]:
        # No image/svg+xml: untrusted JupyterLab drops it. An <img> in text/html shows
        # everywhere (see embed.py); the PNG serves viewers that show no HTML. nbval
        # compares text/plain only (conftest.py).
        svg = self.svg()
        if svg is None:
            return {"text/plain": self.text + "\n" + INSTALL_HINT}
        bundle = {"text/html": svg_img(svg, "autograd graph: " + self.text.split("\n")[0]),
                  "text/plain": self.text}
        png = render(self.source, "png")
        if png is not None:
            bundle["image/png"] = base64.b64encode(png).decode("ascii")
        return bundle

    def __repr__(self) -> str:
        return self.text
