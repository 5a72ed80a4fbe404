"""Build the demo site: German source content, translated through wagtail-localize.

Idempotent: every step looks for what it would create and leaves existing content alone.
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from events.models import EventIndexPage, EventPage
from home.models import (
    Footer,
    FooterLink,
    HomePage,
    HomePagePartner,
    MainMenu,
    MainMenuItem,
    Partner,
    Region,
    SiteSettings,
    SiteTexts,
    StakeholderGroup,
    StandardPage,
    SustainableDevelopmentGoal,
    Topic,
)
from insights.models import InsightIndexPage, InsightPage, InsightPageEvent

from . import events, learnings, pages, snippets
from . import insights as demo_insights
from .catalogue import CATALOGUE
from .images import ensure_image
from .tree import ensure_child, page_fields, without

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "partnerships2030"  # noqa: S105 - local demo only; the command refuses production

# Languages the demo catalogue covers; others keep the German text until translated.
CATALOGUE_LANGUAGES = ("en", "fr")


class DemoContentError(Exception):
    """The demo content cannot be built (e.g. a source string has no translation)."""


def build_demo_site(stdout=None):
    """Build the demo site in the source language and translate it into every other language.

    Returns the German `HomePage`. Running it again changes nothing that already exists.
    """
    log = stdout.write if stdout else (lambda message: None)

    with transaction.atomic():
        user = ensure_demo_user()
        source_locale = Locale.get_default()
        hero = ensure_image(
            "Kampagnenmotiv: Ring der 17 Ziele", pages.HERO_ALT, filename="kampagnenmotiv.png"
        )
        organisers = [
            ensure_snippet(Partner, source_locale, dict(data, role=Partner.Role.ORGANISER))
            for data in snippets.ORGANISERS
        ]
        taxonomy = [
            ensure_snippet(model, source_locale, {"slug": slug, "name": name})
            for model, rows in (
                (Region, snippets.REGIONS),
                (StakeholderGroup, snippets.STAKEHOLDER_GROUPS),
            )
            for slug, name in rows
        ]
        taxonomy += [
            ensure_snippet(
                Topic, source_locale, {"slug": slug, "name": name, "is_enabling_factor": factor}
            )
            for slug, name, factor in snippets.TOPICS
        ]

        home = ensure_home_page(source_locale, hero)
        event_index = ensure_child(home, EventIndexPage, pages.EVENT_INDEX)
        today = timezone.localdate()
        # Two events with an image on their card, two without: listings show both.
        side_event = ensure_event(event_index, events.ECOSOC_SIDE_EVENT, organisers, hero)
        for content, image in (
            (events.SYMPOSIUM, None),
            (events.online_dialogue(today), None),
            (events.hybrid_workshop(today), hero),
            (learnings.past_workshop(today), None),
        ):
            ensure_event(event_index, content, organisers, image)
        insight_index = ensure_child(home, InsightIndexPage, pages.INSIGHT_INDEX)
        news = ensure_child(
            insight_index,
            InsightPage,
            dict(without(demo_insights.LAUNCH_NEWS, "tags"), hero_image=hero),
        )
        if not news.event_links.exists():
            news = InsightPage.objects.get(pk=news.pk)
            news.event_links = [InsightPageEvent(event=side_event)]
            news.save_revision().publish()
        study = ensure_child(insight_index, InsightPage, without(demo_insights.STUDY, "tags"))
        demo_insights.ensure_insights(
            insight_index, event_index=event_index, organisers=organisers, hero=hero, study=study
        )
        standard_pages = [
            (ensure_child(home, StandardPage, without(content, "in_menu", "in_footer")), content)
            for content in pages.STANDARD_PAGES
        ]
        ensure_home_extras(home, organisers, study)
        menu = ensure_main_menu(
            source_locale,
            [event_index, insight_index] + [p for p, c in standard_pages if c.get("in_menu")],
        )
        footer = ensure_footer(source_locale, [p for p, c in standard_pages if c.get("in_footer")])
        texts = ensure_site_texts(source_locale)
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        if site_settings.default_social_image_id is None:
            site_settings.default_social_image = hero
            site_settings.privacy_policy_page = next(
                page for page, content in standard_pages if content["slug"] == "datenschutz"
            )
            site_settings.save()

    target_locales = Locale.objects.exclude(pk=source_locale.pk).filter(
        language_code__in=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    )
    # Snippets first, then pages parents before children (a translation needs its parent).
    objects = [
        *organisers,
        *taxonomy,
        menu,
        footer,
        texts,
        home,
        # Published pages only: a draft (the learning drafted from the workshop's
        # feedback) is translated once it has been reviewed, like any editor's draft.
        *home.get_descendants().live().specific(),
    ]
    for obj in objects:
        # Translate what is saved, not an instance that may predate later edits.
        obj = type(obj).objects.get(pk=obj.pk)
        for locale in target_locales:
            if translate(obj, locale, user):
                log(f"Translated “{obj}” into {locale.get_display_name()}.")
    return home


def ensure_demo_user():
    """The local demo administrator (created once; an existing account is not touched)."""
    User = get_user_model()
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        user = User.objects.create_superuser(DEMO_USERNAME, "admin@localhost", DEMO_PASSWORD)
    return user


def ensure_snippet(model, locale, fields):
    """The snippet in `locale` identified by its slug or name, created if missing."""
    lookup = {"slug": fields["slug"]} if "slug" in fields else {"name": fields["name"]}
    obj = model.objects.filter(locale=locale, **lookup).first()
    if obj is None:
        obj = model(locale=locale, **fields)
        obj.full_clean()
        obj.save()
    return obj


def ensure_home_page(locale, hero):
    """The German campaign overview at the top of the tree, serving as the default site."""
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's installation leaves a placeholder "Welcome" page as the site root.
        Page.objects.filter(depth=2, content_type__model="page", numchild=0).delete()
        home = HomePage(locale=locale, hero_image=hero, **page_fields(HomePage, pages.HOME))
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.pk:
        # The address `make run` serves, so canonical and shared links work locally.
        site.hostname, site.port = "127.0.0.1", 8000
        site.root_page = home
        site.site_name = "Partnerschaften2030"
        site.save()
    return home


def ensure_home_extras(home, organisers, study):
    """Featured partners and the call to action, which need pages and snippets to exist."""
    if home.featured_partners.exists() and home.call_to_action:
        return
    home = HomePage.objects.get(pk=home.pk)
    home.featured_partners = [
        HomePagePartner(partner=partner, sort_order=position)
        for position, partner in enumerate(organisers)
    ]
    home.call_to_action = json.dumps(
        [{"type": "call_to_action", "value": dict(pages.CALL_TO_ACTION, page=study.pk, url="")}]
    )
    home.save_revision().publish()


def ensure_event(index, content, organisers, image=None):
    """An event under `index`, tagged and organised by the demo's partners."""
    existing = EventPage.objects.child_of(index).filter(slug=content["slug"]).first()
    if existing:
        return existing
    tags = content["tags"]
    event = EventPage(
        locale=index.locale, image=image, **page_fields(EventPage, without(content, "tags"))
    )
    event.organisers = organisers
    event.sdgs = SustainableDevelopmentGoal.objects.filter(
        locale=index.locale, number__in=tags.get("sdgs", [])
    )
    event.regions = Region.objects.filter(locale=index.locale, slug__in=tags.get("regions", []))
    event.topics = Topic.objects.filter(locale=index.locale, slug__in=tags.get("topics", []))
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


def ensure_main_menu(locale, menu_pages):
    menu = MainMenu.objects.filter(locale=locale).first()
    if menu is None:
        menu = MainMenu(locale=locale)
        menu.items = [
            MainMenuItem(locale=locale, link_page=page, sort_order=position)
            for position, page in enumerate(menu_pages)
        ]
        menu.save()
    return menu


def ensure_footer(locale, footer_pages):
    footer = Footer.objects.filter(locale=locale).first()
    if footer is None:
        footer = Footer(locale=locale, text=f"<p>{pages.FOOTER_TEXT}</p>")
        footer.links = [
            FooterLink(locale=locale, link_page=page, sort_order=position)
            for position, page in enumerate(footer_pages)
        ]
        footer.save()
    return footer


def ensure_site_texts(locale):
    texts = SiteTexts.objects.filter(locale=locale).first()
    if texts is None:
        content = dict(pages.SITE_TEXTS)
        content["registration_notice"] = f"<p>{content['registration_notice']}</p>"
        texts = SiteTexts.objects.create(locale=locale, **content)
    return texts


def translate(obj, locale, user):
    """Translate a page or snippet into `locale` through wagtail-localize, unless it is.

    The demo's own translations are imported like a translator's PO file; a language the
    catalogue does not cover keeps the German text until a translator takes over.
    Returns True when a translation was created.

    Each object gets its own transaction: wagtail-localize publishes a page translation when
    the transaction commits, from the page as it was then, so publishing a parent after its
    translated children were added in the same transaction would reset its child count.
    """
    if obj.get_translations().filter(locale=locale).exists():
        return False
    with transaction.atomic():
        source, _created = TranslationSource.get_or_create_from_instance(obj)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        po = translation.export_po()
        for entry in po:
            translated = CATALOGUE.get(entry.msgid, {}).get(locale.language_code)
            if translated is None and locale.language_code in CATALOGUE_LANGUAGES:
                raise DemoContentError(
                    f"No {locale.language_code} translation for: {entry.msgid!r}"
                )
            entry.msgstr = translated or ""
        translation.import_po(po, user=user, tool_name="demo content")
        translation.save_target(user=user, publish=True)
    return True
