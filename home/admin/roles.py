"""Staff roles as groups: who may write, publish, translate and see registrations.

The groups themselves are created by a migration (`home/migrations/0003_roles.py`), so
every installation has them. Translators edit and publish only the page trees of
target languages: their page permissions are granted on each translated site root when it
appears, for all translators and for the group of that one language (to limit someone to
one language). Existing grants are not widened when this list changes: add them in the
admin ("Settings → Groups").
"""

from django.conf import settings
from django.utils.translation import gettext, gettext_lazy

EDITORS = "Communications editors"
PUBLISHERS = "Communications publishers"
TRANSLATORS = "Translators"
ORGANISERS = "Event organisers"
# The approval workflow and its task (home/migrations/0005 and 0008).
WORKFLOW = "Communications approval"
REVIEW_TASK = "Approval by communications publishers"

# The names above stay in English in the database: code, migrations and tests find the groups,
# the workflow and its task by them, and one name there cannot be German for editors and
# French for translators at once. People read them in their admin language instead, wherever
# the admin shows them to the roles (`display_name`).
DISPLAY_NAMES = {
    EDITORS: gettext_lazy("Communications editors"),
    PUBLISHERS: gettext_lazy("Communications publishers"),
    TRANSLATORS: gettext_lazy("Translators"),
    ORGANISERS: gettext_lazy("Event organisers"),
    WORKFLOW: gettext_lazy("Communications approval"),
    REVIEW_TASK: gettext_lazy("Approval by communications publishers"),
}

# They publish their translations; the German source stays out of their reach.
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def language_translators_name(language_code):
    """The group limiting translators to one language, e.g. "Translators (Français)"."""
    names = dict(settings.LANGUAGES)
    return f"{TRANSLATORS} ({names.get(language_code, language_code)})"


def display_name(name):
    """The name of a role's group, the workflow or its task in the active language; any other
    name (one staff gave in the admin) as it is."""
    if name in DISPLAY_NAMES:
        return str(DISPLAY_NAMES[name])
    for code, language in settings.LANGUAGES:
        if name == language_translators_name(code):
            return gettext("%(role)s (%(language)s)") % {
                "role": DISPLAY_NAMES[TRANSLATORS],
                "language": language,
            }
    return name


def grant_translators_on_locale_root(page):
    """Let translators edit the site root `page` of a target language and its subtree."""
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission

    if page.depth != 2 or page.locale.language_code == settings.LANGUAGE_CODE:
        return
    groups = [Group.objects.filter(name=TRANSLATORS).first()]
    language_group, _created = Group.objects.get_or_create(
        name=language_translators_name(page.locale.language_code)
    )
    translators = groups[0]
    if translators is not None:
        language_group.permissions.add(*translators.permissions.all())
    groups.append(language_group)
    for group in filter(None, groups):
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


def grant_translators_on_existing_roots(**kwargs):
    """After `migrate`: every existing translated site root gets its translators."""
    from django.contrib.auth.models import Group

    from wagtail.models import Page

    if not Group.objects.filter(name=TRANSLATORS).exists():
        return
    for page in Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE):
        grant_translators_on_locale_root(page)


def on_page_saved(sender, instance, created, raw=False, **kwargs):
    """A new site root in another language (a translated overview) gets its translators."""
    from wagtail.models import Page

    # Raw saves (fixtures, restoring a serialised test database) bring their permissions along.
    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        grant_translators_on_locale_root(instance)


def translation_languages(user):
    """The language codes `user` is limited to as a translator, or None when not limited.

    Someone only in language groups such as "Translators (English)" is limited to those
    languages; members of "Translators" (every language) and people who may create content
    are not. Wagtail's own snippet permissions know no languages, so the admin asks this.
    """
    if not user.is_authenticated or user.is_superuser:
        return None
    names = set(user.groups.values_list("name", flat=True))
    if TRANSLATORS in names:
        return None
    languages = {
        code for code, _name in settings.LANGUAGES if language_translators_name(code) in names
    }
    return languages or None


def may_translate_into(user, language_code):
    """Whether `user` may change content in `language_code` as far as languages go."""
    languages = translation_languages(user)
    return languages is None or language_code in languages


def display_name_as_str(self):
    return display_name(self.name)


def name_roles_in_the_admin_language():
    """Where the admin names a group, workflow or task by `str()` (the group choices in the
    users admin and its filters, Wagtail's workflow and task messages), it uses
    `display_name`; what is stored stays as it is."""
    from django.contrib.auth.models import Group

    from wagtail.models import AbstractWorkflow, Task

    for model in (Group, AbstractWorkflow, Task):
        model.__str__ = display_name_as_str
