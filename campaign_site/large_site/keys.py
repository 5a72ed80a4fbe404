"""Fixed identities for generated objects, so a second run can recognise the first."""

import uuid

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "campaign-site/large-site")


def generated_key(kind, number):
    """The translation key of the `number`th generated object of a kind ("event", ...)."""
    return uuid.uuid5(NAMESPACE, f"{kind}/{number}")


def block_id(translation_key, name):
    """A StreamField block id shared by every language version of one page."""
    return str(uuid.uuid5(translation_key, name))
