import torch

# Device-agnostic code runs on the CPU; asking for a GPU fails as on a PyTorch without CUDA.
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
x = torch.ones(2).to(device)
model = torch.nn.Linear(2, 1).to(device)
print(device, repr(device), x.device, repr(x.device), x.device.type, x.device.index, x.is_cuda, x.is_cpu,
      model.weight.device, torch.zeros(1, device=device), torch.tensor([1.0], device="cpu"),
      torch.arange(3, device=torch.device("cpu")), x.to("cpu", torch.float64), x.to(device=device))
print(torch.cuda.is_available(), torch.cuda.device_count(), torch.backends.mps.is_available(),
      torch.cuda.manual_seed(0), torch.cuda.manual_seed_all(0))
torch.backends.cudnn.deterministic = True
torch.backends.cudnn.benchmark = False
print(torch.backends.cudnn.deterministic, torch.backends.cudnn.benchmark)
print(repr(torch.device("cuda:1")), str(torch.device("cuda", 0)), torch.device("cpu") == torch.device("cpu"),
      torch.device("cpu") == torch.device("cuda"), torch.device(torch.device("cpu")))
for f in (lambda: x.to("cuda"), lambda: x.cuda(), lambda: torch.tensor([1.0], device="cuda"),
          lambda: torch.nn.Linear(2, 1).cuda(), lambda: torch.zeros(2, device="cuda:0"),
          lambda: torch.ones(2).to(device="cuda"), lambda: torch.device("gpu"), lambda: x.to("mps"),
          lambda: torch.randn(2, device="cuda"), lambda: torch.device(0)):
    try:
        print(f())
    except (AssertionError, RuntimeError) as err:
        print(type(err).__name__, err)
