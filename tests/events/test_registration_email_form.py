"""How registration emails present themselves: a sender with a name, a contact to reply
to, and French text set the French way."""

import datetime
import re

import pytest

from django.core import mail
from django.test import override_settings
from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from events.models import EventPage
from events.registration.notices import compose_event_full_notice
from events.registration.services import register_for_event
from home.localization import get_locale
from tests.support.factories import make_event
from tests.support.registration import on_site, without_double_opt_in

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"


def event_in_french(capture, **fields):
    page = make_event(
        "Werkstatt Partnerschaften",
        timezone.now() + datetime.timedelta(days=12),
        time_zone="Europe/Paris",
        registration=on_site(capacity=5, waiting_list=False),
        **fields,
    )
    with capture(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale("fr")]).create_translations(page)
    french = page.get_translation(get_locale("fr"))
    french.title = "Atelier partenariats"
    french.save_revision().publish()
    without_double_opt_in(page)
    return EventPage.objects.get(pk=french.pk)


def register(capture, event, email="elodie@example.org", language="fr"):
    mail.outbox.clear()
    with capture(execute=True):
        register_for_event(event, language=language, name="Élodie Martin", email=email)
    [sent] = mail.outbox
    return sent


def french_typography_faults(text):
    """Places where : ; ? ! or « » miss their non-breaking space (URLs and times aside)."""
    faults = [
        match.group(0)
        for match in re.finditer(r"(.)([:;?!])(?=\s|$)", text, re.MULTILINE)
        if match.group(1) not in (NBSP, NARROW_NBSP)
    ]
    faults += re.findall(r"«[^\u00a0\u202f]|[^\u00a0\u202f]»", text)
    return faults


def test_the_email_names_its_sender_and_answers_go_to_the_events_contact(
    django_capture_on_commit_callbacks,
):
    event = event_in_french(
        django_capture_on_commit_callbacks,
        contact_name="Claire Dubois",
        contact_email="claire@example.org",
    )
    email = register(django_capture_on_commit_callbacks, event)
    message = email.message()
    assert message["From"].startswith("Partnerschaften2030 <")
    assert email.reply_to == ["Claire Dubois <claire@example.org>"]
    assert "claire@example.org" in message["Reply-To"]


@override_settings(REGISTRATION_REPLY_TO="Veranstaltungsteam <team@example.org>")
def test_without_an_event_contact_answers_go_to_the_configured_address(
    django_capture_on_commit_callbacks,
):
    event = event_in_french(django_capture_on_commit_callbacks)
    email = register(django_capture_on_commit_callbacks, event)
    assert email.reply_to == ["Veranstaltungsteam <team@example.org>"]
    # The "fully booked" notice to someone too late answers the same way.
    notice = compose_event_full_notice(event, "late@example.org", "fr")
    assert notice.subject == f"Complet{NBSP}: Atelier partenariats"
    assert notice.reply_to == ["Veranstaltungsteam <team@example.org>"]
    assert notice.from_email.startswith("Partnerschaften2030 <")
    assert french_typography_faults(notice.body) == []


@override_settings(DEFAULT_FROM_EMAIL="noreply@example.org", REGISTRATION_REPLY_TO="")
def test_a_sender_address_without_a_name_gets_the_sites_name_in_the_persons_language(
    django_capture_on_commit_callbacks,
):
    event = event_in_french(django_capture_on_commit_callbacks)
    email = register(django_capture_on_commit_callbacks, event)
    assert email.from_email == "Partenariats pour l'Agenda 2030 <noreply@example.org>"
    assert email.reply_to == []  # nowhere to answer but the no-reply address: none given


def test_a_french_email_sets_its_punctuation_the_french_way(django_capture_on_commit_callbacks):
    event = event_in_french(django_capture_on_commit_callbacks, contact_email="contact@example.org")
    email = register(django_capture_on_commit_callbacks, event)
    assert email.subject == f"Votre inscription{NBSP}: Atelier partenariats"
    assert f"Quand{NBSP}: " in email.body
    assert f"«{NBSP}Atelier partenariats{NBSP}»" in email.body
    assert french_typography_faults(email.subject + "\n" + email.body) == []
    assert " :" not in email.body and " ?" not in email.body
    # The same email in German keeps German punctuation.
    german = register(
        django_capture_on_commit_callbacks,
        event,
        email="jonas@example.org",
        language="de",
    )
    assert "Wann: " in german.body


def test_the_french_catalogue_sets_punctuation_and_elision_the_french_way():
    faults, elisions = [], []
    in_msgstr = header = False
    with open("campaign_site/locale/fr/LC_MESSAGES/django.po", encoding="utf-8") as catalogue:
        for line in catalogue:
            if line.startswith("msgid "):
                in_msgstr, header = False, line.strip() == 'msgid ""'
            elif line.startswith("msgstr"):
                in_msgstr = True
            elif not line.startswith('"'):
                in_msgstr = False
            if not in_msgstr or header:
                continue
            text = line[line.index('"') + 1 : line.rstrip().rindex('"')]
            if re.search(r" [:;?!]|« | »", text):
                faults.append(text)
            # "de %(name)s" reads "de Élodie": a name may start with a vowel.
            if re.search(r"\b(de|que|le|la|ne|je) %\((name|event|title)\)s", text):
                elisions.append(text)
    assert faults == []
    assert elisions == []
