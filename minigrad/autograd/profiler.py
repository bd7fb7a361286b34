"""torch.autograd.profiler: time the blocks of a program you name with record_function.

    >>> import minigrad as torch
    >>> from minigrad.autograd import profiler
    >>> with profiler.profile() as prof:
    ...     with profiler.record_function("forward"):
    ...         y = (torch.ones(3, requires_grad=True) * 2).sum()
    >>> [(e.key, e.count) for e in prof.key_averages()]
    [('forward', 1)]

`profile` and `record_function` are context managers (record_function also a decorator) with
PyTorch's arguments; `key_averages().table(sort_by=..., row_limit=...)` prints PyTorch's
table. What is recorded differs: PyTorch also records every operator it runs (aten::mul,
MulBackward0...), minigrad only the record_function blocks, with their wall-clock times.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from typing import Any

# The profiles recording now (a record_function block is recorded by every one of them).
_active: list[profile] = []


class FunctionEvent:
    """One run of a record_function block: its name, start and end (microseconds)."""

    def __init__(self, name: str, start_us: float, parent: FunctionEvent | None) -> None:
        self.name = self.key = name
        self.time_range = (start_us, start_us)
        self.cpu_parent = parent
        self.cpu_children: list[FunctionEvent] = []
        self.count = 1

    @property
    def cpu_time_total(self) -> float:
        return self.time_range[1] - self.time_range[0]

    @property
    def self_cpu_time_total(self) -> float:
        return self.cpu_time_total - sum(c.cpu_time_total for c in self.cpu_children)

    @property
    def cpu_time(self) -> float:
        return self.cpu_time_total / self.count

    def __repr__(self) -> str:
        return (f"<FunctionEvent name={self.name} cpu_time={_format_time(self.cpu_time_total)} "
                f"cpu_children={[c.name for c in self.cpu_children]}>")


class FunctionEventAvg:
    """The events of one name together: how often, how long in all, how long on average."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.count = 0
        self.cpu_time_total = self.self_cpu_time_total = 0.0

    def add(self, event: Any) -> FunctionEventAvg:
        self.count += event.count
        self.cpu_time_total += event.cpu_time_total
        self.self_cpu_time_total += event.self_cpu_time_total
        return self

    @property
    def cpu_time(self) -> float:
        return self.cpu_time_total / self.count if self.count else 0.0

    def __repr__(self) -> str:
        return (f"<FunctionEventAvg key={self.key} "
                f"self_cpu_time={_format_time(self.self_cpu_time_total)} "
                f"cpu_time={_format_time(self.cpu_time)}>")


class EventList(list):
    """A list of events (or of their averages), with PyTorch's table."""

    def key_averages(self, group_by_input_shape: bool = False,
                     group_by_stack_n: int = 0) -> EventList:
        averages: dict[str, FunctionEventAvg] = {}
        for event in self:
            averages.setdefault(event.key, FunctionEventAvg(event.key)).add(event)
        return EventList(averages.values())

    def total_average(self) -> FunctionEventAvg:
        total = FunctionEventAvg("Total")
        for event in self:
            total.add(event)
        return total

    @property
    def self_cpu_time_total(self) -> float:
        return sum(event.self_cpu_time_total for event in self)

    def table(self, sort_by: str | None = None, row_limit: int = 100,
              max_src_column_width: int = 75, max_name_column_width: int = 55,
              max_shapes_column_width: int = 80, header: str | None = None,
              top_level_events_only: bool = False) -> str:
        """PyTorch's table: one row per event, times in us/ms/s, percentages of the total."""
        rows = list(self)
        if sort_by is not None:
            rows.sort(key=lambda e: getattr(e, sort_by), reverse=True)
        rows = rows[:row_limit] if row_limit >= 0 else rows
        if not rows:
            return ""
        total = self.self_cpu_time_total or 1.0
        width = min(max(len(e.key) for e in rows) + 4, max_name_column_width)
        titles = ["Self CPU %", "Self CPU", "CPU total %", "CPU total", "CPU time avg",
                  "# of Calls"]
        rule = "  ".join(["-" * width] + ["-" * 12] * len(titles)) + "  "
        lines = [rule, "  ".join([f"{'Name':>{width}}"] + [f"{t:>12}" for t in titles]) + "  ",
                 rule]
        if header is not None:
            lines.insert(0, header)
        for e in rows:
            cells = [f"{e.self_cpu_time_total / total * 100:.2f}%",
                     _format_time(e.self_cpu_time_total),
                     f"{e.cpu_time_total / total * 100:.2f}%", _format_time(e.cpu_time_total),
                     _format_time(e.cpu_time), str(e.count)]
            name = e.key if len(e.key) <= width else e.key[:width - 3] + "..."
            lines.append("  ".join([f"{name:>{width}}"] + [f"{c:>12}" for c in cells]) + "  ")
        lines += [rule, f"Self CPU time total: {_format_time(self.self_cpu_time_total)}", ""]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()


def _format_time(time_us: float) -> str:
    if time_us >= 1e6:
        return f"{time_us / 1e6:.3f}s"
    if time_us >= 1e3:
        return f"{time_us / 1e3:.3f}ms"
    return f"{time_us:.3f}us"


def _now_us() -> float:
    return time.perf_counter_ns() / 1e3


class profile:  # noqa: N801 - PyTorch's name
    """Record the record_function blocks run inside `with profile() as prof:`.

    PyTorch's arguments are accepted (use_cuda, record_shapes, profile_memory, with_stack...);
    none changes what minigrad records. `with profile(enabled=False) as prof` gives None, as
    PyTorch's does.
    """

    def __init__(self, enabled: bool = True, **options: Any) -> None:
        self.enabled = enabled
        self.options = options
        self.function_events = EventList()
        self._open: list[FunctionEvent] = []
        self._recording = False

    def __enter__(self) -> profile | None:
        if not self.enabled:
            return None
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._stop()

    def _start(self) -> None:
        if not self._recording:
            self._recording = True
            _active.append(self)

    def _stop(self) -> None:
        if self._recording:
            self._recording = False
            _active.remove(self)

    def _begin(self, name: str) -> None:
        parent = self._open[-1] if self._open else None
        event = FunctionEvent(name, _now_us(), parent)
        if parent is None:
            self.function_events.append(event)
        else:
            parent.cpu_children.append(event)
        self._open.append(event)

    def _end(self) -> None:
        event = self._open.pop()
        event.time_range = (event.time_range[0], _now_us())

    def _all_events(self) -> EventList:
        """Every event, nested ones too, in the order they began."""
        events, stack = [], list(reversed(self.function_events))
        while stack:
            event = stack.pop()
            events.append(event)
            stack.extend(reversed(event.cpu_children))
        return EventList(events)

    def key_averages(self, group_by_input_shape: bool = False,
                     group_by_stack_n: int = 0) -> EventList:
        return self._all_events().key_averages()

    def total_average(self) -> FunctionEventAvg:
        return self._all_events().total_average()

    @property
    def self_cpu_time_total(self) -> float:
        return self._all_events().self_cpu_time_total

    def table(self, **options: Any) -> str:
        return self._all_events().table(**options)

    def export_chrome_trace(self, path: str) -> None:
        """Write the events as a Chrome trace (open it at chrome://tracing or in Perfetto)."""
        import json  # (only here: importing minigrad stays quick)

        trace = [{"name": e.name, "ph": "X", "ts": e.time_range[0], "dur": e.cpu_time_total,
                  "pid": 0, "tid": 0, "cat": "user_annotation"} for e in self._all_events()]
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"traceEvents": trace}, f)

    def __str__(self) -> str:
        return self.table()


class record_function(contextlib.ContextDecorator):  # noqa: N801 - PyTorch's name
    """Name a block (`with record_function("forward"):`) or a function (as a decorator) so
    the profiles recording now time it."""

    def __init__(self, name: str, args: str | None = None) -> None:
        self.name, self.args = name, args
        self._profiles: Iterable[profile] = ()

    def __enter__(self) -> record_function:
        self._profiles = tuple(_active)
        for p in self._profiles:
            p._begin(self.name)
        return self

    def __exit__(self, *exc: object) -> None:
        for p in self._profiles:
            p._end()
        self._profiles = ()
