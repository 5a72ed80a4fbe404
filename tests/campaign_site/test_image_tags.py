"""Image tags whose HTML is kept until content changes (campaign_site/templatetags)."""

from unittest import mock

import pytest

from django.template import Context, Template
from django.test import RequestFactory

from wagtail.images import get_image_model
from wagtail.images.templatetags.wagtailimages_tags import PictureNode

pytestmark = pytest.mark.django_db

PICTURE = Template(
    "{% load image_tags %}"
    '{% picture image format-{avif,jpeg} width-{320,640} sizes="100vw" alt=alt %}'
)


def render(template, **context):
    request = RequestFactory().get("/")
    return template.render(Context(dict(context, request=request)))


@pytest.fixture
def image():
    return get_image_model().objects.order_by("pk").first()


def test_a_picture_is_rendered_once_then_kept(image, django_assert_num_queries):
    first = render(PICTURE, image=image, alt="Podium")
    assert first.startswith("<picture>")
    assert 'type="image/avif"' in first
    assert 'alt="Podium"' in first
    with django_assert_num_queries(0):
        assert render(PICTURE, image=image, alt="Podium") == first


def test_other_attributes_give_their_own_html(image):
    assert 'alt="Publikum"' in render(PICTURE, image=image, alt="Publikum")
    assert 'alt="Podium"' in render(PICTURE, image=image, alt="Podium")


def test_a_changed_image_is_rendered_afresh(image):
    # A crop follows the focal point: new renditions, new HTML.
    cropped = Template("{% load image_tags %}{% picture image fill-{320x180,640x360} alt='' %}")
    before = render(cropped, image=image)
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 20
    image.save()
    after = render(cropped, image=get_image_model().objects.get(pk=image.pk))
    assert after != before
    assert after.startswith("<picture>")


def test_the_as_form_and_plain_image_tag_still_work(image):
    template = Template(
        "{% load image_tags %}{% image image fill-80x80 as thumb %}{{ thumb.width }}"
        '|{% image image fill-40x40 class="x" %}'
    )
    width, tag = render(template, image=image).split("|")
    assert width == "80"
    assert tag.startswith("<img") and 'class="x"' in tag and 'width="40"' in tag


def test_the_html_outlives_a_publish_and_follows_the_image(image):
    # After a page is published every page is rendered afresh, but its images' HTML is
    # not: it only changes with the image.
    from home.models import StandardPage

    render(PICTURE, image=image, alt="Podium")
    with mock.patch.object(
        PictureNode, "render", autospec=True, side_effect=PictureNode.render
    ) as wagtail_renders:
        page = StandardPage.objects.live().first()
        page.title += " (aktualisiert)"
        page.save_revision().publish()
        render(PICTURE, image=image, alt="Podium")
        assert wagtail_renders.call_count == 0
        image.title = "Podium in Genf"
        image.save()
        render(PICTURE, image=image, alt="Podium")
        assert wagtail_renders.call_count == 1
        # A rendition deleted (its file with it): the HTML must name the one made next.
        image.renditions.first().delete()
        render(PICTURE, image=image, alt="Podium")
        assert wagtail_renders.call_count == 2
