"""Rendering minigrad.viz drawings: system dot -> pygraphviz in-process -> text tree."""

from __future__ import annotations

import base64
import re
import shutil
import sys
import xml.etree.ElementTree as ET

import pytest

import minigrad as torch
from minigrad.viz import draw, draw_backward
from minigrad.viz.render import INSTALL_HINT

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    """A PATH with no `dot` program on it."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert shutil.which("dot") is None


@pytest.fixture
def no_graphviz(no_dot, monkeypatch):
    """Neither `dot` nor pygraphviz (a None entry in sys.modules makes import fail)."""
    monkeypatch.setitem(sys.modules, "pygraphviz", None)


@pytest.fixture
def fake_dot(monkeypatch, tmp_path):
    """A `dot` on PATH that answers every request with the same tiny SVG."""
    script = tmp_path / "dot"
    script.write_text(
        "#!/bin/sh\ncat > /dev/null\n"
        "echo '<svg xmlns=\"http://www.w3.org/2000/svg\"><text>from system dot</text></svg>'\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # raises if the SVG is not well-formed XML
    assert root.tag == SVG_NS + "svg"
    return [t.text for t in root.iter(SVG_NS + "text")]


def img_svgs(page: str) -> list[str]:
    """The SVG documents shown by the page's data-URI <img>s."""
    found = re.findall(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)
    return [base64.b64decode(b).decode() for b in found]


def square():
    x = torch.tensor(3.0, requires_grad=True)
    return x, x**2


def test_svg_from_bundled_graphviz_without_dot(no_dot):
    x, y = square()
    drawing = draw(y, params={"x": x})
    texts = svg_texts(drawing.svg())
    for expected in ("output", "9", "PowBackward0", "AccumulateGrad", "x", "requires_grad=True"):
        assert expected in texts
    bundle = drawing._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "text/plain"}
    assert bundle["text/plain"] == repr(drawing)
    assert svg_texts(img_svgs(bundle["text/html"])[0]) == texts


def test_text_fallback_when_no_graphviz_at_all(no_graphviz):
    x, y = square()
    drawing = draw(y, params={"x": x})
    assert drawing.svg() is None
    bundle = drawing._repr_mimebundle_()
    assert set(bundle) == {"text/plain"}
    assert bundle["text/plain"] == repr(drawing) + "\n" + INSTALL_HINT
    assert "PowBackward0" in bundle["text/plain"]
    assert "pip install pygraphviz" in INSTALL_HINT


def test_system_dot_is_preferred(fake_dot):
    _, y = square()
    assert svg_texts(draw(y).svg()) == ["from system dot"]


def test_broken_dot_falls_back_to_bundled_graphviz(monkeypatch, tmp_path):
    script = tmp_path / "dot"
    script.write_text("#!/bin/sh\nexit 1\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    _, y = square()
    assert "PowBackward0" in svg_texts(draw(y).svg())


def test_backward_player_html_with_picture_frames(no_dot):
    x, y = square()
    steps = draw_backward(y, params={"x": x})
    page = steps._repr_mimebundle_()["text/html"]
    assert page.count('class="mgv-frame"') == len(steps) == 3
    svgs = img_svgs(page)
    assert len(svgs) == 3 and "<svg" not in page  # pictures as <img>, never inline
    assert "previous" in page and "next" in page and "<script>" in page
    assert len(re.findall(r'src="', page)) == 3  # self-contained: nothing fetched
    assert "PowBackward0" in svg_texts(svgs[1])


def test_backward_player_text_frames_without_graphviz(no_graphviz):
    x, y = square()
    page = draw_backward(y, params={"x": x}).html()
    assert page.count("<pre>") == 3 and "<svg" not in page
    assert page.count("pip install pygraphviz") == 1


def test_pipe_uses_bundled_graphviz_without_dot(no_dot):
    _, y = square()
    assert draw(y).pipe(format="png").startswith(b"\x89PNG")
    assert "PowBackward0" in svg_texts(draw(y).pipe(format="svg", encoding="utf-8"))


def test_pipe_without_any_graphviz_says_how_to_install(no_graphviz):
    _, y = square()
    with pytest.raises(RuntimeError, match="pip install pygraphviz"):
        draw(y).pipe(format="svg")
