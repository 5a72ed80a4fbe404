"""The learnings as a spreadsheet (CSV or XLSX) for funder reports and publications.

Figures only (respondents by stakeholder group, region and language, the enabling factors
ranked, each rating's and choice's answers counted), and the written answers selected for
quoting whose respondent agreed to be quoted, with their group, region and language: never
a name, address, organisation, nor anything else that leads to a person. One row per
figure, each event's rows followed by its quotes; the campaign's export ends with the
whole campaign's figures.
"""

import csv
import io

from openpyxl import Workbook

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..registration.display import language_name
from ..registration.export import CSV_DELIMITER, finish_workbook, localise_for_csv, neutralise

__all__ = ["as_csv", "as_xlsx", "rows"]


def header():
    return [
        _("Event"),
        _("Start date"),
        _("Figure"),
        _("Question"),
        _("Answer"),
        _("Number"),
        _("Average"),
        _("Stakeholder group"),
        _("Region"),
        _("Language"),
    ]


def _figure(
    figure, number, *, question="", answer="", average="", group="", region="", language=""
):
    return [figure, question, answer, number, average, group, region, language]


def _question_rows(question):
    if question.kind == "rating":
        for value, number in question.counts:
            yield _figure(_("Rating"), number, question=question.label, answer=value)
        average = "" if question.average is None else round(question.average, 2)
        yield _figure(
            _("Rating"),
            question.answers,
            question=question.label,
            answer=_("All answers"),
            average=average,
        )
    elif question.kind == "choice":
        for option, number in question.counts:
            yield _figure(_("Choice"), number, question=question.label, answer=option)
    elif question.kind == "free_text":
        yield _figure(_("Written answers"), question.answers, question=question.label)
    # Enabling factors: ranked for the whole event, see `_figure_rows`.


def _figure_rows(summary):
    yield _figure(_("Respondents"), summary.responses)
    yield _figure(_("Agreed to be quoted"), summary.consenting)
    for group, number in summary.by_group:
        yield _figure(_("Respondents by stakeholder group"), number, group=group)
    for region, number in summary.by_region:
        yield _figure(_("Respondents by region"), number, region=region)
    for code, number in summary.by_language:
        yield _figure(_("Respondents by language"), number, language=language_name(code))
    for factor, number in summary.factors:
        yield _figure(_("Enabling factors ranked"), number, answer=factor)
    for question in summary.questions:
        yield from _question_rows(question)


def _quote_rows(quotes):
    for quote in quotes:
        yield _figure(
            _("Quote"),
            "",
            question=quote.question,
            answer=quote.text,
            group=quote.group,
            region=quote.region,
            language=language_name(quote.language),
        )


def rows(events, total=None, quotes=()):
    """Header and rows for `events`, a list of (event, Summary); `total`, if given, is the
    whole campaign's Summary, added last. `quotes`: those selected for quoting (`Quote`s);
    only those whose respondent consented are ever written. Events are named by the
    title of the version given (the source version's, in the admin)."""
    by_event = {}
    for quote in quotes:
        if quote.consent and quote.selected:
            by_event.setdefault(quote.event_key, []).append(quote)
    yield header()
    for event, summary in events:
        start = date_format(event.start_date, "Y-m-d")
        for row in _figure_rows(summary):
            yield [event.title, start, *row]
        for row in _quote_rows(by_event.get(event.translation_key, [])):
            yield [event.title, start, *row]
    if total is not None:
        for row in _figure_rows(total):
            yield [_("Whole campaign"), "", *row]


def as_csv(events, total=None, quotes=()):
    """The learnings as CSV for Excel in German or French (";" between cells, a byte order
    mark, decimal numbers in the active language), like the reports' export."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER)
    for row in rows(events, total, quotes):
        writer.writerow([localise_for_csv(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def as_xlsx(events, total=None, quotes=(), title=""):
    """The learnings as an Excel workbook: numbers as numbers, a bold header row that stays
    in view, a filter on every column, columns as wide as their content (up to a limit)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Learnings")[:31]
    workbook.properties.title = title
    widths = {}
    for number, row in enumerate(rows(events, total, quotes)):
        cells = [value if isinstance(value, (int, float)) else neutralise(value) for value in row]
        sheet.append(cells)
        for column, value in enumerate(cells, start=1):
            extra = 4 if number == 0 else 2
            widths[column] = max(widths.get(column, 0), len(str(value)) + extra)
    return finish_workbook(workbook, widths)
