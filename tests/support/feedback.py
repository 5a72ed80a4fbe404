"""An event that is over, with people who took part, its feedback form in German and French,
and the clock to move past its end."""

import datetime
import zoneinfo
from unittest import mock

from django.core.cache import caches
from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from events.models import EventPage
from events.registration.services import register_for_event
from home.localization import get_locale
from home.models import Region, Topic
from tests.support.factories import locale, make_event
from tests.support.registration import on_site, without_double_opt_in

QUESTIONS_DE = {
    "rating": "Wie nützlich war die Veranstaltung für Ihre Partnerschaftsarbeit?",
    "enabling_factor": "Welcher Erfolgsfaktor war am wichtigsten?",
    "choice": "Werden Sie eine neue Partnerschaft beginnen?",
    "free_text": "Was hat diese Partnerschaft gelingen lassen?",
}
QUESTIONS_FR = {
    "rating": "Dans quelle mesure l’événement a-t-il été utile à votre travail de partenariat ?",
    "enabling_factor": "Quel facteur de réussite a le plus compté ?",
    "choice": "Allez-vous lancer un nouveau partenariat ?",
    "free_text": "Qu’est-ce qui a fait réussir ce partenariat ?",
}
OPTIONS_DE = ["Ja", "Vielleicht", "Nein"]
OPTIONS_FR = ["Oui", "Peut-être", "Non"]


def feedback_form(texts=QUESTIONS_DE, options=OPTIONS_DE):
    plain = {"help_text": ""}
    return [
        ("rating", {"question": texts["rating"], "low_label": "", "high_label": "", **plain}),
        ("enabling_factor", {"question": texts["enabling_factor"], **plain}),
        ("choice", {"question": texts["choice"], "options": options, **plain}),
        ("free_text", {"question": texts["free_text"], **plain}),
    ]


def at(moment):
    """The clock of the whole site (models, jobs, views) at `moment`."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def enabling_factors():
    """Two enabling factors and one plain topic, in German with French names."""
    made = {}
    for slug, name, name_fr, factor in [
        ("vertrauen", "Vertrauen", "Confiance", True),
        ("gemeinsame-ziele", "Gemeinsame Ziele", "Objectifs communs", True),
        ("digitalisierung", "Digitalisierung", "Numérique", False),
    ]:
        topic = Topic.objects.create(
            locale=locale("de"), name=name, slug=slug, is_enabling_factor=factor
        )
        french = topic.copy_for_translation(locale("fr"))
        french.name = name_fr
        french.save()
        made[slug] = topic
    return made


def africa():
    return Region.objects.create(
        locale=locale("de"), name="Afrika", slug="afrika", countries=["KE", "GH"]
    )


def translate_feedback(event, language="fr"):
    """The event's published translation into `language`, its questions in French."""
    TranslationCreator(user=None, target_locales=[get_locale(language)]).create_translations(event)
    version = event.get_translation(get_locale(language))
    raw = list(version.feedback.raw_data)
    for block in raw:
        block["value"]["question"] = QUESTIONS_FR[block["type"]]
        if block["type"] == "choice":
            block["value"]["options"] = [
                {"type": "item", "value": option, "id": item["id"]}
                for option, item in zip(OPTIONS_FR, block["value"]["options"], strict=True)
            ]
    version.feedback = raw
    version.title = "Atelier sur les partenariats"
    version.save_revision().publish()
    return version


def event_over(**fields):
    """An online event ten days ahead (2 hours long), its feedback form in German, without
    double opt-in; returns (event, end). Register people, then move the clock past `end`."""
    start = timezone.now() + datetime.timedelta(days=10)
    end = start + datetime.timedelta(hours=2)
    fields.setdefault("registration", on_site(capacity=3))
    fields.setdefault("feedback", feedback_form())
    event = make_event("Partnerschaftswerkstatt", start, end=end, **fields)
    return without_double_opt_in(event), end


def register(event, capture, email, language="de", **data):
    data.setdefault("name", email.split("@")[0].title())
    with capture(execute=True):
        return register_for_event(event, language=language, email=email, **data)


def move_into_the_past(event, days=3):
    """Give every version of `event` a start `days` ago (same length), as if it were over.

    An update, not a publication: the live server answers in another thread, so the clock
    is not moved; and a publication would tell the registrants about the new date. The
    cache keeps the source version's dates, so it is emptied too."""
    zone = zoneinfo.ZoneInfo(event.time_zone)
    length = event.ends_at - event.starts_at
    start = (timezone.now() - datetime.timedelta(days=days)).replace(second=0, microsecond=0)
    end = start + length
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    EventPage.objects.filter(translation_key=event.translation_key).update(
        start_date=local_start.date(),
        start_time=local_start.time(),
        end_date=local_end.date() if local_end.date() != local_start.date() else None,
        end_time=local_end.time(),
        starts_at=start,
        ends_at=end,
    )
    for cache in caches.all():
        cache.clear()
