# Bitwise operations on integer and bool tensors (& | ^ ~ << >>, their functions, methods and
# in-place forms): PyTorch's results, dtypes and its errors on float tensors.
import torch


def t(label, f):
    try:
        r = f(); print(label, r)
    except Exception as e:  # noqa: BLE001
        print(label, type(e).__name__, e)
a = torch.tensor([12, 10, -3, 7]); b = torch.tensor([10, 6, 5, 1])
p = torch.tensor([True, False, True, False]); q = torch.tensor([True, True, False, False])
f = torch.tensor([1.0, 2.0]); u = torch.tensor([200, 3], dtype=torch.uint8); i32 = torch.tensor([5, 9], dtype=torch.int32)
for op in ['bitwise_and', 'bitwise_or', 'bitwise_xor', 'bitwise_left_shift', 'bitwise_right_shift']:
    t(op, lambda: getattr(torch, op)(a, b)); t(op+' bool', lambda: getattr(torch, op)(p, q))
    t(op+' scalar', lambda: getattr(torch, op)(a, 3)); t(op + ' method', lambda: getattr(a, op)(b))
    t(op+' float', lambda: getattr(torch, op)(f, f)); t(op+' int float', lambda: getattr(torch, op)(a[:2], f))
    t(op+' float scalar', lambda: getattr(torch, op)(a, 1.5))
    t(op+' u8 i64', lambda: getattr(torch, op)(u, b[:2]))
    t(op+' i32 scalar', lambda: getattr(torch, op)(i32, 3))
    t(op+' bool int', lambda: getattr(torch, op)(p, a))
    t(op+' bool scalar True', lambda: getattr(torch, op)(p, True))
    t(op+' bool scalar 1', lambda: getattr(torch, op)(p, 1))
t('not', lambda: torch.bitwise_not(a)); t('not bool', lambda: torch.bitwise_not(p)); t('not float', lambda: torch.bitwise_not(f))
t('~a', lambda: ~a); t('~p', lambda: ~p); t('~f', lambda: ~f); t('~u', lambda: ~u)
t('a&b', lambda: a & b); t('a|b', lambda: a | b); t('a^b', lambda: a ^ b); t('p&q', lambda: p & q); t('p|q', lambda: p | q); t('p^q', lambda: p ^ q)
t('a&3', lambda: a & 3); t('3&a', lambda: 3 & a); t('3|a', lambda: 3 | a); t('3^a', lambda: 3 ^ a)
t('f&f', lambda: f & f); t('f|1', lambda: f | 1); t('f^f', lambda: f ^ f)
t('a<<2', lambda: a << 2); t('a>>1', lambda: a >> 1); t('2<<a', lambda: 2 << b); t('64>>b', lambda: 64 >> b)
t('f<<1', lambda: f << 1); t('f>>1', lambda: f >> 1); t('a<<b', lambda: a << b); t('a>>b', lambda: a >> b)
t('a<<1.5', lambda: a << 1.5); t('1<<f', lambda: 1 << f)
t('a << 64', lambda: a << 64); t('a >> 64', lambda: a >> 64); t('a << -1', lambda: a << -1); t('a>>-1', lambda: a >> -1)
t('u << 1', lambda: u << 1); t('u>>1', lambda: u >> 1); t('u << 9', lambda: u << 9);
t('p<<1', lambda: p << 1); t('p<<q', lambda: p << q); t('p>>q', lambda: p >> q)
t('i32<<33', lambda: i32 << 33); t('i32 >> 40', lambda: i32 >> 40)
t('a&p', lambda: a & p); t('p&1', lambda: p & 1); t('p&True', lambda: p & True); t('True & p', lambda: True & p)
c = a.clone(); c &= b; t('&=', lambda: c); c = a.clone(); c |= 1; t('|=', lambda: c); c = a.clone(); c ^= b; t('^=', lambda: c)
c = a.clone(); c <<= 2; t('<<=', lambda: c); c = a.clone(); c >>= 1; t('>>=', lambda: c)
c = p.clone(); c &= q; t('p&=', lambda: c)
t('f&=1', lambda: f.__iand__(1)); t('a.bitwise_and_(b)', lambda: a.clone().bitwise_and_(b)); t('a.bitwise_not_()', lambda: a.clone().bitwise_not_())
t('a.bitwise_left_shift_(1)', lambda: a.clone().bitwise_left_shift_(1))
t('p&=a', lambda: p.clone().__iand__(a))
t('a.__and__(1.5)', lambda: a & 1.5)
t('rg', lambda: (torch.ones(2, requires_grad=True) > 0) & p[:2])
t('a<<b with neg b', lambda: a << torch.tensor([-1, 63, 64, 65]))
t('a>>b with neg b', lambda: a >> torch.tensor([-1, 63, 64, 65]))
t('neg>>big', lambda: torch.tensor([-8, 8]) >> torch.tensor([70, 70]))
t('logical_xor', lambda: torch.logical_xor(a, b))
t('i8 << 7', lambda: torch.tensor([1, 3], dtype=torch.int8) << 7)
t('i8 << 8', lambda: torch.tensor([1, 3], dtype=torch.int8) << 8)
t('i8 >> 8', lambda: torch.tensor([-128, 3], dtype=torch.int8) >> 8)
t('logical_and float', lambda: torch.logical_and(f, torch.tensor([0.0, 3.0])))
t('logical_or int', lambda: torch.logical_or(a, torch.zeros(4, dtype=torch.long)))
t('logical_xor bool', lambda: torch.logical_xor(p, q))
t('a.logical_xor(b)', lambda: a.logical_xor(torch.tensor([0, 1, 0, 1])))
x = torch.tensor([3, 5])
v = x._version
x &= 1
print(x, x._version - v)
x <<= 3
print(x, x._version - v)
