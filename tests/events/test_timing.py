"""Event times: local to the event, right across daylight-saving changes, in each language."""

import datetime

from django.utils import translation

from events.timing import EventTime, describe_instant


def timing(day, start=None, end=None, zone="America/New_York", end_date=None):
    return EventTime(day, start, end_date, end, zone)


def test_offset_follows_daylight_saving_in_the_events_zone():
    # US clocks went forward on 10 March 2024 at 2:00.
    before = timing(datetime.date(2024, 3, 9), datetime.time(14, 0), datetime.time(15, 0))
    after = timing(datetime.date(2024, 3, 10), datetime.time(14, 0), datetime.time(15, 0))
    assert before.starts_at().isoformat() == "2024-03-09T14:00:00-05:00"
    assert after.starts_at().isoformat() == "2024-03-10T14:00:00-04:00"
    # The same wall-clock time is one hour earlier in UTC after the change.
    assert after.starts_at().astimezone(datetime.UTC).hour == 18
    assert before.starts_at().astimezone(datetime.UTC).hour == 19
    with translation.override("en"):
        assert after.describe() == "Sunday, March 10, 2024, 2 p.m.–3 p.m. (New York, EDT)"
        assert before.describe() == "Saturday, March 9, 2024, 2 p.m.–3 p.m. (New York, EST)"


def test_europe_and_us_change_clocks_on_different_days():
    # Between the US (10 March) and the EU (31 March) changes, New York is 5 hours behind
    # Berlin instead of 6.
    new_york = timing(datetime.date(2024, 3, 20), datetime.time(9, 0))
    berlin = timing(datetime.date(2024, 3, 20), datetime.time(14, 0), zone="Europe/Berlin")
    assert new_york.starts_at() == berlin.starts_at()


def test_times_are_formatted_for_the_visitors_language():
    event = timing(datetime.date(2023, 1, 31), datetime.time(13, 15), datetime.time(14, 30))
    with translation.override("de"):
        assert event.describe() == "Dienstag, 31. Januar 2023, 13:15–14:30 (New York, EST)"
    with translation.override("fr"):
        assert event.describe() == "mardi, 31 janvier 2023, 13:15–14:30 (New York, EST)"
    with translation.override("en"):
        assert event.describe() == "Tuesday, Jan. 31, 2023, 1:15 p.m.–2:30 p.m. (New York, EST)"


def test_all_day_open_end_and_multi_day_events():
    all_day = timing(datetime.date(2023, 9, 18))
    assert all_day.all_day and not all_day.open_end
    assert all_day.ends_at() - all_day.starts_at() == datetime.timedelta(days=1)
    open_end = timing(datetime.date(2023, 9, 18), datetime.time(18, 0), zone="Europe/Berlin")
    assert open_end.open_end
    with translation.override("de"):
        assert all_day.describe() == "Montag, 18. September 2023"
        assert open_end.describe() == "Montag, 18. September 2023, ab 18:00 (Berlin, CEST)"
    two_days = timing(
        datetime.date(2027, 1, 28),
        datetime.time(9, 30),
        datetime.time(16, 0),
        zone="Europe/Berlin",
        end_date=datetime.date(2027, 1, 29),
    )
    with translation.override("en"):
        assert two_days.describe() == (
            "Thursday, Jan. 28, 2027, 9:30 a.m. – Friday, Jan. 29, 2027, 4 p.m. (Berlin, CET)"
        )


def test_each_end_of_a_range_names_its_own_offset_across_a_clock_change():
    # New York moved from EST to EDT on 10 March 2024 between the two ends.
    weekend = timing(
        datetime.date(2024, 3, 9),
        datetime.time(14, 0),
        datetime.time(10, 0),
        end_date=datetime.date(2024, 3, 11),
    )
    with translation.override("en"):
        assert weekend.describe() == (
            "Saturday, March 9, 2024, 2 p.m. (New York, EST) – "
            "Monday, March 11, 2024, 10 a.m. (New York, EDT)"
        )


def test_zones_without_an_abbreviation_show_their_full_offset():
    kathmandu = timing(datetime.date(2024, 5, 2), datetime.time(10, 0), zone="Asia/Kathmandu")
    assert kathmandu.zone_label() == "Kathmandu, UTC+05:45"
    sao_paulo = timing(datetime.date(2024, 5, 2), datetime.time(10, 0), zone="America/Sao_Paulo")
    assert sao_paulo.zone_label() == "Sao Paulo, UTC-03"


def test_an_instant_is_described_in_the_events_zone():
    deadline = datetime.datetime(2024, 3, 11, 3, 59, tzinfo=datetime.UTC)
    with translation.override("de"):
        assert describe_instant(deadline, "America/New_York") == (
            "10. März 2024, 23:59 (New York, EDT)"
        )
    with translation.override("en"):
        assert describe_instant(deadline, "Europe/Berlin") == (
            "March 11, 2024, 4:59 a.m. (Berlin, CET)"
        )


def test_the_machine_readable_start_is_a_date_for_all_day_events():
    assert timing(datetime.date(2024, 3, 9)).datetime_attribute() == "2024-03-09"
    timed = timing(datetime.date(2024, 3, 9), datetime.time(14, 0))
    assert timed.datetime_attribute() == "2024-03-09T14:00:00-05:00"
