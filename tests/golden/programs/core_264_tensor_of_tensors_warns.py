import torch

# torch.tensor([x[0], x[1]]) with x requiring grad copies the numbers out of the graph: PyTorch
# warns "Converting a tensor with requires_grad=True to a scalar" (once per process, as
# float() does); minigrad said nothing. Under no_grad, or for tensors that need no grad, no
# warning; item() does not warn either.

x = torch.tensor([1.0, 2.0], requires_grad=True)
print(x[0].item())
print(torch.tensor([x.detach()[0], 3.0]))
with torch.no_grad():
    print(torch.tensor([x[0]]))
print("first")
y = torch.tensor([x[0], x[1]])
print(y, y.requires_grad)
print("second")
print(torch.tensor([[x[0]], [x[1]]]))
print(float(x[1]))
