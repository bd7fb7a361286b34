"""Differentiable primitives, one class per grad_fn (see op.py for how one is written)."""
