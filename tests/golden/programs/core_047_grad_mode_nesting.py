import torch

x = torch.tensor(1.0, requires_grad=True)
with torch.no_grad():
    print("no_grad", torch.is_grad_enabled(), (x * 1).requires_grad)
    with torch.enable_grad():
        print("enable_grad", torch.is_grad_enabled(), (x * 1).requires_grad)
        with torch.no_grad():
            print("no_grad again", torch.is_grad_enabled())
        print("back", torch.is_grad_enabled())
        with torch.set_grad_enabled(False):
            print("set False", torch.is_grad_enabled())
        with torch.set_grad_enabled(True):
            print("set True", torch.is_grad_enabled())
    print("after enable_grad", torch.is_grad_enabled())
print("outside", torch.is_grad_enabled())
mode = False
with torch.set_grad_enabled(mode):
    print("set_grad_enabled(mode)", torch.is_grad_enabled(), (x * 1).grad_fn)
print(torch.is_grad_enabled())
torch.set_grad_enabled(False)
print("after call", torch.is_grad_enabled(), (x * 1).requires_grad)
torch.set_grad_enabled(True)
print("restored", torch.is_grad_enabled(), (x * 1).requires_grad)
