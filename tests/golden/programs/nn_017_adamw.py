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
