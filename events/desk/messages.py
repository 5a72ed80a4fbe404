"""Messages from the organisers to the registrants of one event, written at its desk.

Organisers choose who gets it (confirmed, waiting, or both; everyone or one language
group), write a subject and text in each language those people read, see each language's
email as its readers will, and send it: one outbox email per recipient, written in one
transaction with the message and sent after commit like every registration email
(retried, each with its delivery state). The rules are in
`events.registration.organiser_messages`; this module holds the form and the views.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models import EventPage
from ..registration.display import language_name
from ..registration.forms import validate_one_line
from ..registration.organiser_messages import (
    Audience,
    count_table,
    languages,
    latest_copies,
    preview_email,
    recipient_counts,
    send_organiser_message,
    sent_messages,
)
from ..registration.setup import source_version
from .access import CHANGE, VIEW, refusing, require


def language_legend(code, count):
    """E.g. "French – 3 recipients", above the fields of one language."""
    return ngettext(
        "%(language)s – %(counter)s recipient", "%(language)s – %(counter)s recipients", count
    ) % {"language": language_name(code), "counter": count}


def group_size(count):
    """E.g. "The chosen group holds 3 people."."""
    return ngettext(
        "The chosen group holds %(counter)s person.",
        "The chosen group holds %(counter)s people.",
        count,
    ) % {"counter": count}


def live_numbers(event):
    """What the form's script needs to update the numbers as soon as the group changes:
    the numbers of every choice and the words for each of them."""
    table = count_table(event)
    legends = {code: {} for code in languages()}
    totals = {}
    for counts in table.values():
        for code, count in counts.items():
            legends[code][count] = language_legend(code, count)
        total = sum(counts.values())
        totals[total] = group_size(total)
    return {"counts": table, "legends": legends, "totals": totals}


def desk_messages(event):
    """`sent_messages` of `event` as the desk lists them, each with its `author`'s name."""
    listed = list(sent_messages(event))
    for message in listed:
        message.author = author_name(message)
    return listed


def author_name(message):
    """Who wrote `message`, as the admin names people ("" once their account is gone)."""
    user = message.created_by
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class MessageForm(forms.Form):
    """Who gets the message, and its subject and text in each language they read.

    Exactly the languages with recipients need a text; the numbers next to each language
    are those of the group chosen (after "Update the numbers" without JavaScript).
    """

    audience = forms.ChoiceField(
        label=gettext_lazy("Recipients"),
        choices=Audience.choices,
        initial=Audience.CONFIRMED,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language group"),
        required=False,
        help_text=gettext_lazy("Only people who registered in this language get the message."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, language_name(code)) for code in languages()
        ]
        for code in languages():
            self.fields[f"subject_{code}"] = forms.CharField(
                label=_("Subject"), max_length=200, required=False, validators=[validate_one_line]
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_(
                    "Separate paragraphs with an empty line. The event's date, place, "
                    "joining details and the personal links follow automatically."
                ),
            )
        self.counts = recipient_counts(event, *self.chosen_group())

    def chosen_group(self):
        """(audience, language) as chosen; the defaults where the choice is not valid."""
        data = self.data if self.is_bound else {}
        audience = data.get("audience", Audience.CONFIRMED)
        language = data.get("language", "")
        if audience not in Audience.values:
            audience = Audience.CONFIRMED
        if language not in languages():
            language = ""
        return audience, language

    @property
    def total(self):
        """How many people the chosen group holds."""
        return sum(self.counts.values())

    def group_size(self):
        return group_size(self.total)

    def language_groups(self):
        """Per site language: its code, name, number of readers and its two fields."""
        return [
            {
                "code": code,
                "name": language_name(code),
                "legend": language_legend(code, self.counts[code]),
                "count": self.counts[code],
                "subject": self[f"subject_{code}"],
                "body": self[f"body_{code}"],
            }
            for code in languages()
        ]

    def clean(self):
        cleaned = super().clean()
        if self.total == 0:
            raise forms.ValidationError(
                _("Nobody is in the chosen group: there is no one to send this message to."),
                code="no_recipients",
            )
        for code, count in self.counts.items():
            if not count:
                continue
            for part in ("subject", "body"):
                if not cleaned.get(f"{part}_{code}", "").strip():
                    self.add_error(f"{part}_{code}", self.missing(part, code, count))
        return cleaned

    @staticmethod
    def missing(part, code, count):
        values = {"count": count, "language": language_name(code)}
        if part == "subject":
            return (
                ngettext(
                    "%(count)s recipient reads %(language)s: write a subject in %(language)s.",
                    "%(count)s recipients read %(language)s: write a subject in %(language)s.",
                    count,
                )
                % values
            )
        return (
            ngettext(
                "%(count)s recipient reads %(language)s: write the text in %(language)s.",
                "%(count)s recipients read %(language)s: write the text in %(language)s.",
                count,
            )
            % values
        )

    def texts(self):
        """{"de": {"subject": …, "body": …}, …} for the languages with recipients."""
        return {
            code: {
                "subject": self.cleaned_data[f"subject_{code}"].strip(),
                "body": self.cleaned_data[f"body_{code}"].strip(),
            }
            for code, count in self.counts.items()
            if count
        }


def _event_or_404(event_id):
    return source_version(get_object_or_404(EventPage, pk=event_id))


def _render_form(request, event, form):
    return TemplateResponse(
        request,
        "events/admin/desk_message.html",
        {
            "event": event,
            "form": form,
            "numbers": live_numbers(event),
            "desk_url": reverse("events_desk", args=[event.pk]),
        },
    )


def _render_preview(request, event, form, notice=""):
    audience, language = form.chosen_group()
    texts = form.texts()
    previews = []
    for group in form.language_groups():
        if not group["count"]:
            continue
        subject, _text, html = preview_email(event, audience, language, texts, group["code"])
        previews.append({**group, "email_subject": subject, "html": html})
    return TemplateResponse(
        request,
        "events/admin/desk_message_preview.html",
        {
            "event": event,
            "form": form,
            "previews": previews,
            "total": form.total,
            "notice": notice,
            "audience_label": dict(Audience.choices)[audience],
            "language_label": language_name(language) if language else _("All languages"),
            "desk_url": reverse("events_desk", args=[event.pk]),
        },
    )


@refusing
def write_message(request, event_id):
    """Write a message to the event's registrants, preview it per language, send it.

    The form posts to itself with an `action`: "count" (show the numbers of the group
    just chosen), "preview", "edit" (back from the preview) or "send". Nothing is sent
    before the preview has been seen with the same number of recipients.
    """
    require(request.user, VIEW)
    require(request.user, CHANGE)
    event = _event_or_404(event_id)
    if request.method != "POST":
        return _render_form(request, event, MessageForm(event=event))
    action = request.POST.get("action")
    form = MessageForm(request.POST, event=event)
    if action in ("count", "edit"):
        # Back to writing with what was typed, without errors for what is not done yet.
        unbound = MessageForm(initial=request.POST.dict(), event=event)
        unbound.counts = form.counts
        return _render_form(request, event, unbound)
    if not form.is_valid():
        messages.error(request, _("The message has not been sent. Please correct the errors."))
        return _render_form(request, event, form)
    if action != "send":
        return _render_preview(request, event, form)
    if request.POST.get("total") != str(form.total):
        notice = _(
            "The number of recipients has changed since the preview. Please check the "
            "message again before sending it."
        )
        return _render_preview(request, event, form, notice)
    audience, language = form.chosen_group()
    message, sent = send_organiser_message(
        event, audience=audience, language=language, texts=form.texts(), author=request.user
    )
    total = message.deliveries.count()
    if not sent:
        messages.warning(
            request,
            _(
                "You had already sent this message to this group: it has not been sent a "
                "second time."
            ),
        )
        return redirect(reverse("events_desk_message_detail", args=[event.pk, message.pk]))
    messages.success(
        request,
        ngettext(
            "Your message is being sent to %(count)s person.",
            "Your message is being sent to %(count)s people.",
            total,
        )
        % {"count": total},
    )
    return redirect(reverse("events_desk_message_detail", args=[event.pk, message.pk]))


@refusing
def message_detail(request, event_id, pk):
    """One sent message: who wrote it when, its texts, and each recipient once with the
    delivery state of their latest copy (noting when it was sent again)."""
    require(request.user, VIEW)
    event = _event_or_404(event_id)
    message = get_object_or_404(sent_messages(event), pk=pk)
    deliveries = list(
        latest_copies()
        .filter(organiser_message=message)
        .select_related("registration")
        .order_by("registration__name", "pk")
    )
    for delivery in deliveries:
        delivery.language_name = language_name(delivery.registration.language)
    return TemplateResponse(
        request,
        "events/admin/desk_message_detail.html",
        {
            "event": event,
            "message": message,
            "author": author_name(message),
            "audience_label": message.get_audience_display(),
            "language_label": (
                language_name(message.language) if message.language else _("All languages")
            ),
            "texts": [
                {"name": language_name(code), "code": code, **text}
                for code, text in message.texts.items()
            ],
            "deliveries": deliveries,
            "can_change": request.user.has_perm(CHANGE),
            "desk_url": reverse("events_desk", args=[event.pk]),
        },
    )
