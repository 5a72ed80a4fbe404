"""Staff accounts: sign-in lockout, strong passwords, two-factor authentication, sessions."""

import base64
import datetime

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client, override_settings

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from campaign_site.security.two_factor import confirm_device
from home.admin.roles import EDITORS
from tests.support.factories import make_event
from tests.support.html import text

pytestmark = pytest.mark.django_db

PASSWORD = "Lange-Passphrase-2030"


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("redakteurin", "r@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def sign_in(client, password, username="redakteurin", language="de", meta=None, **extra):
    """Post the sign-in form (`extra` as further form fields, `meta` as request META)."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/", **extra},
        HTTP_ACCEPT_LANGUAGE=language,
        **(meta or {}),
    )


def through_proxy(client_address):
    """The request META of a visitor at `client_address` behind the proxy on 127.0.0.1."""
    return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": client_address}


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


# Lockout


def test_repeated_failed_sign_ins_lock_the_account_with_a_clear_message(client, editor):
    for _ in range(4):
        response = sign_in(client, "falsch")
        assert response.status_code == 200
        assert "Bitte versuchen Sie es erneut" in text(response)
    locked = sign_in(client, "falsch")
    assert locked.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in text(locked)
    assert "15 Minuten" in text(locked)
    # While locked, even the right password is refused.
    again = sign_in(client, PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_message_is_in_the_visitors_language(client, editor):
    for _ in range(5):
        response = sign_in(client, "wrong", language="fr")
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in text(response)


def test_the_lockout_ends_after_the_cool_off(client, editor):
    for _ in range(5):
        sign_in(client, "falsch")
    assert sign_in(client, PASSWORD).status_code == 429
    # Let the cool-off pass: the failed attempts now lie 16 minutes back.
    past = datetime.timedelta(minutes=16)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= past
        attempt.save()
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_lockout_is_for_one_username_not_for_colleagues_at_the_same_address(client, editor):
    colleague = get_user_model().objects.create_user("kollege", "k@example.org", PASSWORD)
    colleague.groups.add(Group.objects.get(name=EDITORS))
    for _ in range(5):
        sign_in(client, "falsch")
    response = sign_in(client, PASSWORD, username="kollege")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


@override_settings(TRUSTED_PROXY_COUNT=1, FORWARDED_ALLOW_IPS=["127.0.0.1"])
def test_behind_the_proxy_a_lockout_is_for_one_username_and_one_real_client(client, editor):
    for _ in range(5):
        sign_in(client, "falsch", meta=through_proxy("203.0.113.66"))
    assert sign_in(client, PASSWORD, meta=through_proxy("203.0.113.66")).status_code == 429
    # The editor herself, elsewhere, is not locked out by someone guessing her password.
    office = client.__class__()
    response = sign_in(office, PASSWORD, meta=through_proxy("192.0.2.10"))
    assert response.status_code == 302
    assert office.session["_auth_user_id"] == str(editor.pk)


@override_settings(TRUSTED_PROXY_COUNT=1, FORWARDED_ALLOW_IPS=["127.0.0.1"])
def test_a_client_reaching_the_app_server_directly_cannot_dodge_the_lockout(client, editor):
    # Each attempt claims another address; the app server sees who really connected.
    for number in range(5):
        direct = {"REMOTE_ADDR": "203.0.113.66", "HTTP_X_FORWARDED_FOR": f"10.0.0.{number}"}
        sign_in(client, "falsch", meta=direct)
    direct = {"REMOTE_ADDR": "203.0.113.66", "HTTP_X_FORWARDED_FOR": "10.0.0.99"}
    assert sign_in(client, PASSWORD, meta=direct).status_code == 429


@pytest.mark.parametrize(
    "meta",
    [
        {"REMOTE_ADDR": ""},  # a server socket that names no peer
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "not-an-address"},
    ],
    ids=["no-address", "garbage-forwarded"],
)
@override_settings(TRUSTED_PROXY_COUNT=1, FORWARDED_ALLOW_IPS=["127.0.0.1"])
def test_a_sign_in_without_a_usable_client_address_is_answered_normally(client, editor, meta):
    # The lockout records the address in an IP column; PostgreSQL refuses anything else.
    assert sign_in(client, "falsch", meta=meta).status_code == 200
    assert AccessAttempt.objects.count() == 1
    response = sign_in(client, PASSWORD, meta=meta)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_staff_signed_in_by_a_server_side_login_reach_the_admin(client, editor):
    # Django's force_login (tests, and any login without a request from a browser) makes a
    # request that has no client address at all.
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_a_successful_sign_in_resets_the_count(client, editor):
    for _ in range(4):
        sign_in(client, "falsch")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "falsch").status_code == 200


# Passwords


@pytest.mark.parametrize(
    "password", ["kurz-1", "123456789012345", "password1234", "redakteurin-2030"]
)
def test_weak_passwords_are_refused(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_a_long_unusual_password_is_accepted(editor):
    validate_password("Gruene Wiese am Fluss 17", user=editor)


def test_the_admin_refuses_a_weak_new_password(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/account/",
        {
            "password-old_password": PASSWORD,
            "password-new_password1": "123456789012",
            "password-new_password2": "123456789012",
        },
    )
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
    assert response.status_code == 200


# Sessions


def test_a_remembered_staff_session_lasts_a_working_day_and_its_cookie_is_protected(client, editor):
    response = sign_in(client, PASSWORD, remember="on")
    cookie = response.cookies["sessionid"]
    assert int(cookie["max-age"]) == 8 * 60 * 60
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_a_session_not_remembered_ends_with_the_browser(client, editor):
    response = sign_in(client, PASSWORD)
    assert response.cookies["sessionid"]["max-age"] == ""


# Two-factor authentication


def test_two_factor_authentication_is_optional_by_default(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_staff_can_set_up_an_authenticator_app(client, editor):
    client.force_login(editor)
    account = BeautifulSoup(client.get("/admin/account/").content, "html.parser")
    assert account.find("a", href="/admin/two-factor/").get_text(strip=True) == (
        "Zwei-Faktor-Authentifizierung"
    )
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.find("svg")  # the QR code
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert soup.find("code").get_text() in device.config_url

    wrong = client.post("/admin/two-factor/", {"code": "000000"})
    assert "Dieser Code ist nicht gültig" in text(wrong)
    device.refresh_from_db()
    assert not device.confirmed
    # After a wrong code the device waits a moment before it accepts another: let it pass.
    device.throttling_failure_timestamp -= datetime.timedelta(seconds=5)
    device.save()

    done = client.post("/admin/two-factor/", {"code": code_for(device)})
    assert done.status_code == 200
    codes = [
        tag.get_text()
        for tag in BeautifulSoup(done.content, "html.parser").select(".backup-codes code")
    ]
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


@override_settings(STAFF_2FA_REQUIRED=True)
def test_when_required_staff_without_an_app_are_sent_to_set_one_up(client, editor):
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/?next=%2Fadmin%2Fpages%2F"
    setup = client.get(response["Location"])
    assert "Bevor Sie die Verwaltung nutzen können" in text(setup)

    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.post("/admin/two-factor/", {"code": code_for(device), "next": "/admin/pages/"})
    assert client.get("/admin/pages/").status_code == 200


@override_settings(STAFF_2FA_REQUIRED=True)
def test_when_required_staff_with_a_verified_app_pass(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=False)
    confirm_device(device)
    sign_in(client, PASSWORD)
    prompt = client.get("/admin/")
    assert prompt.status_code == 302
    assert prompt["Location"].startswith("/admin/two-factor/verify/")
    response = client.post(
        "/admin/two-factor/verify/", {"code": code_for(device), "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_whoever_has_an_app_must_enter_a_code_after_the_password(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=False)
    confirm_device(device)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    prompt = client.get("/admin/pages/")
    assert prompt["Location"] == "/admin/two-factor/verify/?next=%2Fadmin%2Fpages%2F"
    # Someone with only the password can neither use the admin nor replace the app.
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/two-factor/verify/")
    wrong = client.post("/admin/two-factor/verify/", {"code": "123456"})
    assert wrong.status_code == 200
    assert "Dieser Code ist nicht gültig" in text(wrong)
    assert client.get("/admin/pages/").status_code == 302


def test_a_backup_code_works_once(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=False)
    codes = confirm_device(device)
    client.force_login(editor)
    response = client.post("/admin/two-factor/verify/", {"code": codes[0], "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert StaticDevice.objects.get(user=editor).token_set.count() == 9

    other = client.__class__()
    other.force_login(editor)
    reused = other.post("/admin/two-factor/verify/", {"code": codes[0]})
    assert "Dieser Code ist nicht gültig" in text(reused)


def test_after_several_wrong_codes_the_prompt_says_to_wait(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=False)
    confirm_device(device)
    client.force_login(editor)
    client.post("/admin/two-factor/verify/", {"code": "111111"})
    # The right code right after a wrong one is refused, with the reason.
    response = client.post("/admin/two-factor/verify/", {"code": code_for(device)})
    assert "Zu viele falsche Codes hintereinander" in text(response)
    assert client.get("/admin/").status_code == 302


# The second factor outside the admin: what a sign-in opens beyond what anyone may see


@pytest.fixture
def members_only():
    """A page and a document that only signed-in people may open."""
    page = make_event("Vorstandssitzung intern")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    collection = Collection.get_first_root_node().add_child(name="Vorstand")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Protokoll des Vorstands", collection=collection)
    document.file.save("protokoll.pdf", ContentFile(b"%PDF vertraulich"), save=False)
    document.save()
    yield page, document
    document.file.delete(save=False)


def what_a_session_opens(client, page, document):
    """Status of the page and the document, and whether the API lists them."""
    pages = client.get("/api/v2/pages/", {"search": "Vorstandssitzung"}).json()
    documents = client.get("/api/v2/documents/").json()
    return {
        "page": client.get(page.url),
        "document": client.get(document.url),
        "api_page": any(item["id"] == page.pk for item in pages["items"]),
        "api_document": any(item["id"] == document.pk for item in documents["items"]),
    }


def test_the_password_alone_opens_nothing_private_to_whoever_has_an_app(
    client, editor, members_only
):
    page, document = members_only
    confirm_device(TOTPDevice.objects.create(user=editor, name="App", confirmed=False))
    sign_in(client, PASSWORD)
    opened = what_a_session_opens(client, page, document)
    # Asked for the code, not shown the page or the file.
    verify = "/admin/two-factor/verify/?next="
    assert opened["page"].status_code == 302
    assert opened["page"]["Location"].startswith(verify)
    assert opened["document"].status_code == 302
    assert opened["document"]["Location"].startswith(verify)
    assert not opened["api_page"] and not opened["api_document"]

    device = TOTPDevice.objects.get(user=editor)
    done = client.post(opened["page"]["Location"], {"code": code_for(device)})
    assert done["Location"] == page.url
    opened = what_a_session_opens(client, page, document)
    assert opened["page"].status_code == 200
    assert "Vorstandssitzung intern" in text(opened["page"])
    assert b"".join(opened["document"].streaming_content) == b"%PDF vertraulich"
    # The API lists the restricted page to the signed-in person; documents it lists only
    # when a live page anyone may open uses them (test_api.py), so this one never.
    assert opened["api_page"] and not opened["api_document"]


@override_settings(STAFF_2FA_REQUIRED=True)
def test_when_required_the_password_alone_opens_nothing_private(client, editor, members_only):
    page, document = members_only
    sign_in(client, PASSWORD)
    opened = what_a_session_opens(client, page, document)
    assert opened["page"]["Location"].startswith("/admin/two-factor/?next=")
    assert opened["document"]["Location"].startswith("/admin/two-factor/?next=")
    assert not opened["api_page"] and not opened["api_document"]
    # Public pages are still shown, as to any visitor.
    assert client.get("/de/").status_code == 200


def test_the_api_takes_no_password_in_place_of_a_session(editor, members_only):
    page, document = members_only
    confirm_device(TOTPDevice.objects.create(user=editor, name="App", confirmed=False))
    credentials = base64.b64encode(f"redakteurin:{PASSWORD}".encode()).decode()
    basic = Client(HTTP_AUTHORIZATION=f"Basic {credentials}")
    documents = basic.get("/api/v2/documents/").json()
    assert document.pk not in [item["id"] for item in documents["items"]]


def test_without_an_app_and_not_required_the_password_is_the_sign_in(client, editor, members_only):
    page, document = members_only
    sign_in(client, PASSWORD)
    assert client.get(page.url).status_code == 200
    assert client.get(document.url).status_code == 200


@pytest.fixture
def board_page():
    """A page only members of the group "Vorstand" may open."""
    page = make_event("Vorstandsklausur")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    board = Group.objects.create(name="Vorstand")
    restriction.groups.add(board)
    return page, board


@override_settings(STAFF_2FA_REQUIRED=True)
def test_the_second_factor_is_for_staff_members_of_a_group_open_its_pages(
    client, editor, board_page
):
    page, board = board_page
    member = get_user_model().objects.create_user("mitglied", "m@example.org", PASSWORD)
    member.groups.add(board)
    client.force_login(member)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Vorstandsklausur" in text(response)
    pages = client.get("/api/v2/pages/", {"search": "Vorstandsklausur"}).json()
    assert page.pk in [item["id"] for item in pages["items"]]
    # An app left from a time the member was staff asks for nothing: its prompt is in the
    # admin, which the member may not open.
    confirm_device(TOTPDevice.objects.create(user=member, name="App", confirmed=False))
    former_staff = Client()
    former_staff.force_login(member)
    assert former_staff.get(page.url).status_code == 200

    # Staff in the same group still set up an app before the sign-in opens the page.
    editor.groups.add(board)
    staff = Client()
    staff.force_login(editor)
    response = staff.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/?next=")
