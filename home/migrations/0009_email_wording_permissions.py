"""Communications staff word the standard registration emails (EmailWording): editors may
add and change them, publishers also delete them, translators change their translations
(limited to their languages like every snippet, see home/admin/translator_limits.py)."""

from django.db import migrations

EDITORS = "Communications editors"
PUBLISHERS = "Communications publishers"
TRANSLATORS = "Translators"
GRANTS = {
    EDITORS: ["add", "change"],
    PUBLISHERS: ["add", "change", "delete"],
    TRANSLATORS: ["change"],
}


def _permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="events",
        codename__in=[f"{action}_emailwording" for action in actions],
    )


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Model permissions are normally created after all migrations; the grant needs these now.
    events = apps.get_app_config("events")
    events.models_module = True
    create_permissions(events, apps=apps, verbosity=0)
    events.models_module = None

    Group = apps.get_model("auth", "Group")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*_permissions(apps, actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, actions))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_review_open_to_submitter"),
        ("events", "0009_registrant_communication"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
