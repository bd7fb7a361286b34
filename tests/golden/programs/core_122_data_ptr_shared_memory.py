import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
print(x.detach().data_ptr() == x.data_ptr(), x.data.data_ptr() == x.data_ptr())
print(x.clone().data_ptr() == x.data_ptr(), (x * 1).data_ptr() == x.data_ptr())
m = torch.arange(6.0).reshape(2, 3)
print(m.view(6).data_ptr() == m.data_ptr(), m[0].data_ptr() == m.data_ptr())
print(m[1].data_ptr() - m.data_ptr(), m.t().data_ptr() == m.data_ptr())
print(m.t().contiguous().data_ptr() == m.data_ptr())
