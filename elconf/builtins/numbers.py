"""Arithmetic builtins with Emacs's contagion rules (any float makes the result float)."""

from __future__ import annotations

import math
import operator

from elconf.builtins import Table
from elconf.builtins._check import check_int, check_number
from elconf.errors import lisp_error
from elconf.types import NIL, T

TYPE_CHECKING = False  # typing is imported by type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

TABLE = Table()
define = TABLE.define


def _numbers(args: tuple[Any, ...]) -> list[int | float]:
    return [check_number(a) for a in args]


@define("+")
def plus(ip: Any, *args: Any) -> Any:
    return sum(_numbers(args), 0)


@define("-")
def minus(ip: Any, *args: Any) -> Any:
    nums = _numbers(args)
    if not nums:
        return 0
    if len(nums) == 1:
        return -nums[0]
    result = nums[0]
    for n in nums[1:]:
        result -= n
    return result


@define("*")
def times(ip: Any, *args: Any) -> Any:
    result: int | float = 1
    for n in _numbers(args):
        result *= n
    return result


@define("/")
def divide(ip: Any, first: Any, *rest: Any) -> Any:
    nums = _numbers((first, *rest))
    if len(nums) == 1:
        nums = [1, nums[0]]
    floating = any(type(n) is float for n in nums)
    result = float(nums[0]) if floating else nums[0]
    for n in nums[1:]:
        if floating:
            result = result / n if n != 0 else (math.copysign(math.inf, result) if result else math.nan)
        else:
            if n == 0:
                raise lisp_error("arith-error")
            q = abs(result) // abs(n)
            result = q if (result >= 0) == (n > 0) else -q   # truncation toward zero
    return result


@define("%")
def remainder(ip: Any, a: Any, b: Any) -> Any:
    check_int(a)
    if check_int(b) == 0:
        raise lisp_error("arith-error")
    return int(math.fmod(a, b))


@define("mod")
def mod(ip: Any, a: Any, b: Any) -> Any:
    check_number(a)
    if check_number(b) == 0 and type(a) is int and type(b) is int:
        raise lisp_error("arith-error")
    return a % b if b != 0 else math.nan


@define("1+")
def one_plus(ip: Any, n: Any) -> Any:
    return (n if type(n) in (int, float) else check_number(n)) + 1


@define("1-")
def one_minus(ip: Any, n: Any) -> Any:
    return check_number(n) - 1


def _compare(op: Any) -> Any:
    def fn(ip: Any, first: Any, *rest: Any) -> Any:
        if len(rest) == 1:                      # the common case, kept cheap
            a, b = first, rest[0]
            if type(a) not in (int, float):
                check_number(a)
            if type(b) not in (int, float):
                check_number(b)
            return T if op(a, b) else NIL
        nums = _numbers((first, *rest))
        return T if all(op(a, b) for a, b in zip(nums, nums[1:])) else NIL
    return fn


define("=")(_compare(operator.eq))
define("<")(_compare(operator.lt))
define(">")(_compare(operator.gt))
define("<=")(_compare(operator.le))
define(">=")(_compare(operator.ge))


@define("/=")
def not_equal(ip: Any, a: Any, b: Any) -> Any:
    return T if check_number(a) != check_number(b) else NIL


@define("max")
def max_(ip: Any, first: Any, *rest: Any) -> Any:
    return max(_numbers((first, *rest)))    # Emacs 28 returns the argument itself: no contagion


@define("min")
def min_(ip: Any, first: Any, *rest: Any) -> Any:
    return min(_numbers((first, *rest)))


@define("abs")
def abs_(ip: Any, n: Any) -> Any:
    return abs(check_number(n))


@define("float")
def float_(ip: Any, n: Any) -> Any:
    return float(check_number(n))


def _rounder(fn: Any) -> Any:
    def round_(ip: Any, n: Any, divisor: Any = NIL) -> Any:
        value = check_number(n) if divisor is NIL else check_number(n) / check_number(divisor)
        if isinstance(value, float) and not math.isfinite(value):
            raise lisp_error("overflow-error", n)
        return int(fn(value))
    return round_


define("truncate")(_rounder(math.trunc))
define("floor")(_rounder(math.floor))
define("ceiling")(_rounder(math.ceil))
define("round")(_rounder(lambda v: round(v)))   # Python rounds half to even, as Emacs does


@define("zerop")
def zerop(ip: Any, n: Any) -> Any:
    return T if check_number(n) == 0 else NIL


@define("natnump")
def natnump(ip: Any, n: Any) -> Any:
    return T if type(n) is int and n >= 0 else NIL


@define("cl-plusp")
def plusp(ip: Any, n: Any) -> Any:
    return T if check_number(n) > 0 else NIL


@define("cl-minusp")
def minusp(ip: Any, n: Any) -> Any:
    return T if check_number(n) < 0 else NIL


@define("cl-evenp")
def evenp(ip: Any, n: Any) -> Any:
    return T if check_int(n) % 2 == 0 else NIL


@define("cl-oddp")
def oddp(ip: Any, n: Any) -> Any:
    return T if check_int(n) % 2 else NIL


@define("numberp")
def numberp(ip: Any, x: Any) -> Any:
    return T if type(x) in (int, float) else NIL


@define("integerp", "fixnump")
def integerp(ip: Any, x: Any) -> Any:
    return T if type(x) is int else NIL


@define("floatp")
def floatp(ip: Any, x: Any) -> Any:
    return T if type(x) is float else NIL


@define("logand")
def logand(ip: Any, *args: Any) -> Any:
    result = -1
    for a in args:
        result &= check_int(a)
    return result


@define("logior")
def logior(ip: Any, *args: Any) -> Any:
    result = 0
    for a in args:
        result |= check_int(a)
    return result


@define("ash", "lsh")
def ash(ip: Any, value: Any, count: Any) -> Any:
    return check_int(value) << count if check_int(count) >= 0 else value >> -count


@define("expt")
def expt(ip: Any, base: Any, power: Any) -> Any:
    if type(base) is int and type(power) is int and power >= 0:
        if power > 4096:
            raise lisp_error("overflow-error")
        return base ** power
    return float(base) ** power


@define("sqrt")
def sqrt(ip: Any, n: Any) -> Any:
    n = check_number(n)
    return math.sqrt(n) if n >= 0 else math.nan
