"""Documents in a private collection are served only through Wagtail's view, which checks
who asks: never as plain files from /media/ by the shipped proxy, never by a redirect to
the storage's own address, never kept by a cache shared between visitors."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time

import pytest

from django.core.files.base import ContentFile
from django.test import Client, override_settings

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.support.commands import PROJECT_ROOT
from tests.support.smtp import free_port

NGINX_CONFIG = PROJECT_ROOT / "deploy" / "nginx.conf"
SECRET = b"%PDF-1.4 board minutes: confidential"

# Addresses a visitor may try for a private document's file, and for an image.
DOCUMENT_ADDRESSES = [
    "/media/documents/minutes.pdf",
    "/media//documents/minutes.pdf",
    "/media/./documents/minutes.pdf",
    "/media/images/../documents/minutes.pdf",
    "/media/images/..%2fdocuments/minutes.pdf",
    "/media/%64ocuments/minutes.pdf",
    "/media/images../documents/minutes.pdf",
    "/media/original_images../documents/minutes.pdf",
]
IMAGE_ADDRESSES = ["/media/original_images/sdg.png", "/media/images/sdg.max-800x600.png"]


# --- what the shipped proxy configuration says ----------------------------------------------


def locations(config_text):
    """The `location` blocks of an nginx server block: (modifier, path, directives)."""
    text = re.sub(r"#[^\n]*", "", config_text)
    found = []
    for match in re.finditer(r"location\s+(?:(=|\^~|~\*?)\s+)?(\S+)\s*\{([^{}]*)\}", text):
        directives = [line.strip() for line in match.group(3).split(";") if line.strip()]
        found.append((match.group(1) or "", match.group(2), directives))
    return found


def chosen_location(config_text, uri):
    """The location nginx picks for a (normalised) URI: exact, else the longest prefix."""
    blocks = locations(config_text)
    for modifier, path, directives in blocks:
        if modifier == "=" and path == uri:
            return directives
    prefixes = [b for b in blocks if b[0] in ("", "^~") and uri.startswith(b[1])]
    return max(prefixes, key=lambda block: len(block[1]))[2]


def test_the_shipped_proxy_serves_images_from_disk_but_never_documents():
    config = NGINX_CONFIG.read_text()
    # Regular-expression locations would be matched after the prefixes: there must be none
    # that could serve files past these rules.
    assert not [path for modifier, path, _ in locations(config) if modifier.startswith("~")]
    assert not re.search(r"^\s*root\s", re.sub(r"#[^\n]*", "", config), re.M)
    for uri in ("/media/documents/minutes.pdf", "/media/documents/", "/media/other/file.pdf"):
        directives = chosen_location(config, uri)
        assert not any(d.startswith(("alias", "root", "proxy_pass")) for d in directives), uri
        assert "return 404" in directives, uri
    for uri in IMAGE_ADDRESSES:
        assert any(d.startswith("alias /srv/media/") for d in chosen_location(config, uri))
    # Documents go to the application, which checks who may read them.
    assert any(
        d.startswith("proxy_pass") for d in chosen_location(config, "/documents/7/minutes.pdf")
    )


# --- the shipped proxy, running -----------------------------------------------------------


def nginx_binary():
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing (make install installs it)")
        pytest.skip("nginx is not installed (make install installs it)")
    return found


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    """deploy/nginx.conf on a loopback port, serving a media folder with a private
    document and two images; the app servers it proxies to are not running."""
    binary = nginx_binary()
    root = tmp_path_factory.mktemp("proxy")
    media = root / "media"
    for folder, name, content in [
        ("documents", "minutes.pdf", SECRET),
        ("original_images", "sdg.png", b"\x89PNG original"),
        ("images", "sdg.max-800x600.png", b"\x89PNG rendition"),
    ]:
        (media / folder).mkdir(parents=True)
        (media / folder / name).write_bytes(content)
    port = free_port()
    site = NGINX_CONFIG.read_text()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = re.sub(r"server app:8000[^;]*;", f"server 127.0.0.1:{free_port()};", site)
    site = site.replace("/srv/media/", f"{media}/")
    (root / "site.conf").write_text(site)
    temp = {name: root / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir()
    (root / "nginx.conf").write_text(
        f"""
daemon off;
master_process off;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {root}/site.conf;
}}
"""
    )
    process = subprocess.Popen(
        [binary, "-p", str(root), "-c", str(root / "nginx.conf")], stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(timeout=10)


def fetch(port, raw_path):
    """GET a path exactly as written (no client-side normalisation): status and body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", raw_path, headers={"Host": "campaign.example.org"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


@pytest.mark.parametrize("path", DOCUMENT_ADDRESSES)
def test_the_running_proxy_never_hands_out_a_document_file(proxy, path):
    status, body = fetch(proxy, path)
    assert status in (400, 404), (status, path)
    assert SECRET not in body


def test_the_running_proxy_serves_images_from_disk(proxy):
    assert fetch(proxy, IMAGE_ADDRESSES[0]) == (200, b"\x89PNG original")
    assert fetch(proxy, IMAGE_ADDRESSES[1]) == (200, b"\x89PNG rendition")
    # Documents are the application's: passed on to it (which is not running here).
    assert fetch(proxy, "/documents/7/minutes.pdf")[0] == 502


# --- the application: the only way to a document -------------------------------------------

OBJECT_STORAGE = {
    # Like S3: files have a URL of their own but no path on this machine.
    "default": {
        "BACKEND": "tests.support.storage.BucketStorage",
        "OPTIONS": {"base_url": "https://bucket.example.net/media/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def private_document(title="Protokoll"):
    """A document in a collection that only signed-in people may open."""
    root = Collection.get_first_root_node()
    collection = root.add_child(name=f"Vorstand {title}")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title=title, collection=collection)
    document.file.save("minutes.pdf", ContentFile(SECRET), save=False)
    document.save()
    return document


@pytest.mark.django_db
@override_settings(STORAGES=OBJECT_STORAGE)
def test_a_private_document_on_object_storage_is_streamed_never_redirected_to_the_bucket(
    admin_client,
):
    document = private_document()
    # Links point at the application's view, not at the bucket.
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    anonymous = Client().get(document.url)
    assert anonymous.status_code == 302
    assert "bucket.example.net" not in anonymous["Location"]
    response = admin_client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET


@pytest.mark.django_db
def test_no_shared_cache_keeps_a_private_document(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = private_document()
    response = admin_client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SECRET
    # A CDN in front (FRONTEND_CACHE_BACKEND) must not hand it to the next visitor.
    assert "private" in response["Cache-Control"]
