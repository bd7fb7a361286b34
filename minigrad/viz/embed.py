"""Pictures as HTML that every notebook viewer shows, trusted or not.

A freshly cloned notebook is not trusted, and JupyterLab then drops ``image/svg+xml``
outputs and strips inline ``<svg>`` from HTML (keeping only its text). An ``<img>`` whose
source is a ``data:`` URI survives, in JupyterLab, Notebook 7, VS Code and GitHub alike, so
that is how drawings are shown: the SVG, base64-encoded, scaled down to the output area's
width (never up) with its proportions kept.

Example::

    >>> tag = svg_img('<svg width="80pt" height="40pt"></svg>', "a tiny picture")
    >>> tag.startswith('<img src="data:image/svg+xml;base64,')
    True
    >>> 'style="max-width:100%;height:auto"' in tag
    True
"""

from __future__ import annotations

import base64
import html

FIT_STYLE = "max-width:100%;height:auto"


def data_uri(data: bytes, mimetype: str) -> str:
    return f"data:{mimetype};base64,{base64.b64encode(data).decode('ascii')}"


def svg_img(svg: str, alt: str, style: str = FIT_STYLE) -> str:
    """An ``<img>`` showing the SVG document ``svg``, fitted to its container's width."""
    src = data_uri(svg.encode("utf-8"), "image/svg+xml")
    return f'<img src="{src}" alt="{html.escape(alt)}" style="{style}">'
