"""What coscore reads into a value written another way: dates, amounts, choices."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from coscore.readings import date_reading, nearest_choice, number_reading

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))


@given(DATES)
def test_a_day_first_date_reads_as_that_date_and_both_readings_are_offered_when_it_could_be_either(day):
    text = f"{day.day}/{day.month}/{day.year}"
    reading = date_reading(text)
    assert day.isoformat() in reading
    swapped_possible = day.day <= 12 and day.day != day.month
    assert ("could mean" in reading) == swapped_possible
    if swapped_possible:
        assert dt.date(day.year, day.day, day.month).isoformat() in reading


@given(DATES)
def test_a_month_and_year_suggests_the_first_of_the_month(day):
    assert day.replace(day=1).isoformat() in date_reading(day.strftime("%B %Y"))
    assert day.replace(day=1).isoformat() in date_reading(day.strftime("%Y-%m"))


@given(st.integers(min_value=0, max_value=10**9))
def test_amounts_with_pounds_and_commas_read_as_the_plain_number(n):
    assert number_reading(f"£{n:,}") == str(n)
    assert number_reading(f"{n:,}") == str(n)


@given(st.integers(min_value=1, max_value=999))
def test_thousands_and_percentages(n):
    assert number_reading(f"{n}k") == str(n * 1000)
    assert number_reading(f"{n}%", percent=True) == str(n)


def test_words_that_are_not_numbers_are_not_read_as_numbers():
    assert number_reading("about forty thousand") is None
    assert number_reading("40,00") is None


def test_everyday_words_suggest_the_choice_they_usually_mean_and_nonsense_suggests_nothing():
    roles = ["lived_experience", "staff", "partner", "volunteer", "funder"]
    assert nearest_choice("Service user", roles) == "lived_experience"
    assert nearest_choice("manager", roles) == "staff"
    assert nearest_choice("volunter", roles) == "volunteer"
    assert nearest_choice("wizard", roles) is None
    assert nearest_choice("national", ["individual", "community", "institutional", "policy"]) == "policy"
