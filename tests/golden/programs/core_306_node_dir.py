import torch

# dir() of graph nodes lists what PyTorch's lists: Python's dunders (and for a custom
# Function's node, its __dict__, __module__, __weakref__ and what forward set on ctx), the
# node API (name, next_functions, metadata, register_hook, register_prehook, requires_grad,
# _sequence_nr; AccumulateGrad's variable) and the saved values (_saved_self,
# _raw_saved_self...), and each listed name can be read. Printed without PyTorch's names that
# minigrad's nodes do not have (internals of its C++ engine and of torch.compile).
# (minigrad: its nodes' forward, backward, apply, _hooks, __slots__... listed too.)

NOT_IN_MINIGRAD = {
    "_input_metadata", "_register_hook_dict", "_set_sequence_nr", "_autograd_function_id",
    "_compiled_autograd_backward_state", "_compiled_autograd_key", "_forward_cls",
    "_get_compiled_autograd_symints", "_get_user_fn", "_is_pure_view",
    "_materialize_non_diff_grads", "_register_hook", "apply", "apply_boxed", "apply_jvp",
    "dirty_tensors", "mark_shared_storage", "materialize_grads", "maybe_clear_saved_tensors",
    "non_differentiable", "save_for_forward", "saved_for_forward", "saved_variables",
    "to_save",
}


class Double(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        ctx.factor = 2
        return x * 2

    @staticmethod
    def backward(ctx, grad):
        return grad * ctx.factor


a = torch.ones(2, requires_grad=True)
nodes = [(a + a).grad_fn, (a * a).grad_fn, (a + a).grad_fn.next_functions[0][0],
         a.sum().grad_fn, Double.apply(a).grad_fn, a.add(a, alpha=2).grad_fn, a.exp().grad_fn,
         a.view(2, 1).grad_fn, a.sum(0).grad_fn, a.relu().grad_fn]
for node in nodes:
    names = [n for n in dir(node) if n not in NOT_IN_MINIGRAD]
    print(type(node).__name__, all(hasattr(node, n) for n in names), names)
print(nodes[0].requires_grad, nodes[2].requires_grad, nodes[4].requires_grad)
