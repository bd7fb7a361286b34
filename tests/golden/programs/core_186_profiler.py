# torch.autograd.profiler and torch.profiler: profile / record_function as context managers and
# decorators, key_averages and its table (its layout; timings are not printed), step() with a
# schedule and on_trace_ready. PyTorch also records its own operators (aten::..., grad_fn
# nodes): only the record_function blocks are compared here.
import os
import sys
import warnings

# PyTorch's profiler logs timestamped lines straight to file descriptor 2: silence it, and
# print warnings on stdout instead.
os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
warnings.simplefilter("always")
warnings.showwarning = lambda message, category, *args: print(f"{category.__name__}: {message}",
                                                              file=sys.stdout)

import torch  # noqa: E402
from torch.autograd import profiler  # noqa: E402
from torch.profiler import (  # noqa: E402
    ProfilerAction,
    ProfilerActivity,
    profile,
    record_function,
    schedule,
)

NAMES = {"outer", "inner_block", "decorated", "ignored", "model_inference"}


def mine(events):  # the record_function blocks (PyTorch records its operators too)
    return [(e.key, e.count) for e in events if e.key in NAMES or e.key.startswith("step")]


x = torch.ones(3, requires_grad=True)
with profiler.profile() as prof:
    for _ in range(3):
        with profiler.record_function("outer") as rf:
            with profiler.record_function("inner_block"):
                y = (x * 2).sum()
    y.backward()
print(type(prof).__name__, type(rf).__name__, rf.name if hasattr(rf, "name") else "", rf.args)
print(type(prof.key_averages()).__name__, mine(prof.key_averages()))
table = prof.key_averages().table(sort_by="cpu_time_total", row_limit=10)
print(table.splitlines()[1].split(), table.splitlines()[-1].split(":")[0])
averages = {e.key: e for e in prof.key_averages()}
print(averages["outer"].cpu_time_total >= averages["inner_block"].cpu_time_total,
      type(averages["outer"].cpu_time).__name__, type(prof.self_cpu_time_total).__name__)
print(type(prof.total_average()).__name__)


@profiler.record_function("decorated")
def add_one(a):
    return a + 1


with profiler.profile() as prof:
    print(add_one(torch.ones(1)), add_one(torch.zeros(1)))
print(mine(prof.key_averages()))
print(add_one(torch.ones(2)))  # outside a profile: runs, records nothing

with profiler.profile(enabled=False) as off:
    with profiler.record_function("ignored"):
        pass
print(off)

print(ProfilerActivity.CPU, repr(ProfilerActivity.CPU), ProfilerAction.RECORD,
      [a.name for a in ProfilerAction])
with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
    with record_function("model_inference"):
        torch.ones(2) @ torch.ones(2)
print(type(prof).__name__, mine(prof.key_averages()))
print("\n".join(prof.key_averages().table(sort_by="cpu_time_total", row_limit=10)
                .splitlines()[:3]))

print([a.name for a in map(schedule(wait=1, warmup=1, active=2, repeat=1), range(6))])
print([a.name for a in map(schedule(wait=2, warmup=1, active=1, skip_first=3), range(10))])
traces = []
with profile(activities=[ProfilerActivity.CPU],
             schedule=schedule(wait=1, warmup=1, active=2),
             on_trace_ready=lambda p: traces.append(mine(p.key_averages()))) as prof:
    for step in range(8):
        with record_function(f"step{step}"):
            pass
        prof.step()
print(traces, prof.step_num)
for bad in [dict(wait=-1, warmup=1, active=1), dict(wait=0, warmup=1, active=0)]:
    try:
        schedule(**bad)
    except AssertionError as e:
        print(type(e).__name__, e)
traces = []
with profile(schedule=schedule(wait=0, warmup=1, active=1, repeat=2), acc_events=True,
             on_trace_ready=lambda p: traces.append(sorted(mine(p.key_averages())))) as prof:
    for step in range(6):
        with record_function(f"step{step}"):
            pass
        prof.step()
print(traces)
