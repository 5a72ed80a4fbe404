"""Create the staff roles as groups (see home/admin/roles.py for what each may do)."""

from django.db import migrations

EDITORS = "Communications editors"
PUBLISHERS = "Communications publishers"
TRANSLATORS = "Translators"
ORGANISERS = "Event organisers"

SNIPPETS = ["partner", "person", "sustainabledevelopmentgoal", "region", "stakeholdergroup",
            "topic", "mainmenu", "footer"]  # fmt: skip


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Model permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    def snippet_perms(*actions):
        return [perm("home", f"{action}_{model}") for model in SNIPPETS for action in actions]

    access_admin = perm("wagtailadmin", "access_admin")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    roles = {
        EDITORS: {
            "model": [access_admin, *snippet_perms("add", "change")],
            "pages": ["add_page", "change_page"],
            "media": ["add", "change", "choose"],
        },
        PUBLISHERS: {
            "model": [
                access_admin,
                *snippet_perms("add", "change", "delete"),
                perm("events", "view_registration"),
                perm("events", "export_registration"),
            ],
            "pages": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
            "media": ["add", "change", "delete", "choose"],
        },
        TRANSLATORS: {
            "model": [
                access_admin,
                perm("wagtail_localize", "submit_translation"),
                *snippet_perms("change"),
            ],
            "pages": [],  # granted per language on each translated site root (home/admin/roles.py)
            "media": ["choose"],
        },
        ORGANISERS: {
            "model": [
                access_admin,
                perm("events", "view_registration"),
                perm("events", "change_registration"),
                perm("events", "export_registration"),
            ],
            "pages": [],
            "media": [],
        },
    }
    for name, grants in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*grants["model"])
        if root_page is not None:
            for codename in grants["pages"]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=perm("wagtailcore", codename)
                )
        if root_collection is not None:
            for action in grants["media"]:
                for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=perm(app_label, f"{action}_{model}"),
                    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[EDITORS, PUBLISHERS, TRANSLATORS, ORGANISERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_sitesettings_privacy_policy_page"),
        ("events", "0003_registrationlist_eventpage_registration_registration_and_more"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
