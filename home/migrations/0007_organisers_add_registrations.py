"""Event organisers may add registrations (someone who registers by phone or at the door)."""

from django.db import migrations

ORGANISERS = "Event organisers"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Model permissions are normally created after all migrations; the grant needs this one now.
    events = apps.get_app_config("events")
    events.models_module = True
    create_permissions(events, apps=apps, verbosity=0)
    events.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ORGANISERS).first()
    if group is not None:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="events", codename="add_registration")
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ORGANISERS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="events", codename="add_registration"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_social_image_alt"),
        ("events", "0007_registrationmessage_delivery"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
