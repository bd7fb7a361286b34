import torch as lib

# einsum records what PyTorch records: a permute, a sum, a broadcast product or a batched
# matrix product viewed into the output's shape.
lib.manual_seed(0)
a = lib.arange(6.0).reshape(2, 3).requires_grad_()
s = (lib.arange(9.0).reshape(3, 3) / 4).requires_grad_()
v = lib.tensor([1.0, -2.0, 0.5], requires_grad=True)
t3 = lib.arange(24.0).reshape(2, 3, 4).requires_grad_()
for eq, args in [('ij->ij', (a,)), ('ij->i', (a,)), ('ij->j', (a,)), ('ij->ji', (a,)), ('ii->i', (s,)),
                 ('ii->', (s,)), ('ij,jk->ki', (a, s)), ('ij,jk->ik', (a, s)), ('ij,j->i', (a, v)),
                 ('i,i->i', (v, v)), ('ij,kj->ki', (a, a)), ('ij->', (a,)), ('...,...->...', (v, v)),
                 ('i,j->ij', (v, v)), ('i,j->ji', (v, v)), ('ij,ij->ji', (a, a)), ('ij,jk', (a, s)),
                 ('ba', (a,)), ('...j,jk->...k', (a, s)), ('i...->...', (t3,)), ('bij,bjk->bik', (t3, t3.transpose(1, 2))),
                 ('bij,jk->bik', (t3, lib.ones(4, 2))), ('i,i,i->', (v, v, v)), ('ij,jk,kl->il', (a, s, s)),
                 ('ijk,ik->j', (t3, lib.ones(2, 4))), ('ii,i->i', (s, v)), ('bij,bij->b', (t3, t3)),
                 ('ij,j', (a, v)), ('i,i', (v, v)), ('ij,ab->ijab', (a, lib.ones(1, 2)))]:
    for x in (a, s, v, t3):
        x.grad = None
    y = lib.einsum(eq, *args)
    y.backward(lib.ones(y.shape))
    print(eq, y.grad_fn.name(), y, [x.grad for x in args if x.is_leaf and x.grad is not None])
print(lib.einsum('ij,jk->ik', [a, s]))
for f in (lambda: lib.einsum('ij,jk->ik', a, lib.ones(4, 4)), lambda: lib.einsum('ijk,jk', a, s),
          lambda: lib.einsum('ij,jk->il', a, s), lambda: lib.einsum('ij->ii', a),
          lambda: lib.einsum('ii->i', lib.ones(2, 3)), lambda: lib.einsum('ij', a, s), lambda: lib.einsum('ij,jk', a),
          lambda: lib.einsum('...,...->...', lib.ones(2, 3, 4), lib.ones(3, 5)),
          lambda: lib.einsum('...,...->...', lib.ones(2, 3), lib.ones(3, 3))):
    try:
        print(f())
    except RuntimeError as e:
        print(type(e).__name__, e)

x = lib.tensor([[0.5, -1.0], [2.0, 1.0]], dtype=lib.float64, requires_grad=True)
(g,) = lib.autograd.grad((lib.einsum("ij,jk->ik", x, x) ** 2).sum(), x, create_graph=True)
print(g.detach(), lib.autograd.grad(g.sum(), x)[0])
