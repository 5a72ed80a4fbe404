"""Feedback as horizontal bar charts: inline SVG drawn on the server, readable without
colour, like the reports' stakeholder mix (events/reports/charts.py).

One bar per row (a stakeholder group, a region, an enabling factor, a rating, an option),
its name written above it and its number at its end; the SVG has a title and a
description in words, and the same figures follow as a table
(templates/events/admin/includes/bar_chart.html).
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

__all__ = ["bar_chart", "bar_chart_context"]

# viewBox width, width of the bars' area, bar height, gap under a bar, font size.
SIZE = {"width": 480, "area": 400, "bar": 16, "gap": 10, "font": 13}

# The fills of the reports' patterns (events/reports/charts.py), so the dashboards look
# alike; the reports use this package, not the other way round.
FILLS = {"solid": "#1d5fa8", "hatched": "#f2b544", "dotted": "#2e8b57"}


def _number(value):
    # Coordinates as text with a point: a template would write "12,5" in German.
    return f"{value:g}"


def _description(rows, note):
    if not any(number for _label, number in rows):
        return _("No answers yet.")
    text = "; ".join(f"{label}: {number}" for label, number in rows) + "."
    return f"{text} {note}" if note else text


def bar_chart_context(rows, *, chart_id, title, heading, unit=None, note="", pattern="solid"):
    """What the chart template draws for `rows`, [(label, number)] in the order shown.
    `chart_id` makes the SVG's ids unique on the page; `heading` and `unit` head the
    table's columns (what a row is, what is counted); `note` ends the description (an
    average, say); `pattern` is one of the reports' (solid, hatched, dotted)."""
    rows = [(str(label), number) for label, number in rows]
    largest = max((number for _label, number in rows), default=0)
    scale = SIZE["area"] / largest if largest else 0
    line = SIZE["font"] + 4
    y = 0
    bars = []
    for label, number in rows:
        label_y = y + SIZE["font"]
        y += line
        # A zero still shows a hairline, so "0" is seen to belong to its bar.
        width = max(round(number * scale, 1), 1)
        bars.append(
            {
                "label": label,
                "value": number,
                "label_y": _number(label_y),
                "y": _number(y),
                "width": _number(width),
                "text_x": _number(width + 4),
                "text_y": _number(round(y + (SIZE["bar"] + SIZE["font"] * 0.7) / 2, 1)),
            }
        )
        y += SIZE["bar"] + SIZE["gap"]
    return {
        "chart_id": chart_id,
        "title": title,
        "description": _description(rows, note),
        "note": note,
        "size": SIZE,
        "height": _number(max(y, line)),
        "bars": bars if largest else [],
        "heading": heading,
        "unit": unit or _("Respondents"),
        "pattern": pattern,
        "colour": FILLS.get(pattern, FILLS["solid"]),
    }


def bar_chart(rows, **options):
    """The chart as HTML (see `bar_chart_context`)."""
    return render_to_string(
        "events/admin/includes/bar_chart.html", bar_chart_context(rows, **options)
    )
