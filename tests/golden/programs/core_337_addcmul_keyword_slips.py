import torch
from _golden import show

# addcmul and addcdiv given a keyword their one overload's parser does not find: PyTorch looks
# for a keyword among the overload's last parameters only (as many as keywords given) and
# never finds one with a default, so `x.addcmul(tensor1=x)` and `x.addcmul(value=2)` are
# "unrecognized keyword arguments" (minigrad listed the overload); an unknown keyword in a call
# that fits the overload is "an unexpected keyword argument".
x, a, b = torch.ones(3), torch.full((3,), 2.0), torch.full((3,), 4.0)
calls = ["x.addcmul(tensor1=x)", "x.addcdiv(tensor2=x)", "x.addcmul(value=2)",
         "torch.addcmul(x, tensor1=x)", "torch.addcmul(x, value=3)",
         "x.addcmul(tensor1=a, tensor2=b, value=2, foo=1)",
         "torch.addcmul(x, tensor1=a, tensor2=b, value=1, out=x, foo=2)",
         "x.addcmul(tensor1=a, tensor2=b, foo=1)", "x.addcmul(b, foo=1)",
         "x.addcmul(tensor1=a, tensor2=b)", "x.addcmul(a, tensor2=b, value=2)",
         "torch.addcmul(x, a, tensor2=b)", "x.addcmul_(x, value=2)", "x.addcmul()",
         "x.addcmul(a, b, 2)", "torch.addcmul(x, a, b, 2)"]
for call in calls:
    show(call, lambda: eval(call))
