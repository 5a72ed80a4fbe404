"""What the event page says about its places, and the cached pages that a changed
registration or feedback renews."""

import datetime

from django.utils import timezone

from campaign_site.cache import bump

from ..setup import EVIDENCE_VERSION_KEY, places_version_key

# An event ending sooner than this may have ended by the time the change is committed.
ENDING_SOON = datetime.timedelta(minutes=5)


def on_registration_changed(sender, instance, **kwargs):
    """Any change to a registration renews cached pages of its event, once committed;
    except a new registration that `register_for_event` found to leave the event page as
    it was (see `places_shown`). The campaign's evidence counts events that have ended: a
    registration for one still well ahead leaves it as it is (it is counted anew when the
    event ends, `evidence_changes_at`)."""
    if not getattr(instance, "leaves_event_page_as_it_was", False):
        bump(places_version_key(instance.event_key))
    if not _event_still_ahead(instance):
        bump(EVIDENCE_VERSION_KEY)


def _event_still_ahead(registration):
    # Only from the event the registration was made with (no query): when in doubt, renew.
    field = type(registration)._meta.get_field("page")
    if not field.is_cached(registration) or registration.page is None:
        return False
    ends_at = getattr(registration.page, "ends_at", None)
    return ends_at is not None and ends_at - timezone.now() > ENDING_SOON


# Above this many places left, the event page says only that places are free. Its cached
# copy then stays valid while a burst of registrations takes places (each one would
# otherwise renew it, and every visitor's form would be rendered anew), and the number
# appears once it matters.
FEW_PLACES = 10


def places_shown(capacity, held):
    """What the event page says about its places with `held` of `capacity` held: the
    number left (0: full) once there are `FEW_PLACES` or fewer, else None (places free)."""
    left = max(capacity - held, 0)
    return left if left <= FEW_PLACES else None


def on_evidence_changed(sender, instance, **kwargs):
    """Feedback given (or removed): the campaign's evidence changes, once committed."""
    bump(EVIDENCE_VERSION_KEY)


__all__ = [
    "FEW_PLACES",
    "on_evidence_changed",
    "on_registration_changed",
    "places_shown",
]
