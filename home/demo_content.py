"""The demo site, built from the campaign's own German announcement.

German is the source. English and French go in as translations of the German strings through
wagtail-localize (the same path a translator's PO file import takes), so the demo site
exercises the real translation machinery. Building is idempotent: what exists is left alone.
"""

import datetime
import json
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from .models import HomePage

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "partnerships2030"  # noqa: S105 - local demo only; the command refuses production

# German source string -> its English and French translation.
CATALOGUE: dict[str, dict[str, str]] = {}


def tr(de, en, fr):
    """Register a German source string with its translations and return the German text."""
    CATALOGUE[de] = {"en": en, "fr": fr}
    return de


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _heading(text):
    return {"type": "heading", "value": {"text": text}}


HOME = {
    "title": tr(
        "Partnerschaften für die Agenda 2030",
        "Partnerships for the 2030 Agenda",
        "Partenariats pour l'Agenda 2030",
    ),
    "slug": tr("start", "home", "accueil"),
    "intro": tr(
        "Eine gemeinsame Kampagne, die Lernerfahrungen aus Multi-Akteurs-Partnerschaften "
        "zusammenträgt und die Faktoren stärkt, die Partnerschaften für die nachhaltigen "
        "Entwicklungsziele gelingen lassen.",
        "A joint campaign that gathers learnings from multi-stakeholder partnerships and "
        "strengthens the factors that make partnerships for the Sustainable Development Goals "
        "succeed.",
        "Une campagne commune qui rassemble les enseignements des partenariats multi-acteurs et "
        "renforce les facteurs qui font réussir les partenariats pour les objectifs de "
        "développement durable.",
    ),
    "body": [
        _heading(tr("Die Kampagne", "The campaign", "La campagne")),
        _paragraph(
            tr(
                "2023 haben Partnerschaften2030, zusammen mit dem 2030 Agenda Partnership "
                "Accelerator, einer Initiative von UN DESA und der Partnering Initiative sowie "
                "dem Global Forum on National SDG Advisory Bodies eine Kampagne gestartet, mit "
                "dem Ziel a) Lernerfahrungen aus verschiedenen Regionen und von verschiedenen "
                "Stakeholdern zusammenzutragen und das Bewusstsein für die Relevanz von "
                "Partnerschaften zu stärken, sowie b) partnerschaftsfördernde Faktoren zu "
                "identifizieren, um Multi-Akteurs-Partnerschaften weltweit zu stärken, "
                "effizienter zu machen und besser zu unterstützen.",
                "In 2023, Partnerschaften2030, together with the 2030 Agenda Partnership "
                "Accelerator, an initiative of UN DESA and The Partnering Initiative, and the "
                "Global Forum for National SDG Advisory Bodies, launched a campaign that aims "
                "a) to gather learnings from different regions and stakeholders and raise "
                "awareness of why partnerships matter, and b) to identify the factors that "
                "enable partnerships, so that multi-stakeholder partnerships worldwide become "
                "stronger, more efficient and better supported.",
                "En 2023, Partnerschaften2030, avec le 2030 Agenda Partnership Accelerator, une "
                "initiative du DAES des Nations Unies et de The Partnering Initiative, ainsi "
                "que le Global Forum for National SDG Advisory Bodies, a lancé une campagne "
                "visant a) à rassembler les enseignements de différentes régions et de "
                "différentes parties prenantes et à sensibiliser à l'importance des "
                "partenariats, et b) à identifier les facteurs favorables aux partenariats, "
                "afin de renforcer les partenariats multi-acteurs dans le monde entier, de les "
                "rendre plus efficaces et de mieux les soutenir.",
            )
        ),
        _paragraph(
            tr(
                "Die Kampagne umfasst eine Reihe von Veranstaltungen für verschiedene "
                "Zielgruppen und Stakeholder. Die Erkenntnisse aus den Veranstaltungen fließen "
                "dann in eine Studie zu Partnerschaften und deren begünstigende Faktoren, "
                "Herausforderungen und Opportunitäten ein, die im Rahmen eines "
                "Partnerschaftssymposiums am Rande des SDG-Gipfels im September vorgestellt "
                "werden soll.",
                "The campaign comprises a series of events for different audiences and "
                "stakeholders. What is learned at the events then feeds into a study on "
                "partnerships and the factors that enable them, their challenges and "
                "opportunities, to be presented at a partnership symposium on the margins of "
                "the SDG Summit in September.",
                "La campagne comprend une série d'événements destinés à différents publics et "
                "parties prenantes. Les enseignements tirés de ces événements alimentent "
                "ensuite une étude sur les partenariats, les facteurs qui les favorisent, leurs "
                "défis et leurs opportunités, qui sera présentée lors d'un symposium sur les "
                "partenariats en marge du Sommet sur les ODD en septembre.",
            )
        ),
    ],
}

EVENT_INDEX = {
    "title": tr("Veranstaltungen", "Events", "Événements"),
    "slug": tr("veranstaltungen", "events", "evenements"),
    "intro": tr(
        "Die Veranstaltungen der Kampagne für verschiedene Zielgruppen und Stakeholder.",
        "The campaign's events for different audiences and stakeholders.",
        "Les événements de la campagne pour différents publics et parties prenantes.",
    ),
    "show_in_menus": True,
}

ECOSOC_TZ = zoneinfo.ZoneInfo("America/New_York")
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
        "Enseignements, expériences et exemples réussis de partenariats multi-acteurs de la "
        "région de la CEE-ONU – et le rôle que les partenariats peuvent jouer dans la mise en "
        "œuvre des ODD.",
    ),
    "start": datetime.datetime(2023, 1, 31, 13, 15, tzinfo=ECOSOC_TZ),
    "end": datetime.datetime(2023, 1, 31, 14, 30, tzinfo=ECOSOC_TZ),
    "time_zone": "America/New_York",
    "body": [
        _paragraph(
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
            )
        ),
        _paragraph(
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
                "réussis de partenariats multi-acteurs de la région de la CEE-ONU et en débat "
                "avec les participants. Ensemble, nous examinons le rôle que les partenariats "
                "de la région de la CEE-ONU peuvent jouer pour renforcer la mise en œuvre des "
                "ODD dans le monde. L'événement vise à sensibiliser aux facteurs qui favorisent "
                "les partenariats, à encourager des mesures pour les développer et à recueillir "
                "les enseignements et expériences de différents secteurs et groupes d'acteurs.",
            )
        ),
    ],
}

INSIGHT_INDEX = {
    "title": tr("Erkenntnisse", "Insights", "Enseignements"),
    "slug": tr("erkenntnisse", "insights", "enseignements"),
    "intro": tr(
        "Lernerfahrungen und erfolgreiche Beispiele für Multi-Akteurs-Partnerschaften aus den "
        "Veranstaltungen der Kampagne – und die Studie zu den Faktoren, die Partnerschaften "
        "begünstigen.",
        "Learnings and successful examples of multi-stakeholder partnerships from the "
        "campaign's events – and the study on the factors that enable partnerships.",
        "Enseignements et exemples réussis de partenariats multi-acteurs issus des événements "
        "de la campagne – et l'étude sur les facteurs qui favorisent les partenariats.",
    ),
    "show_in_menus": True,
}


class DemoContentError(Exception):
    """The demo content cannot be built (e.g. a source string has no translation)."""


def build_demo_site(stdout=None):
    """Build the demo site in the source language and translate it into every other language.

    Returns the German `HomePage`. Running it again changes nothing that already exists.
    """
    from events.models import EventIndexPage, EventPage
    from insights.models import InsightIndexPage

    log = stdout.write if stdout else (lambda message: None)
    with transaction.atomic():
        user = ensure_demo_user()
        source_locale = Locale.get_default()
        home = ensure_home_page(source_locale)
        event_index = ensure_child(home, EventIndexPage, EVENT_INDEX)
        ensure_child(event_index, EventPage, ECOSOC_SIDE_EVENT)
        ensure_child(home, InsightIndexPage, INSIGHT_INDEX)

    target_locales = Locale.objects.exclude(pk=source_locale.pk).filter(
        language_code__in=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    )
    # Parents before children: a translated page needs its translated parent.
    for page in [home, *home.get_descendants().specific()]:
        for locale in target_locales:
            if translate_page(page, locale, user):
                log(f"Translated “{page.title}” into {locale.get_display_name()}.")
    return home


def ensure_demo_user():
    """The local demo administrator (created once; an existing account is not touched)."""
    User = get_user_model()
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        user = User.objects.create_superuser(DEMO_USERNAME, "admin@localhost", DEMO_PASSWORD)
    return user


def ensure_home_page(locale):
    """The German campaign overview at the top of the tree, serving as the default site."""
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's installation leaves a placeholder "Welcome" page as the site root.
        Page.objects.filter(depth=2, content_type__model="page", numchild=0).delete()
        home = HomePage(locale=locale, **_page_fields(HOME))
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Partnerschaften2030",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Partnerschaften2030"
        site.save()
    return home


def ensure_child(parent, page_class, content):
    """The child page of `parent` with the content's slug, created and published if missing."""
    existing = page_class.objects.child_of(parent).filter(slug=content["slug"]).first()
    if existing:
        return existing
    page = page_class(locale=parent.locale, **_page_fields(content))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _page_fields(content):
    fields = dict(content)
    if "body" in fields:
        fields["body"] = json.dumps(fields["body"])
    return fields


def translate_page(page, locale, user):
    """Translate one page into `locale` through wagtail-localize, unless it already is.

    The demo's own translations are imported like a translator's PO file; a language the
    catalogue does not cover keeps the German text until a translator takes over.
    Returns True when a translation was created.

    Each page gets its own transaction: wagtail-localize publishes the translation when the
    transaction commits, from the page as it was then, so publishing a parent after its
    translated children were added in the same transaction would reset its child count.
    """
    with transaction.atomic():
        return _translate_page(page, locale, user)


def _translate_page(page, locale, user):
    if page.get_translations().filter(locale=locale).exists():
        return False
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    for entry in po:
        translated = CATALOGUE.get(entry.msgid, {}).get(locale.language_code)
        if translated is None and locale.language_code in ("en", "fr"):
            raise DemoContentError(f"No {locale.language_code} translation for: {entry.msgid!r}")
        entry.msgstr = translated or ""
    translation.import_po(po, user=user, tool_name="demo content")
    translation.save_target(user=user, publish=True)
    return True
