import torch

# PyTorch's tutorial "How to save memory by fusing the optimizer step into the backward pass":
# one optimizer per parameter, stepped by a post accumulate grad hook as soon as that
# parameter's gradient is ready, so no .grad outlives the backward pass.
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_((torch.arange(p.numel()).reshape(p.shape) / 8 - 0.75) * (i + 1) / 4)

optimizer_dict = {p: torch.optim.Adam([p], lr=0.05, foreach=False) for p in model.parameters()}
names = {p: name for name, p in model.named_parameters()}
order = []


def optimizer_hook(parameter) -> None:
    order.append(names[parameter])
    optimizer_dict[parameter].step()
    optimizer_dict[parameter].zero_grad()


for p in model.parameters():
    p.register_post_accumulate_grad_hook(optimizer_hook)

inputs = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5], [-1.5, 1.0, 0.25]])
targets = torch.tensor([[1.0], [-1.0], [0.5]])
for step in range(5):
    loss = torch.nn.functional.mse_loss(model(inputs), targets)
    loss.backward()  # the parameters are updated inside this call
    print(step, round(loss.item(), 5), [p.grad for p in model.parameters()])
print(order[:4])
print(model[0].weight)
print(model[2].bias)

# The same loop with an ordinary optimizer gives the same parameters.
reference = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1))
with torch.no_grad():
    for i, p in enumerate(reference.parameters()):
        p.copy_((torch.arange(p.numel()).reshape(p.shape) / 8 - 0.75) * (i + 1) / 4)
optimizer = torch.optim.Adam(reference.parameters(), lr=0.05, foreach=False)
for step in range(5):
    optimizer.zero_grad()
    torch.nn.functional.mse_loss(reference(inputs), targets).backward()
    optimizer.step()
print(all(torch.equal(a, b) for a, b in zip(model.parameters(), reference.parameters())))
