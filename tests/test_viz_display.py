"""How drawings show in a notebook: pictures that untrusted notebooks keep, that fit the
output area, with a legend that stays small, beside a stable text form for nbval.

A freshly cloned notebook is untrusted; JupyterLab then drops ``image/svg+xml`` outputs and
strips inline ``<svg>`` from HTML, but keeps an ``<img>`` with a ``data:`` URI. The lessons
as stored (what a learner sees before running anything) are checked here too.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from IPython.core.formatters import DisplayFormatter

import minigrad as torch
from minigrad import nn
from minigrad.viz import draw, draw_backward
from minigrad.viz.fit import MIN_SCALE, OUTPUT_AREA_PX

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
IMG = re.compile(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="[^"<>]*" '
                 r'style="max-width:100%;height:auto">')
LEGEND_MAX_PX = 60  # one row of small boxes, whatever the size of the graph


def shown(obj) -> dict:
    """The mime bundle IPython makes of ``obj`` (what a notebook stores)."""
    data, _ = DisplayFormatter().format(obj)
    return data


def img_svgs(html: str) -> list[str]:
    return [base64.b64decode(b).decode() for b in IMG.findall(html)]


def size_px(svg: str) -> tuple[float, float]:
    """The picture's natural size in CSS px (Graphviz writes pt: 3 pt = 4 px)."""
    m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    return float(m[1]) * 4 / 3, float(m[2]) * 4 / 3


def drawn_size(drawing) -> tuple[float, float]:
    return size_px(drawing.svg())


def chain(length: int = 12):
    x = torch.tensor(3.0, requires_grad=True)
    y = x
    for k in range(length):
        y = y.exp() if k % 2 else y.sin()
    return x, y


def mlp_loss():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
    return model, nn.MSELoss()(model(torch.randn(4, 2)), torch.randn(4, 1))


def test_a_drawing_shows_as_an_img_a_png_and_its_text_tree():
    x = torch.tensor(3.0, requires_grad=True)
    drawing = draw(x**2, params={"x": x})
    data = shown(drawing)
    # No image/svg+xml: untrusted JupyterLab would drop it (and show the text instead).
    assert set(data) == {"text/html", "image/png", "text/plain"}
    assert IMG.fullmatch(data["text/html"]) and "<svg" not in data["text/html"]
    (svg,) = img_svgs(data["text/html"])
    assert ">PowBackward0</text>" in svg and ">requires_grad=True</text>" in svg
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert data["text/plain"] == repr(drawing) == (
        "output, 9 (output)\n"
        "└── PowBackward0\n"
        "    └── AccumulateGrad\n"
        "        └── x, 3, requires_grad=True (leaf)"
    )


def test_the_same_graph_shows_the_same_bytes_on_every_run():
    # `make notebooks` twice leaves git clean only if every stored byte is reproducible.
    def fresh():
        x = torch.tensor(3.0, requires_grad=True)
        return shown(draw(x * x.detach() + x, params={"x": x}))

    assert fresh() == fresh()


def test_a_small_graph_stays_left_to_right_and_its_legend_small():
    x = torch.tensor(3.0, requires_grad=True)
    drawing = draw(x**2, params={"x": x})
    assert "rankdir=LR" in drawing.source
    width, height = drawn_size(drawing)
    assert width <= OUTPUT_AREA_PX and height <= 150
    assert height - drawn_size(draw(x**2, params={"x": x}, legend=False))[1] <= LEGEND_MAX_PX


def test_a_long_chain_runs_top_to_bottom_and_fits_unscaled():
    x, y = chain()
    assert drawn_size(draw(y, rankdir="LR"))[0] > OUTPUT_AREA_PX / MIN_SCALE
    drawing = draw(y, params={"x": x})
    assert "rankdir=TB" in drawing.source
    width, height = drawn_size(drawing)
    assert width <= OUTPUT_AREA_PX
    # The legend is one row, not a column as tall as the graph.
    assert height - drawn_size(draw(y, params={"x": x}, legend=False))[1] <= LEGEND_MAX_PX


def test_a_model_graph_fits_the_output_area():
    model, loss = mlp_loss()
    width, _ = drawn_size(draw(loss, params=model))
    assert width <= OUTPUT_AREA_PX


@pytest.mark.parametrize("rankdir", ["LR", "TB"])
def test_an_explicit_direction_is_kept(rankdir):
    _, y = chain()
    assert f"rankdir={rankdir}" in draw(y, rankdir=rankdir).source


def test_player_frames_are_pictures_the_first_shown_until_the_cell_runs():
    x, y = chain()
    steps = draw_backward(y, params={"x": x})
    data = shown(steps)
    assert set(data) == {"text/html", "text/plain"}
    html = data["text/html"]
    assert "<svg" not in html and len(img_svgs(html)) == len(steps) == 14
    frames = re.findall(r'<div class="mgv-frame"( style="display:none")?>', html)
    assert frames[0] == "" and all(frames[1:])  # scripts off: only the first frame shows
    assert '<div class="mgv-controls" style="display:none">' in html
    assert re.search(r'<p class="mgv-stored">Backward, step 0 of 13: run this cell', html)
    # Once run, the script shows the buttons and hides that line.
    assert 'querySelector(".mgv-stored").style.display = "none"' in html
    # One direction for every frame: the picture does not turn while stepping.
    assert {"rankdir=TB" in f.drawing.source for f in steps} == {True}
    assert data["text/plain"] == steps.text()


def stored_outputs():
    for path in NOTEBOOKS:
        for k, cell in enumerate(json.loads(path.read_text())["cells"]):
            for output in cell.get("outputs", []):
                yield f"{path.name} cell {k}", output.get("data", {})


def test_stored_lessons_hold_pictures_that_untrusted_notebooks_show_and_that_fit():
    pictures = 0
    for where, data in stored_outputs():
        assert "image/svg+xml" not in data, where
        html = "".join(data.get("text/html", ""))
        assert "<svg" not in html, where
        for svg in img_svgs(html):
            pictures += 1
            width, _ = size_px(svg)
            # Scaled to the output area (max-width:100%), text shrinks at most to MIN_SCALE.
            assert width * MIN_SCALE <= OUTPUT_AREA_PX, (where, width)
        if "data:image/svg+xml" in html:
            assert "text/plain" in data, where  # what nbval compares
    assert pictures > 0


# Words that place something in a picture: "at the bottom", "from the top", "left of the picture".
PLACE = re.compile(r"\b(?:at|from) the (top|bottom|left|right)\b|\b(top|bottom|left|right) of the "
                   r"(?:picture|drawing)\b")
DOWN_TO = re.compile(r"`(\w+)` down to `(\w+)`")


def label_positions(svg: str) -> tuple[dict[str, list[float]], bool]:
    """Each node's first label line -> the heights it is drawn at (SVG y grows downwards), and
    whether the graph runs top to bottom (its edges cover more height than width)."""
    heights: dict[str, list[float]] = {}
    centre = {}
    for name, body in re.findall(r'<g id="node\d+" class="node">\s*<title>(.*?)</title>(.*?)</g>',
                                 svg, re.S):
        x, y, label = re.search(r'<text [^>]*x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)</text>',
                                body).groups()
        heights.setdefault(label, []).append(float(y))
        centre[name] = (float(x), float(y))
    edges = [(centre[a], centre[b]) for a, b in re.findall(
        r'<g id="edge\d+" class="edge">\s*<title>(.*?)&#45;&gt;(.*?)</title>', svg)]
    down = sum(abs(b[1] - a[1]) for a, b in edges)
    across = sum(abs(b[0] - a[0]) for a, b in edges)
    return heights, down > across


def test_where_a_lesson_places_something_in_its_picture_the_stored_picture_agrees():
    """draw() lays a graph out left to right or top to bottom, whichever fits (viz/fit.py), so
    "at the bottom of the picture", written beside one graph, is wrong beside a wider one."""
    checked = 0
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text())["cells"]
        for k, cell in enumerate(cells):
            svgs = [svg for output in cell.get("outputs", [])
                    for svg in img_svgs("".join(output.get("data", {}).get("text/html", "")))]
            if not svgs:
                continue
            heights, top_to_bottom = label_positions(svgs[0])  # a player's frames all alike
            for near in (k - 1, k + 1):
                if not 0 <= near < len(cells) or cells[near]["cell_type"] != "markdown":
                    continue
                text, where = "".join(cells[near]["source"]), f"{path.name} cell {near}"
                for m in PLACE.finditer(text):
                    checked += 1
                    assert top_to_bottom == ((m[1] or m[2]) in ("top", "bottom")), \
                        (where, m[0], "top to bottom" if top_to_bottom else "left to right")
                for above, below in DOWN_TO.findall(text):
                    checked += 1
                    assert top_to_bottom and max(heights[above]) < min(heights[below]), \
                        (where, f"{above} down to {below}")
    assert checked  # lesson 09 reads its model's graph "from the top"
