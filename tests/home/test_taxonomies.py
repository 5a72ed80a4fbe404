"""The SDGs and the other taxonomies, in every language."""

import pytest

from django.conf import settings

from home.models import SustainableDevelopmentGoal as Goal
from home.models.taxonomies import contrast_ratio
from home.reference_data import SDGS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_exactly_the_17_goals_exist_in_every_language(language):
    goals = Goal.objects.filter(locale__language_code=language)
    assert sorted(goals.values_list("number", flat=True)) == list(range(1, 18))


def test_official_short_names_per_language():
    def name(number, language):
        return Goal.objects.get(number=number, locale__language_code=language).short_name

    assert name(1, "de") == "Keine Armut"
    assert name(1, "en") == "No poverty"
    assert name(1, "fr") == "Pas de pauvreté"
    assert name(17, "de") == "Partnerschaften zur Erreichung der Ziele"
    assert name(17, "en") == "Partnerships for the goals"
    assert name(17, "fr") == "Partenariats pour la réalisation des objectifs"


def test_a_goal_is_one_snippet_in_three_translations():
    for number in range(1, 18):
        goals = Goal.objects.filter(number=number)
        assert goals.values("translation_key").distinct().count() == 1
        assert goals.values("colour").distinct().count() == 1


def test_the_goals_keep_their_official_colours():
    colours = dict(Goal.objects.filter(locale__language_code="de").values_list("number", "colour"))
    assert colours == {number: colour for number, colour, *_names in SDGS}
    assert colours[17] == "#19486A"


def test_number_badges_are_readable_on_every_goal_colour():
    for goal in Goal.objects.filter(locale__language_code="en"):
        # The badge numbers are small (0.8rem bold), so normal text: 4.5:1 (WCAG 1.4.3).
        # The lightest colours get black text.
        assert contrast_ratio(goal.colour, goal.text_colour) >= 4.5, goal
    yellow = Goal.objects.get(number=7, locale__language_code="en")
    assert yellow.text_colour == "#000000"


def test_migrate_again_adds_no_duplicates():
    from home.reference_data import ensure_sdgs

    ensure_sdgs()
    assert Goal.objects.count() == 17 * len(
        [code for code, _name in settings.LANGUAGES if code in ("de", "en", "fr")]
    )
