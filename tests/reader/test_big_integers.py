"""Integer literals beyond Python's int(str) digit guard read exactly (Emacs has bignums)."""

from __future__ import annotations

import sys

import random

import pytest

from elconf.reader import read_one


@pytest.mark.parametrize("length", [4_300, 4_301, 8_601, 12_345, 40_000])
@pytest.mark.parametrize("sign", ["", "+", "-"])
def test_long_decimal_literals_read_exactly(length: int, sign: str) -> None:
    rnd = random.Random(length)
    digits = str(rnd.randint(1, 9)) + "".join(rnd.choice("0123456789") for _ in range(length))
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        expected = int(sign + digits)
    finally:
        sys.set_int_max_str_digits(old)
    assert read_one(sign + digits) == expected
    assert read_one(sign + digits + ".") == expected   # "1." is the integer 1


def test_long_radix_literals_read_exactly() -> None:
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        for prefix, base, body in (("#x", 16, "f" * 9000), ("#o", 8, "7" * 9000),
                                   ("#24r", 24, "1k" * 5000), ("#36r", 36, "-" + "z" * 9000)):
            assert read_one(prefix + body) == int(body, base), prefix
    finally:
        sys.set_int_max_str_digits(old)
