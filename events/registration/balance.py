"""Stakeholder balance: caps and minimums per stakeholder group and/or region at one event.

Organisers set an event's rules at its desk (`BalanceRule`): "at most 40 % of the places
for the private sector", "at most 10 places for people from Africa", "at least 5 places for
civil society". The rules here are plain: they take the event's capacity, its rules and
the places held per (stakeholder group, country), and say

- whether a new registrant gets a place, waits, or is refused (`Balance.decide`):
  a registrant of a group or region at its cap waits; minimums reserve places, so someone
  who does not fill an unmet minimum gets a place only while the free places exceed the
  places still kept for the unmet minimums;
- who a freed place is offered to (`Balance.offer_order`): whoever fills an unmet minimum
  first, nobody whose group or region is at its cap, first come first served otherwise;
- and the rules in plain words for the public form (`rules_in_words`).

A rule names a stakeholder group, a region, or both (then both must match). A registrant
counts for a region when their country is one of the region's countries
(`home.Region.countries`); a registrant who gave no group or country counts for no rule
that names one. `at_most_percent` is a share of the event's capacity, rounded down.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from campaign_site.cache import cached
from home.listing import choices_in_language
from home.localization import active_locale, default_locale
from home.models import Region, StakeholderGroup

from .models import BalanceRule, Registration

__all__ = [
    "Balance",
    "Rule",
    "balance_of_event",
    "event_rules",
    "event_rules_in_words",
    "rules_in_words",
]

AT_MOST_PERCENT = BalanceRule.Limit.AT_MOST_PERCENT
AT_MOST = BalanceRule.Limit.AT_MOST
AT_LEAST = BalanceRule.Limit.AT_LEAST


@dataclass(frozen=True)
class Rule:
    """One rule: `limit` ("at_most_percent", "at_most", "at_least") and its `number`, for
    a stakeholder group (slug), a region (slug) with its `countries` (codes), or both."""

    limit: str
    number: int
    stakeholder_group: str = ""
    region: str = ""
    countries: frozenset = frozenset()

    def matches(self, stakeholder_group, country):
        """Whether a registrant of this group and country counts for the rule."""
        if self.stakeholder_group and stakeholder_group != self.stakeholder_group:
            return False
        if self.region and str(country or "") not in self.countries:
            return False
        return bool(self.stakeholder_group or self.region)

    @property
    def is_cap(self):
        return self.limit in (AT_MOST, AT_MOST_PERCENT)

    def places(self, capacity):
        """The rule in places: the cap, or the places kept (a percentage rounded down)."""
        if self.limit == AT_MOST_PERCENT:
            return capacity * self.number // 100
        return self.number


@dataclass
class Balance:
    """An event's places as the rules see them at one moment.

    `held`: places held per (stakeholder group, country), e.g. {("civil-society", "DE"): 3}.
    """

    capacity: int
    rules: tuple
    held: Counter

    @property
    def free(self):
        return self.capacity - sum(self.held.values())

    def held_for(self, rule):
        """Places held by registrants the rule counts."""
        return sum(
            number for (group, country), number in self.held.items() if rule.matches(group, country)
        )

    def unmet(self, rule):
        """Places a minimum still keeps (0 for a cap or a minimum that is met)."""
        if rule.limit != AT_LEAST:
            return 0
        return max(rule.places(self.capacity) - self.held_for(rule), 0)

    def at_cap(self, stakeholder_group, country):
        """Whether a cap that counts this registrant is reached."""
        return any(
            rule.is_cap
            and rule.matches(stakeholder_group, country)
            and self.held_for(rule) >= rule.places(self.capacity)
            for rule in self.rules
        )

    def restores(self, stakeholder_group, country):
        """Whether this registrant fills a minimum that is not met yet."""
        return any(
            rule.matches(stakeholder_group, country) and self.unmet(rule) for rule in self.rules
        )

    def kept_for_others(self, stakeholder_group, country):
        """Free places kept for unmet minimums this registrant does not count for."""
        return sum(
            self.unmet(rule) for rule in self.rules if not rule.matches(stakeholder_group, country)
        )

    def may_take_place(self, stakeholder_group, country, free=None):
        """Whether this registrant may take one of `free` places (the free places now by
        default): one is free beyond those kept for others' minimums, and no cap counting
        them is reached."""
        free = self.free if free is None else free
        if free <= 0 or self.at_cap(stakeholder_group, country):
            return False
        return free > self.kept_for_others(stakeholder_group, country)

    def decide(self, stakeholder_group, country, *, waiting_list):
        """ "confirmed", "waiting" or None (no place for them and no waiting list)."""
        if self.may_take_place(stakeholder_group, country):
            return Registration.Status.CONFIRMED
        return Registration.Status.WAITING if waiting_list else None

    def offer_groups(self, waiting):
        """Who of `waiting` (registrations, or anything with `stakeholder_group` and
        `country`, in the order they joined the list) may have a freed place, as two lists:
        those who fill an unmet minimum, then the others, each first come first served.
        Left out: anyone a cap counting them keeps out, and, while the free places are all
        kept for minimums, anyone who fills none. Judged as if at least one place were free,
        so it answers "who gets the next place" also before one is free."""
        free = max(self.free, 1)
        first, then = [], []
        for registration in waiting:
            group, country = registration.stakeholder_group, str(registration.country or "")
            if not self.may_take_place(group, country, free):
                continue
            (first if self.restores(group, country) else then).append(registration)
        return first, then

    def offer_order(self, waiting):
        """`offer_groups` as one list: the order in which a freed place is offered."""
        first, then = self.offer_groups(waiting)
        return first + then


# --- The rules of one event ----------------------------------------------------------


def region_countries(slugs):
    """{region slug: frozenset of country codes} (the countries are the same in every
    language; the source language's row is read where there are several)."""
    found = {}
    source = default_locale().pk
    for region in Region.objects.filter(slug__in=set(slugs)).order_by("pk"):
        if region.slug not in found or region.locale_id == source:
            found[region.slug] = frozenset(country.code for country in region.countries)
    return found


def event_rules(event_key):
    """The balance rules of one event as `Rule`s (two queries; none when it has no rules)."""
    stored = list(
        BalanceRule.objects.filter(registration_list__event_key=event_key).values_list(
            "limit", "number", "stakeholder_group", "region"
        )
    )
    if not stored:
        return ()
    countries = region_countries(region for *_rest, region in stored if region)
    return tuple(
        Rule(limit, number, group, region, countries.get(region, frozenset()))
        for limit, number, group, region in stored
    )


def event_setup(event_key):
    """The registration setup of the event with this translation key (None when gone)."""
    from .setup import registration_setup

    event_page = Registration._meta.get_field("page").related_model
    event = event_page.objects.filter(translation_key=event_key).first()
    return registration_setup(event) if event is not None else None


def held_places(registrations):
    """Places held per (stakeholder group, country) among `registrations` (those holding a
    place), in one query."""
    rows = registrations.values_list("stakeholder_group", "country").annotate(number=Count("pk"))
    return Counter({(group, str(country or "")): number for group, country, number in rows})


def balance_of_event(capacity, rules, holding):
    """The `Balance` of an event with `capacity` places, its `rules` and the registrations
    `holding` a place (a queryset)."""
    return Balance(capacity=capacity, rules=tuple(rules), held=held_places(holding.order_by()))


# --- The rules in plain words ----------------------------------------------------------


def _names(model):
    return dict(choices_in_language(model, active_locale())[1:])


def _sentence(rule, groups, regions):
    values = {
        "number": rule.number,
        "percent": rule.number,
        "group": groups.get(rule.stakeholder_group, rule.stakeholder_group),
        "region": regions.get(rule.region, rule.region),
    }
    both = rule.stakeholder_group and rule.region
    if rule.limit == AT_MOST_PERCENT:
        if both:
            text = _(
                "At most %(percent)s %% of the places go to people in the group “%(group)s” "
                "from the region “%(region)s”."
            )
        elif rule.region:
            text = _(
                "At most %(percent)s %% of the places go to people from the region “%(region)s”."
            )
        else:
            text = _("At most %(percent)s %% of the places go to people in the group “%(group)s”.")
    elif rule.limit == AT_MOST:
        if both:
            text = ngettext(
                "At most %(number)s place goes to people in the group “%(group)s” from the "
                "region “%(region)s”.",
                "At most %(number)s places go to people in the group “%(group)s” from the "
                "region “%(region)s”.",
                rule.number,
            )
        elif rule.region:
            text = ngettext(
                "At most %(number)s place goes to people from the region “%(region)s”.",
                "At most %(number)s places go to people from the region “%(region)s”.",
                rule.number,
            )
        else:
            text = ngettext(
                "At most %(number)s place goes to people in the group “%(group)s”.",
                "At most %(number)s places go to people in the group “%(group)s”.",
                rule.number,
            )
    elif both:
        text = ngettext(
            "%(number)s place is kept for people in the group “%(group)s” from the region "
            "“%(region)s”.",
            "%(number)s places are kept for people in the group “%(group)s” from the region "
            "“%(region)s”.",
            rule.number,
        )
    elif rule.region:
        text = ngettext(
            "%(number)s place is kept for people from the region “%(region)s”.",
            "%(number)s places are kept for people from the region “%(region)s”.",
            rule.number,
        )
    else:
        text = ngettext(
            "%(number)s place is kept for people in the group “%(group)s”.",
            "%(number)s places are kept for people in the group “%(group)s”.",
            rule.number,
        )
    return text % values


def rules_in_words(rules, closes_at_text=""):
    """The rules as sentences for the public form, in the active language: why, then one
    sentence per rule, then until when places are kept for a minimum (`closes_at_text`,
    the close of registration as the page writes it). Empty without rules."""
    if not rules:
        return []
    groups = _names(StakeholderGroup) if any(r.stakeholder_group for r in rules) else {}
    regions = _names(Region) if any(r.region for r in rules) else {}
    if groups and regions:
        why = _("To keep a balance between stakeholder groups and regions:")
    elif regions:
        why = _("To keep a balance between regions:")
    else:
        why = _("To keep a balance between stakeholder groups:")
    sentences = [why] + [_sentence(rule, groups, regions) for rule in rules]
    if closes_at_text and any(rule.limit == AT_LEAST for rule in rules):
        sentences.append(
            _("Places are kept for a group or region until registration closes on %(date)s.")
            % {"date": closes_at_text}
        )
    return sentences


def event_rules_in_words(event, setup, request=None):
    """`rules_in_words` for the registration block of `event` (any language version) with
    its `setup`, in the active language. Kept until the event's places change: saving the
    rules renews that version (and so the cached page) too."""
    from campaign_site.cache.versions import dependency_version

    from ..timing import describe_instant
    from .setup import places_version_key

    key = event.translation_key
    version = dependency_version(places_version_key(key))

    def build():
        closes = describe_instant(setup.closes_at, event.time_zone) if setup.closes_at else ""
        return rules_in_words(event_rules(key), closes)

    return cached(f"balance-words:{key}:{get_language()}:{version}", build, request=request)
