"""A report's figures as a spreadsheet (CSV or XLSX), for funder reports: counts only, no
name, address or organisation of anyone.

One row per event with its totals ("All groups"), then one row per stakeholder group of
it; the campaign's export ends with the whole campaign's rows.
"""

import csv
import io

from openpyxl import Workbook

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..registration.display import stakeholder_group_names
from ..registration.export import CSV_DELIMITER, finish_workbook, localise_for_csv, neutralise
from .figures import mix

__all__ = ["as_csv", "as_xlsx", "rows"]


def _rate(counts):
    rate = counts.no_show_rate
    return "" if rate is None else round(rate * 100, 1)


def _row(event_name, start, group, counts):
    return [
        event_name,
        start,
        group,
        counts.registrations,
        counts.confirmed,
        counts.waiting,
        counts.open,
        counts.cancelled,
        counts.attended,
        counts.no_shows,
        counts.recorded,
        _rate(counts),
    ]


def rows(events, total=None):
    """Header and rows for `events`, a list of (event, figures); `total`, if given, is the
    whole campaign's figures, added last. Events are named by their source title."""
    names = stakeholder_group_names()
    yield [
        _("Event"),
        _("Start date"),
        _("Stakeholder group"),
        _("Registrations"),
        _("Confirmed"),
        _("Waiting list"),
        _("Offered or not confirmed yet"),
        _("Cancelled or lapsed"),
        _("Attended"),
        _("No-shows"),
        _("Attendance recorded"),
        _("No-show rate (% of attendance recorded)"),
    ]
    blocks = [(event.title, date_format(event.start_date, "Y-m-d"), f) for event, f in events]
    if total is not None:
        blocks.append((_("Whole campaign"), "", total))
    for name, start, figures in blocks:
        yield _row(name, start, _("All groups"), figures)
        for group, counts in mix(figures, names):
            yield _row(name, start, group, counts)


def as_csv(events, total=None):
    """The figures as CSV for Excel in German or French (";" between cells, a byte order
    mark, decimal numbers in the active language: "20,0" in German), like the
    registrations' export."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    for row in rows(events, total):
        writer.writerow([localise_for_csv(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def as_xlsx(events, total=None, title=""):
    """The figures as an Excel workbook: numbers as numbers, a bold header row that stays
    in view, a filter on every column, columns as wide as their content."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Report")[:31]
    workbook.properties.title = title
    widths = {}
    for number, row in enumerate(rows(events, total)):
        cells = [value if isinstance(value, (int, float)) else neutralise(value) for value in row]
        sheet.append(cells)
        for column, value in enumerate(cells, start=1):
            extra = 4 if number == 0 else 2
            widths[column] = max(widths.get(column, 0), len(str(value)) + extra)
    return finish_workbook(workbook, widths)
