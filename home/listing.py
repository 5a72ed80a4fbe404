"""What every filtered listing shares: options in the visitor's language, chips, pages.

Filters are plain GET parameters with values that are the same in every language (slugs,
goal numbers, type keys), so a filtered list is a link that works in every language.
"""

import hashlib

from django import forms
from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.db.models.functions import Cast
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from campaign_site.cache import cached

from .localization import default_locale
from .models import SustainableDevelopmentGoal

ALL = ("", _("All"))
# The goals as filter options: by number, named by their short names.
SDG_KIND = (SustainableDevelopmentGoal, "number", "short_name")


def choices_in_language(model, locale, value_field="slug", label_field="name"):
    """Filter options in the visitor's language (falling back to the source language).

    Cached until content changes: every listing page shows them.
    """
    return choices_of_kinds([(model, value_field, label_field)], locale)[0]


def choices_of_kinds(kinds, locale):
    """`choices_in_language` of several kinds of terms, each of `kinds` a (model, value
    field, label field) or a model (by slug, named by name), in that order: read together in
    one query, kept together until content changes."""
    kinds = [kind if isinstance(kind, tuple) else (kind, "slug", "name") for kind in kinds]

    def build():
        locales = [default_locale(), locale]
        parts = [
            model.objects.filter(locale__in=locales)
            .annotate(
                choice_kind=Value(index),
                choice_value=Cast(value_field, CharField()),
                choice_label=Cast(label_field, CharField()),
            )
            .values_list("choice_kind", "choice_value", "choice_label", "locale_id")
            .order_by()
            for index, (model, value_field, label_field) in enumerate(kinds)
        ]
        rows = [{} for _kind in kinds]
        for index, value, label, locale_id in parts[0].union(*parts[1:], all=True):
            model, value_field, _label_field = kinds[index]
            # Cast to text to be read together: each value its own type again (a goal's number).
            value = model._meta.get_field(value_field).to_python(value)
            if value not in rows[index] or locale_id == locale.pk:
                rows[index][value] = label
        return [sorted(row.items(), key=lambda item: str(item[1])) for row in rows]

    names = ",".join(f"{model._meta.label}.{value}.{label}" for model, value, label in kinds)
    return [[ALL, *choices] for choices in cached(f"choices:{names}:{locale.pk}", build)]


def sdg_choices(locale, goals=None):
    """The 17 goals as filter options, "3. Good health…", in `locale`'s words; from `goals`
    (`choices_of_kinds` of `SDG_KIND`) when read already."""
    if goals is None:
        goals = choices_of_kinds([SDG_KIND], locale)[0]
    return [ALL] + [(number, f"{number}. {name}") for number, name in sorted(goals[1:])]


def field_choices(model, name):
    """A model field's own choices as filter options, "All" first (e.g. an event's format)."""
    return [ALL, *model._meta.get_field(name).choices]


class FilterSelect(forms.Select):
    """Django's `<select>`, the same HTML, written here rather than through one template
    include per option: a listing's filters have hundreds of options (every partner, every
    region) and rendering them took half of an uncached listing page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'<optgroup label="{conditional_escape(group_name)}">')
            html.extend(
                f'<option value="{escape(option["value"])}"{_attributes(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                html.append("</optgroup>")
        html.append("</select>")
        return mark_safe("".join(html))


def _attributes(attrs):
    # As Django's attrs.html: False leaves the attribute out, True writes its name alone.
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FilterForm(forms.Form):
    """A listing's filter form.

    `filter_names` are the fields shown as chips when used; `lookups` maps each field that
    narrows the listing by one ORM lookup to that lookup.
    """

    filter_names: tuple = ()
    lookups: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = FilterSelect(attrs=field.widget.attrs, choices=field.choices)

    def cleaned_filters(self):
        """The valid filter values, or nothing at all when the input was invalid."""
        return self.cleaned_data if self.is_bound and self.is_valid() else {}

    def active_filters(self):
        """(label, chosen value) for each filter in use, for the chips above the results."""
        data = self.cleaned_filters()
        active = []
        for name in self.filter_names:
            value = data.get(name)
            if value not in (None, ""):
                label = dict(self.fields[name].choices).get(value, value)
                active.append({"name": name, "label": self.fields[name].label, "value": label})
        return active

    def filter(self, queryset):
        """`queryset` narrowed by each filter in use (forms add filters that are no lookup)."""
        data = self.cleaned_filters()
        used = [name for name in self.lookups if data.get(name) not in (None, "")]
        for name in used:
            queryset = queryset.filter(**{self.lookups[name]: data[name]})
        # Filtering through tags joins many-to-many tables: one row per page, not per tag.
        # (Without a filter there is no join, and DISTINCT would only slow the count down.)
        return queryset.distinct() if used else queryset


def paginate(queryset, request, page_size, count=None):
    """One page of `queryset` with what the pagination template needs.

    `count`, when the caller knows it already, spares the paginator its own COUNT query.
    """
    paginator = Paginator(queryset, page_size)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "query_without_page": query.urlencode(),
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2),
    }


def listing_state(index, request):
    """What a listing page shows besides content: its index (and so its language) and the
    filters asked for, exactly as the address gives them (the page number aside), hashed:
    a key for what is kept of it."""
    query = request.GET.copy()
    query.pop("page", None)
    digest = hashlib.sha256(query.urlencode().encode()).hexdigest()[:32]
    return f"{index.pk}:{digest}"


def listing_context(request, form, listing, page_size, *, page_name, count=None):
    """What an index template needs: the filter form, its chips, one page of `listing`.

    `listing` is the filtered, ordered queryset, its page given to the template as
    `page_name`; `count`, when the caller knows it already, spares a COUNT query.
    """
    pages = paginate(listing, request, page_size, count=count)
    active = form.active_filters()
    return {
        "filter_form": form,
        "active_filters": active,
        "is_filtered": bool(active),
        page_name: pages["page"],
        "query_without_page": pages["query_without_page"],
        "page_range": pages["page_range"],
    }
