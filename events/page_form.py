"""The event page's form in the admin: reminders as ticks rather than JSON, and whether
registrants are told of a published change (with how many there are)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.admin.page_form import CampaignPageForm

from .registration.changes import decides_logistics, notify_help_text
from .timing import REMINDER_CHOICES


class EventPageForm(CampaignPageForm):
    reminders = forms.TypedMultipleChoiceField(
        label=_("reminders"),
        choices=REMINDER_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Emails to confirmed registrants before the start, in their language. Untick "
            "all to send none."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        notify = self.fields.get("notify_registrants")
        if notify is None:
            return
        if not decides_logistics(self.instance):
            # The source version decides the logistics and who is told of them.
            del self.fields["notify_registrants"]
            return
        # Ticked at every edit: a typo fix published quietly must not silence the next
        # change. While the page is in review, the box shows what the editor submitted.
        if self.instance.pk is None or self.instance.current_workflow_state is None:
            self.initial["notify_registrants"] = True
        notify.help_text = notify_help_text(self.instance)

    def clean_reminders(self):
        # Largest first, as people read them ("a week before, a day before").
        return sorted(set(self.cleaned_data["reminders"]), reverse=True)
