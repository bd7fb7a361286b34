"""A self-contained HTML player for a list of drawings: previous / next buttons.

Inline SVG and a few lines of plain JavaScript; nothing to install in Jupyter. Where
scripts do not run (an untrusted notebook, an HTML export without JS) every frame stays
visible one under another, so nothing is lost.

Example::

    >>> html = player_html([("step 0", drawing)])   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import html
import itertools
from typing import Any

from .render import INSTALL_HINT

_counter = itertools.count()

_SCRIPT = """<script>
(function () {
  var root = document.getElementById("%(uid)s");
  var frames = root.querySelectorAll(".mgv-frame");
  var counter = root.querySelector(".mgv-counter");
  var current = 0;
  function show(k) {
    current = Math.max(0, Math.min(frames.length - 1, k));
    for (var n = 0; n < frames.length; n++) {
      frames[n].style.display = n === current ? "" : "none";
    }
    counter.textContent = "step " + current + " of " + (frames.length - 1);
  }
  root.querySelectorAll("button").forEach(function (b) {
    b.addEventListener("click", function () { show(current + Number(b.dataset.move)); });
  });
  root.querySelector(".mgv-controls").style.display = "";
  show(0);
})();
</script>"""


def inline_svg(svg: str) -> str:
    """SVG document -> an ``<svg>`` element fit for an HTML page (no XML prolog)."""
    return svg[svg.index("<svg"):]


def player_html(frames: list[tuple[str, Any]], note: str = "") -> str:
    """HTML showing ``(caption, drawing)`` frames one at a time."""
    digest = hashlib.sha1("\n".join(c for c, _ in frames).encode()).hexdigest()[:10]
    uid = f"mgv-{digest}-{next(_counter)}"
    parts = [
        f'<div class="minigrad-viz-steps" id="{uid}">',
        '<div class="mgv-controls" style="display:none">'
        '<button type="button" data-move="-1">&#9664; previous</button> '
        '<span class="mgv-counter"></span> '
        '<button type="button" data-move="1">next &#9654;</button></div>',
    ]
    missing_graphviz = False
    for caption, drawing in frames:
        svg = drawing.svg()
        if svg is None:
            missing_graphviz = True
            picture = f"<pre>{html.escape(drawing.text)}</pre>"
        else:
            picture = inline_svg(svg)
        parts.append(f'<div class="mgv-frame"><p>{html.escape(caption)}</p>{picture}</div>')
    for line in ([note] if note else []) + ([INSTALL_HINT] if missing_graphviz else []):
        parts.append(f"<p>{html.escape(line)}</p>")
    parts.append(_SCRIPT % {"uid": uid})
    parts.append("</div>")
    return "\n".join(parts)
