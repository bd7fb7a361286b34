"""Which of an exercise's task functions a learner's function calls.

ex09's ``fit`` calls the learner's own ``training_step`` (the docstring's loop is a training
step per batch), so a wrong training_step makes a right fit's history wrong too, and fit's
feedback then read as if fit's loop were at fault. The grader adds a line to such a task:
the function it calls fails its own check, so fix that one first. A class is said to use
what it calls, and to be used (ex10's Value class uses the learner's topological_order).

    >>> source = '''
    ... def training_step(model, loss_fn, optimizer, x, y):
    ...     return 0.0
    ... def fit(model, loss_fn, optimizer, batches, epochs):
    ...     return [training_step(model, loss_fn, optimizer, x, y) for x, y in batches]
    ... '''
    >>> called_tasks(source, ("training_step", "fit", "train_mlp"))
    {'fit': ['training_step']}
    >>> fix_first("fit", "training_step", classes=set())[:41]
    'Your fit calls your training_step, which '
    >>> fix_first("Value", "topological_order", classes={"Value"})[:51]
    'Your Value class uses your topological_order, which'
"""

from __future__ import annotations

import ast

from course import learner_source


def called_tasks(source: str, names: tuple[str, ...]) -> dict[str, list[str]]:
    """For each task whose function (or class) the file defines at its top level, the other
    tasks' names it uses, in the tasks' order; tasks that use none are left out. A file that
    does not parse here uses none."""
    tree = learner_source.parse(source).tree
    if tree is None:
        return {}
    used: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and \
                node.name in names:
            seen = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            others = [name for name in names if name != node.name and name in seen]
            if others:
                used[node.name] = others
    return used


def classes(source: str, names: tuple[str, ...]) -> set[str]:
    """Which of ``names`` the file defines at its top level as a class."""
    tree = learner_source.parse(source).tree
    return set() if tree is None else {
        node.name for node in tree.body if isinstance(node, ast.ClassDef) and node.name in names}


def fix_first(name: str, other: str, classes: set[str]) -> str:
    """The line under ``name``'s feedback when it uses ``other``, which fails its own check:
    a function calls a function; a class, or a function that makes one, uses it."""
    def called(task: str) -> str:
        return f"{task} class" if task in classes else task

    verb = "uses" if classes & {name, other} else "calls"
    return (f"Your {called(name)} {verb} your {called(other)}, which fails its own check: "
            f"fix {other} first, since its mistake changes {name}'s results too.")
