"""Results of a check: per task, per exercise file, per submission; JSON in and out.

A ``Report`` renders itself as HTML in a notebook (``_repr_html_``), so ``check("ex03")`` as
the last line of a cell shows the feedback table.

    >>> r = Report([ExerciseResult("ex01", "Tensors", [TaskResult("ex01.f", "f", 0, 1,
    ...     "failed", "x: expected 1, got 2")])], seed=0)
    >>> (r.score, r.max_score, r.passed)
    (0, 1, False)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PASSED, FAILED, ERROR, NOT_ATTEMPTED = "passed", "failed", "error", "not attempted"


@dataclass
class TaskResult:
    id: str
    title: str
    points: int
    max_points: int
    status: str
    feedback: str
    misconception: str | None = None
    output: str = ""
    fix: str = ""  # the misconception's fix, until course.hints.disclose decides on it


@dataclass
class ExerciseResult:
    id: str
    title: str
    tasks: list[TaskResult] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(t.points for t in self.tasks)

    @property
    def max_score(self) -> int:
        return sum(t.max_points for t in self.tasks)

    @property
    def nothing_attempted(self) -> bool:
        """Every task still raises NotImplementedError: the file as handed out."""
        return bool(self.tasks) and all(t.status == NOT_ATTEMPTED for t in self.tasks)


@dataclass
class Report:
    exercises: list[ExerciseResult]
    seed: int = 0
    name: str = ""
    problem: str | None = None  # why a submission could not be graded at all

    @property
    def tasks(self) -> list[TaskResult]:
        return [t for ex in self.exercises for t in ex.tasks]

    @property
    def score(self) -> int:
        return sum(ex.score for ex in self.exercises)

    @property
    def max_score(self) -> int:
        return sum(ex.max_score for ex in self.exercises)

    @property
    def passed(self) -> bool:
        return self.problem is None and self.score == self.max_score

    @property
    def nothing_attempted(self) -> bool:
        """Every task still raises NotImplementedError, as handed out (a 0 that is no wrong
        answer, said so in the gradebook and an LMS's comment)."""
        return bool(self.tasks) and all(ex.nothing_attempted for ex in self.exercises
                                        if ex.tasks)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "seed": self.seed, "problem": self.problem,
                "score": self.score, "max_score": self.max_score,
                "exercises": [asdict(ex) for ex in self.exercises]}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Report:
        exercises = [ExerciseResult(ex["id"], ex["title"],
                                    [TaskResult(**t) for t in ex["tasks"]])
                     for ex in doc["exercises"]]
        return cls(exercises, doc.get("seed", 0), doc.get("name", ""), doc.get("problem"))

    def __str__(self) -> str:
        from course.feedback import text
        return text(self)

    __repr__ = __str__  # check("ex03") in a Python console shows the table, not the fields

    def _repr_html_(self) -> str:
        from course.feedback import html
        return html(self)
