"""Uploads in the admin are limited by type and size; SVG and HTML never get in."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)


def png(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#26BDE2").save(buffer, "PNG")
    return buffer.getvalue()


def errors(response):
    html = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        element.get_text(" ", strip=True)
        for element in html.select(".error-message, .errorlist, .help-critical, [role=alert]")
    )


def upload_document(client, name, content, content_type):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_image(client, name, content, content_type):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("drawing.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        ("page.html", b"<script>alert(1)</script>", "text/html"),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, "application/x-msdownload"),
        ("report.pdf.js", b"alert(1)", "text/javascript"),
    ],
)
def test_dangerous_documents_are_refused_with_a_message(admin_client, name, content, content_type):
    before = get_document_model().objects.count()
    response = upload_document(admin_client, name, content, content_type)
    assert response.status_code == 200  # the form again, with the reason
    message = errors(response)
    assert "nicht erlaubt" in message and "pdf" in message  # what is allowed instead
    assert get_document_model().objects.count() == before


def test_a_too_large_document_is_refused_with_a_message(admin_client):
    before = get_document_model().objects.count()
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024):
        response = upload_document(
            admin_client, "big.pdf", b"%PDF-1.4\n" + b"0" * 4096, "application/pdf"
        )
    assert response.status_code == 200
    assert "1.0" in errors(response) or "1,0" in errors(response)  # the limit, in KB
    assert get_document_model().objects.count() == before


def test_a_pdf_within_the_limits_is_accepted(admin_client):
    before = get_document_model().objects.count()
    response = upload_document(admin_client, "agenda.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert response.status_code == 302
    assert get_document_model().objects.count() == before + 1


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("logo.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        ("photo.png", b"<html><script>alert(1)</script></html>", "image/png"),
    ],
)
def test_svg_and_fake_images_are_refused_with_a_message(admin_client, name, content, content_type):
    before = get_image_model().objects.count()
    response = upload_image(admin_client, name, content, content_type)
    assert response.status_code == 200
    assert errors(response)
    assert get_image_model().objects.count() == before


def test_too_large_images_are_refused_with_a_message(admin_client):
    before = get_image_model().objects.count()
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100):
        response = upload_image(admin_client, "big.png", png(), "image/png")
    assert response.status_code == 200
    assert errors(response)
    with override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100):
        response = upload_image(admin_client, "wide.png", png((400, 300)), "image/png")
    assert response.status_code == 200
    assert errors(response)
    assert get_image_model().objects.count() == before
    response = upload_image(admin_client, "fine.png", png(), "image/png")
    assert response.status_code == 302
    assert get_image_model().objects.count() == before + 1
