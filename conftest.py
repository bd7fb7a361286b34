"""nbval settings for the lessons (here, not beside them in notebooks/, where a learner
browsing the lessons would meet it; pytest reads it for every path below).

nbval compares every output's text/plain and stream text strictly, and skips image/png by its
own rule. Pictures are compared by their text form only: a drawing's text/html holds its SVG
(an <img> with a data: URI, which untrusted notebooks keep), and that SVG differs between
Graphviz builds (system `dot` or pygraphviz's bundled one), while the drawing's text/plain
repr is stable by design. check()'s HTML feedback has the same text in text/plain.
"""


def pytest_collectstart(collector):
    if getattr(collector, "fspath", None) and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html",)
