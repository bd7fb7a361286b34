import torch

x = torch.arange(6.0).reshape(2, 3).requires_grad_()
for name, f in [("sum()", lambda t: t.sum()), ("sum(dim=None)", lambda t: t.sum(dim=None)),
                ("sum(dim=())", lambda t: t.sum(dim=())), ("sum([])", lambda t: torch.sum(t, dim=[])),
                ("sum((), keepdim)", lambda t: t.sum((), keepdim=True)),
                ("sum(None, keepdim)", lambda t: t.sum(None, keepdim=True)),
                ("sum(1)", lambda t: t.sum(1)), ("sum((1, 0))", lambda t: t.sum((1, 0))),
                ("mean()", lambda t: t.mean()), ("mean(None)", lambda t: t.mean(None)),
                ("mean(())", lambda t: t.mean(())), ("mean(0, keepdim)", lambda t: t.mean(0, keepdim=True))]:
    x.grad = None
    y = f(x)
    (y * 2).sum().backward()
    g = y.grad_fn
    saved = {a: getattr(g, a) for a in ("_saved_dim", "_saved_keepdim", "_saved_self_sym_sizes",
                                        "_saved_self_sym_numel") if hasattr(g, a)}
    print(name, y, g.name(), saved, x.grad)
# Second derivatives through the every-dim forms.
s = torch.tensor([1.0, 2.0], requires_grad=True)
(g,) = torch.autograd.grad((s ** 3).sum(dim=()), s, create_graph=True)
print(g, torch.autograd.grad(g.mean(()), s)[0])
