"""torch.profiler: the profiler of PyTorch's current tutorials, on minigrad's record_function
timings (minigrad.autograd.profiler), with PyTorch's steps and schedules.

    >>> import minigrad as torch
    >>> from minigrad.profiler import ProfilerActivity, profile, record_function
    >>> with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
    ...     with record_function("model_inference"):
    ...         y = torch.ones(2) @ torch.ones(2)
    >>> [e.key for e in prof.key_averages()]
    ['model_inference']
"""

from __future__ import annotations

import enum
import warnings
from collections.abc import Callable, Iterable
from typing import Any

from .autograd import profiler as _autograd_profiler
from .autograd.profiler import record_function

__all__ = ["ProfilerAction", "ProfilerActivity", "profile", "record_function", "schedule",
           "supported_activities"]


class ProfilerActivity(enum.Enum):
    """What a profiler can watch: minigrad runs on the CPU only."""

    CPU = 0
    XPU = 1
    CUDA = 2
    HPU = 3
    MTIA = 4
    PrivateUse1 = 5


class ProfilerAction(enum.Enum):
    """What a scheduled profiler does at a step."""

    NONE = 0
    WARMUP = 1
    RECORD = 2
    RECORD_AND_SAVE = 3
    DEVICE_STOPPED = 4


def supported_activities() -> set[ProfilerActivity]:
    return {ProfilerActivity.CPU}


def schedule(*, wait: int, warmup: int, active: int, repeat: int = 0, skip_first: int = 0,
             skip_first_wait: int = 0) -> Callable[[int], ProfilerAction]:
    """Which steps a profiler records: after `skip_first` steps, cycles of `wait` idle steps,
    `warmup` steps and `active` recorded ones (the last saves: on_trace_ready), `repeat` times
    (0: until the end)."""
    if wait < 0 or warmup < 0 or active <= 0 or repeat < 0 or skip_first < 0:
        raise AssertionError(
            f"Invalid profiler schedule arguments. Got wait={wait} (need >= 0), warmup={warmup} "
            f"(need >= 0), active={active} (need > 0), repeat={repeat} (need >= 0), "
            f"skip_first={skip_first} (need >= 0).")
    if warmup == 0:
        warnings.warn("Profiler won't be using warmup, this can skew profiler results",
                      stacklevel=2)
    cycle = wait + warmup + active

    def action(step: int) -> ProfilerAction:
        if step < 0:
            raise AssertionError(f"Step must be non-negative. Got {step}.")
        if step < skip_first:
            return ProfilerAction.NONE
        step = step - skip_first + (wait if skip_first_wait else 0)
        if repeat > 0 and step / cycle >= repeat:
            return ProfilerAction.NONE
        position = step % cycle
        if position < wait:
            return ProfilerAction.NONE
        if position < wait + warmup:
            return ProfilerAction.WARMUP
        return ProfilerAction.RECORD if position < cycle - 1 else ProfilerAction.RECORD_AND_SAVE

    return action


_RECORDING = (ProfilerAction.RECORD, ProfilerAction.RECORD_AND_SAVE)
_CYCLE_STARTS_AFTER = (None, ProfilerAction.NONE, ProfilerAction.RECORD_AND_SAVE)
CLEARS_EVENTS_WARNING = ("Warning: Profiler clears events at the end of each cycle. Only events "
                         "from the current cycle will be reported. To keep events across cycles, "
                         "set acc_events=True.")
_warned_clears_events = False


class profile(_autograd_profiler.profile):  # noqa: N801 - PyTorch's name
    """A profiler for a training loop: call prof.step() after each step; with a `schedule`, it
    records only the steps the schedule says and hands each finished cycle to
    `on_trace_ready(prof)`."""

    def __init__(self, *, activities: Iterable[Any] | None = None,
                 schedule: Callable[[int], ProfilerAction] | None = None,
                 on_trace_ready: Callable[..., Any] | None = None, acc_events: bool = False,
                 **options: Any) -> None:
        super().__init__(**options)
        self.acc_events = acc_events
        self._cycles = 0
        self.activities = set(activities) if activities is not None else supported_activities()
        self.schedule = schedule or (lambda step: ProfilerAction.RECORD)
        self.on_trace_ready = on_trace_ready
        self.step_num = 0
        self.current_action = self.schedule(0)

    def __enter__(self) -> profile:
        self._follow(None, self.current_action)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.current_action in _RECORDING:
            self._stop()
            self._save()

    def step(self) -> None:
        """One step done: the schedule decides what the next one does."""
        previous = self.current_action
        self.step_num += 1
        self.current_action = self.schedule(self.step_num)
        if previous is ProfilerAction.RECORD_AND_SAVE:
            self._stop()
            self._save()
        self._follow(previous, self.current_action)

    def _follow(self, previous: ProfilerAction | None, action: ProfilerAction) -> None:
        if action is not ProfilerAction.NONE and previous in _CYCLE_STARTS_AFTER:
            self._new_cycle()
        if action in _RECORDING:
            self._start()
        else:
            self._stop()

    def _new_cycle(self) -> None:
        """A cycle (warmup, then recording) begins: it forgets the last one's events."""
        global _warned_clears_events
        if self._cycles and not self.acc_events and not _warned_clears_events:
            _warned_clears_events = True  # once per process, as PyTorch
            warnings.warn(CLEARS_EVENTS_WARNING, UserWarning, stacklevel=4)
        if not self.acc_events:
            self.function_events = _autograd_profiler.EventList()
        self._cycles += 1

    def _save(self) -> None:
        if self.on_trace_ready is not None:
            self.on_trace_ready(self)
