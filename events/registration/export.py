"""Registrations as a spreadsheet: one row per person, one column per custom question."""

import csv
import io
import re

from openpyxl import Workbook

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Registration
from .setup import registration_setup, source_version

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


def rows(event):
    """Header and rows for `event`'s registrations (any language version of it)."""
    setup = registration_setup(source_version(event))
    questions = list(setup.questions) if setup and setup.kind == "on_site" else []
    header = [
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Stakeholder group"),
        _("Country"),
        _("Accessibility needs"),
        _("Status"),
        _("Language"),
        _("Registered at"),
    ] + [question.label for question in questions]
    yield header
    registrations = Registration.objects.filter(event_key=event.translation_key).order_by(
        "created_at", "pk"
    )
    for registration in registrations:
        row = [
            registration.name,
            registration.email,
            registration.organisation,
            registration.stakeholder_group,
            registration.country.name if registration.country else "",
            registration.accessibility_needs,
            registration.get_status_display(),
            registration.language,
            timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for question in questions:
            row.append(_answer_text(question, registration.answers.get(question.key)))
        yield row


def _answer_text(question, answer):
    if answer in (None, "", []):
        return ""
    if question.kind == "single_choice":
        return _option(question, answer)
    if question.kind == "multiple_choice":
        return "; ".join(_option(question, index) for index in answer)
    if question.kind == "checkbox":
        return _("yes") if answer else _("no")
    return answer


def _option(question, index):
    try:
        return question.options[int(index)]
    except (IndexError, ValueError, TypeError):
        return str(index)


def as_csv(event):
    """`event`'s registrations as CSV text (see `rows`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows(event):
        writer.writerow([neutralise_for_csv(cell) for cell in row])
    # A byte order mark, so spreadsheet programs read the umlauts right.
    return "\ufeff" + buffer.getvalue()


def as_xlsx(event):
    """`event`'s registrations as the bytes of an Excel workbook (see `rows`)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    for row in rows(event):
        sheet.append([neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
