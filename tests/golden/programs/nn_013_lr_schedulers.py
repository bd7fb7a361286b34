import warnings

import torch
from torch.optim import lr_scheduler as S

warnings.simplefilter("always")


def rates(make, epochs=12, lr=0.1, groups=1):
    w = [torch.nn.Parameter(torch.zeros(1)) for _ in range(groups)]
    opt = torch.optim.SGD([{"params": [p]} for p in w], lr=lr)
    scheduler = make(opt)
    seen = [scheduler.get_last_lr()]
    for _ in range(epochs):
        opt.step()
        scheduler.step()
        seen.append(scheduler.get_last_lr())
    return [r if groups > 1 else r[0] for r in seen], scheduler


for name, make in [
    ("StepLR", lambda o: S.StepLR(o, step_size=3, gamma=0.5)),
    ("MultiStepLR", lambda o: S.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.1)),
    ("ExponentialLR", lambda o: S.ExponentialLR(o, gamma=0.9)),
    ("LinearLR", lambda o: S.LinearLR(o, start_factor=0.25, total_iters=4)),
    ("ConstantLR", lambda o: S.ConstantLR(o, factor=0.5, total_iters=3)),
    ("CosineAnnealingLR", lambda o: S.CosineAnnealingLR(o, T_max=5, eta_min=0.01)),
    ("LambdaLR", lambda o: S.LambdaLR(o, lambda epoch: 1 / (epoch + 1))),
    ("MultiplicativeLR", lambda o: S.MultiplicativeLR(o, lambda epoch: 0.95)),
    ("two groups", lambda o: S.LambdaLR(o, [lambda e: 0.5 ** e, lambda e: e + 1])),
]:
    seen, scheduler = rates(make, groups=2 if name == "two groups" else 1)
    print(name, seen)
print(sorted(rates(lambda o: S.StepLR(o, 3))[1].state_dict().items()))

# Two schedulers on one optimizer compose (warm-up, then decay).
w = torch.nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([w], lr=1.0)
warm, decay = S.LinearLR(opt, start_factor=0.5, total_iters=2), S.ExponentialLR(opt, gamma=0.5)
for _ in range(4):
    opt.step()
    warm.step()
    decay.step()
    print(opt.param_groups[0]["lr"], warm.get_last_lr(), decay.get_last_lr())

# Warnings: scheduler before optimizer, get_lr() outside step(), step(epoch).
with warnings.catch_warnings(record=True) as caught:
    opt = torch.optim.SGD([w], lr=1.0)
    scheduler = S.StepLR(opt, step_size=1)
    scheduler.step()
    scheduler.get_lr()
    scheduler.step(5)
    print([str(c.message)[:60] for c in caught], opt.param_groups[0]["lr"])

# Resuming: last_epoch needs the groups' initial_lr; errors.
opt = torch.optim.SGD([w], lr=1.0)
try:
    S.StepLR(opt, step_size=2, last_epoch=3)
except KeyError as e:
    print("KeyError:", str(e)[:70])
for bad in (lambda: S.LinearLR(opt, start_factor=0), lambda: S.ConstantLR(opt, factor=2),
            lambda: S.MultiplicativeLR(opt, 0.5), lambda: S.LambdaLR(opt, [None, None]),
            lambda: S.StepLR(object(), 1)):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
opt = torch.optim.SGD([w], lr=1.0)
cos = S.CosineAnnealingLR(opt, T_max=4)
for _ in range(3):
    opt.step()
    cos.step()
state = cos.state_dict()
opt2 = torch.optim.SGD([w], lr=1.0)
resumed = S.CosineAnnealingLR(opt2, T_max=4)
resumed.load_state_dict(state)
print(resumed.last_epoch, resumed.get_last_lr(), cos.get_last_lr())

# ReduceLROnPlateau watches a metric: patience, threshold modes, cooldown, min_lr, state.
w = torch.nn.Parameter(torch.zeros(1))
for kwargs in (dict(patience=2), dict(mode="max", patience=1, threshold_mode="abs", threshold=0.5),
               dict(patience=0, cooldown=2, factor=0.5, min_lr=0.02)):
    opt = torch.optim.SGD([w], lr=0.1)
    plateau = S.ReduceLROnPlateau(opt, **kwargs)
    seen = []
    for metric in [1.0, 0.9, 0.9, 0.95, 0.9, 0.89999, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8]:
        plateau.step(torch.tensor(metric) if metric == 0.5 else metric)
        seen.append((opt.param_groups[0]["lr"], plateau.num_bad_epochs, plateau.best))
    print(seen, plateau.get_last_lr(), plateau.last_epoch)
print(sorted(k for k in plateau.state_dict()))
for bad in (lambda: S.ReduceLROnPlateau(opt, factor=1.0), lambda: S.ReduceLROnPlateau(opt, "up"),
            lambda: S.ReduceLROnPlateau(opt, threshold_mode="x"),
            lambda: S.ReduceLROnPlateau(opt, min_lr=[0.1, 0.2])):
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)

# Combining: warm up then decay (SequentialLR), or two rules at once (ChainedScheduler).
for combine in ("sequential", "chained"):
    opt = torch.optim.SGD([w], lr=1.0)
    if combine == "sequential":
        scheduler = S.SequentialLR(opt, [S.LinearLR(opt, start_factor=0.1, total_iters=3),
                                         S.ExponentialLR(opt, gamma=0.5)], milestones=[3])
    else:
        scheduler = S.ChainedScheduler([S.ConstantLR(opt, factor=0.5, total_iters=2),
                                        S.ExponentialLR(opt, gamma=0.9)])
    seen = [scheduler.get_last_lr()[0]]
    for _ in range(7):
        opt.step()
        scheduler.step()
        seen.append(scheduler.get_last_lr()[0])
    print(combine, seen, sorted(scheduler.state_dict()))
opt = torch.optim.SGD([w], lr=1.0)
other = torch.optim.SGD([w], lr=1.0)
for bad in (lambda: S.SequentialLR(opt, [], []),
            lambda: S.SequentialLR(opt, [S.StepLR(opt, 2)], [1]),
            lambda: S.ChainedScheduler([S.StepLR(opt, 2), S.ReduceLROnPlateau(opt)]),
            lambda: S.SequentialLR(opt, [object()], [])):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
