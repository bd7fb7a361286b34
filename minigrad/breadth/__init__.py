"""minigrad's breadth: PyTorch's other operations, built on the reading path's Op (ops/op.py).

The reading path (docs/minigrad.md, "How it is built") holds the everyday operations; these
are the rest of what tutorials use: comparisons, indexing, joining and splitting, gathering,
sorting, padding, einsum, more math functions and activations. Each is written as the
reading path's ops are (one class per grad_fn, forward and backward side by side).
"""
