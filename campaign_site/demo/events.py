"""The demo's events: the campaign's real side event and symposium, and two follow-ups.

The follow-ups are dated relative to the day the demo is built, so a fresh demo always has
upcoming events to register for.
"""

import datetime
import uuid

from .catalogue import paragraph, same, tr


def list_item(value, name):
    """A list item with a fixed id: wagtail-localize keys translations by block ids, and the
    demo must produce the same ids on every run."""
    return {"type": "item", "value": value, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, name))}


ECOSOC_SIDE_EVENT = {
    "title": tr(
        "Side Event beim ECOSOC Partnership Forum 2023",
        "Side event at the ECOSOC Partnership Forum 2023",
        "Événement parallèle au Forum des partenariats de l'ECOSOC 2023",
    ),
    "slug": tr(
        "side-event-ecosoc-partnership-forum-2023",
        "side-event-ecosoc-partnership-forum-2023",
        "evenement-parallele-forum-partenariats-ecosoc-2023",
    ),
    "teaser": tr(
        "Erkenntnisse, Erfahrungen und erfolgreiche Beispiele für Multi-Akteurs-Partnerschaften "
        "aus der UNECE-Region – und welche Rolle Partnerschaften bei der Umsetzung der SDGs "
        "spielen können.",
        "Learnings, experiences and successful examples of multi-stakeholder partnerships from "
        "the UNECE region – and the role partnerships can play in implementing the SDGs.",
        "Enseignements, expériences et exemples réussis de partenariats multipartites de la "
        "région de la CEE-ONU – et le rôle que les partenariats peuvent jouer dans la mise en "
        "œuvre des ODD.",
    ),
    "occasion": same("ECOSOC Partnership Forum 2023"),
    "start_date": datetime.date(2023, 1, 31),
    "start_time": datetime.time(13, 15),
    "end_time": datetime.time(14, 30),
    "time_zone": "America/New_York",
    "format": "in_person",
    "venue_name": tr(
        "Hauptquartier der Vereinten Nationen",
        "United Nations Headquarters",
        "Siège de l'Organisation des Nations Unies",
    ),
    "venue_postal_code": "10017",
    "venue_city": same("New York"),
    "venue_region": "NY",
    "venue_country": tr("Vereinigte Staaten", "United States", "États-Unis"),
    "venue_country_code": "US",
    "tags": {
        "regions": ["unece"],
        "topics": ["trust", "shared-goals", "enabling-environment"],
        "sdgs": [17],
    },
    "body": [
        paragraph(
            tr(
                "Das von Partnerschaften2030, dem UN Department of Economic and Social Affairs "
                "(UN DESA), The Partnering Initiative und dem Global Forum for National SDG "
                "Advisory Bodies organisierte Side Event zielt auf die Diskussion zentraler "
                "Fragen der partnerschaftlichen Zusammenarbeit ab und ist Teil einer "
                "gemeinsamen Kampagne, welche im Rahmen des ECOSOC Partnership Forums 2023 "
                "gestartet wurde.",
                "Organised by Partnerschaften2030, the UN Department of Economic and Social "
                "Affairs (UN DESA), The Partnering Initiative and the Global Forum for National "
                "SDG Advisory Bodies, the side event discusses central questions of working in "
                "partnership. It is part of a joint campaign launched at the ECOSOC Partnership "
                "Forum 2023.",
                "Organisé par Partnerschaften2030, le Département des affaires économiques et "
                "sociales des Nations Unies (DAES), The Partnering Initiative et le Global "
                "Forum for National SDG Advisory Bodies, cet événement parallèle aborde des "
                "questions centrales de la coopération en partenariat. Il s'inscrit dans une "
                "campagne commune lancée lors du Forum des partenariats de l'ECOSOC 2023.",
            ),
            tr(
                "Während der Veranstaltung werden gesammelte Erkenntnisse, Erfahrungen und "
                "erfolgreiche Beispiele für Multi-Akteurs-Partnerschaften aus der UNECE-Region "
                "beleuchtet und mit den Teilnehmenden diskutiert. Gemeinsam wird der Frage "
                "nachgegangen, welche Rolle Partnerschaften in der UNECE-Region bei der "
                "Stärkung der SDG-Umsetzung weltweit spielen können. Ziel der Veranstaltung ist "
                "es, das Bewusstsein für die Faktoren zu schärfen, die Partnerschaften "
                "begünstigen, Maßnahmen zum Aufbau dieser Faktoren anzuregen und Erkenntnisse "
                "und Erfahrungen aus verschiedenen Sektoren und Interessengruppen zu sammeln.",
                "The event presents learnings, experiences and successful examples of "
                "multi-stakeholder partnerships from the UNECE region and discusses them with "
                "the participants. Together we explore the role partnerships in the UNECE "
                "region can play in strengthening the implementation of the SDGs worldwide. "
                "The event aims to raise awareness of the factors that enable partnerships, to "
                "encourage action to build these factors, and to gather learnings and "
                "experiences from different sectors and stakeholder groups.",
                "L'événement présente des enseignements, des expériences et des exemples "
                "réussis de partenariats multipartites de la région de la CEE-ONU et en débat "
                "avec les participants. Ensemble, nous examinons le rôle que les partenariats "
                "de la région de la CEE-ONU peuvent jouer pour renforcer la mise en œuvre des "
                "ODD dans le monde. L'événement vise à sensibiliser aux facteurs qui favorisent "
                "les partenariats, à encourager des mesures pour les développer et à recueillir "
                "les enseignements et expériences de différents secteurs et groupes d'acteurs.",
            ),
        ),
    ],
}

SYMPOSIUM = {
    "title": tr(
        "Partnerschaftssymposium am Rande des SDG-Gipfels",
        "Partnership symposium on the margins of the SDG Summit",
        "Symposium sur les partenariats en marge du Sommet sur les ODD",
    ),
    "slug": tr(
        "partnerschaftssymposium-sdg-gipfel-2023",
        "partnership-symposium-sdg-summit-2023",
        "symposium-partenariats-sommet-odd-2023",
    ),
    "occasion": tr("SDG-Gipfel 2023", "SDG Summit 2023", "Sommet sur les ODD 2023"),
    "teaser": tr(
        "Die Studie zu den Faktoren, die Partnerschaften begünstigen, wird vorgestellt und "
        "diskutiert.",
        "The study on the factors that enable partnerships is presented and discussed.",
        "L'étude sur les facteurs qui favorisent les partenariats est présentée et débattue.",
    ),
    "start_date": datetime.date(2023, 9, 18),
    "time_zone": "America/New_York",
    "format": "hybrid",
    "venue_name": same("New York"),
    "venue_city": same("New York"),
    "venue_region": "NY",
    "venue_country": tr("Vereinigte Staaten", "United States", "États-Unis"),
    "venue_country_code": "US",
    "tags": {"regions": ["global"], "topics": ["enabling-environment"], "sdgs": [17]},
    "body": [
        paragraph(
            tr(
                "Die Erkenntnisse aus den Veranstaltungen der Kampagne fließen in eine Studie zu "
                "Partnerschaften und deren begünstigende Faktoren, Herausforderungen und "
                "Opportunitäten ein. Sie wird im Rahmen dieses Symposiums vorgestellt.",
                "The learnings from the campaign's events feed into a study on partnerships and "
                "the factors that enable them, their challenges and opportunities. It is "
                "presented at this symposium.",
                "Les enseignements des événements de la campagne alimentent une étude sur les "
                "partenariats, les facteurs qui les favorisent, leurs défis et leurs "
                "opportunités. Elle est présentée lors de ce symposium.",
            )
        )
    ],
}


def online_dialogue(today):
    return {
        "title": tr(
            "Online-Dialog: Was Partnerschaften gelingen lässt",
            "Online dialogue: what makes partnerships succeed",
            "Dialogue en ligne : ce qui fait réussir les partenariats",
        ),
        "slug": tr("online-dialog-partnerschaften", "online-dialogue-partnerships",
                   "dialogue-en-ligne-partenariats"),
        "teaser": tr(
            "Akteure aus Regierung, Zivilgesellschaft, Wirtschaft und Wissenschaft teilen ihre "
            "Erfahrungen mit Multi-Akteurs-Partnerschaften.",
            "People from government, civil society, business and academia share their "
            "experience with multi-stakeholder partnerships.",
            "Des acteurs des gouvernements, de la société civile, des entreprises et du monde "
            "universitaire partagent leur expérience des partenariats multipartites.",
        ),
        "start_date": today + datetime.timedelta(days=21),
        "start_time": datetime.time(15, 0),
        "end_time": datetime.time(16, 30),
        "time_zone": "Europe/Berlin",
        "format": "online",
        # The join link and access details go to confirmed registrants only.
        "online_url": "https://meet.example.org/partnerschaften2030/online-dialog",
        # The same in every language: written for every reader.
        "access_details": same("Meeting-ID / Meeting ID 842 2030 1717 · Kenncode / Passcode SDG17"),
        # A long address, as real ones often are: it must wrap on a phone, not widen the page.
        "contact_name": "Amina Diallo",
        "contact_email": same("kampagnenbuero.partnerschaften2030@example.org"),
        "tags": {"regions": ["global"], "topics": ["trust", "partnering-skills"],
                 "sdgs": [16, 17]},
        "body": [
            paragraph(
                tr(
                    "Gemeinsam wird der Frage nachgegangen, welche Faktoren Partnerschaften "
                    "begünstigen und wie sie gestärkt werden können.",
                    "Together we explore which factors enable partnerships and how they can be "
                    "strengthened.",
                    "Ensemble, nous examinons quels facteurs favorisent les partenariats et "
                    "comment les renforcer.",
                )
            )
        ],
        "registration": [
            {
                "type": "on_site",
                "value": {
                    "opens_at": None,
                    "closes_at": None,
                    "capacity": 100,
                    "waiting_list": True,
                    "questions": [
                        list_item(
                            {
                                "label": tr(
                                    "In welcher Sprache tauschen Sie sich am liebsten aus?",
                                    "Which language do you prefer for the discussion?",
                                    "Dans quelle langue préférez-vous échanger\u00a0?",
                                ),
                                "help_text": "",
                                "kind": "single_choice",
                                "options": [
                                    list_item(same(name), f"demo/option/{name}")
                                    for name in ("Deutsch", "English", "Français")
                                ],
                                "required": False,
                            },
                            "demo/question/language",
                        ),
                        list_item(
                            {
                                "label": tr(
                                    "Welche Erfahrung mit Partnerschaften möchten Sie teilen?",
                                    "Which experience with partnerships would you like to share?",
                                    "Quelle expérience des partenariats souhaitez-vous "
                                    "partager\u00a0?",
                                ),
                                "help_text": "",
                                "kind": "long_text",
                                "options": [],
                                "required": False,
                            },
                            "demo/question/experience",
                        ),
                    ],
                },
            }
        ],
        "agenda": [
            {"type": "session", "value": {
                "start_time": "15:00", "end_time": "15:15",
                "title": tr("Begrüßung und Einführung", "Welcome and introduction",
                            "Accueil et introduction"),
                "description": "", "speakers": []}},
            {"type": "session", "value": {
                "start_time": "15:15", "end_time": "16:15",
                "title": tr("Erfahrungen aus der Praxis", "Experience from practice",
                            "Retours d'expérience"),
                "description": tr(
                    "Beispiele für Multi-Akteurs-Partnerschaften und was sie gelingen ließ.",
                    "Examples of multi-stakeholder partnerships and what made them succeed.",
                    "Exemples de partenariats multipartites et de ce qui les a fait réussir.",
                ),
                "speakers": []}},
            {"type": "session", "value": {
                "start_time": "16:15", "end_time": "16:30",
                "title": tr("Ausblick", "Outlook", "Perspectives"),
                "description": "", "speakers": []}},
        ],
    }  # fmt: skip


def hybrid_workshop(today):
    day_one = (today + datetime.timedelta(days=60)).isoformat()
    day_two = (today + datetime.timedelta(days=61)).isoformat()
    return {
        "title": tr(
            "Werkstatt: Multi-Akteurs-Partnerschaften in der Praxis",
            "Workshop: multi-stakeholder partnerships in practice",
            "Atelier : les partenariats multipartites en pratique",
        ),
        "slug": tr("werkstatt-partnerschaften-praxis", "workshop-partnerships-practice",
                   "atelier-partenariats-pratique"),
        "teaser": tr(
            "Zwei Tage, um partnerschaftsfördernde Faktoren in eigenen Vorhaben anzuwenden – "
            "vor Ort in Bonn oder online.",
            "Two days to apply the factors that enable partnerships to your own work – on site "
            "in Bonn or online.",
            "Deux jours pour appliquer les facteurs favorables aux partenariats à vos propres "
            "projets – sur place à Bonn ou en ligne.",
        ),
        "start_date": today + datetime.timedelta(days=60),
        "start_time": datetime.time(9, 30),
        "end_date": today + datetime.timedelta(days=61),
        "end_time": datetime.time(16, 0),
        "time_zone": "Europe/Berlin",
        "format": "hybrid",
        "venue_name": same("UN Campus"),
        "venue_address": same("Platz der Vereinten Nationen 1"),
        "venue_postal_code": "53113",
        "venue_city": same("Bonn"),
        "venue_region": "Nordrhein-Westfalen",
        "venue_country": tr("Deutschland", "Germany", "Allemagne"),
        "venue_country_code": "DE",
        # Online participants get the link two days before; everyone the room and entry.
        "online_url": "https://meet.example.org/partnerschaften2030/werkstatt",
        "access_details": same("Langer Eugen, Raum / Room / Salle 2.14 · 9:00"),
        "join_details_release": 48,
        "registration": [
            {
                "type": "on_site",
                "value": {
                    "opens_at": None,
                    "closes_at": None,
                    "capacity": 30,
                    "waiting_list": True,
                    "questions": [],
                },
            }
        ],
        # Two days, two rooms: the page shows the programme by day, JSON-LD its sessions.
        "agenda": [
            {"type": "session", "value": {
                "day": day_one, "start_time": "09:30", "end_time": "10:30",
                "title": tr("Was Partnerschaften begünstigt", "What enables partnerships",
                            "Ce qui favorise les partenariats"),
                "room": tr("Plenarsaal", "Plenary hall", "Salle plénière"),
                "description": "", "speakers": []}},
            {"type": "session", "value": {
                "day": day_one, "start_time": "11:00", "end_time": "16:00",
                "title": tr("Arbeitsgruppen: eigene Vorhaben", "Working groups: your own projects",
                            "Groupes de travail : vos propres projets"),
                "room": tr("Räume 2.14 und 2.15", "Rooms 2.14 and 2.15", "Salles 2.14 et 2.15"),
                "description": "", "speakers": []}},
            {"type": "session", "value": {
                "day": day_two, "start_time": "09:30", "end_time": "12:30",
                "title": tr("Partnerschaften im Praxistest", "Partnerships put to the test",
                            "Les partenariats à l'épreuve"),
                "room": tr("Raum 2.14", "Room 2.14", "Salle 2.14"),
                "description": "", "speakers": []}},
            {"type": "session", "value": {
                "day": day_two, "start_time": "13:30", "end_time": "16:00",
                "title": tr("Verabredungen und Ausblick", "Commitments and outlook",
                            "Engagements et perspectives"),
                "room": tr("Plenarsaal", "Plenary hall", "Salle plénière"),
                "description": "", "speakers": []}},
        ],
        "tags": {"regions": ["unece"], "topics": ["partnering-skills", "funding"],
                 "sdgs": [4, 17]},
        "body": [
            paragraph(
                tr(
                    "Die Werkstatt regt Maßnahmen zum Aufbau der Faktoren an, die "
                    "Partnerschaften begünstigen.",
                    "The workshop encourages action to build the factors that enable "
                    "partnerships.",
                    "L'atelier encourage des mesures pour développer les facteurs qui favorisent "
                    "les partenariats.",
                )
            )
        ],
    }  # fmt: skip
