"""The event page's form in the admin: reminders as ticks rather than JSON."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.admin.page_form import CampaignPageForm

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

    def clean_reminders(self):
        # Largest first, as people read them ("a week before, a day before").
        return sorted(set(self.cleaned_data["reminders"]), reverse=True)
