"""Reference solution: ex02 the graph."""


def predict_grad_fn():
    return {"a": None, "b": None, "c": "MulBackward0", "d": "ExpBackward0", "e": "SumBackward0",
            "f": None}


def _nodes(y):
    """The graph's nodes breadth-first from y.grad_fn, each once (keyed by identity)."""
    order, seen, queue = [], {id(y.grad_fn)}, [y.grad_fn]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for child, _ in node.next_functions:
            if child is not None and id(child) not in seen:
                seen.add(id(child))
                queue.append(child)
    return order


def grad_fn_names(y):
    return [node.name() for node in _nodes(y)]


def leaves(y):
    return [node.variable for node in _nodes(y) if hasattr(node, "variable")]
