"""The stakeholder mix as a chart: inline SVG drawn on the server, readable without colour.

Each group has three bars (confirmed, waiting, attended), each series with its own colour
and its own pattern (plain, hatched, dotted) and a legend in words; every bar carries its
number as text; the SVG has a title and a description, and the same figures follow as a
table (templates/events/admin/includes/mix_chart.html).
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..registration.display import stakeholder_group_names
from .figures import figures_for, mix

__all__ = ["SERIES", "mix_chart", "mix_chart_context", "upcoming_mix_charts"]

# (attribute of the counts, name, fill colour, pattern): the pattern tells the series apart
# where colours do not (printed in black and white, or for a reader who cannot see them).
SERIES = [
    ("confirmed", gettext_lazy("Confirmed"), "#1d5fa8", "solid"),
    ("waiting", gettext_lazy("Waiting list"), "#f2b544", "hatched"),
    ("attended", gettext_lazy("Attended"), "#2e8b57", "dotted"),
]

SIZES = {
    # viewBox width, width of the bars' area, bar height, gap under a group, font size
    "full": {"width": 480, "area": 400, "bar": 16, "gap": 14, "font": 13},
    "compact": {"width": 240, "area": 200, "bar": 9, "gap": 8, "font": 10},
}


def _number(value):
    # Coordinates as text with a point: a template would write "12,5" in German.
    return f"{value:g}"


def _description(rows):
    if not rows:
        return _("No registrations yet.")
    parts = [
        _("%(group)s: %(confirmed)s confirmed, %(waiting)s waiting, %(attended)s attended")
        % {
            "group": label,
            "confirmed": counts.confirmed,
            "waiting": counts.waiting,
            "attended": counts.attended,
        }
        for label, counts in rows
    ]
    return "; ".join(parts) + "."


def mix_chart_context(figures, *, chart_id, title, compact=False, names=None):
    """What the chart template draws: the groups' bars with their positions and numbers,
    the legend, and the rows of the table alternative. `chart_id` makes the SVG's ids
    unique on the page (several charts on one dashboard)."""
    size = SIZES["compact" if compact else "full"]
    rows = mix(figures, names)
    largest = max(
        (getattr(counts, name) for _label, counts in rows for name, *_rest in SERIES), default=0
    )
    scale = size["area"] / largest if largest else 0
    line = size["font"] + 4
    y = 0
    groups = []
    for label, counts in rows:
        label_y = y + size["font"]
        y += line
        bars = []
        for name, series_label, _colour, pattern in SERIES:
            value = getattr(counts, name)
            # A zero still shows a hairline, so "0" is seen to belong to its bar.
            width = max(round(value * scale, 1), 1)
            bars.append(
                {
                    "series": name,
                    "series_label": series_label,
                    "pattern": pattern,
                    "value": value,
                    "y": _number(y),
                    "width": _number(width),
                    "text_x": _number(width + 4),
                    "text_y": _number(round(y + (size["bar"] + size["font"] * 0.7) / 2, 1)),
                }
            )
            y += size["bar"] + 2
        groups.append({"label": label, "label_y": _number(label_y), "bars": bars, "counts": counts})
        y += size["gap"]
    return {
        "chart_id": chart_id,
        "title": title,
        "description": _description(rows),
        "compact": compact,
        "size": size,
        "height": _number(max(y, line)),
        "groups": groups,
        "series": [
            {"name": name, "label": label, "colour": colour, "pattern": pattern}
            for name, label, colour, pattern in SERIES
        ],
    }


def mix_chart(figures, *, chart_id, title, compact=False, names=None):
    """The chart as HTML (see `mix_chart_context`)."""
    return render_to_string(
        "events/admin/includes/mix_chart.html",
        mix_chart_context(figures, chart_id=chart_id, title=title, compact=compact, names=names),
    )


def upcoming_mix_charts(events, by_key=None):
    """Small charts of the stakeholder mix of `events` (the dashboard's upcoming events),
    by page id, for those with registrations: counted in one go, not one query per event
    (`by_key`: their figures by translation key, if already counted)."""
    if by_key is None:
        by_key = figures_for({event.translation_key for event in events})
    names = stakeholder_group_names()
    return {
        event.pk: mix_chart(
            by_key[event.translation_key],
            chart_id=f"upcoming-mix-{event.pk}",
            title=_("Stakeholder mix: %(event)s") % {"event": event.title},
            compact=True,
            names=names,
        )
        for event in events
        if by_key[event.translation_key].groups
    }
