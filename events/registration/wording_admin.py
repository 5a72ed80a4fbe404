"""The admin of staff's wording of the standard emails (a translatable snippet): a form
that names the placeholders, and a preview of the email as a registrant reads it."""

from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import (
    PreviewOnCreateView,
    PreviewOnEditView,
    SnippetViewSet,
)

from .forms import validate_one_line
from .models import EmailWording
from .preview import preview_html
from .wording import NOT_EDITABLE, PLACEHOLDERS


def placeholder_help():
    """The placeholders staff may use and what each one becomes, in the admin's language."""
    listed = "; ".join(f"{{{name}}} = {meaning}" for name, meaning in PLACEHOLDERS.items())
    return _("Placeholders, filled in for each registrant: %(placeholders)s.") % {
        "placeholders": listed
    }


class EmailWordingForm(WagtailAdminModelForm):
    """Only the standard emails can be reworded; both texts say which placeholders work."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            field = self.fields["kind"]
            field.choices = [
                (value, label) for value, label in field.choices if value not in NOT_EDITABLE
            ]
        placeholders = placeholder_help()
        for name in ("subject", "text"):
            field = self.fields[name]
            field.help_text = f"{field.help_text} {placeholders}"
        # A subject is one header line: a line break would stop every email of this kind.
        self.fields["subject"].validators.append(validate_one_line)


class PreviewTheEmail:
    """Answers the preview panel with the email itself instead of a page template."""

    @method_decorator(xframe_options_sameorigin)
    def get(self, request, *args, **kwargs):
        form = self.get_form(self._get_form_data(self._get_form_state()))
        if not self.validate_form(form):
            return self.error_response()
        form.save(commit=False)
        return HttpResponse(preview_html(self.object))


class EmailWordingPreviewOnCreate(PreviewTheEmail, PreviewOnCreateView):
    pass


class EmailWordingPreviewOnEdit(PreviewTheEmail, PreviewOnEditView):
    pass


class EmailWordingViewSet(SnippetViewSet):
    """Staff's own wording of the standard emails, one per email and language: written in
    German, translated into the other languages with wagtail-localize."""

    model = EmailWording
    icon = "mail"
    menu_label = gettext_lazy("Email wording")
    menu_name = "email_wording"
    menu_order = 165
    add_to_admin_menu = True
    list_display = ["__str__", "subject", "locale"]
    list_filter = ["kind", "locale"]
    preview_on_add_view_class = EmailWordingPreviewOnCreate
    preview_on_edit_view_class = EmailWordingPreviewOnEdit
    edit_handler = ObjectList(
        [FieldPanel("kind"), FieldPanel("subject"), FieldPanel("text")],
        base_form_class=EmailWordingForm,
    )
