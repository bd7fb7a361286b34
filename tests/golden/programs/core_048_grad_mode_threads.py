import threading

import torch

x = torch.tensor(1.0, requires_grad=True)
seen = {}


def worker(name):
    seen[name] = torch.is_grad_enabled()
    seen[name + " requires_grad"] = (x * 2).requires_grad


def disabling_worker():
    torch.set_grad_enabled(False)
    seen["disabler"] = torch.is_grad_enabled()


with torch.no_grad():
    t = threading.Thread(target=worker, args=("in thread",))
    t.start()
    t.join()
    seen["main"] = torch.is_grad_enabled()
t = threading.Thread(target=disabling_worker)
t.start()
t.join()
seen["main after"] = torch.is_grad_enabled()
for key in sorted(seen):
    print(key, seen[key])
