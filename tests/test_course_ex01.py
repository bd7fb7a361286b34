"""ex01 as learners write it: a freeze that changes the caller's list or misspells the flag,
and predictions written as (is_leaf, requires_grad), each told what went wrong. Each learner
file runs through the real grader."""

import folder_sandboxes
import pytest

# The grading fixtures the files that grade learner programs share (see folder_sandboxes).
box, grade = folder_sandboxes.box, folder_sandboxes.grade


def test_a_freeze_that_empties_the_list_is_told_so_not_shown_a_grader_error(grade):
    # The probe once zipped the list against the tensors given with strict=True, and the
    # learner saw the grader's own "raised ValueError: zip() argument 2 is longer ...".
    t = grade("ex01", """
        def freeze(params):
            for p in params:
                p.requires_grad_(False)
            params.clear()
        """)["freeze"]
    assert (t.status, t.misconception) == ("failed", "list-emptied"), t.feedback
    assert "tensors in params after the call: expected 2, got 0" in t.feedback
    assert "ValueError" not in t.feedback and "zip()" not in t.feedback


def test_a_freeze_that_removes_the_tensors_unfrozen_says_what_changed(grade):
    t = grade("ex01", """
        def freeze(params):
            for p in list(params):
                params.remove(p)
        """)["freeze"]
    assert t.status == "failed", t.feedback
    assert "tensors in params after the call: expected 2, got 0" in t.feedback
    assert "ValueError" not in t.feedback


def test_a_misspelled_flag_is_named_as_a_new_attribute(grade):
    # Python (and PyTorch) accept p.require_grad = False silently: nothing else says why.
    for typo in ("require_grad", "requires_gradient", "requiresgrad"):
        t = grade("ex01", f"""
            def freeze(params):
                for p in params:
                    p.{typo} = False
            """)["freeze"]
        assert (t.status, t.misconception) == ("failed", "misspelled-attribute"), t.feedback
        assert "attribute that tensors do not have" in t.feedback


def test_rebinding_is_still_named_as_rebinding(grade):
    t = grade("ex01", """
        def freeze(params):
            for p in params:
                p = p.detach()
        """)["freeze"]
    assert (t.status, t.misconception) == ("failed", "rebinding"), t.feedback


def test_the_reference_freeze_passes(grade):
    t = grade("ex01", """
        def freeze(params):
            for p in params:
                p.requires_grad = False
        """)["freeze"]
    assert t.status == "passed", t.feedback


def test_pairs_written_the_other_way_round_are_named(grade):
    t = grade("ex01", """
        def predict_flags():
            return {"w": (True, True), "a": (True, False), "y": (False, True),
                    "z": (True, False), "m": (True, False), "s": (False, True)}
        """)["predict_flags"]
    assert (t.status, t.misconception) == ("failed", "pairs-swapped"), t.feedback
    assert "(requires_grad, is_leaf)" in t.feedback


def test_pairs_swapped_beside_a_slip_are_still_named(grade):
    # Every pair the other way round but s's, wrong in a way of the learner's own: no mistake
    # gives the whole answer, and the first wrong prediction, a.requires_grad, is
    # requires-grad-by-default's too, listed first. That one was named ("a and z taken to
    # require grad"); pairs-swapped gives 11 of the learner's 12 predictions, it 8.
    t = grade("ex01", """
        def predict_flags():
            return {"w": (True, True), "a": (True, False), "y": (False, True),
                    "z": (True, False), "m": (True, False), "s": (False, False)}
        """)["predict_flags"]
    assert (t.status, t.misconception) == ("failed", "pairs-swapped"), t.feedback


def test_results_taken_for_leaves_are_not_told_requires_grad_spreads(grade):
    # requires_grad right everywhere, y and s predicted leaves: the first fact that differs,
    # y.is_leaf, was results-untracked's too, and the learner read "requires_grad spreads",
    # about the half they had right.
    t = grade("ex01", """
        def predict_flags():
            return {"w": (True, True), "a": (False, True), "y": (True, True),
                    "z": (False, True), "m": (False, True), "s": (True, True)}
        """)["predict_flags"]
    assert (t.status, t.misconception) == ("failed", "tracked-results-are-leaves"), t.feedback
    assert "requires_grad spreads" not in t.feedback


def test_a_taken_to_require_grad_is_not_told_its_pairs_are_swapped(grade):
    # a and z predicted tracked, every other pair right: a.requires_grad, the first fact that
    # differs, was pairs-swapped's too, and the learner read "each of your pairs is right the
    # other way round", true of none of them.
    t = grade("ex01", """
        def predict_flags():
            return {"w": (True, True), "a": (True, True), "y": (True, False),
                    "z": (True, False), "m": (False, True), "s": (True, False)}
        """)["predict_flags"]
    assert (t.status, t.misconception) == ("failed", "requires-grad-by-default"), t.feedback
    assert "other way round" not in t.feedback


def test_a_trainable_tensor_with_a_misspelled_flag_is_named(grade):
    # t.requires_grad_ = True hides the method behind a new attribute, t.require_grad = True
    # makes one: either way the tensor does not require grad, and only "expected True, got
    # False" said so.
    for line in ("t.requires_grad_ = True", "t.require_grad = True"):
        t = grade("ex01", f"""
            import minigrad as torch

            def make_trainable(values):
                t = torch.tensor(values, dtype=torch.float32)
                {line}
                return t
            """)["make_trainable"]
        assert (t.status, t.misconception) == ("failed", "misspelled-attribute"), t.feedback
        assert "attribute that tensors do not have" in t.feedback


def test_requires_grad_underscore_with_no_argument_is_named(grade):
    # requires_grad_() switches tracking on (its argument defaults to True): it changed no
    # flag of tensors that all required grad, and was told 'nothing changed them ... only
    # rebinds the name', of code that rebinds no name.
    t = grade("ex01", """
        def freeze(params):
            for p in params:
                p.requires_grad_()
        """, seed=0)["freeze"]
    assert (t.status, t.misconception) == ("failed", "switched-on"), t.feedback
    assert "rebinds" not in t.feedback


def test_a_flag_called_as_a_method_is_told_what_it_is(grade):
    t = grade("ex01", """
        def freeze(params):
            for p in params:
                p.requires_grad(False)
        """, seed=0)["freeze"]
    assert "'bool' object is not callable" in t.feedback, t.feedback
    assert "without parentheses" in t.feedback and "requires_grad_(False)" in t.feedback


# Wrong answers of the second learner pass, each once told only "expected X, got Y" (or, for
# grad mode switched off, that it had rebound a name): (task, misconception, learner file).
SECOND_PASS = {
    "w taken for no leaf": ("predict_flags", "tracked-is-no-leaf", """
        def predict_flags():
            return {"w": (True, False), "a": (False, True), "y": (True, False),
                    "z": (False, True), "m": (False, True), "s": (True, False)}
        """),
    "requires_grad never asked": ("make_trainable", "not-asked", """
        import minigrad as torch
        def make_trainable(values):
            return torch.tensor(values, dtype=torch.float32)
        """),
    "requires_grad_ not called": ("make_trainable", "not-asked", """
        import minigrad as torch
        def make_trainable(values):
            t = torch.tensor(values, dtype=torch.float32)
            t.requires_grad_
            return t
        """),
    "grad mode switched off": ("freeze", "grad-mode-off", """
        import minigrad as torch
        def freeze(params):
            torch.set_grad_enabled(False)
        """),
    "one tensor short": ("freeze", "last-left-out", """
        def freeze(params):
            for i in range(len(params) - 1):
                params[i].requires_grad_(False)
        """),
    # learn36's day-one pass
    "half precision": ("make_trainable", "float16", """
        import minigrad as torch
        def make_trainable(values):
            return torch.tensor(values, dtype=torch.float16, requires_grad=True)
        """),
    "flag flipped": ("freeze", "toggled", """
        def freeze(params):
            for p in params:
                p.requires_grad = not p.requires_grad
        """),
    # learn37b: the flag set on the int64 tensor, whose error's words are not
    # requires_grad_()'s, was told only the error
    "flag set on ints": ("make_trainable", "int-then-flag-set", """
        import minigrad as torch
        def make_trainable(values):
            t = torch.tensor(values)
            t.requires_grad = True
            return t
        """),
}


@pytest.mark.parametrize("mistake", sorted(SECOND_PASS))
def test_second_pass_mistakes_are_named(grade, mistake):
    folder_sandboxes.assert_named(grade, "ex01", *SECOND_PASS[mistake])


def test_a_freeze_that_starts_at_the_second_tensor_is_named(grade):
    # It read "params[0].requires_grad: expected False, got True" alone.
    t = grade("ex01", """
        def freeze(params):
            for p in params[1:]:
                p.requires_grad_(False)
        """)["freeze"]
    assert (t.status, t.misconception) == ("failed", "first-left-out"), t.feedback
    assert "Python counts from 0" in t.feedback


@pytest.mark.parametrize("body, cause", [
    # a map never looped over, and p.data's own flag: told only about rebinding names
    ("    map(lambda p: p.requires_grad_(False), params)\n", "map() runs nothing"),
    ("    for p in params:\n        p.data.requires_grad = False\n", "p.data and p.detach()"),
])
def test_a_freeze_that_changes_nothing_hears_its_own_cause(grade, body, cause):
    t = grade("ex01", f"def freeze(params):\n{body}")["freeze"]
    assert (t.status, t.misconception) == ("failed", "rebinding"), t.feedback
    assert cause in t.feedback


@pytest.mark.parametrize("body, cause", [
    ("torch.FloatTensor(values)", "torch.FloatTensor(values) asks nothing"),
    ("torch.tensor(values, dtype=torch.float32, requires_grad=True).detach()",
     "detach() gives a tensor that is not tracked"),
])
def test_an_untracked_result_hears_its_own_cause(grade, body, cause):
    # Both were told only that requires_grad_ without parentheses names the method.
    t = grade("ex01", f"import minigrad as torch\n\ndef make_trainable(values):\n"
                      f"    return {body}\n")["make_trainable"]
    assert (t.status, t.misconception) == ("failed", "not-asked"), t.feedback
    assert cause in t.feedback


def test_a_freeze_that_compares_the_flag_instead_of_setting_it_is_told_why(grade):
    """learn36: `p.requires_grad == False` was named rebinding, whose sentence named only
    assignments, .data, map() and no_grad() as the causes."""
    t = grade("ex01", """
        def freeze(params):
            for p in params:
                p.requires_grad == False
        """)["freeze"]
    assert (t.status, t.misconception) == ("failed", "rebinding"), t.feedback
    assert "p.requires_grad == False compares, and changes nothing (a single = assigns)" \
        in t.feedback
