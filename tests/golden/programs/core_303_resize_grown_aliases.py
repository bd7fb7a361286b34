import torch

# A grown resize_ reaches every tensor sharing the storage: x.data and x.detach() (with no
# views of their own) see writes made through x after x grew, and x sees theirs; one of them
# grown grows x's memory too, so x's later resize_ to that size reads what was written. (The
# grown elements are uninitialized in PyTorch: only written ones are printed.)
# (minigrad: .data and a lone detach() kept the old memory.)

x = torch.arange(3.0)
d, e = x.data, x.detach()
x.resize_(5)
x[3:] = torch.tensor([3.0, 4.0])
print(x, d, e)
d[0], e[1] = 10.0, 11.0
print(x)
d2 = x.data
x.resize_(8)
x[5:] = 9.0
d2[0] = -1.0
print(x, d2)

y = torch.arange(3.0)
alone = y.detach()
y.resize_(6)
y[3:] = 7.0
alone.resize_(6)
print(alone)

z = torch.arange(3.0)
grown = z.detach()
grown.resize_(6)
grown[3:] = 1.0
z[0] = 5.0
print(z, grown)
z.resize_(6)
print(z)

w = torch.ones(3, requires_grad=True)
dw = w.data
dw.resize_(5)
dw[3:] = 2.0
print(w, dw)
w.data.resize_(5)
print(w.data)

m = torch.arange(4.0)
view_of_data = m.data[1:]
md = m.data
md.resize_(7)
md[4:] = 6.0
view_of_data[0] = 9.0
print(m, md, view_of_data)
