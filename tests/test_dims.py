"""Dimension arguments that are not ints get a clear TypeError, not numpy's internals.

PyTorch's own messages for these name the function and the argument's position in ways that
depend on its argument parser, so they are not golden files; the golden program core_133
covers dims given as numpy integers, which must work as ints.
"""

import pytest

import minigrad as torch

x = torch.ones(2, 3)


@pytest.mark.parametrize("call, kind", [
    (lambda: x.max(dim=(0, 1)), "int, not tuple"),
    (lambda: x.transpose(0, "1"), "int, not str"),
    (lambda: torch.cat([x, x], dim=1.5), "int, not float"),
    (lambda: x.sum(dim=1.0), "tuple of ints, not float"),
    (lambda: x.sum(dim=(0, 1.0)), "int, not float"),
])
def test_a_dim_of_the_wrong_type_says_what_was_expected(call, kind):
    with pytest.raises(TypeError, match=f"argument 'dim' must be {kind}"):
        call()


@pytest.mark.parametrize("call, message", [
    (lambda: x.softmax(None), "softmax(): argument 'dim' (position 1) must be int, not NoneType"),
    (lambda: x.unsqueeze(1.0), "unsqueeze(): argument 'dim' (position 1) must be int, not float"),
])
def test_an_int_dim_of_the_wrong_type_is_refused_in_pytorchs_words(call, message):
    """breadth/int_arguments.py checks these dims first, as PyTorch's parser does."""
    with pytest.raises(TypeError) as error:
        call()
    assert str(error.value) == message
