"""Reference data every installation needs: the 17 Sustainable Development Goals.

Official short names in German, English and French, and the goals' official colours from
the UN's SDG communication guidelines. Added after every `migrate` for each configured
language we have names for; other languages are translated by translators in the admin.
"""

from django.db import connections

SDGS = [
    (1, "#E5243B", "Keine Armut", "No poverty", "Pas de pauvreté"),
    (2, "#DDA63A", "Kein Hunger", "Zero hunger", "Faim « zéro »"),
    (3, "#4C9F38", "Gesundheit und Wohlergehen", "Good health and well-being",
     "Bonne santé et bien-être"),
    (4, "#C5192D", "Hochwertige Bildung", "Quality education", "Éducation de qualité"),
    (5, "#FF3A21", "Geschlechtergleichheit", "Gender equality", "Égalité entre les sexes"),
    (6, "#26BDE2", "Sauberes Wasser und Sanitäreinrichtungen", "Clean water and sanitation",
     "Eau propre et assainissement"),
    (7, "#FCC30B", "Bezahlbare und saubere Energie", "Affordable and clean energy",
     "Énergie propre et d'un coût abordable"),
    (8, "#A21942", "Menschenwürdige Arbeit und Wirtschaftswachstum",
     "Decent work and economic growth", "Travail décent et croissance économique"),
    (9, "#FD6925", "Industrie, Innovation und Infrastruktur",
     "Industry, innovation and infrastructure", "Industrie, innovation et infrastructure"),
    (10, "#DD1367", "Weniger Ungleichheiten", "Reduced inequalities", "Inégalités réduites"),
    (11, "#FD9D24", "Nachhaltige Städte und Gemeinden", "Sustainable cities and communities",
     "Villes et communautés durables"),
    (12, "#BF8B2E", "Nachhaltige/r Konsum und Produktion",
     "Responsible consumption and production", "Consommation et production responsables"),
    (13, "#3F7E44", "Maßnahmen zum Klimaschutz", "Climate action",
     "Mesures relatives à la lutte contre les changements climatiques"),
    (14, "#0A97D9", "Leben unter Wasser", "Life below water", "Vie aquatique"),
    (15, "#56C02B", "Leben an Land", "Life on land", "Vie terrestre"),
    (16, "#00689D", "Frieden, Gerechtigkeit und starke Institutionen",
     "Peace, justice and strong institutions", "Paix, justice et institutions efficaces"),
    (17, "#19486A", "Partnerschaften zur Erreichung der Ziele", "Partnerships for the goals",
     "Partenariats pour la réalisation des objectifs"),
]  # fmt: skip

SDG_LANGUAGES = ("de", "en", "fr")


def ensure_sdgs(using="default"):
    """Create any of the 17 goals missing in a locale we have official names for.

    The goals of one number share a translation key across languages, so they are one
    snippet in several translations. Existing rows are never changed.
    """
    from wagtail.models import Locale

    from .models import SustainableDevelopmentGoal as Goal

    if Goal._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated backwards: nothing to fill
    locales = {
        locale.language_code: locale
        for locale in Locale.objects.using(using).filter(language_code__in=SDG_LANGUAGES)
    }
    existing = {
        (goal.locale_id, goal.number): goal
        for goal in Goal.objects.using(using).filter(locale__in=locales.values())
    }
    for number, colour, *names in SDGS:
        keys = {goal.translation_key for (_l, n), goal in existing.items() if n == number}
        translation_key = keys.pop() if keys else None
        for language, name in zip(SDG_LANGUAGES, names, strict=True):
            locale = locales.get(language)
            if locale is None or (locale.pk, number) in existing:
                continue
            goal = Goal(locale=locale, number=number, short_name=name, colour=colour)
            if translation_key:
                goal.translation_key = translation_key
            goal.save(using=using)
            translation_key = goal.translation_key
