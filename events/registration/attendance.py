"""Who came: check-in at the door, no-shows, attendance imported from a participant list,
and the counts kept when registrations are deleted.

Only confirmed registrations have an attendance. Each change is one conditional UPDATE, so
two phones checking the same person in at the same moment record one check-in and tell the
other phone it was already done. The rules live here; the desk's check-in pages
(`events.desk.checkin`) call them.
"""

import csv
import io
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from campaign_site.cache import bump

from .models import Registration, RegistrationList
from .services import normalise_email
from .setup import EVIDENCE_VERSION_KEY

Attendance = Registration.Attendance
CONFIRMED = Registration.Status.CONFIRMED

# Where an attendance record came from (`Registration.attendance_source`).
DOOR, IMPORT, DESK = "door", "import", "desk"
SOURCES = {
    DOOR: _("at the door"),
    IMPORT: _("from the participant list"),
    DESK: _("at the event desk"),
}

# The admin history's actions (registered in events.wagtail_hooks).
CHECK_IN = "events.check_in"
NO_SHOW = "events.no_show"
UNDONE = "events.attendance_undone"
LOG_ACTIONS = {
    CHECK_IN: (_("Check in"), _("Checked in")),
    NO_SHOW: (_("Mark as no-show"), _("Marked as not attended")),
    UNDONE: (_("Undo attendance"), _("Attendance record removed")),
}


def _set(registration, condition, **values):
    """Apply `values` to the registration if it still meets `condition`; True if it did.
    The registration object is refreshed either way."""
    changed = (
        Registration.objects.filter(condition, pk=registration.pk, status=CONFIRMED).update(
            **values
        )
        == 1
    )
    if changed:
        # Updated without signals: the campaign's evidence counts who came.
        bump(EVIDENCE_VERSION_KEY)
    registration.refresh_from_db()
    return changed


def check_in(registration, *, user=None, source=DOOR, now=None):
    """Record that the person came. Returns "checked_in", "already" (checked in before:
    `checked_in_at`, `attendance_source` and `checked_in_by` say when and how) or
    "not_confirmed" (only confirmed people are checked in; nothing changes)."""
    if registration.status != CONFIRMED:
        return "not_confirmed"
    with transaction.atomic():
        changed = _set(
            registration,
            ~models.Q(attendance=Attendance.ATTENDED),
            attendance=Attendance.ATTENDED,
            checked_in_at=now or timezone.now(),
            attendance_source=source,
        )
        if changed:
            log(instance=registration, action=CHECK_IN, user=user, data={"source": source})
    if changed:
        return "checked_in"
    return "already" if registration.attendance == Attendance.ATTENDED else "not_confirmed"


def mark_no_show(registration, *, user=None):
    """Record that a confirmed person did not come. Returns "marked", "already",
    "attended" (checked in: undo that first) or "not_confirmed"."""
    if registration.status != CONFIRMED:
        return "not_confirmed"
    with transaction.atomic():
        changed = _set(
            registration,
            models.Q(attendance=Attendance.UNKNOWN),
            attendance=Attendance.NO_SHOW,
            checked_in_at=None,
            attendance_source=DESK,
        )
        if changed:
            log(instance=registration, action=NO_SHOW, user=user, data={"source": DESK})
    if changed:
        return "marked"
    if registration.attendance == Attendance.ATTENDED:
        return "attended"
    return "already" if registration.attendance == Attendance.NO_SHOW else "not_confirmed"


def undo_attendance(registration, *, user=None):
    """Forget a check-in or a no-show (a mistake at the door). True if there was one."""
    with transaction.atomic():
        changed = _set(
            registration,
            ~models.Q(attendance=Attendance.UNKNOWN),
            attendance=Attendance.UNKNOWN,
            checked_in_at=None,
            attendance_source="",
        )
        if changed:
            log(instance=registration, action=UNDONE, user=user)
    return changed


def checked_in_by(registration):
    """The name of the member of staff who checked the person in ("" if unknown)."""
    entry = (
        ModelLogEntry.objects.filter(
            content_type__app_label=Registration._meta.app_label,
            content_type__model=Registration._meta.model_name,
            object_id=str(registration.pk),
            action=CHECK_IN,
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.user_display_name if entry is not None and entry.user_id else ""


def attendance_counts(event_key):
    """{"confirmed", "attended", "no_show", "open"} of the event's confirmed registrations
    ("open": neither checked in nor marked as no-show)."""
    numbers = Registration.objects.filter(event_key=event_key, status=CONFIRMED).aggregate(
        confirmed=models.Count("pk"),
        attended=models.Count("pk", filter=models.Q(attendance=Attendance.ATTENDED)),
        no_show=models.Count("pk", filter=models.Q(attendance=Attendance.NO_SHOW)),
    )
    numbers["open"] = numbers["confirmed"] - numbers["attended"] - numbers["no_show"]
    return numbers


def not_checked_in(event_key):
    """Confirmed registrations with no attendance recorded yet."""
    return Registration.objects.filter(
        event_key=event_key, status=CONFIRMED, attendance=Attendance.UNKNOWN
    )


def may_close_attendance(event, now=None):
    """Whether everyone not checked in may be marked as no-show: once the event has begun."""
    return event.starts_at <= (now or timezone.now())


def mark_remaining_no_shows(event, *, user=None, now=None):
    """After the start: mark every confirmed person not checked in as no-show. Returns how
    many were marked (0 before the start: nothing changes)."""
    if not may_close_attendance(event, now):
        return 0
    with transaction.atomic():
        remaining = not_checked_in(event.translation_key).select_for_update()
        ids = list(remaining.values_list("pk", flat=True))
        marked = Registration.objects.filter(pk__in=ids).update(
            attendance=Attendance.NO_SHOW, checked_in_at=None, attendance_source=DESK
        )
        bump(EVIDENCE_VERSION_KEY)
        for registration in Registration.objects.filter(pk__in=ids):
            log(instance=registration, action=NO_SHOW, user=user, data={"source": DESK})
    return marked


# --- Counts kept when registrations are deleted ----------------------------------------


def archive_counts(registrations):
    """Add the counts per stakeholder group of `registrations` (about to be deleted) to their
    events' `RegistrationList.archived_counts`: {group slug ("" for none): {"confirmed": n,
    "attended": n, "no_show": n}}. Reports of the event keep saying who came."""
    rows = (
        registrations.values("event_key", "stakeholder_group")
        .annotate(
            confirmed=models.Count("pk", filter=models.Q(status=CONFIRMED)),
            attended=models.Count("pk", filter=models.Q(attendance=Attendance.ATTENDED)),
            no_show=models.Count("pk", filter=models.Q(attendance=Attendance.NO_SHOW)),
        )
        .order_by()
    )
    per_event = {}
    for row in rows:
        per_event.setdefault(row["event_key"], []).append(row)
    with transaction.atomic():
        for event_key, groups in per_event.items():
            RegistrationList.objects.get_or_create(event_key=event_key)
            kept = RegistrationList.objects.select_for_update().get(event_key=event_key)
            counts = dict(kept.archived_counts or {})
            for row in groups:
                group = dict(counts.get(row["stakeholder_group"] or "", {}))
                for name in ("confirmed", "attended", "no_show"):
                    group[name] = group.get(name, 0) + row[name]
                counts[row["stakeholder_group"] or ""] = group
            kept.archived_counts = counts
            kept.save(update_fields=["archived_counts"])


# --- Attendance imported from a conferencing tool's participant list -------------------

MAX_FILE_SIZE = 5 * 1024 * 1024
# How far down a header row is looked for (Zoom puts the meeting's details first).
HEADER_SEARCH_ROWS = 30
# Column headers that hold the email address, compared without case, accents, spaces and
# punctuation ("E-Mail", "Courriel", "E-Mail-Adresse", "Adresse e-mail" …), and any header
# ending in "email" ("User Email", "Attendee Email").
EMAIL_HEADERS = {
    "email",
    "mail",
    "courriel",
    "emailaddress",
    "emailadresse",
    "mailadresse",
    "adresseemail",
    "adressemail",
    "adressecourriel",
    "adresseelectronique",
    "courrielelectronique",
}


class AttendanceFileError(ValueError):
    """The participant list cannot be read; `message` says why, for staff. Nothing saved."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class ImportReport:
    """What an import did: newly `attended`, `already` marked, addresses `not_registered`
    for the event, addresses registered `without_place` (waiting, cancelled: not marked),
    `duplicates` (addresses more than once in the file, each listed once) and rows
    `without_address`."""

    attended: int = 0
    already: int = 0
    not_registered: list = field(default_factory=list)
    without_place: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    without_address: int = 0


def _header_key(text):
    text = unicodedata.normalize("NFKD", text.strip().lstrip("\ufeff")).casefold()
    return "".join(character for character in text if character.isalpha() and character.isascii())


def is_email_header(text):
    """Whether a column header names the participants' email addresses."""
    key = _header_key(text)
    return key in EMAIL_HEADERS or key.endswith("email")


def _decode(data):
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise AttendanceFileError(
            _(
                "The file is not a UTF-8 text file. Save the participant list as “CSV "
                "UTF-8” and upload it again."
            )
        ) from error
    if "\x00" in text:
        raise AttendanceFileError(_("The file is not a CSV file."))
    return text


def _table(text):
    """(rows after the header, index of the email column), trying comma, semicolon and tab."""
    best, problem = None, None
    for delimiter in (",", ";", "\t"):
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
        except csv.Error as error:
            problem = error
            continue
        for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            columns = [index for index, cell in enumerate(row) if is_email_header(cell)]
            if columns and (best is None or len(row) > best[2]):
                best = (rows[position + 1 :], columns[0], len(row))
                break
    if best is None:
        if problem is not None:
            raise AttendanceFileError(
                _("The file is not a readable CSV file (%(problem)s).") % {"problem": problem}
            )
        raise AttendanceFileError(
            _(
                "No column with email addresses was found. The participant list needs a "
                "header such as “Email”, “E-Mail”, “User Email” or “Courriel”."
            )
        )
    return best[0], best[1]


def read_participant_list(data):
    """The addresses in a participant list (CSV, comma, semicolon or tab, UTF-8 with or
    without BOM, or UTF-16), in file order and normalised, and how many rows had none.
    Raises `AttendanceFileError` for a file that cannot be read as a whole."""
    if not data.strip():
        raise AttendanceFileError(_("The file is empty."))
    if len(data) > MAX_FILE_SIZE:
        raise AttendanceFileError(_("The file is too large (at most 5 MB)."))
    rows, column = _table(_decode(data))
    addresses, without_address = [], 0
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue  # a blank line between sections
        address = normalise_email(row[column]) if column < len(row) else ""
        try:
            validate_email(address)
        except ValidationError:
            without_address += 1
            continue
        addresses.append(address)
    return addresses, without_address


def import_attendance(event_key, data, *, now=None):
    """Mark as attended the confirmed registrations of the event whose address is in the
    participant list `data` (bytes). Returns an `ImportReport`; a file that cannot be read
    raises `AttendanceFileError` before anything is saved."""
    addresses, without_address = read_participant_list(data)
    seen = Counter(addresses)
    report = ImportReport(
        duplicates=[address for address, times in seen.items() if times > 1],
        without_address=without_address,
    )
    with transaction.atomic():
        registered = {}
        for registration in (
            Registration.objects.annotate(address=Lower("email"))
            .filter(event_key=event_key, address__in=list(seen))
            .select_for_update()
        ):
            # A confirmed registration of the address wins over a cancelled one.
            current = registered.get(registration.address)
            if current is None or registration.status == CONFIRMED:
                registered[registration.address] = registration
        to_mark = []
        for address in seen:
            registration = registered.get(address)
            if registration is None:
                report.not_registered.append(address)
            elif registration.status != CONFIRMED:
                report.without_place.append(address)
            elif registration.attendance == Attendance.ATTENDED:
                report.already += 1
            else:
                to_mark.append(registration.pk)
        report.attended = Registration.objects.filter(pk__in=to_mark).update(
            attendance=Attendance.ATTENDED, attendance_source=IMPORT, checked_in_at=None
        )
        bump(EVIDENCE_VERSION_KEY)
    return report
