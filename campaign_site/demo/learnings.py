"""The campaign's learning loop in the demo: a workshop that ended a few days ago, who came,
the email after it and the feedback its participants gave.

Two parts, like the rest of the demo:

- `past_workshop(today)`, the event page (German, translated with the demo's other pages),
  with its outputs and a feedback form of four questions; dated relative to the day the
  demo is built, so a fresh demo always has an event that is just over;
- `ensure_workshop_feedback(user)`, added by `load_demo_content` with the other demo
  registrations (the test suite builds the site without them): people in three languages,
  their attendance, the follow-up email sent to those who came, and the answers of most of
  them, three of which staff selected for quoting.

Everything goes through the same rules the site uses (check-in, the participant list, the
follow-up's recipients, the feedback form, quoting). Idempotent: a workshop that has
registrations is left alone.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from events.feedback.follow_up import OCCASION, due_at, recipients
from events.feedback.forms import CONSENT_FIELD, FeedbackForm, questions_of, record
from events.feedback.models import FeedbackAnswer, FeedbackResponse
from events.feedback.quoting import set_quotable
from events.models import EventPage, Registration, RegistrationMessage
from events.registration.attendance import check_in, import_attendance, mark_remaining_no_shows
from events.registration.schedule import write_once
from events.registration.transport import new_message_id
from home.localization import default_locale
from home.models import Topic
from insights.learnings import draft_learning

from .catalogue import paragraph, same, tr
from .insights import ensure_document

SLUG = "werkstatt-nachhaltigkeitsraete-partnerschaften"
# How many days before the demo is built the workshop took place.
DAYS_AGO = 4

DOCUMENT = (
    "Werkstatt Nachhaltigkeitsräte: Ergebnisse (Demo-PDF)",
    "werkstatt-nachhaltigkeitsraete-ergebnisse.pdf",
    "Nachhaltigkeitsräte als Partnerschaftsmotor - Ergebnisse",
)

FEEDBACK_FORM = [
    {"type": "rating", "value": {
        "question": tr(
            "Wie nützlich war die Werkstatt für Ihre Partnerschaftsarbeit?",
            "How useful was the workshop for your partnership work?",
            "Dans quelle mesure l'atelier a-t-il été utile à votre travail de partenariat\u00a0?",
        ),
        "help_text": "",
        "low_label": tr("gar nicht nützlich", "not useful at all", "pas du tout utile"),
        "high_label": tr("sehr nützlich", "very useful", "très utile"),
    }},
    {"type": "enabling_factor", "value": {
        "question": tr(
            "Welcher Faktor hat in Ihren Partnerschaften am meisten bewirkt?",
            "Which factor has made the biggest difference in your partnerships?",
            "Quel facteur a le plus compté dans vos partenariats\u00a0?",
        ),
        "help_text": "",
    }},
    {"type": "choice", "value": {
        "question": tr(
            "Werden Sie in den nächsten sechs Monaten eine Partnerschaft beginnen oder vertiefen?",
            "Will you start or deepen a partnership in the next six months?",
            "Allez-vous lancer ou approfondir un partenariat dans les six prochains mois\u00a0?",
        ),
        "help_text": "",
        "options": [
            tr("Ja, das ist geplant", "Yes, it is planned", "Oui, c'est prévu"),
            tr("Vielleicht", "Maybe", "Peut-être"),
            tr("Nein", "No", "Non"),
        ],
    }},
    {"type": "free_text", "value": {
        "question": tr(
            "Was hat diese Partnerschaft gelingen lassen?",
            "What made this partnership work?",
            "Qu'est-ce qui a fait réussir ce partenariat\u00a0?",
        ),
        "help_text": tr(
            "Denken Sie an eine Partnerschaft, an der Sie beteiligt sind oder waren.",
            "Think of a partnership you are or were part of.",
            "Pensez à un partenariat auquel vous participez ou avez participé.",
        ),
    }},
]  # fmt: skip


def past_workshop(today):
    """The workshop's content for the builder: it took place `DAYS_AGO` days before `today`."""
    day = today - datetime.timedelta(days=DAYS_AGO)
    document = ensure_document(*DOCUMENT)
    return {
        "title": tr(
            "Werkstatt: Nachhaltigkeitsräte als Partnerschaftsmotor",
            "Workshop: national SDG advisory bodies as drivers of partnership",
            "Atelier : les organes consultatifs nationaux sur les ODD, moteurs de partenariats",
        ),
        "slug": tr(SLUG, "workshop-sdg-advisory-bodies-partnerships",
                   "atelier-organes-consultatifs-partenariats"),
        "teaser": tr(
            "Wie nationale Nachhaltigkeitsräte Multi-Akteurs-Partnerschaften für die SDGs "
            "anstoßen und tragen – Erfahrungen aus Europa und Afrika.",
            "How national SDG advisory bodies initiate and sustain multi-stakeholder "
            "partnerships for the SDGs – experience from Europe and Africa.",
            "Comment les organes consultatifs nationaux sur les ODD lancent et portent des "
            "partenariats multipartites – expériences d'Europe et d'Afrique.",
        ),
        "start_date": day,
        "start_time": datetime.time(14, 0),
        "end_time": datetime.time(17, 0),
        "time_zone": "Europe/Zurich",
        "format": "hybrid",
        "venue_name": same("Palais des Nations"),
        "venue_address": same("Avenue de la Paix 8–14"),
        "venue_postal_code": "1211",
        "venue_city": tr("Genf", "Geneva", "Genève"),
        "venue_country": tr("Schweiz", "Switzerland", "Suisse"),
        "venue_country_code": "CH",
        "online_url": "https://meet.example.org/partnerschaften2030/nachhaltigkeitsraete",
        "registration": [
            {"type": "on_site", "value": {
                "opens_at": None, "closes_at": None, "capacity": 40, "waiting_list": False,
                "questions": []}},
        ],
        "tags": {"regions": ["unece", "africa"],
                 "topics": ["advisory-bodies", "trust", "enabling-environment"],
                 "sdgs": [16, 17]},
        "body": [
            paragraph(
                tr(
                    "Nationale Nachhaltigkeitsräte bringen Regierung, Zivilgesellschaft, "
                    "Wirtschaft und Wissenschaft an einen Tisch. Gemeinsam mit dem Global Forum "
                    "for National SDG Advisory Bodies, UN DESA und The Partnering Initiative "
                    "fragt die Werkstatt, wie sie Partnerschaften für die Agenda 2030 anstoßen "
                    "und über Jahre tragen können.",
                    "National SDG advisory bodies bring government, civil society, business "
                    "and academia to one table. Together with the Global Forum for National "
                    "SDG Advisory Bodies, UN DESA and The Partnering Initiative, the workshop "
                    "asks how they can initiate partnerships for the 2030 Agenda and sustain "
                    "them over the years.",
                    "Les organes consultatifs nationaux sur les ODD réunissent gouvernement, "
                    "société civile, entreprises et recherche autour d'une même table. Avec le "
                    "Global Forum for National SDG Advisory Bodies, le DAES et The Partnering "
                    "Initiative, l'atelier examine comment ils peuvent lancer des partenariats "
                    "pour l'Agenda 2030 et les faire durer.",
                )
            )
        ],
        "agenda": [
            {"type": "session", "value": {
                "start_time": "14:00", "end_time": "14:45",
                "title": tr("Was Räte für Partnerschaften tun können",
                            "What advisory bodies can do for partnerships",
                            "Ce que les organes consultatifs peuvent faire pour les "
                            "partenariats"),
                "description": "", "speakers": []}},
            {"type": "session", "value": {
                "start_time": "15:00", "end_time": "16:30",
                "title": tr("Beispiele aus Senegal, Ghana und Deutschland",
                            "Examples from Senegal, Ghana and Germany",
                            "Exemples du Sénégal, du Ghana et d'Allemagne"),
                "description": "", "speakers": []}},
            {"type": "session", "value": {
                "start_time": "16:30", "end_time": "17:00",
                "title": tr("Nächste Schritte", "Next steps", "Prochaines étapes"),
                "description": "", "speakers": []}},
        ],
        "outputs": [
            paragraph(
                tr(
                    "Rund zwanzig Teilnehmende aus Regierung, Zivilgesellschaft, Wirtschaft, "
                    "Wissenschaft, Philanthropie und UN-Organisationen haben vor Ort in Genf "
                    "und online diskutiert.",
                    "Some twenty participants from government, civil society, business, "
                    "academia, philanthropy and UN organisations took part on site in Geneva and "
                    "online.",
                    "Une vingtaine de participants des gouvernements, de la société civile, des "
                    "entreprises, de la recherche, de la philanthropie et des organisations des "
                    "Nations Unies ont débattu sur place à Genève et en ligne.",
                ),
                tr(
                    "Drei Ergebnisse: Räte bieten einen neutralen Ort für den Dialog; "
                    "Partnerschaften brauchen ein Mandat, das Regierungswechsel übersteht; und "
                    "gemeinsame Ziele gehören an den Anfang, nicht ans Ende. Die Ergebnisse "
                    "fließen in die Studie der Kampagne ein.",
                    "Three results: advisory bodies offer a neutral place for dialogue; "
                    "partnerships need a mandate that outlasts a change of government; and "
                    "shared goals belong at the start, not at the end. The results feed into "
                    "the campaign's study.",
                    "Trois résultats\u00a0: les organes consultatifs offrent un lieu neutre de "
                    "dialogue\u00a0; les partenariats ont besoin d'un mandat qui survit à un "
                    "changement de gouvernement\u00a0; et les objectifs communs se fixent au "
                    "début, pas à la fin. Les résultats alimentent l'étude de la campagne.",
                ),
            ),
            {"type": "document_download", "value": {
                "document": document.pk,
                "title_override": tr(
                    "Ergebnisse der Werkstatt (Demo-PDF)",
                    "Results of the workshop (demo PDF)",
                    "Résultats de l'atelier (PDF de démonstration)",
                ),
                "description": tr(
                    "Die Ergebnisse der Werkstatt auf einer Seite.",
                    "The workshop's results on one page.",
                    "Les résultats de l'atelier sur une page.",
                ),
                # Readers of English and French are told "in German" next to the link.
                "language": "de",
            }},
        ],
        "follow_up_after": 24,
        "feedback": FEEDBACK_FORM,
    }  # fmt: skip


# (language, name, stakeholder group, country, how they took part, organisation): "site"
# checked in at the door, "online" on the video platform's participant list, "away" did not
# come, "cancelled" cancelled before the event.
PEOPLE = [
    ("de", "Katharina Albrecht", "government", "DE", "site",
     "Geschäftsstelle eines Landesnachhaltigkeitsrats"),
    ("de", "Tobias Reinhardt", "civil-society", "DE", "site",
     "Verband Entwicklungspolitik e. V."),
    ("de", "Sabine Köhler", "private-sector", "DE", "online",
     "Mittelstandsnetzwerk Nachhaltigkeit"),
    ("de", "Henrik Baumann", "academia", "AT", "online",
     "Institut für Governance-Forschung"),
    ("de", "Ursula Meier", "philanthropy", "CH", "site",
     "Stiftung Zukunftsdialog"),
    ("de", "Florian Weiß", "government", "DE", "away",
     "Stadt Köln, Büro für Nachhaltigkeit"),
    ("de", "Johanna Lindner", "civil-society", "DE", "site",
     "Jugendnetzwerk Agenda 2030"),
    ("de", "Martin Schäfer", "private-sector", "DE", "cancelled",
     "Energiegenossenschaft Rheinland"),
    ("de", "Eva Hartmann", "academia", "DE", "site",
     "Forschungsstelle Nachhaltige Entwicklung"),
    ("en", "Wanjiru Kamau", "civil-society", "KE", "online",
     "Nairobi Partnerships Hub"),
    ("en", "Kwame Asante", "government", "GH", "online",
     "Secretariat of the National SDG Advisory Council"),
    ("en", "Chidinma Okafor", "private-sector", "NG", "online",
     "Lagos Business Coalition for the SDGs"),
    ("en", "Thandeka Nkosi", "academia", "ZA", "online",
     "Centre for Partnership Studies"),
    ("en", "James Whitfield", "civil-society", "GB", "site",
     "Sustainable Development Network UK"),
    ("en", "Lotte de Vries", "private-sector", "NL", "site",
     "Partnership Brokers Collective"),
    ("en", "Anna Kowalska", "government", "PL", "away",
     "National SDG coordination unit"),
    ("en", "Erik Lindqvist", "philanthropy", "SE", "online",
     "Nordic Philanthropy Network"),
    ("en", "Grace Achieng", "un-multilateral", "KE", "online",
     "UN Resident Coordinator's Office"),
    ("fr", "Aïssatou Ndiaye", "government", "SN", "online",
     "Conseil national du développement durable"),
    ("fr", "Ibrahim Ouédraogo", "civil-society", "BF", "online",
     "Réseau des OSC pour les ODD"),
    ("fr", "Chantal Mbarga", "private-sector", "CM", "online",
     "Groupement des entreprises engagées pour les ODD"),
    ("fr", "Youssef El Amrani", "academia", "MA", "online",
     "Laboratoire de recherche sur la gouvernance"),
    ("fr", "Camille Lefèvre", "government", "FR", "site",
     "Réseau des collectivités pour l'Agenda 2030"),
    ("fr", "Marc Dupuis", "philanthropy", "BE", "site",
     "Fondation pour le dialogue multi-acteurs"),
    ("fr", "Fatou Diop", "un-multilateral", "SN", "away",
     "Bureau régional des Nations Unies"),
    ("fr", "Élodie Favre", "un-multilateral", "CH", "site",
     "Plateforme genevoise des partenariats"),
]  # fmt: skip

# name: (rating, enabling factor's slug, choice (its place), may be quoted, selected for
# quoting, written answer in the person's language ("" for none))
FEEDBACK = {
    "Katharina Albrecht": (5, "enabling-environment", 0, True, True,
        "Der Rat war ein neutraler Ort: Ministerien, Verbände und Wirtschaft saßen am selben "
        "Tisch, ohne dass eine Seite die Tagesordnung bestimmt hat."),
    "Tobias Reinhardt": (4, "trust", 0, True, False,
        "Wir haben uns Zeit genommen, Erwartungen offen auszusprechen – auch darüber, was "
        "jede Organisation nicht leisten kann."),
    "Sabine Köhler": (3, "funding", 1, False, False,
        "Eine gemeinsame Finanzierung über drei Jahre. Vorher haben wir von Projekt zu "
        "Projekt gedacht."),
    "Ursula Meier": (4, "partnering-skills", 1, True, False,
        "Ein kleines gemeinsames Sekretariat, das Protokolle schreibt und nachhält, was "
        "verabredet wurde."),
    "Eva Hartmann": (5, "enabling-environment", 0, False, False, ""),
    "Wanjiru Kamau": (5, "trust", 0, True, True,
        "We agreed early on who speaks for the partnership and who decides. Once that was "
        "clear, the county government and the community groups stopped competing for "
        "credit."),
    "Kwame Asante": (4, "enabling-environment", 0, True, False,
        "Our advisory council gave the partnership a mandate from Cabinet, so ministries "
        "could commit staff time without asking again every year."),
    "Chidinma Okafor": (4, "shared-goals", 1, False, False,
        "One results framework that every partner reported against, instead of five "
        "different reports for five funders."),
    "James Whitfield": (3, "partnering-skills", 2, True, False,
        "Honestly, a skilled partnership broker. Without someone neutral to facilitate we "
        "would have stalled in the first year."),
    "Grace Achieng": (5, "enabling-environment", 0, False, False, ""),
    "Aïssatou Ndiaye": (5, "enabling-environment", 0, True, True,
        "Le conseil national a ouvert un espace où l'État, les collectivités et la société "
        "civile pouvaient se parler d'égal à égal. Sans ce cadre, le partenariat n'aurait pas "
        "survécu au changement de gouvernement."),
    "Ibrahim Ouédraogo": (4, "trust", 1, True, False,
        "La confiance, construite lentement\u00a0: des réunions régulières dans les villages, "
        "pas seulement dans la capitale."),
    "Youssef El Amrani": (4, "shared-goals", 0, False, False,
        "Des objectifs communs fixés dès le départ, et des indicateurs que chaque partenaire "
        "comprenait."),
    "Marc Dupuis": (3, "funding", 2, True, False,
        "Un financement souple, qui laissait aux partenaires locaux le temps d'apprendre et "
        "d'ajuster."),
}  # fmt: skip


def email_of(name):
    return f"{slugify(name).replace('-', '.')}@example.org"


def ensure_workshop_feedback(user=None, log=None):
    """The workshop's people, attendance, follow-up emails, feedback and the learning drafted
    from it; nothing when the
    workshop is missing or has registrations already. Runs inside the caller's transaction:
    the follow-ups are recorded as sent before it commits, so none leaves again."""
    log = log or (lambda message: None)
    source = EventPage.objects.filter(slug=SLUG, locale=default_locale()).first()
    if source is None or Registration.objects.filter(event_key=source.translation_key).exists():
        return
    versions = {
        page.locale.language_code: page
        for page in EventPage.objects.filter(translation_key=source.translation_key).select_related(
            "locale"
        )
    }
    people = register_people(source, versions)
    record_attendance(source, people, user)
    follow_ups = send_follow_ups(source)
    responses = give_feedback(source, versions, people)
    # The loop's last step, as an editor takes it in the admin: a learning drafted from the
    # event, waiting to be completed and sent through review.
    learning = draft_learning(source, user)
    log(
        f"Recorded {len(people)} people at “{source.title}”, {follow_ups} follow-up emails, "
        f"the feedback of {responses} of them and the draft “{learning.title}”."
    )


def register_people(source, versions):
    """{name: registration} of `PEOPLE`, registered weeks before on the page in their
    language (directly: the workshop's registration is closed now that it is over)."""
    people = {}
    for number, (language, name, group, country, took_part, organisation) in enumerate(PEOPLE):
        registered_at = source.starts_at - datetime.timedelta(days=30 - number)
        cancelled = took_part == "cancelled"
        registration = Registration.objects.create(
            event_key=source.translation_key,
            page=versions.get(language, source),
            language=language,
            status=Registration.Status.CANCELLED if cancelled else Registration.Status.CONFIRMED,
            name=name,
            email=email_of(name),
            organisation=organisation,
            stakeholder_group=group,
            country=country,
            consent_at=registered_at,
        )
        changed_at = source.starts_at - datetime.timedelta(days=3) if cancelled else registered_at
        Registration.objects.filter(pk=registration.pk).update(
            created_at=registered_at, status_changed_at=changed_at
        )
        people[name] = registration
    return people


def record_attendance(source, people, user):
    """People on site checked in at the door, those online from the participant list, the
    others marked as not having come once the workshop was over."""
    took_part = {name: how for _language, name, _group, _country, how, _org in PEOPLE}
    for minutes, name in enumerate(name for name, how in took_part.items() if how == "site"):
        moment = source.starts_at - datetime.timedelta(minutes=20 - minutes)
        check_in(people[name], user=user, now=moment)
    online = [people[name].email for name, how in took_part.items() if how == "online"]
    import_attendance(source.translation_key, "\n".join(["Email", *online]).encode())
    mark_remaining_no_shows(source, user=user, now=source.ends_at)


def send_follow_ups(source):
    """The follow-up to the people who came, recorded as sent when it was due."""
    kind = RegistrationMessage.Kind.FOLLOW_UP
    written = write_once(recipients(source), kind, OCCASION)
    sent_at = due_at(source)
    for message in RegistrationMessage.objects.filter(
        registration__event_key=source.translation_key, kind=kind
    ):
        message.status = RegistrationMessage.Status.SENT
        message.attempts = 1
        message.sent_at = sent_at
        message.message_id = new_message_id()
        message.save()
    RegistrationMessage.objects.filter(
        registration__event_key=source.translation_key, kind=kind
    ).update(created_at=sent_at)
    return written


def give_feedback(source, versions, people):
    """The answers of `FEEDBACK`, sent through the form in each person's language in the
    days after the follow-up; three written answers selected for quoting."""
    factors = {
        topic.slug: topic.pk
        for topic in Topic.objects.filter(locale=default_locale(), is_enabling_factor=True)
    }
    now = timezone.now()
    first = due_at(source) + datetime.timedelta(hours=2)
    for number, (name, answers) in enumerate(FEEDBACK.items()):
        rating, factor, choice, consent, quoted, text = answers
        registration = people[name]
        version = versions.get(registration.language, source)
        questions = questions_of(version)
        given = {"rating": rating, "enabling_factor": factors[factor], "choice": choice}
        data = {question.key: str(given.get(question.kind, text)) for question in questions}
        if consent:
            data[CONSENT_FIELD] = "on"
        form = FeedbackForm(data, questions=questions)
        if not form.is_valid():
            raise ValueError(f"The demo feedback of {name} is refused: {form.errors}")
        response = record(version, registration, form)
        submitted_at = min(first + datetime.timedelta(hours=3 * number), now)
        FeedbackResponse.objects.filter(pk=response.pk).update(submitted_at=submitted_at)
        if quoted:
            set_quotable(FeedbackAnswer.objects.get(response=response, kind="free_text"), True)
    return FeedbackResponse.objects.filter(event_key=source.translation_key).count()


__all__ = ["ensure_workshop_feedback", "past_workshop"]
