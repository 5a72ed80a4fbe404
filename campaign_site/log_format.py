"""JSON log lines for production: one object per line on stdout, for a log collector."""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else on a record came in through `extra=`.
_STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

# Fields of gunicorn's access log and the names gunicorn gives them.
_ACCESS_LOG_FIELDS = {
    "remote_addr": "h",
    "method": "m",
    "path": "U",
    "query": "q",
    "status": "s",
    "bytes": "B",
    "duration_ms": "M",
    "referer": "f",
    "user_agent": "a",
}


def first_line(error):
    """The first line of an exception's message (its type when it has none): outage
    messages (psycopg's, redis') run over several lines, the log keeps one per event."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


class JSONFormatter(logging.Formatter):
    """Format a record as one line of JSON: time, level, logger, message and context.

    Django's request loggers add the status code and the request; their method and path
    are included. Values given with `extra=` are added as they are (or as text when they
    are not JSON). An exception's traceback goes in `exception`.
    """

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.get_full_path()
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            # gunicorn passes the request's details as the message arguments.
            for key, atom in _ACCESS_LOG_FIELDS.items():
                entry[key] = record.args.get(atom)
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and key not in entry and key != "request":
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
