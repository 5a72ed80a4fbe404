"""Small helpers every part of the demo builds pages with."""

import json
import uuid

from django.core.exceptions import FieldDoesNotExist

from wagtail import blocks
from wagtail.fields import StreamField


def without(mapping, *keys):
    return {key: value for key, value in mapping.items() if key not in keys}


def ensure_child(parent, page_class, content):
    """The child page of `parent` with the content's slug, created and published if missing."""
    existing = page_class.objects.child_of(parent).filter(slug=content["slug"]).first()
    if existing:
        return existing
    page = page_class(locale=parent.locale, **page_fields(page_class, content))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def page_fields(page_class, content):
    """The model fields for a page of `page_class`, stream fields as the JSON Wagtail stores."""
    fields = dict(content)
    for name, value in fields.items():
        try:
            field = page_class._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, StreamField) and not isinstance(value, str):
            key = f"{page_class._meta.label}/{content.get('slug', '')}/{name}"
            fields[name] = json.dumps(stored_stream(field.stream_block, value, key))
    return fields


def stored_stream(block, value, key):
    """`value` as the editor would have saved it: every list item with its own id.

    A list written as plain values (`["a", "b"]`) is valid, but Wagtail keeps it so until an
    editor saves the page, and wagtail-localize offers translators only list items that have
    ids: the items would stay in German on every translation. The ids are derived from `key`
    so that the demo builds the same content on every run.
    """
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "type": child["type"],
                "value": stored_stream(
                    block.child_blocks[child["type"]], child["value"], f"{key}/{index}"
                ),
                "id": child.get("id") or fixed_id(f"{key}/{index}"),
            }
            for index, child in enumerate(value)
        ]
    if isinstance(block, blocks.ListBlock):
        items = []
        for index, item in enumerate(value):
            if block._item_is_in_block_format(item):
                item_id, item = item["id"], item["value"]
            else:
                item_id = fixed_id(f"{key}/{index}")
            child_value = stored_stream(block.child_block, item, f"{key}/{index}")
            items.append({"type": "item", "value": child_value, "id": item_id})
        return items
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {
            name: stored_stream(block.child_blocks[name], child_value, f"{key}/{name}")
            if name in block.child_blocks
            else child_value
            for name, child_value in value.items()
        }
    return value


def fixed_id(key):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo:{key}"))
