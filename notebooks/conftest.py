"""nbval settings for the lessons.

Pictures are compared by their text form only: the SVG and HTML that Graphviz produces differ
between Graphviz builds (system `dot` or pygraphviz's bundled one), while a drawing's text/plain
repr is stable by design.
"""


def pytest_collectstart(collector):
    if getattr(collector, "fspath", None) and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("image/svg+xml", "image/png", "text/html",
                                   "application/javascript")
