"""A listing's filter menus are Django's `<select>`, written without a template per option:
the visitor gets the same menu, option for option."""

from html.parser import HTMLParser

from django import forms
from django.forms.renderers import DjangoTemplates

from home.listing import FilterForm, FilterSelect

CHOICES = [
    ("", "Alle"),
    ("rechte-&-pflichten", 'Rechte & "Pflichten"'),
    ("sdg-17", "17. Partnerschaften <zur> Erreichung der Ziele"),
    ("Region", [("afrika", "Afrika"), ("europa", "Europa")]),
]


class Elements(HTMLParser):
    """The elements of a fragment, each with its attributes and text, in order."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, sorted(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.found.append(("text", data.strip()))


def as_django_renders_it(name, value, attrs):
    return forms.Select(choices=CHOICES).render(name, value, attrs, renderer=DjangoTemplates())


def test_the_menu_is_the_same_as_djangos_for_every_chosen_value():
    attrs = {"id": "id_topic", "class": "filter", "data-autosubmit": True, "hidden": False}
    for value in ["", "rechte-&-pflichten", "europa", "unknown", None]:
        ours = FilterSelect(choices=CHOICES).render("topic", value, attrs)
        assert Elements(ours).found == Elements(as_django_renders_it("topic", value, attrs)).found
    chosen = FilterSelect(choices=CHOICES).render("topic", "europa", attrs)
    assert '<option value="europa" selected>Europa</option>' in chosen
    assert "Rechte &amp; &quot;Pflichten&quot;" in chosen
    assert "&lt;zur&gt;" in chosen


def test_filter_forms_use_it_for_their_menus():
    class Form(FilterForm):
        topic = forms.ChoiceField(required=False)
        month = forms.ChoiceField(required=False, widget=forms.RadioSelect)

        def __init__(self, data):
            super().__init__(data)
            self.fields["topic"].choices = CHOICES

    form = Form({"topic": "afrika"})
    assert isinstance(form.fields["topic"].widget, FilterSelect)
    assert not isinstance(form.fields["month"].widget, FilterSelect)
    assert '<option value="afrika" selected>Afrika</option>' in str(form["topic"])
