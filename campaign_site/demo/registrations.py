"""Demo registrations: people in three languages registered for the demo's events, the
emails they were sent (one of which bounced) and a message from the organisers; the
workshop's balanced places with an open offer and the past events' attendance
(`places`); the workshop that has just ended, with its follow-up and feedback (`learnings`).

Kept apart from the demo site itself: `load_demo_content` adds them for people trying the
site, while the test suite builds the site without them (its tests count registrations).
Idempotent: an event that already has registrations is left alone.
"""

from django.db import transaction
from django.utils import timezone

from events.models import EventPage, OrganiserMessage, Registration, RegistrationMessage
from events.registration.services import register_for_event
from events.registration.transport import new_message_id

from .builder import ensure_demo_user
from .learnings import ensure_workshop_feedback
from .places import ensure_balanced_workshop, ensure_past_attendance, ensure_region_countries

# (slug of the German event, [(language, name, email, organisation, group, country, needs)])
PEOPLE = {
    "online-dialog-partnerschaften": [
        (
            "de",
            "Jana Becker",
            "jana.becker@example.org",
            "Stadt Bonn, Agenda-Büro",
            "government",
            "DE",
            "",
        ),
        (
            "de",
            "Lukas Schmidt",
            "lukas.schmidt@example.org",
            "Netzwerk Nachhaltigkeit e. V.",
            "civil-society",
            "DE",
            "Live-Untertitel wären hilfreich.",
        ),
        (
            "en",
            "Grace Mensah",
            "grace.mensah@example.org",
            "University of Ghana",
            "academia",
            "GH",
            "",
        ),
        (
            "en",
            "Daniel Osei",
            "daniel.osei@example.org",
            "Accra Business Council",
            "private-sector",
            "GH",
            "",
        ),
        (
            "fr",
            "Aminata Sow",
            "aminata.sow@example.org",
            "Conseil national du développement durable",
            "government",
            "SN",
            "Interprétation en français, s'il vous plaît.",
        ),
        (
            "fr",
            "Jean-Baptiste Kaboré",
            "jb.kabore@example.org",
            "Réseau des ONG du Burkina",
            "civil-society",
            "BF",
            "",
        ),
    ],
    "werkstatt-partnerschaften-praxis": [
        (
            "de",
            "Miriam Hoffmann",
            "miriam.hoffmann@example.org",
            "GIZ-Partnerschaftsbüro",
            "government",
            "DE",
            "Stufenloser Zugang zum Raum.",
        ),
        (
            "en",
            "Priya Raman",
            "priya.raman@example.org",
            "Partnering Lab",
            "private-sector",
            "IN",
            "",
        ),
        (
            "fr",
            "Claire Dubois",
            "claire.dubois@example.org",
            "Fondation Horizons",
            "philanthropy",
            "FR",
            "",
        ),
    ],
}
# The address whose email bounced, to show what staff see when delivery fails.
BOUNCED = "daniel.osei@example.org"
BOUNCE_REASON = (
    "550 5.1.1 <daniel.osei@example.org>: Recipient address rejected: mailbox unavailable"
)

ORGANISER_MESSAGE = {
    "de": {
        "subject": "Ablauf und Vorbereitung des Online-Dialogs",
        "body": (
            "Guten Tag,\n\nwir freuen uns auf den Austausch mit Ihnen. Bitte bringen Sie ein "
            "Beispiel aus Ihrer Partnerschaftsarbeit mit: Was hat sie gelingen lassen?\n\n"
            "Der Raum ist eine Viertelstunde vor Beginn geöffnet, damit Sie Ton und Bild "
            "prüfen können."
        ),
    },
    "en": {
        "subject": "Programme and preparation for the online dialogue",
        "body": (
            "Hello,\n\nwe look forward to the exchange with you. Please bring one example from "
            "your partnership work: what made it succeed?\n\nThe room opens a quarter of an "
            "hour before the start so that you can check your sound and video."
        ),
    },
    "fr": {
        "subject": "Déroulement et préparation du dialogue en ligne",
        "body": (
            "Bonjour,\n\nnous nous réjouissons d'échanger avec vous. Merci d'apporter un "
            "exemple tiré de votre travail en partenariat\u00a0: qu'est-ce qui l'a fait "
            "réussir\u00a0?\n\nLa salle ouvre un quart d'heure avant le début pour que vous "
            "puissiez vérifier le son et l'image."
        ),
    },
}


def ensure_demo_registrations(stdout=None):
    """Register the demo people (in the language version they read) and record their
    emails as delivered; add the organisers' message to the online dialogue."""
    log = stdout.write if stdout else (lambda message: None)
    user = ensure_demo_user()
    with transaction.atomic():
        for slug, people in PEOPLE.items():
            source = EventPage.objects.filter(slug=slug, locale__language_code="de").first()
            if (
                source is None
                or Registration.objects.filter(event_key=source.translation_key).exists()
            ):
                continue
            versions = {
                page.locale.language_code: page
                for page in EventPage.objects.filter(
                    translation_key=source.translation_key
                ).select_related("locale")
            }
            for language, name, email, organisation, group, country, needs in people:
                register_for_event(
                    versions.get(language, source),
                    language=language,
                    by_staff=True,
                    name=name,
                    email=email,
                    organisation=organisation,
                    stakeholder_group=group,
                    country=country,
                    accessibility_needs=needs,
                )
            if slug == "online-dialog-partnerschaften":
                write_organiser_message(source, user)
            log(f"Registered {len(people)} demo people for “{source.title}”.")
        ensure_region_countries()
        ensure_balanced_workshop(log)
        ensure_past_attendance(log)
        ensure_workshop_feedback(user, log)
        # What the outbox would have done by now: everything delivered, one address bounced.
        # (Marked before the commit, so the queued deliveries find nothing left to send.)
        now = timezone.now()
        for message in RegistrationMessage.objects.filter(
            status=RegistrationMessage.Status.PENDING, registration__email__endswith="@example.org"
        ).select_related("registration"):
            bounced = message.registration.email == BOUNCED and message.organiser_message_id
            message.status = (
                RegistrationMessage.Status.BOUNCED if bounced else RegistrationMessage.Status.SENT
            )
            message.last_error = BOUNCE_REASON if bounced else ""
            message.attempts = 1
            message.sent_at = now
            message.message_id = new_message_id()
            message.save()


def write_organiser_message(event, user):
    """The organisers' message to everyone confirmed, in their three languages."""
    organiser_message = OrganiserMessage.objects.create(
        event_key=event.translation_key,
        audience=OrganiserMessage.Audience.CONFIRMED,
        texts=ORGANISER_MESSAGE,
        created_by=user,
    )
    for registration in Registration.objects.filter(
        event_key=event.translation_key, status=Registration.Status.CONFIRMED
    ):
        RegistrationMessage.objects.create(
            registration=registration,
            kind=RegistrationMessage.Kind.ORGANISER_MESSAGE,
            organiser_message=organiser_message,
        )
