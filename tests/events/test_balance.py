"""Stakeholder balance: caps and minimums per stakeholder group and region decide who gets a
place, who waits and who a freed place goes to; the public form states the rules; the
event desk's rules page refuses rules that contradict each other."""

import datetime
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from wagtail.models import Locale

from events.models import Registration
from events.registration.balance import Balance, Rule
from events.registration.models import BalanceRule, RegistrationList
from events.registration.services import (
    cancel_registration,
    register_for_event,
    waiting_in_offer_order,
)
from home.admin.roles import ORGANISERS, PUBLISHERS
from home.models import Region
from tests.browser.support import make_staff
from tests.support.factories import make_event
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

CIVIL, PRIVATE, GOVERNMENT = "civil-society", "private-sector", "government"


# --- The rules on their own ---------------------------------------------------------


def balance(capacity, rules, held):
    return Balance(capacity=capacity, rules=tuple(rules), held=Counter(held))


class Person:
    def __init__(self, name, group, country=""):
        self.name, self.stakeholder_group, self.country = name, group, country


def test_a_cap_in_percent_is_a_share_of_the_capacity_rounded_down():
    private_cap = Rule("at_most_percent", 40, PRIVATE)
    # 40 % of 12 places is 4.8: four places.
    state = balance(12, [private_cap], {(PRIVATE, "DE"): 4, (CIVIL, "FR"): 1})
    assert state.decide(PRIVATE, "DE", waiting_list=True) == "waiting"
    assert state.decide(PRIVATE, "DE", waiting_list=False) is None
    assert state.decide(CIVIL, "DE", waiting_list=True) == "confirmed"
    assert balance(12, [private_cap], {(PRIVATE, "DE"): 3}).decide(
        PRIVATE, "DE", waiting_list=True
    ) == ("confirmed")


def test_a_minimum_keeps_places_for_its_group_only_while_it_is_not_met():
    civil_minimum = Rule("at_least", 3, CIVIL)
    # 10 places, 7 held by others: the last 3 are kept for civil society.
    state = balance(10, [civil_minimum], {(PRIVATE, ""): 7})
    assert state.decide(PRIVATE, "", waiting_list=True) == "waiting"
    assert state.decide("", "", waiting_list=True) == "waiting"
    assert state.decide(CIVIL, "", waiting_list=True) == "confirmed"
    # Once civil society holds its 3, the rest is first come, first served.
    met = balance(10, [civil_minimum], {(PRIVATE, ""): 5, (CIVIL, ""): 3})
    assert met.decide(PRIVATE, "", waiting_list=True) == "confirmed"


def test_a_rule_counts_a_region_by_its_countries_and_may_name_a_group_too():
    africa = frozenset({"KE", "GH"})
    rule = Rule("at_most", 1, PRIVATE, "africa", africa)
    assert rule.matches(PRIVATE, "KE")
    assert not rule.matches(PRIVATE, "DE")
    assert not rule.matches(CIVIL, "KE")
    assert not rule.matches(PRIVATE, "")
    state = balance(10, [rule], {(PRIVATE, "GH"): 1})
    assert state.decide(PRIVATE, "KE", waiting_list=True) == "waiting"
    assert state.decide(CIVIL, "KE", waiting_list=True) == "confirmed"
    assert state.decide(PRIVATE, "DE", waiting_list=True) == "confirmed"


def test_a_freed_place_goes_first_to_whoever_restores_the_balance_never_over_a_cap():
    rules = [Rule("at_least", 2, CIVIL), Rule("at_most", 2, PRIVATE)]
    # One place free; civil society holds 1 of its 2, private sector is at its cap.
    state = balance(5, rules, {(PRIVATE, ""): 2, (GOVERNMENT, ""): 1, (CIVIL, ""): 1})
    waiting = [
        Person("Paula", PRIVATE),
        Person("Gerd", GOVERNMENT),
        Person("Clara", CIVIL),
        Person("Carl", CIVIL),
    ]
    assert [p.name for p in state.offer_order(waiting)] == ["Clara", "Carl"]
    # With civil society's minimum met, first come first served among those under no cap.
    met = balance(6, rules, {(PRIVATE, ""): 2, (GOVERNMENT, ""): 1, (CIVIL, ""): 2})
    assert [p.name for p in met.offer_order(waiting)] == ["Gerd", "Clara", "Carl"]


# --- Through registration ---------------------------------------------------------


def event_with_rules(*rules, capacity=5, waiting_list=True):
    event = make_event(
        "Dialog mit Balance",
        timezone.now() + datetime.timedelta(days=20),
        registration=on_site(capacity=capacity, waiting_list=waiting_list),
    )
    places = RegistrationList.objects.create(event_key=event.translation_key, double_opt_in=False)
    for group, region, limit, number in rules:
        BalanceRule.objects.create(
            registration_list=places,
            stakeholder_group=group,
            region=region,
            limit=limit,
            number=number,
        )
    return event


def register(event, name, group="", country=""):
    return register_for_event(
        event,
        language="de",
        name=name,
        email=f"{name.lower()}@example.org",
        stakeholder_group=group,
        country=country,
    )


def status_of(name):
    return Registration.objects.get(name=name).status


def test_a_group_at_its_cap_waits_while_others_still_get_places():
    event = event_with_rules((PRIVATE, "", "at_most_percent", 40), capacity=5)
    for name in ("Paul", "Petra", "Pia"):
        register(event, name, PRIVATE)
    register(event, "Clara", CIVIL)
    assert status_of("Paul") == status_of("Petra") == "confirmed"
    assert status_of("Pia") == "waiting"  # 40 % of 5 places: 2
    assert status_of("Clara") == "confirmed"


def test_a_minimum_keeps_its_places_from_others():
    event = event_with_rules((CIVIL, "", "at_least", 2), capacity=4)
    for name in ("Paul", "Petra", "Pia"):
        register(event, name, PRIVATE)
    assert [status_of(n) for n in ("Paul", "Petra", "Pia")] == ["confirmed", "confirmed", "waiting"]
    register(event, "Clara", CIVIL)
    register(event, "Carl", CIVIL)
    assert status_of("Clara") == status_of("Carl") == "confirmed"
    register(event, "Gerd", GOVERNMENT)
    assert status_of("Gerd") == "waiting"  # full now


def test_the_waiting_list_favours_the_group_below_its_minimum(django_capture_on_commit_callbacks):
    event = event_with_rules((CIVIL, "", "at_least", 1), capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "Paul", PRIVATE)
        register(event, "Petra", PRIVATE)
        register(event, "Pia", PRIVATE)  # the last place is kept for civil society
        register(event, "Clara", CIVIL)
        register(event, "Carl", CIVIL)  # full
        register(event, "Peter", PRIVATE)
        assert [status_of(n) for n in ("Pia", "Clara", "Carl", "Peter")] == [
            "waiting",
            "confirmed",
            "waiting",
            "waiting",
        ]
        order = waiting_in_offer_order(event.translation_key)
        assert [r.name for r in order] == ["Pia", "Carl", "Peter"]
        cancel_registration(Registration.objects.get(name="Clara"))
    # The freed place was kept for civil society: Carl gets it, although Pia waited longer.
    assert status_of("Carl") in ("confirmed", "offered")
    assert status_of("Pia") == status_of("Peter") == "waiting"
    # Civil society's minimum is met again: the next place is first come, first served.
    assert [r.name for r in waiting_in_offer_order(event.translation_key)] == ["Pia", "Peter"]


def test_a_region_rule_counts_registrants_by_their_country():
    Region.objects.filter(slug="africa").update(countries="KE,GH")
    event = event_with_rules(("", "africa", "at_most", 1), capacity=5)
    register(event, "Wanjiru", CIVIL, "KE")
    register(event, "Kwame", PRIVATE, "GH")
    register(event, "Dora", PRIVATE, "DE")
    register(event, "Nobody", PRIVATE)
    assert status_of("Wanjiru") == "confirmed"
    assert status_of("Kwame") == "waiting"
    assert status_of("Dora") == status_of("Nobody") == "confirmed"


def test_without_a_waiting_list_a_group_at_its_cap_is_refused():
    from events.registration.services import RegistrationError

    event = event_with_rules((PRIVATE, "", "at_most", 1), capacity=5, waiting_list=False)
    register(event, "Paul", PRIVATE)
    with pytest.raises(RegistrationError) as refused:
        register(event, "Petra", PRIVATE)
    assert refused.value.code == "full"
    assert status_of("Paul") == "confirmed"


# --- The public form states the rules ----------------------------------------------------

GROUP_NAMES = {
    "de": {PRIVATE: "Privatwirtschaft", CIVIL: "Zivilgesellschaft"},
    "en": {PRIVATE: "Private sector", CIVIL: "Civil society"},
    "fr": {PRIVATE: "Secteur privé", CIVIL: "Société civile"},
}


@pytest.fixture
def event_in_three_languages():
    """An event with its English and French versions, published, taking registrations."""
    source = make_event(
        "Dialog in drei Sprachen",
        timezone.now() + datetime.timedelta(days=20),
        registration=on_site(capacity=20),
    )
    versions = {"de": source}
    for language in ("en", "fr"):
        version = source.copy_for_translation(Locale.objects.get(language_code=language))
        version.save_revision().publish()
        versions[language] = version.specific
    return versions


def balance_notice(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    notice = BeautifulSoup(response.content, "html.parser").select_one("[data-balance-rules]")
    # Only ordinary white space is collapsed: French keeps its no-break spaces before ":".
    return [
        re.sub(r"[ \t\r\n]+", " ", part.get_text(" ", strip=True))
        for part in notice.select("p, li")
    ]


@pytest.mark.parametrize("language", ["de", "en", "fr"])
def test_the_public_form_states_the_rules_in_the_visitors_language(
    client, language, event_in_three_languages
):
    event = event_in_three_languages[language]
    page = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert page.select_one("#registration form") is not None
    assert page.select_one("[data-balance-rules]") is None  # no rules, nothing said
    # Written the way the rules page writes them, which renews the event's page.
    client.force_login(make_staff(f"orga-{language}", [ORGANISERS], language=language))
    response = post_rules(
        client, event, (PRIVATE, "", "at_most_percent", 40), (CIVIL, "", "at_least", 5)
    )
    assert response.status_code == 302
    client.logout()
    names = GROUP_NAMES[language]
    with translation.override(language):
        expected = [
            gettext("To keep a balance between stakeholder groups:"),
            gettext("At most %(percent)s %% of the places go to people in the group “%(group)s”.")
            % {"percent": 40, "group": names[PRIVATE]},
            ngettext(
                "%(number)s place is kept for people in the group “%(group)s”.",
                "%(number)s places are kept for people in the group “%(group)s”.",
                5,
            )
            % {"number": 5, "group": names[CIVIL]},
        ]
    sentences = balance_notice(client, event)
    assert sentences[:3] == expected
    # Until when: the close of registration, in the page's language and the event's zone.
    assert len(sentences) == 4


# --- The rules page ---------------------------------------------------------------------


def rules_url(event):
    return f"/admin/event-desk/{event.pk}/rules/"


def management(prefix="rules", total=2, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def rule_fields(index, group="", region="", limit="", number=""):
    return {
        f"rules-{index}-stakeholder_group": group,
        f"rules-{index}-region": region,
        f"rules-{index}-limit": limit,
        f"rules-{index}-number": str(number),
    }


def post_rules(client, event, *rules, double_opt_in=True, offer_hours=24):
    data = {"offer_hours": str(offer_hours), **management(total=len(rules))}
    if double_opt_in:
        data["double_opt_in"] = "on"
    for index, rule in enumerate(rules):
        data.update(rule_fields(index, *rule))
    return client.post(rules_url(event), data)


@pytest.fixture
def rules_event():
    return make_event(
        "Regeln",
        timezone.now() + datetime.timedelta(days=20),
        registration=on_site(capacity=10),
    )


def errors_on(response):
    page = BeautifulSoup(response.content, "html.parser")
    block = page.select_one("[data-rules-errors]")
    return " ".join(block.get_text(" ", strip=True).split()) if block else ""


def test_an_organiser_saves_the_rules_and_registration_follows_them(client, rules_event):
    client.force_login(make_staff("orga-rules", [ORGANISERS], language="en"))
    page = client.get(f"/admin/event-desk/{rules_event.pk}/")
    assert rules_url(rules_event) in page.content.decode()  # the desk links to its rules
    response = post_rules(
        client,
        rules_event,
        (PRIVATE, "", "at_most", 1),
        (CIVIL, "", "at_least", 2),
        double_opt_in=False,
        offer_hours=12,
    )
    assert response.status_code == 302
    places = RegistrationList.objects.get(event_key=rules_event.translation_key)
    assert (places.double_opt_in, places.offer_hours) == (False, 12)
    assert sorted(places.balance_rules.values_list("stakeholder_group", "limit", "number")) == [
        (CIVIL, "at_least", 2),
        (PRIVATE, "at_most", 1),
    ]
    register(rules_event, "Paul", PRIVATE)
    register(rules_event, "Petra", PRIVATE)
    assert status_of("Petra") == "waiting"
    # The page shows the saved rules, group names in the staff member's language.
    shown = BeautifulSoup(client.get(rules_url(rules_event)).content, "html.parser")
    chosen = [
        option.get_text()
        for option in shown.select('select[name$="stakeholder_group"] option[selected]')
    ]
    assert [name for name in chosen if name != "—"] == ["Private sector", "Civil society"]


CIVIL_DE = GROUP_NAMES["de"][CIVIL]


def test_the_rules_page_refuses_contradictions_in_german(client, rules_event):
    client.force_login(make_staff("orga-regeln", [ORGANISERS], language="de"))
    response = post_rules(
        client,
        rules_event,
        (CIVIL, "", "at_least", 6),
        (GOVERNMENT, "", "at_least", 5),
        (PRIVATE, "", "at_most_percent", 120),
        (PRIVATE, "", "at_most", 3),
        (PRIVATE, "", "at_most", 4),
        (CIVIL, "", "at_most", 2),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert not BalanceRule.objects.filter(
        registration_list__event_key=rules_event.translation_key
    ).exists()
    with translation.override("de"):
        too_much = gettext("A share of the places cannot be more than 100 %.")
    assert too_much in html
    # With the share corrected, the rules that contradict each other are each named.
    response = post_rules(
        client,
        rules_event,
        (CIVIL, "", "at_least", 6),
        (GOVERNMENT, "", "at_least", 5),
        (PRIVATE, "", "at_most", 3),
        (PRIVATE, "", "at_most", 4),
        (CIVIL, "", "at_most", 2),
    )
    errors = errors_on(response)
    with translation.override("de"):
        expected = [
            gettext("The same rule is given twice for “%(target)s”: keep one of them.")
            % {"target": GROUP_NAMES["de"][PRIVATE]},
            gettext(
                "The minimums add up to %(minimums)s places, more than the event's "
                "%(capacity)s places."
            )
            % {"minimums": 11, "capacity": 10},
            gettext(
                "At least %(minimum)s places are kept for “%(target)s”, but at most %(most)s "
                "may go to “%(capped)s”."
            )
            % {"minimum": 6, "target": CIVIL_DE, "most": 2, "capped": CIVIL_DE},
        ]
    for message in expected:
        assert message in errors
    assert (
        not BalanceRule.objects.exists()
        or not BalanceRule.objects.filter(
            registration_list__event_key=rules_event.translation_key
        ).exists()
    )


def test_a_rule_must_name_a_group_or_a_region(client, rules_event):
    client.force_login(make_staff("orga-leer", [ORGANISERS], language="en"))
    response = post_rules(client, rules_event, ("", "", "at_most", 3))
    assert response.status_code == 200
    assert (
        "Choose a stakeholder group, a region or both for this rule." in response.content.decode()
    )


def test_who_may_only_see_registrations_sees_the_rules_but_cannot_change_them(client, rules_event):
    client.force_login(make_staff("publisher-rules", [PUBLISHERS], language="en"))
    page = client.get(rules_url(rules_event))
    assert page.status_code == 200
    shown = BeautifulSoup(page.content, "html.parser")
    assert shown.select_one("[data-rules-read-only]") is not None
    assert shown.select_one("[data-rules-form] button[type=submit]") is None
    refused = post_rules(client, rules_event, (PRIVATE, "", "at_most", 1))
    assert refused.status_code == 403
    assert not BalanceRule.objects.filter(
        registration_list__event_key=rules_event.translation_key
    ).exists()
