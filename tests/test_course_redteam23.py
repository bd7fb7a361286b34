"""Red team 23's attacks on the grader, each a real learner file run through the real grader.

What held (each tried as a real file): see docs/grading.md, "What the grader believes".
"""

import folder_sandboxes
import pytest

box, grade = folder_sandboxes.box, folder_sandboxes.grade

# ---- ex05: y's nodes "run" on a memo ---------------------------------------------------------
# Against "the walk ran every node of y's graph": each node class's step (_apply_arrays, and
# _apply for nodes with hooks) wrapped to hand back what it computed for that node in the first
# call. y.backward() n times without retain_graph: the first call computed and freed y's saved
# tensors, the other n - 1 walked y's graph on the memo, and it scored 1/1. A node counts as run
# only where minigrad's formula ran on it as the walk's step.
_STEPS_MEMOIZED = """
    def grad_after_n(y, x, n):
        memo, wrapped = {}, set()
        seen, waiting = [], [y.grad_fn]
        while waiting:
            node = waiting.pop()
            if node is None or any(node is s for s in seen):
                continue
            seen.append(node)
            waiting += [edge[0] for edge in node.next_functions]
        for node in seen:
            cls = type(node)
            if cls in wrapped or cls.__name__ == "AccumulateGrad":
                continue
            wrapped.add(cls)
            for name in ("_apply_arrays", "_apply"):
                def step(self, grads, _step=getattr(cls, name), _name=name):
                    key = (id(self), _name)
                    if key not in memo:
                        memo[key] = _step(self, grads)
                    return memo[key]
                setattr(cls, name, step)
        for _ in range(n):
            y.backward()
        return x.grad
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_a_memo_of_ys_steps_is_no_walk_through_y(grade, seed):
    t = grade("ex05", _STEPS_MEMOIZED, seed=seed)["grad_after_n"]
    assert (t.status, t.points) == ("failed", 0), t.feedback


# Then each node class's formula memoized in its place (the array formula a step closes over
# given anew, the class's backward replaced), each node's freed values set to none after the
# first call (`node._saved = ()`) so that minigrad's own step runs it: 1/1 again. A node counts
# as run only while it holds the saved values it was made with.
_FORMULAS_MEMOIZED = """
    import types

    def grad_after_n(y, x, n):
        memo, done = {}, set()
        seen, waiting = [], [y.grad_fn]
        while waiting:
            node = waiting.pop()
            if node is None or any(node is s for s in seen):
                continue
            seen.append(node)
            waiting += [edge[0] for edge in node.next_functions]
        seen = [node for node in seen if type(node).__name__ != "AccumulateGrad"]

        def remembered(formula):
            def run(self, grad):
                if id(self) not in memo:
                    memo[id(self)] = formula(self, grad)
                return memo[id(self)]
            return run

        for cls in {type(node) for node in seen}:
            step = cls._apply_arrays
            names, cells = step.__code__.co_freevars, list(step.__closure__ or ())
            if "formula" in names:
                i = names.index("formula")
                cells[i] = types.CellType(remembered(cells[i].cell_contents or cls.backward))
                cls._apply_arrays = types.FunctionType(step.__code__, step.__globals__,
                                                       step.__name__, None, tuple(cells))
            cls.backward = remembered(cls.backward)
        y.backward()
        for _ in range(n - 1):
            for node in seen:
                node._saved = ()
            y.backward()
        return x.grad
    """


@pytest.mark.parametrize("seed", [0, 5])
def test_a_memo_of_ys_formulas_is_no_walk_through_y(grade, seed):
    t = grade("ex05", _FORMULAS_MEMOIZED, seed=seed)["grad_after_n"]
    assert (t.status, t.points) == ("failed", 0), t.feedback

