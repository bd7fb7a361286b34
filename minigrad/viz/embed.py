"""Pictures as HTML that every notebook viewer shows, trusted or not.

A freshly cloned notebook is not trusted, and JupyterLab then drops ``image/svg+xml``
outputs and strips inline ``<svg>`` from HTML (keeping only its text). Its sanitizer keeps
an ``<img>`` whose source is a ``data:`` URI, which is plain HTML to every other viewer too,
so that is how drawings are shown: the SVG, base64-encoded, scaled down to the output
area's width (never up) with its proportions kept.

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


def svg_img(svg: str, alt: str) -> str:
    """An ``<img>`` showing the SVG document ``svg``, fitted to its container's width."""
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="{src}" alt="{html.escape(alt)}" style="{FIT_STYLE}">'
