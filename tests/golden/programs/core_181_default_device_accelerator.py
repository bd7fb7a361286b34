# torch.set_default_device / get_default_device and torch.accelerator on a machine without an
# accelerator: the official tutorials' device choice runs; asking for CUDA fails as on a
# CPU-only PyTorch.
import warnings

import numpy as np
import torch


def attempt(label, f):
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = f()
        print(label, repr(result), [(w.category.__name__, str(w.message)) for w in caught])
    except Exception as e:  # noqa: BLE001
        print(label, type(e).__name__, e)


# the polynomial tutorial's first lines
device = torch.accelerator.current_accelerator().type if torch.accelerator.is_available() else "cpu"
print(device)
torch.set_default_device(device)
print(torch.get_default_device(), repr(torch.get_default_device()))
x = torch.linspace(-3.0, 3.0, 5)
print(x, x.device, torch.ones(2).device, torch.tensor([1, 2]).device)

acc = torch.accelerator
for name in ["is_available", "current_accelerator", "device_count", "current_device_index",
             "current_device_idx", "synchronize", "current_stream", "get_device_capability",
             "empty_cache", "memory_allocated", "max_memory_allocated", "memory_reserved",
             "memory_stats", "reset_peak_memory_stats", "get_memory_info"]:
    attempt(name, getattr(acc, name))
attempt("current_accelerator(check_available=True)", lambda: acc.current_accelerator(True))
for arg in [0, None, "cpu", "cuda", torch.device("cpu")]:
    attempt(f"set_device_index({arg!r})", lambda arg=arg: acc.set_device_index(arg))
attempt("synchronize(0)", lambda: acc.synchronize(0))


def inside(index):
    with acc.device_index(index):
        return "inside"


attempt("device_index(None)", lambda: inside(None))
attempt("device_index(0)", lambda: inside(0))

# a default device that is not there: setting it works, making a tensor there fails
cpu_tensor = torch.ones(2)
attempt("set cuda", lambda: torch.set_default_device("cuda"))
for label, f in [("get", torch.get_default_device), ("ones", lambda: torch.ones(2)),
                 ("zeros", lambda: torch.zeros(2, 3)), ("tensor", lambda: torch.tensor([1.0])),
                 ("arange", lambda: torch.arange(3)), ("linspace", lambda: torch.linspace(0, 1, 3)),
                 ("full", lambda: torch.full((2,), 1.0)), ("eye", lambda: torch.eye(2)),
                 ("empty", lambda: torch.empty(2)), ("as_tensor", lambda: torch.as_tensor([1.0])),
                 ("Linear", lambda: torch.nn.Linear(2, 2)),
                 ("explicit cpu", lambda: torch.ones(2, device="cpu")),
                 ("zeros_like(cpu tensor)", lambda: torch.zeros_like(cpu_tensor)),
                 ("ones_like(cpu tensor)", lambda: torch.ones_like(cpu_tensor)),
                 ("full_like(cpu tensor)", lambda: torch.full_like(cpu_tensor, 7)),
                 ("from_numpy", lambda: torch.from_numpy(np.ones(2))),
                 ("cpu tensor + 1", lambda: cpu_tensor + 1)]:
    attempt(label, f)
attempt("set None", lambda: torch.set_default_device(None))
attempt("get", torch.get_default_device)
for where in ["cuda:1", "cpu:0", torch.device("cpu"), "foo", 3]:
    attempt(f"set {where!r}", lambda where=where: torch.set_default_device(where))
    attempt("  get", torch.get_default_device)
torch.set_default_device(None)
print(torch.get_default_device(), torch.ones(1).device)
