"""Reports for funders and communications staff: registrations, attendance, no-show rate
and the stakeholder mix, per event and for the whole campaign; charts readable without
colour, and CSV/XLSX without personal data. Their admin pages: events.desk.reports."""

from .charts import mix_chart, upcoming_mix_charts
from .figures import (
    Figures,
    campaign_figures,
    event_figures,
    figures_for,
    listed_events_figures,
    mix,
    summary_numbers,
)

__all__ = [
    "Figures",
    "campaign_figures",
    "event_figures",
    "figures_for",
    "listed_events_figures",
    "mix",
    "mix_chart",
    "summary_numbers",
    "upcoming_mix_charts",
]
