"""Permanent identifiers for what the site publishes (feed and entry ids), as `tag:` URIs.

An identifier must outlive the address of what it names: a slug renamed, the site moved
to another host name, a page translated. So it is built from the site's one identifier
domain, `CALENDAR_UID_DOMAIN` (calendar UIDs are built from it as well), the year the
campaign started minting identifiers, and something the content keeps for good (a page's
translation key), never from the request's host or a URL path (RFC 4151).
"""

from django.conf import settings

# The date part of every tag URI (RFC 4151 §2.1): when the domain was the campaign's.
# Changing it changes every identifier ever published, so it stays as it is.
TAG_DATE = "2023"


def tag_uri(*specific):
    """A permanent `tag:` URI for `specific` (joined by "/"), e.g. ("insight", key, "de")."""
    return f"tag:{settings.CALENDAR_UID_DOMAIN},{TAG_DATE}:{'/'.join(map(str, specific))}"


__all__ = ["tag_uri"]
