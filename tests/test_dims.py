"""Dimension arguments that are not ints get a clear TypeError, not numpy's internals.

They are PyTorch's argument parser's words (breadth/int_arguments.py, breadth/overloads.py;
the golden programs core_313 and core_314 record more of them); core_133 covers dims given as
numpy integers, which must work as ints.
"""

import pytest

import minigrad as torch

x = torch.ones(2, 3)


@pytest.mark.parametrize("call, message", [
    (lambda: x.max(dim=(0, 1)),
     "max() received an invalid combination of arguments - got (dim=tuple, ), but expected one "
     "of:"),
    (lambda: x.transpose(0, "1"), "transpose(): argument 'dim1' (position 2) must be int, not str"),
    (lambda: torch.cat([x, x], dim=1.5), "cat(): argument 'dim' must be int, not float"),
    (lambda: x.sum(dim=1.0),
     "sum() received an invalid combination of arguments - got (dim=float, ), but expected one "
     "of:"),
    (lambda: x.sum(dim=(0, 1.0)),
     "sum(): argument 'dim' failed to unpack the object at pos 2 with error \"type must be "
     "tuple of ints,but got float\""),
])
def test_a_dim_of_the_wrong_type_says_what_was_expected(call, message):
    """PyTorch's words (its parser's; core_314 records the whole messages)."""
    with pytest.raises(TypeError) as error:
        call()
    assert str(error.value).splitlines()[0] == message


@pytest.mark.parametrize("call, message", [
    (lambda: x.softmax(None), "softmax(): argument 'dim' (position 1) must be int, not NoneType"),
    (lambda: x.unsqueeze(1.0), "unsqueeze(): argument 'dim' (position 1) must be int, not float"),
])
def test_an_int_dim_of_the_wrong_type_is_refused_in_pytorchs_words(call, message):
    """breadth/int_arguments.py checks these dims first, as PyTorch's parser does."""
    with pytest.raises(TypeError) as error:
        call()
    assert str(error.value) == message
