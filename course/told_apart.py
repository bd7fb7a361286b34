"""Whether the public cases tell every misconception apart: from the reference, and from the
task's other misconceptions.

The grader names the first misconception, in the order the spec lists them, whose results on
every case are the learner's (``course.engine.judge``). A mistake whose results no public case
tells from the reference's is never named: a learner who makes it passes `course check`. One
whose results no public case tells from those of a mistake listed before it is named as that
one: its learner reads the other mistake's sentence. Either slips in unseen, by a case added
to a spec (drawn before the others, it shifts every random case after it) or by a new variant.

A learner who makes a mistake and slips somewhere else too (a case wrong in a way of their
own) matches no misconception on every case: the grader then names the one that gives their
result on the first case they got wrong, and of several, the one that gives the most of their
results (``course.engine.fitting_first_wrong_case``; in a task of predictions, the first wrong
prediction: ``course.engine.explaining``). A mistake told from one listed before it by a
single case ties with it when the slip is on that case, and the other is named: each case
after the first the mistake gets wrong is tried as the slip, with the grader's own functions.

This needs every variant's results, about ten seconds for the whole course (ex10's engines
walk a 10,000-step chain), too slow for each `course` command and no business of a learner's,
who cannot change a spec: the tests run it per exercise (tests/test_course_specs.py), and
`course release` (which computes those results anyway, to publish them) and `course
autograder` refuse to ship a course that would misname a mistake.

    >>> unnamed("ex03")                                              # doctest: +SKIP
    []

A maintainer changing a spec tries hidden seeds too (two mistakes can coincide by chance at
some seed: ex10's did at 9 and 11): ``python -m course.told_apart ex10 --seeds 40`` checks
seeds 0 to 39, printing each problem; exit code 1 if there is one. ``--slips 2`` models a
learner who slips twice beside their mistake: a mistake told from another by two cases then
ties with it, a limit docs/grading.md lists and does not require away.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from itertools import combinations, takewhile
from pathlib import Path
from typing import Any

from course import engine
from course.errors import UsageError
from course.local import CHECK_SEED
from course.tasks import EXERCISE_IDS, Misconception, Task, exercise


def unnamed(exercise_id: str, seed: int = CHECK_SEED, solutions: Path = engine.SOLUTIONS,
            slips: int = 1) -> list[str]:
    """One line for each misconception of ``exercise_id`` that a learner who makes it, checked
    on the cases of ``seed``, is not told: each names it, and the one named instead. The
    learner slips ``slips`` times beside it (``_told_otherwise_beside_a_slip``)."""
    return [f"course/specs/{exercise_id}.py: task {task.name!r}: {problem}"
            for task, expect in zip(exercise(exercise_id).tasks,
                                    engine.expectations(exercise_id, seed, solutions),
                                    strict=True)
            for problem in unnamed_in(task, expect, seed, slips)]


def unnamed_in(task: Task, expect: dict[str, Any], seed: int = CHECK_SEED, slips: int = 1
               ) -> list[str]:
    """``unnamed`` for one task, from its ``expect``ations at ``seed``
    (``course.engine.expectations``)."""
    if expect["broken"]:  # (said by every check of it, and refused by course release)
        return []
    # (the public cases are the ones that matter most; a maintainer may try a hidden seed)
    which = "public case" if seed == CHECK_SEED else f"case of seed {seed}"
    return [problem for mistake in task.misconceptions
            if (problem := _not_named(task, expect, mistake, which)
                or _told_otherwise_beside_a_slip(task, expect, mistake, which, slips))]


def refusal(exercise_ids: Sequence[str], solutions: Path = engine.SOLUTIONS
            ) -> UsageError | None:
    """Why `course release` or `course autograder` refuses to ship ``exercise_ids``: every
    misconception their public cases would not name (``unnamed``), an item each; None when
    there is none."""
    found = [line for eid in exercise_ids for line in unnamed(eid, CHECK_SEED, solutions)]
    return UsageError("the public cases would not name every known mistake (docs/grading.md, "
                      "\"Adding a case or a misconception safely\"):", found) if found else None


# Said after each problem: what a maintainer does about it (docs/grading.md, "Adding a case or
# a misconception safely").
ADD_A_CASE = ("add a case on which they differ, drawn after the task's other cases (a case "
              "drawn first changes every random case after it)")


def _not_named(task: Task, expect: dict[str, Any], mistake: Misconception, which: str
               ) -> str | None:
    """Why a learner whose results are exactly ``mistake``'s is not told ``mistake``, or
    None when they are (``which`` cases: "public case")."""
    cases, results = expect["cases"], expect["variants"]

    def tells(expected: list[Any], got: list[Any]) -> bool:  # as the grader compares them
        return engine.first_difference(task, cases, expected, got) is not None

    if not tells(expect["reference"], results[mistake.name]):
        return (f"misconception {mistake.name!r} gives the reference's results on every "
                f"{which}, so a learner who makes it passes and is never told: "
                f"{ADD_A_CASE.replace('they differ', 'it fails')}")
    named = next((m for m in task.misconceptions
                  if not tells(results[m.name], results[mistake.name])), None)
    if named is None:  # (a judge that refuses the variant's own results: nothing matches them)
        return (f"misconception {mistake.name!r} is never named: the grader does not accept "
                "its own results as its results")
    if named is mistake:
        return None
    # Listed first, the mistake with more facts (an extra one a comparison does not require
    # of a learner) is told from the other: course/specs/ex01.py's misspelled-attribute.
    reorder = (f"; or list {mistake.name!r} before {named.name!r} (its results are not "
               f"{named.name!r}'s: only the other way round)"
               if tells(results[mistake.name], results[named.name]) else "")
    return (f"no {which} tells misconception {mistake.name!r} from {named.name!r}, listed "
            f"before it, so a learner who makes {mistake.name!r} is told {named.name!r}: "
            f"{ADD_A_CASE}{reorder}")


# What a learner's slip gives, in the model of ``_told_otherwise_beside_a_slip``: a value no
# misconception gives (a prediction of this is no prediction of theirs).
SLIP = "a slip of the learner's own"


def _told_otherwise_beside_a_slip(task: Task, expect: dict[str, Any], mistake: Misconception,
                                  which: str, slips: int = 1) -> str | None:
    """Why a learner who makes ``mistake`` and one slip of their own is not told ``mistake``,
    or None when they are. No misconception then gives every result of theirs, so the grader
    names the one that gives their result on the first case they got wrong, the mistake's
    (``course.engine.fitting_first_wrong_case``), or, in a task of predictions, their first
    wrong prediction (``course.engine.explaining``); of several, the one that gives the most of
    their results. The slip is tried on each case after that one (each prediction after it):
    a mistake listed before, told from this one by that case alone, would tie and be named.
    With ``slips`` above 1, each set of that many cases (predictions) is tried as the slips."""
    results = expect["variants"][mistake.name]
    if task.hint_per_fact:
        return _slipped_prediction(task, expect, mistake, slips)
    wrong = engine.first_wrong_case(task, expect["cases"], expect["reference"], results)
    if wrong is None:  # (_not_named says so)
        return None
    agree = engine.agreement(task, expect, results)
    for slipped_cases in combinations(range(wrong[0] + 1, len(results)), slips):
        slipped = {name: [fits and n not in slipped_cases for n, fits in enumerate(cases)]
                   for name, cases in agree.items()}
        named = engine.most_alike(task, slipped, wrong[0])
        if named is not mistake:
            apart = [n + 1 for n, fits in enumerate(agree[named.name]) if not fits]
            return (f"a learner who makes misconception {mistake.name!r} and slips on case"
                    f"{_numbers([n + 1 for n in slipped_cases])} too is told {named.name!r}, "
                    "listed before it, which gives "
                    f"their result on case {wrong[0] + 1}, the first they get wrong: of the "
                    f"{which.replace('case', 'cases', 1)} only case{'s' * (len(apart) > 1)} "
                    f"{', '.join(map(str, apart))} tell{'s' * (len(apart) == 1)} them apart; "
                    f"{ADD_A_CASE}")
    return None


def _numbers(numbers: list[Any]) -> str:
    """`` 3``, ``s 3 and 8``: the numbers (or names) after "case" or "prediction"."""
    return f" {numbers[0]}" if len(numbers) == 1 else \
        f"s {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def _slipped_prediction(task: Task, expect: dict[str, Any], mistake: Misconception,
                        slips: int = 1) -> str | None:
    """``_told_otherwise_beside_a_slip`` in a task of predictions (``hint_per_fact``)."""
    results = expect["variants"][mistake.name]
    # (the predictions of the cases before the first without any: an error stops the walk)
    answered = list(takewhile(lambda outcome: isinstance(outcome.get("facts"), dict), results))
    predictions = [(n, key) for n, outcome in enumerate(answered) for key in outcome["facts"]]
    for slipped_predictions in combinations(predictions, slips):
        slipped = [dict(outcome) for outcome in results]
        for n, key in slipped_predictions:
            slipped[n] = {"facts": {**slipped[n]["facts"], key: SLIP}}
        named = engine.explaining(task, expect, slipped)
        if named is not None and named is not mistake:
            keys = [repr(key) for _, key in slipped_predictions]
            return (f"a learner who makes misconception {mistake.name!r} and slips on the "
                    f"prediction{_numbers(keys)} too is told {named.name!r}, listed before it, "
                    "which gives their first wrong prediction: add a prediction on which "
                    f"they differ, or list {mistake.name!r} first (if {named.name!r}'s "
                    "learners are then still told theirs)")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.told_apart",
        description="Check that the cases of each seed name every misconception.")
    parser.add_argument("exercises", nargs="*", metavar="EXERCISE",
                        help="exNN (default: all)")
    parser.add_argument("--seeds", type=int, default=1, metavar="N",
                        help="check seeds 0 to N-1 (0: the public cases; default 1)")
    parser.add_argument("--slips", type=int, default=1, metavar="K",
                        help="a learner slips on K cases beside their mistake (default 1, "
                             "what course release requires; docs/grading.md on 2)")
    args = parser.parse_args(argv)
    unknown = [eid for eid in args.exercises if eid not in EXERCISE_IDS]
    if unknown:
        parser.error(f"no exercise {unknown[0]!r}: name one of {', '.join(EXERCISE_IDS)}")
    if args.seeds < 1:
        parser.error("--seeds: at least 1 (the public cases' seed, 0)")
    if args.slips < 1:
        parser.error("--slips: at least 1")
    found = 0
    try:
        for seed in range(args.seeds):
            for eid in args.exercises or EXERCISE_IDS:
                for line in unnamed(eid, seed, slips=args.slips):
                    print(f"seed {seed}: {line}", flush=True)
                    found += 1
    except UsageError as e:  # (the student edition: the public cases' results alone)
        print(f"{parser.prog}: error: {e}", file=sys.stderr)
        return 2
    print(f"{found or 'no'} problem{'' if found == 1 else 's'} at seeds 0 to {args.seeds - 1}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
