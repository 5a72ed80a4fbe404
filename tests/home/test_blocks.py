"""The shared block library: what each block shows visitors, and what it lets editors save."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.blocks import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.models import Locale

from home.blocks import BodyBlock
from home.models import HomePage, Partner
from tests.support.factories import make_image
from tests.support.html import text

BODY = BodyBlock()
FAKE_FINDER = override_settings(
    WAGTAILEMBEDS_FINDERS=[{"class": "tests.support.fake_embed_finder"}]
)
VIDEO_URL = "https://www.youtube.com/watch?v=abc123"


def block(name):
    return BODY.child_blocks[name]


def render(name, raw_value):
    """Render a block from its stored (JSON) form, as a page does, and parse the HTML."""
    child = block(name)
    return BeautifulSoup(child.render(child.to_python(raw_value)), "html.parser")


def help_text(child):
    """Struct blocks keep their help text in Meta, field blocks on their form field."""
    return getattr(child.meta, "help_text", None) or child.field.help_text


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads and image renditions go to a temporary folder, not the project's media."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_body_offers_the_whole_library_each_with_icon_label_help_and_description():
    assert list(BODY.child_blocks) == [
        "heading",
        "paragraph",
        "image",
        "quote",
        "call_to_action",
        "embed",
        "key_figures",
        "partner_grid",
        "accordion",
        "document_download",
        "table",
    ]
    for name, child in BODY.child_blocks.items():
        assert child.meta.icon not in (None, "placeholder"), name
        assert child.label and help_text(child) and child.get_description(), name
        assert child.get_template(None).startswith("blocks/"), name
        assert child.is_previewable, name


# Headings


def test_heading_is_an_h2_with_an_anchor_derived_from_the_text():
    html = render("heading", {"text": "Die Kampagne im Überblick"})
    heading = html.find("h2")
    assert text(heading) == "Die Kampagne im Überblick"
    assert heading["id"] == "die-kampagne-im-uberblick"


def test_subheading_uses_the_editors_anchor():
    html = render("heading", {"text": "Häufige Fragen", "level": "h3", "anchor": "faq"})
    assert html.find("h2") is None
    assert html.find("h3")["id"] == "faq"


def test_heading_anchor_must_be_usable_in_a_link():
    heading = block("heading")
    value = heading.to_python({"text": "Fragen", "level": "h2", "anchor": "häufige fragen"})
    with pytest.raises(StructBlockValidationError) as error:
        heading.clean(value)
    assert "anchor" in error.value.block_errors


# Running text


def test_paragraph_renders_rich_text_with_links_and_lists():
    html = render(
        "paragraph",
        '<p>Read <a href="https://sdgs.un.org/2030agenda">the 2030 Agenda</a>.</p>'
        "<ul><li>People</li><li>Planet</li></ul>",
    )
    assert html.find("a")["href"] == "https://sdgs.un.org/2030agenda"
    assert [text(li) for li in html.find_all("li")] == ["People", "Planet"]


# Images


@pytest.mark.django_db
def test_image_is_a_responsive_figure_with_alt_text_caption_and_credit(media_root):
    image = make_image("Podium", width=1600, height=900)
    html = render(
        "image",
        {
            "image": {
                "image": image.pk,
                "alt_text": "Five speakers on a podium",
                "decorative": False,
            },
            "caption": "The panel on partnerships in the UNECE region",
            "credit": "Photo: Campaign team",
        },
    )
    figure = html.find("figure")
    img = figure.find("img")
    assert img["alt"] == "Five speakers on a podium"
    assert img["loading"] == "lazy"
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    # Several widths to choose from, in modern formats with a fallback.
    assert len(img["srcset"].split(",")) == 3
    source_types = {source["type"] for source in figure.find("picture").find_all("source")}
    assert {"image/avif", "image/webp"} <= source_types
    caption = text(figure.find("figcaption"))
    assert "The panel on partnerships" in caption and "Photo: Campaign team" in caption


@pytest.mark.django_db
def test_decorative_image_has_empty_alt_and_no_caption_without_one(media_root):
    image = make_image("Ornament")
    html = render(
        "image",
        {
            "image": {"image": image.pk, "alt_text": "", "decorative": True},
            "caption": "",
            "credit": "",
        },
    )
    assert html.find("img")["alt"] == ""
    assert html.find("figcaption") is None


@pytest.mark.django_db
def test_image_block_whose_image_was_deleted_shows_nothing():
    html = render(
        "image",
        {"image": {"image": 999999, "alt_text": "Gone", "decorative": False}, "caption": "Gone"},
    )
    assert html.find("figure") is None


# Quotes


def test_quote_names_the_person_and_their_role():
    html = render(
        "quote",
        {
            "text": "Partnerships turn goals into action.",
            "attribution": "Amina Diallo",
            "role": "UN DESA",
        },
    )
    figure = html.find("figure")
    assert text(figure.find("blockquote")) == "Partnerships turn goals into action."
    assert text(figure.find("figcaption")) == "Amina Diallo , UN DESA"


def test_quote_without_role_shows_only_the_name():
    html = render("quote", {"text": "Together.", "attribution": "Amina Diallo", "role": ""})
    assert text(html.find("figcaption")) == "Amina Diallo"


# Calls to action


@pytest.mark.django_db
def test_call_to_action_leads_to_the_chosen_page_in_the_visitors_language():
    german_home = HomePage.objects.get(locale__language_code="de")
    english_home = german_home.get_translation(Locale.objects.get(language_code="en"))
    raw = {
        "heading": "Die Studie",
        "text": "",
        "button_label": "Zur Studie",
        "page": german_home.pk,
        "url": "",
    }
    with translation.override("en"):
        html = render("call_to_action", raw)
    link = html.find("a", class_="button")
    assert link["href"] == english_home.url
    assert text(link) == "Zur Studie"
    assert not link.has_attr("rel")
    assert html.find("p", class_="block-cta__text") is None


def test_call_to_action_to_an_external_site():
    html = render(
        "call_to_action",
        {
            "heading": "Join the forum",
            "text": "Register on the UN website.",
            "button_label": "Register",
            "page": None,
            "url": "https://sdgs.un.org/partnerships",
        },
    )
    link = html.find("a", class_="button")
    assert link["href"] == "https://sdgs.un.org/partnerships"
    assert link["rel"] == ["external"]
    assert not link.has_attr("target")
    assert text(html.find("p", class_="block-cta__text")) == "Register on the UN website."


def cta(page=None, url=""):
    return block("call_to_action").to_python(
        {"heading": "Die Studie", "text": "", "button_label": "Lesen", "page": page, "url": url}
    )


def test_call_to_action_without_a_link_is_rejected_on_both_link_fields():
    with translation.override("en"):
        with pytest.raises(StructBlockValidationError) as error:
            block("call_to_action").clean(cta())
        assert set(error.value.block_errors) == {"page", "url"}
        assert "Choose a page on this site or enter an external address." in str(
            error.value.block_errors["url"].messages
        )


@pytest.mark.django_db
def test_call_to_action_with_both_links_is_rejected_as_ambiguous():
    home = HomePage.objects.get(locale__language_code="de")
    with translation.override("en"):
        with pytest.raises(StructBlockValidationError) as error:
            block("call_to_action").clean(cta(page=home.pk, url="https://sdgs.un.org/"))
        assert set(error.value.block_errors) == {"page", "url"}
        assert "not both" in str(error.value.block_errors["page"].messages)


@pytest.mark.django_db
def test_call_to_action_with_one_link_is_accepted():
    home = HomePage.objects.get(locale__language_code="de")
    assert block("call_to_action").clean(cta(page=home.pk))["page"].pk == home.pk
    assert block("call_to_action").clean(cta(url="https://sdgs.un.org/"))["url"]


@pytest.mark.django_db
def test_draft_may_lack_the_link_but_never_have_two():
    home = HomePage.objects.get(locale__language_code="de")
    assert block("call_to_action").clean_deferred(cta())["heading"] == "Die Studie"
    with pytest.raises(StructBlockValidationError):
        block("call_to_action").clean_deferred(cta(page=home.pk, url="https://sdgs.un.org/"))


# Videos with two-click consent


def outside_templates(html):
    """The markup a browser acts on when the page loads: everything but <template> content."""
    copy = BeautifulSoup(str(html), "html.parser")
    for template in copy.find_all("template"):
        template.decompose()
    return copy


def external_resources(html):
    """Everything the browser would fetch from another host, by element and address."""
    found = []
    for element in html.find_all(True):
        for attribute in ("src", "srcset", "data", "poster"):
            address = element.get(attribute, "")
            if urlsplit(address).netloc:
                found.append((element.name, address))
    return found


@pytest.mark.django_db
@FAKE_FINDER
def test_video_loads_nothing_from_the_provider_before_consent():
    html = render("embed", {"video": VIDEO_URL, "title": "Opening of the forum", "caption": ""})
    before_consent = outside_templates(html)
    assert before_consent.find_all(["iframe", "script", "img", "video", "object"]) == []
    assert external_resources(before_consent) == []
    assert not any(
        attribute.startswith("on") for tag in html.find_all(True) for attribute in tag.attrs
    )


@pytest.mark.django_db
@FAKE_FINDER
def test_video_placeholder_names_the_provider_and_offers_button_and_link():
    with translation.override("en"):
        html = render(
            "embed",
            {
                "video": VIDEO_URL,
                "title": "Opening of the forum",
                "caption": "Recorded in New York.",
            },
        )
    placeholder = html.find(attrs={"data-embed-consent": True})
    assert "YouTube" in text(placeholder.find(class_="embed-consent__notice"))
    button = placeholder.find("button")
    assert text(button).startswith("Load video")
    assert "Opening of the forum" in text(button)  # tells several videos apart
    assert button.has_attr("hidden")  # only JavaScript can load the video, so it shows it
    link = placeholder.find("a")
    assert link["href"] == VIDEO_URL
    assert "YouTube" in text(link)
    assert text(html.find("figcaption")) == "Recorded in New York."


@pytest.mark.django_db
@FAKE_FINDER
def test_video_player_waits_inside_the_template_with_the_title_for_its_name():
    html = render("embed", {"video": VIDEO_URL, "title": "Opening of the forum", "caption": ""})
    template = html.find("template")
    iframe = BeautifulSoup(template.decode_contents(), "html.parser").find("iframe")
    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/abc123"
    assert html.find(attrs={"data-embed-consent": True})["data-embed-title"] == (
        "Opening of the forum"
    )
    assert html.find("figcaption") is None


@pytest.mark.django_db
@FAKE_FINDER
def test_video_that_cannot_be_fetched_keeps_the_link_only():
    url = "https://vimeo.com/76979871"
    html = render("embed", {"video": url, "title": "Partnership stories", "caption": ""})
    assert html.find("template") is None
    assert html.find("button") is None
    assert "vimeo.com" in text(html.find(class_="embed-consent__notice"))
    assert html.find("a")["href"] == url


@pytest.mark.django_db
@FAKE_FINDER
def test_page_with_a_video_loads_the_consent_script_and_no_player(client):
    home = HomePage.objects.get(locale__language_code="de")
    home.body = [("embed", {"video": VIDEO_URL, "title": "Eröffnung", "caption": ""})]
    home.save_revision().publish()

    response = client.get(home.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    script = html.find("script", src=lambda src: src and src.endswith("js/embed-consent.js"))
    assert script is not None and script.has_attr("defer")
    assert finders.find("js/embed-consent.js")
    assert outside_templates(html).find("iframe") is None
    assert html.find("template", attrs={"data-embed-consent-content": True}).find("iframe")


# Key figures


def test_key_figures_show_value_label_and_source():
    html = render(
        "key_figures",
        {
            "heading": "The 2030 Agenda in numbers",
            "figures": [
                {"value": "17", "label": "Sustainable Development Goals", "source": "UN, 2015"},
                {"value": "169", "label": "targets", "source": ""},
            ],
        },
    )
    assert text(html.find("h2")) == "The 2030 Agenda in numbers"
    items = html.find_all("li")
    assert [text(li.find(class_="key-figure__value")) for li in items] == ["17", "169"]
    assert text(items[0]).startswith("17 Sustainable Development Goals")
    assert "UN, 2015" in text(items[0].find(class_="key-figure__source"))
    assert items[1].find(class_="key-figure__source") is None


def test_key_figures_without_heading():
    html = render("key_figures", {"heading": "", "figures": [{"value": "2030", "label": "goal"}]})
    assert html.find("h2") is None
    assert text(html.find("li")) == "2030 goal"


# Partners


@pytest.fixture
def partners(media_root):
    german = Locale.objects.get(language_code="de")
    with_logo = Partner.objects.create(
        name="Netzwerk Nachhaltigkeit",
        slug="netzwerk-nachhaltigkeit",
        locale=german,
        website="https://example.org/netzwerk",
        logo=make_image("Logo Netzwerk", width=400, height=200),
    )
    english = with_logo.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Sustainability Network"
    english.save()
    without_logo = Partner.objects.create(
        name="Stiftung Zukunft", slug="stiftung-zukunft", locale=german
    )
    return with_logo, without_logo


@pytest.mark.django_db
def test_partner_grid_shows_logos_linked_to_websites_in_the_page_language(partners):
    with_logo, without_logo = partners
    raw = {"heading": "Partner", "partners": [with_logo.pk, without_logo.pk]}
    with translation.override("en"):
        html = render("partner_grid", raw)

    first, second = html.find_all("li")
    link = first.find("a")
    assert link["href"] == "https://example.org/netzwerk"
    assert not link.has_attr("target")
    assert link.find("img")["alt"] == "Sustainability Network"
    # No translation, no logo, no website: the German name as text, not a link.
    assert second.find("img") is None and second.find("a") is None
    assert text(second) == "Stiftung Zukunft"


@pytest.mark.django_db
def test_partner_grid_without_heading_or_partners():
    assert render("partner_grid", {"heading": "", "partners": []}).find("ul") is None


# Questions and answers


def test_accordion_uses_native_details_that_work_without_javascript():
    html = render(
        "accordion",
        {
            "heading": "Frequently asked questions",
            "items": [
                {"question": "Who can take part?", "answer": "<p>Everyone is welcome.</p>"},
                {"question": "Is there a fee?", "answer": "<p>No.</p>"},
            ],
        },
    )
    assert text(html.find("h2")) == "Frequently asked questions"
    details = html.find_all("details")
    assert [text(d.find("summary")) for d in details] == ["Who can take part?", "Is there a fee?"]
    assert text(details[0].find(class_="accordion-item__answer")) == "Everyone is welcome."


def test_accordion_without_heading():
    html = render("accordion", {"heading": "", "items": [{"question": "Q?", "answer": "<p>A</p>"}]})
    assert html.find("h2") is None
    assert len(html.find_all("details")) == 1


# Downloads


@pytest.fixture
def study(media_root):
    two_point_three_megabytes = int(2.3 * 1024 * 1024)
    return get_document_model().objects.create(
        title="Studie",
        file=ContentFile(b"%" * two_point_three_megabytes, name="studie.pdf"),
    )


@pytest.mark.django_db
def test_download_names_file_type_and_size(study):
    raw = {
        "document": study.pk,
        "title_override": "",
        "description": "Die Ergebnisse der Kampagne.",
    }
    with translation.override("en"):
        html = render("document_download", raw)
    link = html.find("a")
    assert link["href"] == study.url
    assert text(link) == "Studie (PDF, 2.3 MB)"
    assert text(html.find("p")) == "Die Ergebnisse der Kampagne."


@pytest.mark.django_db
def test_download_size_is_written_the_visitors_way(study):
    raw = {"document": study.pk, "title_override": "Die Studie", "description": ""}
    with translation.override("de"):
        html = render("document_download", raw)
    assert text(html.find("a")) == "Die Studie (PDF, 2,3 MB)"
    assert html.find("p") is None


@pytest.mark.django_db
def test_download_whose_file_is_missing_still_shows_the_link(study):
    study.file.storage.delete(study.file.name)
    study.file_size = None
    study.save()
    html = render("document_download", {"document": study.pk, "title_override": ""})
    assert text(html.find("a")) == "Studie (PDF)"


@pytest.mark.django_db
def test_download_whose_document_was_deleted_shows_nothing():
    assert render("document_download", {"document": 999999}).find("a") is None


# Tables


TABLE = {
    "table_caption": "Events of the campaign",
    "table_header_choice": "both",
    "first_row_is_table_header": True,
    "first_col_is_header": True,
    "data": [
        ["Event", "Place", "Year"],
        ["ECOSOC Partnership Forum", "New York", "2023"],
        ["Regional Forum", "Geneva", None],
    ],
}


def test_table_has_caption_and_header_cells_with_scope():
    html = render("table", TABLE)
    region = html.find(attrs={"role": "region"})
    assert region["aria-label"] == "Events of the campaign"
    assert region["tabindex"] == "0"  # keyboard users can scroll a wide table
    table = region.find("table")
    assert text(table.find("caption")) == "Events of the campaign"
    assert [(text(th), th["scope"]) for th in table.thead.find_all("th")] == [
        ("Event", "col"),
        ("Place", "col"),
        ("Year", "col"),
    ]
    rows = table.tbody.find_all("tr")
    assert [(text(row.th), row.th["scope"]) for row in rows] == [
        ("ECOSOC Partnership Forum", "row"),
        ("Regional Forum", "row"),
    ]
    assert [text(td) for td in rows[1].find_all("td")] == ["Geneva", ""]


def test_table_without_header_cells():
    html = render(
        "table",
        dict(
            TABLE,
            table_header_choice="neither",
            first_row_is_table_header=False,
            first_col_is_header=False,
        ),
    )
    assert html.find("thead") is None and html.find("th") is None
    assert len(html.find_all("tr")) == 3


def test_table_needs_a_caption():
    table = block("table")
    with pytest.raises(ValidationError):
        table.clean(table.to_python(dict(TABLE, table_caption="  ")))
    assert table.clean(table.to_python(dict(TABLE)))["table_caption"] == "Events of the campaign"


# Previews in the block picker


@pytest.mark.django_db
@FAKE_FINDER
@pytest.mark.parametrize("name", list(BODY.child_blocks))
def test_block_picker_preview_renders_sample_content_in_the_site_style(admin_client, study, name):
    child = block(name)
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": child.definition_prefix}
    )
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("link", href=lambda href: href and href.endswith("css/site.css"))
    # Wagtail's wrapper holds what the block's own template made of the sample content.
    sample = html.find(class_=f"w-block-{name}")
    assert sample.find(True) is not None and text(sample), name
