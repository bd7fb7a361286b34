import warnings

import torch


x = torch.tensor([1.0, 2.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    with torch.autograd.detect_anomaly():
        y = x.exp()
        z = (y * y).sum()
        with torch.no_grad():
            y.add_(1)
        try:
            z.backward()
        except RuntimeError as e:
            print("error:", str(e).split(":")[0])
    print(type(torch.autograd.set_detect_anomaly(False)).__name__)
    with torch.autograd.set_detect_anomaly(True):
        a = torch.tensor([0.0], requires_grad=True)
        b = a.sqrt()
        try:
            (b * 0).sum().backward()
        except RuntimeError as e:
            print("error:", e)
    print(torch.is_anomaly_enabled())


def forward_line(message):
    """The line of this program that a warning's forward-call stack points at (paths vary)."""
    for line in message.splitlines():
        if "core_120_anomaly_mode.py" in line:
            return line.split("line ")[1].split(",")[0]
    return None


for w in caught:
    print(type(w.message).__name__, str(w.message).splitlines()[0])
    print("forward call at line", forward_line(str(w.message)))
