"""Staff users of the roles the site installs."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def member_of(*group_names, username=None, password="pw-123456789"):
    """A new user in the named groups; the username defaults to one made of the group names."""
    username = username or "-".join(name.lower().replace(" ", "-") for name in group_names)[:150]
    user = get_user_model().objects.create_user(username, f"{username}@example.org", password)
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    return user
