import torch
from _golden import show

# x.new_zeros(), new_ones(), new_empty() and new_full() without a size (or new_full without
# its fill value) are refused in PyTorch's parser's words ("arguments" for one missing,
# "argument" for two); a size given by keyword, or an empty one, still makes a tensor.
# (minigrad: a 0-d tensor, and Python's words for new_full.)

x = torch.ones(2)
show("new_zeros()", lambda: x.new_zeros())
show("new_ones()", lambda: x.new_ones())
show("new_empty()", lambda: x.new_empty().shape)
show("new_full()", lambda: x.new_full())
show("new_full(size)", lambda: x.new_full((2,)))
show("new_full(fill_value=)", lambda: x.new_full(fill_value=3))
show("new_zeros(dtype=)", lambda: x.new_zeros(dtype=torch.long))
show("new_zeros(size=)", lambda: x.new_zeros(size=(2,)))
show("new_full(size=, fill_value=)", lambda: x.new_full(size=(2,), fill_value=3))
show("new_full(size, fill_value=)", lambda: x.new_full((2,), fill_value=3))
show("new_zeros(())", lambda: x.new_zeros(()))
show("new_ones(2, 3)", lambda: x.new_ones(2, 3))
show("flip()", lambda: x.flip())
show("resize_()", lambda: x.resize_())
