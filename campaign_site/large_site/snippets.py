"""Images, partners and people of the generated site, with their translations."""

import io

from PIL import Image as PillowImage
from PIL import ImageDraw

from campaign_site.demo.images import ensure_image
from home.models import Partner, Person
from home.reference_data import SDGS

from . import text
from .keys import generated_key
from .tree import BATCH_SIZE, index_for_search


def motif(number, width=800, height=450):
    """A plain picture in one goal's colour with a few circles, as PNG bytes."""
    colour = SDGS[number % len(SDGS)][1]
    canvas = PillowImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(canvas)
    for ring in range(1 + number % 4):
        radius = 40 + ring * 35
        x, y = width * (0.25 + 0.15 * ring), height * 0.5
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline="#ffffff", width=8)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def make_images(count):
    """`count` pictures for heroes, logos and photos (made once each)."""
    return [
        ensure_image(
            f"Motiv {number + 1}",
            f"Bildmotiv {number + 1} in den Farben der Nachhaltigkeitsziele",
            draw=lambda number=number: motif(number),
            filename=f"motiv-{number + 1}.png",
        )
        for number in range(count)
    ]


def _in_every_language(model, build, count, source_locale, target_locales):
    """Create `count` snippets in the source language and each target language in bulk."""
    created = {}
    for locale in [source_locale, *target_locales]:
        objects = [build(number, locale) for number in range(count)]
        created[locale.language_code] = model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        index_for_search(model, created[locale.language_code])
    return created


def partner_name(number, language):
    kind = text.ORGANISATION_KINDS[number % len(text.ORGANISATION_KINDS)]
    field = text.ORGANISATION_FIELDS[(number // 6) % len(text.ORGANISATION_FIELDS)]
    city = text.PLACES[(number // 30) % len(text.PLACES)][0]
    name = f"{text.pick(kind, language)} {text.pick(field, language)} {text.pick(city, language)}"
    return name if number < 300 else f"{name} {number // 300 + 1}"


def make_partners(count, images, source_locale, target_locales):
    """Partners and supporters; every third has a logo. Returns {language: [Partner]}."""

    def build(number, locale):
        language = locale.language_code
        return Partner(
            locale=locale,
            translation_key=generated_key("partner", number),
            slug=f"partner-{number + 1:04d}",
            name=partner_name(number, language),
            description=text.pick(text.SENTENCES[number % len(text.SENTENCES)], language),
            role=Partner.Role.SUPPORTER if number % 5 == 0 else Partner.Role.PARTNER,
            logo=images[number % len(images)] if images and number % 3 == 0 else None,
            website=f"https://partner-{number + 1}.example.org",
            sort_order=100 + number,
        )

    return _in_every_language(Partner, build, count, source_locale, target_locales)


def make_people(count, images, source_locale, target_locales):
    """Speakers and authors; two in three have a photo. Returns {language: [Person]}."""

    def build(number, locale):
        language = locale.language_code
        first = text.FIRST_NAMES[number % len(text.FIRST_NAMES)]
        last = text.LAST_NAMES[(number // len(text.FIRST_NAMES)) % len(text.LAST_NAMES)]
        return Person(
            locale=locale,
            translation_key=generated_key("person", number),
            name=f"{first} {last}",
            role=text.pick(text.PERSON_ROLES[number % len(text.PERSON_ROLES)], language),
            organisation=partner_name(number, language),
            photo=images[number % len(images)] if images and number % 3 != 2 else None,
        )

    return _in_every_language(Person, build, count, source_locale, target_locales)
