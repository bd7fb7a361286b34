# Checks from the wild (issue 17 item 10): a shuffled DataLoader over an empty dataset,
# RandomSampler's argument checks, an inference tensor's _version, and torch.load's whole
# weights-only refusal (an unknown class, a builtin function, a blocked module).
import collections
import io
import os

import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:  # noqa: BLE001
        print(label, type(e).__name__, e)


empty = TensorDataset(torch.zeros(0, 2))
t("shuffled, empty", lambda: DataLoader(empty, shuffle=True))
t("shuffled, empty list", lambda: DataLoader([], shuffle=True))
t("not shuffled, empty", lambda: list(DataLoader(empty, batch_size=2)))
three = TensorDataset(torch.zeros(3))
t("RandomSampler(empty)", lambda: RandomSampler(empty))
for kwargs in [dict(num_samples=0), dict(num_samples=-1), dict(num_samples=1.5),
               dict(replacement="yes"), dict(replacement=1)]:
    t(f"RandomSampler({kwargs})", lambda kwargs=kwargs: RandomSampler(three, **kwargs))
t("len", lambda: len(RandomSampler(three, num_samples=5, replacement=True)))
t("len", lambda: len(RandomSampler(three)))

with torch.inference_mode():
    made_inside = torch.ones(2)
    computed_inside = made_inside * 2
outside = torch.ones(2)
for name, x in [("made inside", made_inside), ("computed inside", computed_inside),
                ("outside", outside)]:
    t(f"{name} is_inference", x.is_inference)
    t(f"{name} _version", lambda x=x: x._version)


class Custom:
    def __init__(self):
        self.a = 1


class CallsSystem:
    def __reduce__(self):
        return (os.system, ("true",))


class CallsEval:
    def __reduce__(self):
        return (eval, ("1",))


for obj in [Custom(), {"x": Custom()}, collections.OrderedDict(a=torch.ones(1)), {"f": print},
            {1, 2}, CallsSystem(), CallsEval()]:
    buf = io.BytesIO()
    torch.save(obj, buf)
    buf.seek(0)
    t(type(obj).__name__, lambda buf=buf: torch.load(buf))
buf = io.BytesIO()
torch.save(Custom(), buf)
buf.seek(0)
t("weights_only=False", lambda: type(torch.load(buf, weights_only=False)).__name__)
