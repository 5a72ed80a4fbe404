"""Two-factor authentication for staff: an authenticator app (TOTP) and backup codes.

Staff (whoever may open the admin) who have set up an app enter a code from it after the
password, before the admin opens and before the sign-in opens anything else (private pages
and documents, the API's entries for them). With `STAFF_2FA_REQUIRED` on, staff without an
app are sent to set one up first. Other accounts sign in with their password alone.
Built on django-otp: `OTPMiddleware` marks a session verified once a code has been accepted.
"""

import base64
from urllib.parse import urlencode, urlsplit

import segno
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

BACKUP_CODE_COUNT = 10

# Views a signed-in but not yet verified person may reach (by URL name).
OPEN_BEFORE_VERIFICATION = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "two_factor_verify",
    "two_factor_setup",
    "admin:login",
    "admin:logout",
)


class StaffTwoFactorMiddleware:
    """Hold signed-in staff to the second factor wherever signing in opens anything.

    In the admin: send them to the code prompt, or to set-up when required. Everywhere else
    (pages, documents, the API) a session still waiting for its code counts as anonymous, and
    where an anonymous visitor would be asked to sign in, it is asked for the code instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.ADMIN_PATH_PREFIXES):
            return self.required_step(request) or self.get_response(request)
        step = second_factor_step(getattr(request, "user", None))
        if step is None:
            return self.get_response(request)
        request.user = AnonymousUser()
        request.auser = _anonymous_user
        response = self.get_response(request)
        if is_sign_in_redirect(response):
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return response

    def required_step(self, request):
        step = second_factor_step(getattr(request, "user", None))
        if step is None or request.path_info in open_paths():
            return None
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


def second_factor_step(user):
    """The view (URL name) a signed-in `user` must pass before the sign-in counts: the code
    prompt, or setting up an app when required; None when nothing is missing.

    The second factor guards staff, people who may open the admin: only they are asked for
    it. An account without admin access (a member who may read restricted pages) signs in
    with its password alone, even with an app left from a time it was staff: both steps live
    in the admin, which it may not open, so asking would lock it out of its own pages.
    """
    if user is None or not user.is_authenticated or user.is_verified():
        return None
    if not user.has_perm("wagtailadmin.access_admin"):
        return None
    if user_has_device(user, confirmed=True):
        return "two_factor_verify"
    if settings.STAFF_2FA_REQUIRED:
        return "two_factor_setup"
    return None


async def _anonymous_user():
    return AnonymousUser()


def is_sign_in_redirect(response):
    """Whether `response` sends the visitor to a sign-in form (Wagtail's, for a private page
    or document, or the admin's)."""
    if response.status_code not in (301, 302, 303, 307):
        return False
    return urlsplit(response.get("Location", "")).path in sign_in_paths()


def sign_in_paths():
    paths = {reverse("wagtailadmin_login")}
    if getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None):
        paths.add(settings.WAGTAIL_FRONTEND_LOGIN_URL)
    # Wagtail's own sign-in form for visitors lives under each language prefix.
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(reverse("wagtailcore_login"))
    return paths


def open_paths():
    paths = set()
    for name in OPEN_BEFORE_VERIFICATION:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            continue
    return paths


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def next_url(request, default="wagtailadmin_home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


@never_cache
def verify(request):
    """Ask for a code from the authenticator app (or a backup code) after the password."""
    if request.user.is_verified():
        return redirect(next_url(request))
    if not user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        devices = devices_for_code(request.user, code)
        waiting = must_wait(devices)
        device = next((device for device in devices if device.verify_token(code)), None)
        if device is not None:
            otp_login(request, device)
            return redirect(next_url(request))
        form.add_error("code", code_error(waiting))
    return render(
        request,
        "campaign_site/admin/two_factor_verify.html",
        {"form": form, "next": next_url(request)},
    )


@never_cache
def setup(request):
    """Set up an authenticator app: show its secret (QR code and text), confirm with a code."""
    user = request.user
    has_device = user_has_device(user, confirmed=True)
    if has_device and not user.is_verified():
        # Someone with only the password must not replace the app.
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': request.path})}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=gettext("Authenticator app"), confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        waiting = must_wait([device])
        if device.verify_token(form.cleaned_data["code"]):
            codes = confirm_device(device)
            otp_login(request, device)
            return render(
                request,
                "campaign_site/admin/two_factor_done.html",
                {"codes": codes, "next": next_url(request)},
            )
        form.add_error("code", code_error(waiting))
    return render(
        request,
        "campaign_site/admin/two_factor_setup.html",
        {
            "form": form,
            "has_device": has_device,
            "qr_code": mark_safe(segno.make(device.config_url).svg_inline(scale=5)),  # noqa: S308
            "secret": base64.b32encode(device.bin_key).decode(),
            "next": next_url(request),
            "required": settings.STAFF_2FA_REQUIRED,
        },
    )


def devices_for_code(user, code):
    """The user's app for a six-digit code, the backup codes otherwise.

    Trying a code only on the device it can belong to keeps a backup code from counting as a
    wrong code for the app (each device waits a little longer after every wrong code).
    """
    if code.isdigit() and len(code) == 6:
        return list(TOTPDevice.objects.filter(user=user, confirmed=True))
    return list(StaticDevice.objects.filter(user=user, confirmed=True))


def must_wait(devices):
    """Whether a device refuses codes for now: it waits a little longer after each wrong code."""
    return any(not device.verify_is_allowed()[0] for device in devices)


def code_error(waiting):
    """Why a code was refused: wrong, or sent while the app still waits after wrong codes."""
    if waiting:
        return gettext("Too many wrong codes in a row. Wait a minute, then enter a new code.")
    return gettext("This code is not valid. Enter the current code from your app.")


@transaction.atomic
def confirm_device(device):
    """Make `device` the user's only authenticator app; return new backup codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    backup = StaticDevice.objects.create(user=device.user, name=gettext("Backup codes"))
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes
