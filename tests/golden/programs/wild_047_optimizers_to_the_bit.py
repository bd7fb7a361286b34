# Optimizers step for step as PyTorch's single-tensor CPU code: add(alpha), addcmul_ and lerp_ are
# fused multiply-adds there, so with exact gradients the parameters agree to the last bit.
import torch
C = torch.tensor([[0.3, -0.7, 0.11], [1.3, 0.01, -0.2]])
def run(make, steps=80, dtype=torch.float32):
    w = torch.nn.Parameter(torch.tensor([[0.3, -1.2, 2.5], [0.7, 0.1, -0.4]], dtype=dtype))
    opt = make([w])
    for _ in range(steps):
        opt.zero_grad()
        loss = (w * w * 0.5 + C.to(dtype) * w).sum()
        loss.backward()
        opt.step()
    return w.detach().flatten().tolist()
for dtype in (torch.float32, torch.float64):
    for name, make in [("sgd", lambda p: torch.optim.SGD(p, lr=0.1)), ("sgd_mom", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1)),
                       ("sgd_nest_wd", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
                       ("adam", lambda p: torch.optim.Adam(p, lr=0.01)), ("adam_b", lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.3, 0.4), weight_decay=0.1, amsgrad=True)),
                       ("adamw", lambda p: torch.optim.AdamW(p, lr=0.01)),
                       ("rmsprop", lambda p: torch.optim.RMSprop(p, lr=0.01)), ("rmsprop_c", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.7, centered=True)),
                       ("adagrad", lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01))]:
        print(dtype, name, run(make, dtype=dtype))
