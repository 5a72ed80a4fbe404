"""After an event: the follow-up email, the feedback form, and what the campaign learns.

- `blocks`: the questions editors compose a feedback form from (translated like the page).
- `models`: the answers, kept with the respondent's stakeholder group and region, never
  with their identity once the registration is anonymised.
- `follow_up`: the one email after the event, with its outputs and the form's link.
- `forms`, `views`: the public form, reached by a personal link.
- `summary`: the answers counted per event or for the campaign (dashboard, exports, the
  drafted learning, the study's evidence).
- `dashboard`, `charts`, `exports`: the learnings dashboard's content, its bar charts and
  its CSV/XLSX without personal data (its admin pages: events.desk.learnings).
- `quoting`: selecting written answers for quoting, only with the respondent's consent.
"""
