import torch

x = torch.tensor([[1.0, 2.0, -1.0], [0.5, -0.5, 3.0], [2.0, 0.0, 1.0]])
y = torch.tensor([[1.0], [-1.0], [0.5]])


def train(make_optimizer, steps=5):
    model = torch.nn.Linear(3, 1)
    with torch.no_grad():  # the same start in both libraries (their random numbers differ)
        model.weight.copy_(torch.tensor([[0.3, -0.2, 0.1]]))
        model.bias.fill_(0.05)
    opt = make_optimizer(model.parameters())
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
    return model, opt, loss


# AdamW shrinks the weights directly (decoupled weight decay, 0.01 by default); Adam's
# weight_decay goes through the gradient instead, so the two differ.
for name, make in [
    ("AdamW", lambda p: torch.optim.AdamW(p, lr=0.1)),
    ("AdamW wd=0.5", lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.5)),
    ("AdamW amsgrad maximize", lambda p: torch.optim.AdamW(p, lr=0.1, amsgrad=True, maximize=True)),
    ("Adam wd=0.5", lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.5)),
    ("Adam decoupled wd=0.5", lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.5,
                                                         decoupled_weight_decay=True)),
]:
    model, opt, loss = train(make)
    print(name, f"{loss.item():.5f}", model.weight.data, model.bias.data)
print(opt)
model, opt, _ = train(lambda p: torch.optim.AdamW(p, lr=0.1))
print(opt)
state = opt.state_dict()
print(state["param_groups"], sorted(state["state"][0]), state["state"][0]["step"])
adam = torch.optim.Adam(model.parameters(), lr=0.1)
again = torch.optim.AdamW(model.parameters())
again.load_state_dict(adam.state_dict())
print(again.param_groups[0]["decoupled_weight_decay"], again.param_groups[0]["weight_decay"])
for bad in (lambda: torch.optim.AdamW(model.parameters(), lr=-1.0),
            lambda: torch.optim.AdamW(model.parameters(), weight_decay=-0.1),
            lambda: torch.optim.AdamW(model.parameters(), betas=(1.0, 0.9)),
            lambda: torch.optim.AdamW(model.parameters(), decoupled_weight_decay=False)):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# RMSprop and Adagrad, the other adaptive optimizers, on the same problem.
for name, make in [
    ("RMSprop", lambda p: torch.optim.RMSprop(p, lr=0.01)),
    ("RMSprop momentum", lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9)),
    ("RMSprop centered", lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True, alpha=0.9)),
    ("RMSprop wd maximize", lambda p: torch.optim.RMSprop(p, lr=0.01, weight_decay=0.1,
                                                          maximize=True)),
    ("Adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1)),
    ("Adagrad lr_decay", lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.5)),
    ("Adagrad initial wd", lambda p: torch.optim.Adagrad(p, lr=0.1, initial_accumulator_value=1.0,
                                                         weight_decay=0.1)),
]:
    model, opt, loss = train(make)
    print(name, f"{loss.item():.5f}", model.weight.data, model.bias.data)
    state = opt.state_dict()["state"][0]
    print(" ", sorted(state), state["step"])
print(opt)
print(torch.optim.RMSprop([torch.nn.Parameter(torch.ones(1))]))
w = torch.nn.Parameter(torch.ones(2))
print(torch.optim.Adagrad([w], initial_accumulator_value=0.5).state[w])
for make in (lambda: torch.optim.RMSprop([w], lr=-1.0), lambda: torch.optim.RMSprop([w], alpha=-0.5),
             lambda: torch.optim.RMSprop([w], eps=-1.0), lambda: torch.optim.RMSprop([w], momentum=-1),
             lambda: torch.optim.Adagrad([w], lr_decay=-1), lambda: torch.optim.Adagrad([w], eps=-1.0),
             lambda: torch.optim.Adagrad([w], initial_accumulator_value=-1)):
    try:
        make()
    except ValueError as e:
        print(type(e).__name__, e)
