"""Interval arithmetic over printed rounding: tells rounding from error.

A number printed with d decimals stands for any value within half a unit of its last digit;
carrying that interval through arithmetic gives every result the printed inputs allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Number = float | int


@dataclass(frozen=True)
class Interval:
    """Closed interval [lo, hi] of the values a rounded number can stand for."""

    lo: float
    hi: float

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty interval: lo={self.lo} > hi={self.hi}")

    @classmethod
    def printed(cls, value: Number, decimals: int) -> Interval:
        """Interval a number printed with `decimals` decimals can stand for."""
        half = 0.5 * 10.0 ** (-decimals)
        return cls(float(value) - half, float(value) + half)

    @classmethod
    def exact(cls, value: Number) -> Interval:
        """Degenerate interval for an exact number."""
        return cls(float(value), float(value))

    @property
    def mid(self) -> float:
        """Midpoint of the interval."""
        return (self.lo + self.hi) / 2

    @property
    def width(self) -> float:
        """Width of the interval."""
        return self.hi - self.lo

    def contains(self, x: Number) -> bool:
        """Whether x lies in the interval (with float slack of 1e-9)."""
        return self.lo - 1e-9 <= x <= self.hi + 1e-9

    def overlaps(self, other: Interval) -> bool:
        """Whether the two intervals share a point (with float slack of 1e-9)."""
        return self.lo - 1e-9 <= other.hi and other.lo - 1e-9 <= self.hi

    def widen(self, abs: float = 0.0, rel: float = 0.0) -> Interval:  # noqa: A002
        """Widen by an absolute amount plus a fraction of the midpoint's magnitude."""
        pad = abs + rel * max(abs_(self.lo), abs_(self.hi))
        return Interval(self.lo - pad, self.hi + pad)

    @staticmethod
    def _coerce(x: Interval | Number) -> Interval:
        return x if isinstance(x, Interval) else Interval.exact(x)

    def __add__(self, other: Interval | Number) -> Interval:
        o = self._coerce(other)
        return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __sub__(self, other: Interval | Number) -> Interval:
        return self + (-self._coerce(other))

    def __rsub__(self, other: Interval | Number) -> Interval:
        return self._coerce(other) - self

    def __mul__(self, other: Interval | Number) -> Interval:
        o = self._coerce(other)
        p = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Interval(min(p), max(p))

    __rmul__ = __mul__

    def __truediv__(self, other: Interval | Number) -> Interval:
        o = self._coerce(other)
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError(f"division by an interval containing zero: {o}")
        return self * Interval(1 / o.hi, 1 / o.lo)

    def __rtruediv__(self, other: Interval | Number) -> Interval:
        return self._coerce(other) / self

    def __pow__(self, k: float) -> Interval:
        if self.lo < 0:
            raise ValueError("power of an interval with negative values is not supported")
        a, b = self.lo**k, self.hi**k
        return Interval(min(a, b), max(a, b))

    def __repr__(self) -> str:
        return f"[{self.lo:.6g}, {self.hi:.6g}]"


def abs_(x: float) -> float:
    """Absolute value (named so `Interval.widen`'s `abs` argument does not shadow it)."""
    return x if x >= 0 else -x


def decimals_of(text: str) -> int:
    """Number of decimals printed in a number's text ('290.40' -> 2, '1167' -> 0)."""
    text = text.strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


# The one home for "the printed interval of a number" (issue 13): a number of a frame loaded by
# analysis.data stands for value ± half a unit of its last printed digit. Tables carry their
# printed decimals in attrs["decimals"]; the text's facts carry them in a "decimals" column.


def printed_value(df: Any, column: str, key: Any, precision: int | None = None
                  ) -> tuple[float, int]:
    """Value and printed decimals of one number of a loaded resource (table cell or text fact).

    `precision` overrides the decimals the digits show (a coarser reading documented by the
    caller, e.g. -1 for a level read as rounded to the nearest 10).
    """
    value = float(df.at[key, column])
    if column == "value" and "decimals" in df.columns:  # the text's facts
        dec = int(df.at[key, "decimals"])
    else:
        dec = int(df.attrs["decimals"].at[key, column])
    return value, dec if precision is None else precision


def printed_interval(df: Any, column: str, key: Any, precision: int | None = None) -> Interval:
    """Interval one printed number of a loaded resource stands for (see `printed_value`)."""
    return Interval.printed(*printed_value(df, column, key, precision))
