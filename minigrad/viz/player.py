"""A self-contained HTML player for a list of drawings: previous / next buttons.

Each frame is an ``<img>`` (see embed.py), with a few lines of plain JavaScript; nothing
to install in Jupyter. Where scripts do not run (an untrusted notebook as stored, an HTML
export without JS, GitHub) the first frame shows, with one line saying that the buttons
work once the cell has run.

Example::

    >>> import minigrad as torch
    >>> from minigrad.viz import draw
    >>> from minigrad.viz.player import player_html
    >>> x = torch.tensor(2.0, requires_grad=True)
    >>> player_html([draw(x * x)]).count('class="mgv-frame"')
    1
"""

from __future__ import annotations

import hashlib
import html
import itertools
from typing import Any

from .embed import svg_img
from .render import INSTALL_HINT

_counter = itertools.count()

STORED_NOTE = (
    "Backward, step 0 of {last}: run this cell to step through it with the "
    "&#9664; previous / next &#9654; buttons."
)

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
  root.querySelector(".mgv-stored").style.display = "none";
  show(0);
})();
</script>"""


def player_html(frames: list[Any], note: str = "") -> str:
    """HTML showing drawings (``GraphDrawing``) one at a time, with previous/next buttons.

    The page's id hashes the frames' text, so the same frames give the same HTML in a
    fresh kernel (notebook outputs stay comparable).
    """
    digest = hashlib.sha1("\n".join(d.text for d in frames).encode()).hexdigest()[:10]
    uid = f"mgv-{digest}-{next(_counter)}"
    parts = [
        f'<div class="minigrad-viz-steps" id="{uid}">',
        '<div class="mgv-controls" style="display:none">'
        '<button type="button" data-move="-1">&#9664; previous</button> '
        '<span class="mgv-counter"></span> '
        '<button type="button" data-move="1">next &#9654;</button></div>',
    ]
    missing_graphviz = False
    for k, drawing in enumerate(frames):
        svg = drawing.svg()
        if svg is None:
            missing_graphviz = True
            picture = f"<pre>{html.escape(drawing.text)}</pre>"
        else:
            picture = svg_img(svg, f"backward, step {k} of {len(frames) - 1}")
        # Each picture carries its own caption (graph label / last line of the text tree).
        hidden = ' style="display:none"' if k else ""
        parts.append(f'<div class="mgv-frame"{hidden}>{picture}</div>')
    parts.append(f'<p class="mgv-stored">{STORED_NOTE.format(last=len(frames) - 1)}</p>')
    for line in ([note] if note else []) + ([INSTALL_HINT] if missing_graphviz else []):
        parts.append(f"<p>{html.escape(line)}</p>")
    parts.append(_SCRIPT % {"uid": uid})
    parts.append("</div>")
    return "\n".join(parts)
