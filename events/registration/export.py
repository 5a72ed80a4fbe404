"""Registrations as a spreadsheet: one row per person, one column per custom question."""

import csv
import datetime
import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .display import (
    answer_text,
    language_name,
    local_datetime,
    needs_text,
    on_site_questions,
    stakeholder_group_name,
    stakeholder_group_names,
)
from .models import Registration
from .setup import source_version

# A cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# Where a spreadsheet may start a new cell inside one CSV cell: Excel splits lines on the list
# separator of its language ("," or ";"), on tabs, and on line breaks; quotes right after
# such a split only open a quoted cell.
CSV_PART_START = re.compile(r'(^|[,;\t\r\n])("*)(?=[=+\-@\t\r])')


def neutralise_for_csv(value):
    """Like `neutralise`, for every part of the text a spreadsheet may split a CSV cell into
    ("ACME;=1+1" becomes "ACME;'=1+1"), so that no language's Excel runs any of it."""
    text = "" if value is None else str(value)
    return CSV_PART_START.sub(r"\1\2'", text)


def localise_for_csv(value):
    """A cell of a CSV of figures: a decimal number with the decimal mark of the active
    language ("3,67" in German and French, whose spreadsheets read "3.67" as text or a
    date); any other value as text that no spreadsheet runs as a formula."""
    if isinstance(value, float | Decimal):
        return number_format(value)
    return neutralise_for_csv(value)


def rows(event, registrations=None):
    """Header and rows for `event`'s registrations (any language version of it).

    `registrations`, if given, is a queryset of registrations to export instead of all of
    the event's (a filtered list); only those of `event` among them are exported, in the
    queryset's order. Cells are words, not codes (stakeholder group, status, language,
    answers); "registered at" is a naive datetime in the event's time zone, named in its
    header.
    """
    event = source_version(event)
    questions = on_site_questions(event)
    header = [
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Stakeholder group"),
        _("Country"),
        _("Accessibility needs"),
        _("Language to follow the event in"),
        _("Status"),
        _("Attendance"),
        _("Language"),
        _("Registered at (%(zone)s)") % {"zone": event.time_zone},
    ] + [question.label for question in questions]
    yield header
    if registrations is None:
        registrations = Registration.objects.order_by("created_at", "pk")
    registrations = registrations.filter(event_key=event.translation_key)
    groups = stakeholder_group_names()
    for registration in registrations:
        row = [
            registration.name,
            registration.email,
            registration.organisation,
            stakeholder_group_name(registration.stakeholder_group, groups),
            registration.country.name if registration.country else "",
            needs_text(registration),
            language_name(registration.preferred_language)
            if registration.preferred_language
            else "",
            registration.get_status_display(),
            registration.get_attendance_display() if registration.attendance else "",
            language_name(registration.language),
            local_datetime(registration.created_at, event.time_zone),
        ]
        answers = registration.answers or {}
        for question in questions:
            row.append(answer_text(question, answers.get(question.key)))
        yield row


# Excel in German or French splits CSV lines on ";" (its list separator), and so do
# LibreOffice and Numbers when asked; an English Excel user opens the XLSX instead.
CSV_DELIMITER = ";"
CSV_DATETIME = "%Y-%m-%d %H:%M"


def _csv_cell(value):
    if isinstance(value, datetime.datetime):
        return value.strftime(CSV_DATETIME)
    return neutralise_for_csv(value)


def as_csv(event, registrations=None):
    """`event`'s registrations (or those of `registrations`) as CSV text for Excel in
    German or French: ";" between cells, a byte order mark so it reads the umlauts right,
    dates as "2026-12-01 14:30" in the event's time zone (see `rows`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    for row in rows(event, registrations):
        writer.writerow([_csv_cell(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


XLSX_DATETIME = "yyyy-mm-dd hh:mm"
MAX_COLUMN_WIDTH = 50


def as_xlsx(event, registrations=None):
    """`event`'s registrations (or those of `registrations`) as the bytes of an Excel
    workbook: a bold header row that stays in view, a filter on every column, columns as
    wide as their content (up to a limit), dates as date cells (see `rows`)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    workbook.properties.title = source_version(event).title
    widths = {}
    for number, row in enumerate(rows(event, registrations)):
        cells = [
            value if isinstance(value, datetime.datetime) else neutralise(value) for value in row
        ]
        sheet.append(cells)
        for column, value in enumerate(cells, start=1):
            text = (
                value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime.datetime) else value
            )
            longest = max((len(line) for line in str(text).splitlines()), default=0)
            widths[column] = max(widths.get(column, 0), longest + (4 if number == 0 else 2))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = XLSX_DATETIME
    return finish_workbook(workbook, widths)


def finish_workbook(workbook, widths):
    """The bytes of `workbook` with its sheet's header row bold and kept in view, a filter
    on every column and the columns as wide as `widths` says (up to a limit)."""
    sheet = workbook.active
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
