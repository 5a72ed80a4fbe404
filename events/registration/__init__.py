"""Event registration: settings, rules (services), forms, emails and views."""
