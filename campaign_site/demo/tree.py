"""Small helpers every part of the demo builds pages with."""

import json


def without(mapping, *keys):
    return {key: value for key, value in mapping.items() if key not in keys}


def ensure_child(parent, page_class, content):
    """The child page of `parent` with the content's slug, created and published if missing."""
    existing = page_class.objects.child_of(parent).filter(slug=content["slug"]).first()
    if existing:
        return existing
    page = page_class(locale=parent.locale, **page_fields(content))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def page_fields(content):
    fields = dict(content)
    for name in ("body", "aims", "agenda", "registration"):
        if name in fields:
            fields[name] = json.dumps(fields[name])
    return fields
