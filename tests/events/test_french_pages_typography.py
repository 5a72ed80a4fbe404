"""French pages set "label : value" with a non-breaking space before the colon."""

import datetime

import pytest

from django.utils import timezone

from wagtail_localize.operations import TranslationCreator

from home.localization import get_locale
from tests.support.factories import event_index, make_event
from tests.support.html import soup
from tests.support.registration import on_site

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def test_filter_chips_on_a_french_listing(client):
    html = soup(client.get(event_index("fr").url + "?sdg=17"))
    [chip] = [chip.get_text() for chip in html.select(".chip")]
    assert f"{NBSP}: 17." in chip and " :" not in chip
    german = soup(client.get(event_index("de").url + "?sdg=17"))
    assert [chip.get_text() for chip in german.select(".chip")][0].startswith("SDG: 17.")


def test_the_error_summary_of_a_french_registration_form(
    client, django_capture_on_commit_callbacks
):
    page = make_event(
        "Werkstatt", timezone.now() + datetime.timedelta(days=9), registration=on_site()
    )
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[get_locale("fr")]).create_translations(page)
    french = page.get_translation(get_locale("fr"))
    french.save_revision().publish()
    response = client.post(french.url, {"name": "", "email": "", "website": ""})
    errors = [item.get_text() for item in soup(response).select(".form-error-summary li")]
    assert errors and all(f"{NBSP}: " in error for error in errors), errors
    assert not any(" :" in error for error in errors)
