"""Interval arithmetic over printed rounding, against hand-computed bounds."""

import pytest

from analysis.rounding import Interval, decimals_of


def test_printed_interval():
    iv = Interval.printed(290.40, 2)
    assert iv.lo == pytest.approx(290.395) and iv.hi == pytest.approx(290.405)
    assert Interval.printed(1167, 0) == Interval(1166.5, 1167.5)


def test_arithmetic_bounds():
    a, b = Interval(1, 2), Interval(3, 5)
    assert a + b == Interval(4, 7)
    assert b - a == Interval(1, 4)
    assert a * b == Interval(3, 10)
    assert (b / a).lo == pytest.approx(1.5) and (b / a).hi == pytest.approx(5)
    assert 10 - a == Interval(8, 9)
    assert (Interval(4, 9) ** 0.5) == Interval(2, 3)


def test_growth_rate_from_rounded_levels_spans_several_tenths():
    # 2014 -> 2015 FDI printed to the nearest 10: 270 -> 50 gives anywhere in about -81.6 .. -80.0
    g = (Interval.printed(50, -1) / Interval.printed(270, -1) - 1) * 100
    assert g.contains(-81.48) and g.lo < -82 and g.hi > -80.9


def test_division_by_interval_containing_zero_is_refused():
    with pytest.raises(ZeroDivisionError):
        Interval(1, 2) / Interval(-1, 1)


def test_widen_and_overlap():
    iv = Interval(99, 101).widen(abs=1, rel=0.01)
    assert iv.lo == pytest.approx(96.99) and iv.hi == pytest.approx(103.01)
    assert Interval(0, 1).overlaps(Interval(1, 2)) and not Interval(0, 1).overlaps(Interval(1.1, 2))


def test_decimals_of():
    assert decimals_of("290.40") == 2 and decimals_of("1167") == 0 and decimals_of("552.0") == 1
