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
