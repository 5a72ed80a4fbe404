"""Tasks for tests of the background worker: each run leaves a line in a file."""

import time
from pathlib import Path

from django_tasks import task


@task()
def leave_mark(path, seconds=0):
    """Append a line to `path` (one per run), after working for `seconds`."""
    time.sleep(seconds)
    with Path(path).open("a") as marks:
        marks.write("ran\n")
