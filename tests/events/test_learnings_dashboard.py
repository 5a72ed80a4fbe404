"""The learnings dashboard: the feedback of the whole campaign and of each event as charts
(by stakeholder group and region, enabling factors ranked, each rating and choice), the
written answers to read and to select for quoting (only with the respondent's consent),
exports without personal data; open to who may see the event reports, counted at once."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.users.models import UserProfile

from events.feedback.forms import FeedbackForm, questions_of, record
from events.feedback.summary import campaign_summary, summarise
from events.models import FeedbackAnswer, FeedbackResponse
from home.admin.roles import EDITORS, ORGANISERS
from home.localization import get_locale
from home.models import Region, Topic
from tests.support.factories import make_event
from tests.support.feedback import event_over, feedback_form, register, translate_feedback
from tests.support.registration import on_site
from tests.support.users import member_of

pytestmark = pytest.mark.django_db

CIVIL, PRIVATE = "civil-society", "private-sector"
PEOPLE = {
    # email: (name, organisation, language, group, country)
    "ana.geheim@example.org": ("Ana Geheim", "Geheime Stiftung", "de", PRIVATE, "DE"),
    "elise.secrete@example.org": ("Élise Secrète", "Association Discrète", "fr", CIVIL, "KE"),
    "carl.verborgen@example.org": ("Carl Verborgen", "Verborgene GmbH", "de", CIVIL, "GH"),
}
PERSONAL = [
    text
    for email, (name, organisation, *_rest) in PEOPLE.items()
    for text in (email, name, organisation, "@example.org")
]


def english(model, slug):
    return model.objects.get(locale=get_locale("en"), slug=slug).name


def answer(version, registration, *, rating=None, factor=None, choice=None, text="", consent):
    """Record `registration`'s answers on `version` of the event, as the public form does."""
    questions = questions_of(version)
    key = {question.kind: question.key for question in questions}
    data = {key["free_text"]: text}
    for kind, value in (("rating", rating), ("enabling_factor", factor), ("choice", choice)):
        if value is not None:
            data[key[kind]] = str(value)
    if consent:
        data["consent_to_quote"] = "on"
    form = FeedbackForm(data, questions=questions)
    assert form.is_valid(), form.errors
    return record(version, registration, form)


@pytest.fixture
def workshop(django_capture_on_commit_callbacks):
    """Three people answered: Ana (German, private sector, no region) and Élise (French,
    civil society, Africa) agreed to be quoted, Carl (German, civil society, Africa) did not.
    Ratings 4, 5 and 2; trust named twice, shared goals once."""
    capture = django_capture_on_commit_callbacks
    # The campaign's feedback is this test's alone (whatever the demo site brings).
    FeedbackResponse.objects.all().delete()
    Region.objects.filter(slug="africa", locale=get_locale("de")).update(countries=["KE", "GH"])
    trust, goals = (
        Topic.objects.get(slug=slug, locale=get_locale("de")) for slug in ("trust", "shared-goals")
    )
    event, _end = event_over(registration=on_site(capacity=10))
    french = translate_feedback(event)
    people = {}
    for email, (name, organisation, language, group, country) in PEOPLE.items():
        people[name.split()[0].lower()] = register(
            event,
            capture,
            email,
            language=language,
            name=name,
            organisation=organisation,
            stakeholder_group=group,
            country=country,
        )
    answer(event, people["ana"], rating=4, factor=trust.pk, choice=0, consent=True,
           text="Vertrauen wuchs mit jedem Treffen.")  # fmt: skip
    answer(french, people["élise"], rating=5, factor=trust.pk, choice=1, consent=True,
           text="La confiance d’abord.")  # fmt: skip
    answer(event, people["carl"], rating=2, factor=goals.pk, consent=False,
           text="Bitte nicht zitieren.")  # fmt: skip
    return event


def written(text):
    return FeedbackAnswer.objects.select_related("response").get(text=text)


def reporter_in(client, language="en", user=None):
    """`client` signed in as an event organiser (who may see the reports) in `language`."""
    user = user or member_of(ORGANISERS)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


def page_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def figure(page, name):
    return page.select_one(f'[data-figure="{name}"] dd').text.strip()


def bars(chart):
    """[(label, number)] of a bar chart, top to bottom, as drawn."""
    return [
        (group["data-bar"], group.select_one("text[data-value]").text)
        for group in chart.select("g[data-bar]")
    ]


def test_the_summary_counts_the_answers_by_group_region_and_factor(workshop):
    with translation.override("en"):
        summary = summarise(event=workshop)
        total, by_event = campaign_summary()
    assert summary.responses == 3 and summary.consenting == 2
    assert summary.by_group == [("Civil society", 2), ("Private sector", 1)]
    assert summary.by_region == [("Africa", 2), ("No region known", 1)]
    assert summary.factors == [("Trust between partners", 2), ("Shared goals", 1)]
    assert sorted(summary.by_language) == [("de", 2), ("fr", 1)]
    rating = next(question for question in summary.questions if question.kind == "rating")
    assert rating.counts == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 1)]
    assert rating.average == pytest.approx(11 / 3)
    choice = next(question for question in summary.questions if question.kind == "choice")
    assert choice.counts == [("Ja", 1), ("Vielleicht", 1), ("Nein", 0)]
    assert (summary.written, summary.selected) == (3, 0)
    # The campaign counts the same answers, every event at once.
    assert by_event[workshop.translation_key].by_group == summary.by_group
    assert (total.responses, total.factors) == (3, summary.factors)


def test_the_campaign_page_shows_the_charts_and_each_event(client, workshop):
    page = page_of(reporter_in(client).get("/admin/event-desk/learnings/"))
    assert figure(page, "responses") == "3"
    assert figure(page, "consenting") == "2"
    groups = page.select_one('[data-bar-chart="learnings-campaign-groups"]')
    assert bars(groups) == [("Civil society", "2"), ("Private sector", "1")]
    regions = page.select_one('[data-bar-chart="learnings-campaign-regions"]')
    assert bars(regions) == [("Africa", "2"), ("No region known", "1")]
    factors = page.select_one('[data-bar-chart="learnings-campaign-factors"]')
    assert bars(factors) == [("Trust between partners", "2"), ("Shared goals", "1")]
    # An accessible chart: a title, a description in words, and the figures as a table.
    svg = groups.select_one("svg")
    assert svg["role"] == "img" and svg.select_one("title").text == (
        "Respondents by stakeholder group"
    )
    assert svg.select_one("desc").text == "Civil society: 2; Private sector: 1."
    table = groups.select_one("details table[data-bar-table]")
    assert [[cell.text for cell in row.select("th, td")] for row in table.select("tbody tr")] == [
        ["Civil society", "2"],
        ["Private sector", "1"],
    ]
    row = page.select_one(f'[data-learnings-event="{workshop.pk}"]')
    assert row.th.a["href"] == f"/admin/event-desk/{workshop.pk}/learnings/"
    assert row.th.text == "Partnerschaftswerkstatt"
    assert [cell.text for cell in row.select("td")][1:] == [
        "3",
        "2",
        "3",
        "0",
        "Trust between partners (2)",
    ]
    for personal in PERSONAL:
        assert personal not in page.text


def test_the_event_page_draws_each_question(client, workshop):
    page = page_of(reporter_in(client).get(f"/admin/event-desk/{workshop.pk}/learnings/"))
    assert figure(page, "responses") == "3"
    rating = page.select_one('[data-question-kind="rating"] [data-bar-chart]')
    assert [number for _label, number in bars(rating)] == ["0", "1", "0", "1", "1"]
    assert rating.select_one("[data-bar-note]").text == "Average: 3.7 of 5"
    assert "Average: 3.7 of 5" in rating.select_one("desc").text
    choice = page.select_one('[data-question-kind="choice"] [data-bar-chart]')
    assert bars(choice) == [("Ja", "1"), ("Vielleicht", "1"), ("Nein", "0")]
    factor = page.select_one('[data-question-kind="enabling_factor"] [data-bar-chart]')
    assert bars(factor) == [("Trust between partners", "2"), ("Shared goals", "1")]
    assert page.select_one('[data-question-kind="free_text"] a[href*="?question="]')
    # The questions of the German page: the event has no English version.
    assert "Wie nützlich war die Veranstaltung" in page.text
    for personal in PERSONAL:
        assert personal not in page.text


def test_a_german_reporter_sees_german_names_and_numbers(client, workshop):
    page = page_of(reporter_in(client, "de").get(f"/admin/event-desk/{workshop.pk}/learnings/"))
    groups = page.select_one(f'[data-bar-chart="learnings-{workshop.pk}-groups"]')
    assert bars(groups) == [("Zivilgesellschaft", "2"), ("Privatwirtschaft", "1")]
    rating = page.select_one('[data-question-kind="rating"] [data-bar-chart]')
    assert "3,7" in rating.select_one("[data-bar-note]").text


def test_the_written_answers_show_group_region_language_and_consent(client, workshop):
    reporter_in(client)
    page = page_of(client.get(f"/admin/event-desk/{workshop.pk}/learnings/"))
    answers = {item.blockquote.text: item for item in page.select("[data-answer]")}
    assert set(answers) == {
        "Vertrauen wuchs mit jedem Treffen.",
        "La confiance d’abord.",
        "Bitte nicht zitieren.",
    }
    french = answers["La confiance d’abord."]
    details = " ".join(french.select_one("[data-answer-details]").text.split())
    assert "Stakeholder group: Civil society" in details
    assert "Region: Africa" in details and "Language: French" in details
    assert french.select_one('[data-consent="yes"]')
    assert french.select_one('button[name="quotable"][value="1"]')
    refused = answers["Bitte nicht zitieren."]
    assert refused.select_one('[data-consent="no"]').text == "Did not agree to be quoted"
    assert not refused.select("button")
    for personal in PERSONAL:
        assert personal not in page.text


def test_the_written_answers_are_filtered_by_question_and_selection(client, workshop):
    reporter_in(client)
    address = f"/admin/event-desk/{workshop.pk}/learnings/"
    question = written("La confiance d’abord.").question
    page = page_of(client.get(address, {"question": question}))
    assert len(page.select("[data-answer]")) == 3
    page = page_of(client.get(address, {"question": "another"}))
    assert len(page.select("[data-answer]")) == 3  # an unknown question filters nothing
    page = page_of(client.get(address, {"selected": "1"}))
    assert page.select("[data-answer]") == []
    assert "No written answers match." in page.text
    chosen = written("La confiance d’abord.")
    chosen.quotable = True
    chosen.save()
    page = page_of(client.get(address, {"selected": "1", "question": question}))
    assert [item.blockquote.text for item in page.select("[data-answer]")] == [
        "La confiance d’abord."
    ]


def select(client, event, answer, value, query="", **options):
    return client.post(
        f"/admin/event-desk/{event.pk}/learnings/answers/{answer.pk}/quote/",
        {"quotable": value, "query": query},
        **options,
    )


def test_an_answer_with_consent_is_selected_for_quoting_and_removed_again(client, workshop):
    reporter_in(client)
    chosen = written("La confiance d’abord.")
    response = select(client, workshop, chosen, "1", query="selected=1&next=https://evil.test")
    assert response.status_code == 302
    assert response["Location"] == (
        f"/admin/event-desk/{workshop.pk}/learnings/?selected=1&next=https%3A%2F%2Fevil.test"
        f"#answer-{chosen.pk}"
    )
    with translation.override("en"):
        assert [str(message) for message in get_messages(response.wsgi_request)] == [
            "Selected for quoting."
        ]
    chosen.refresh_from_db()
    assert chosen.quotable and chosen.text == "La confiance d’abord."
    page = page_of(client.get(f"/admin/event-desk/{workshop.pk}/learnings/?selected=1"))
    (shown,) = page.select("[data-answer]")
    assert shown.select_one("[data-quote-selected]")
    assert figure(page, "selected") == "1"
    assert select(client, workshop, chosen, "0").status_code == 302
    chosen.refresh_from_db()
    assert not chosen.quotable and chosen.response.consent_to_quote


def test_an_answer_without_consent_cannot_be_selected(client, workshop):
    reporter_in(client)
    refused = written("Bitte nicht zitieren.")
    response = select(client, workshop, refused, "1")
    assert response.status_code == 302
    page = page_of(client.get(response["Location"]))
    assert (
        "This answer cannot be selected for quoting: the respondent did not agree to be quoted."
        in page.text
    )
    refused.refresh_from_db()
    assert not refused.quotable and refused.text == "Bitte nicht zitieren."
    assert not refused.response.consent_to_quote


def test_only_written_answers_of_the_event_itself_are_selected(client, workshop):
    reporter_in(client)
    other = make_event("Andere Werkstatt", feedback=feedback_form())
    chosen = written("La confiance d’abord.")
    # Not found (the site's language prefix is tried before saying so).
    assert select(client, other, chosen, "1", follow=True).status_code == 404
    rating = FeedbackAnswer.objects.filter(kind="rating").first()
    assert select(client, workshop, rating, "1", follow=True).status_code == 404
    assert (
        client.get(
            f"/admin/event-desk/{workshop.pk}/learnings/answers/{chosen.pk}/quote/"
        ).status_code
        == 405
    )
    chosen.refresh_from_db()
    assert not chosen.quotable


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], content


def selected_for_quoting(workshop):
    """Élise's answer selected; Carl's marked too, behind the dashboard's back, without
    his consent: it must never be exported."""
    chosen = written("La confiance d’abord.")
    chosen.quotable = True
    chosen.save()
    FeedbackAnswer.objects.filter(text="Bitte nicht zitieren.").update(quotable=True)


def test_the_event_csv_has_the_figures_and_the_consented_quotes_only(client, workshop):
    selected_for_quoting(workshop)
    reporter_in(client)
    rows, content = read_csv(client.get(f"/admin/event-desk/{workshop.pk}/learnings/export/"))
    assert {row["Event"] for row in rows} == {"Partnerschaftswerkstatt"}

    def numbers(figure, column="Answer"):
        return {row[column]: row["Number"] for row in rows if row["Figure"] == figure}

    assert numbers("Respondents") == {"": "3"}
    assert numbers("Respondents by stakeholder group", "Stakeholder group") == {
        "Civil society": "2",
        "Private sector": "1",
    }
    assert numbers("Respondents by region", "Region") == {"Africa": "2", "No region known": "1"}
    assert numbers("Respondents by language", "Language") == {"German": "2", "French": "1"}
    ranked = [row["Answer"] for row in rows if row["Figure"] == "Enabling factors ranked"]
    assert ranked == ["Trust between partners", "Shared goals"]
    rating = [row for row in rows if row["Figure"] == "Rating"]
    assert [(row["Answer"], row["Number"]) for row in rating][:5] == [
        ("1", "0"),
        ("2", "1"),
        ("3", "0"),
        ("4", "1"),
        ("5", "1"),
    ]
    assert (rating[-1]["Answer"], rating[-1]["Number"], rating[-1]["Average"]) == (
        "All answers",
        "3",
        "3.67",
    )
    assert numbers("Choice") == {"Ja": "1", "Vielleicht": "1", "Nein": "0"}
    (quote,) = [row for row in rows if row["Figure"] == "Quote"]
    assert quote["Answer"] == "La confiance d’abord."
    assert (quote["Stakeholder group"], quote["Region"], quote["Language"]) == (
        "Civil society",
        "Africa",
        "French",
    )
    assert "Bitte nicht zitieren." not in content
    assert "Vertrauen wuchs mit jedem Treffen." not in content  # consented, not selected
    respondents = FeedbackResponse.objects.values_list("respondent", flat=True)
    for personal in [*PERSONAL, *respondents]:
        assert personal not in content


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_csv_writes_decimals_as_the_reporters_language_does(client, workshop, language):
    """A German or French spreadsheet reads "3.67" as text (or a date): "3,67" it adds up."""
    reporter_in(client, language)
    for address in (
        f"/admin/event-desk/{workshop.pk}/learnings/export/",
        "/admin/event-desk/learnings/export/?format=csv",
    ):
        rows, content = read_csv(client.get(address))
        with translation.override(language):
            average = translation.gettext("Average")
        averages = [row[average] for row in rows if row[average]]
        # The event's rating, and in the campaign's export the whole campaign's too.
        assert set(averages) == {"3,67"}
        assert "3.67" not in content


def test_the_campaign_xlsx_has_the_figures_and_the_consented_quotes_only(client, workshop):
    selected_for_quoting(workshop)
    reporter_in(client)
    response = client.get("/admin/event-desk/learnings/export/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert all(cell.font.bold for cell in sheet[1]) and sheet.freeze_panes == "A2"
    rows = [
        dict(zip(header, (cell.value for cell in row), strict=True))
        for row in sheet.iter_rows(min_row=2)
    ]
    whole = [row for row in rows if row["Event"] == "Whole campaign"]
    assert next(row for row in whole if row["Figure"] == "Respondents")["Number"] == 3
    factors = [
        (row["Answer"], row["Number"])
        for row in whole
        if row["Figure"] == "Enabling factors ranked"
    ]
    assert factors == [("Trust between partners", 2), ("Shared goals", 1)]
    ours = [row for row in rows if row["Event"] == "Partnerschaftswerkstatt"]
    total = next(row for row in ours if row["Answer"] == "All answers")
    assert (total["Number"], total["Average"]) == (3, 3.67)
    quotes = [row["Answer"] for row in rows if row["Figure"] == "Quote"]
    assert quotes == ["La confiance d’abord."]
    cells = " ".join(str(value) for row in rows for value in row.values())
    respondents = FeedbackResponse.objects.values_list("respondent", flat=True)
    for personal in [*PERSONAL, *respondents, "Bitte nicht zitieren."]:
        assert personal not in cells


@pytest.mark.parametrize(
    "address",
    [
        "/admin/event-desk/learnings/",
        "/admin/event-desk/learnings/export/",
        "/admin/event-desk/{pk}/learnings/",
        "/admin/event-desk/{pk}/learnings/export/?format=xlsx",
    ],
)
def test_staff_who_may_not_see_the_reports_get_no_learnings(client, workshop, address):
    client.force_login(member_of(EDITORS))
    response = client.get(address.format(pk=workshop.pk))
    assert response.status_code == 403
    assert b"La confiance" not in response.content
    assert b"Partnerschaftswerkstatt" not in response.content


def test_staff_who_may_not_see_the_reports_select_nothing(client, workshop):
    client.force_login(member_of(EDITORS))
    chosen = written("La confiance d’abord.")
    assert select(client, workshop, chosen, "1").status_code == 403
    chosen.refresh_from_db()
    assert not chosen.quotable


def test_the_learnings_menu_item_is_for_who_may_see_the_reports(client):
    client.force_login(member_of(EDITORS))
    assert b"/admin/event-desk/learnings/" not in client.get("/admin/").content
    reporter_in(client)
    menu = page_of(client.get("/admin/")).select_one("#wagtail-sidebar-props").text
    assert '"Learnings"' in menu and '"/admin/event-desk/learnings/"' in menu


def answered_event(title, number, factor):
    """An event with `number` responses made directly (group, region, a rating, a factor,
    a written answer each)."""
    event = make_event(title, feedback=feedback_form())
    keys = {block.block_type: block.id for block in event.feedback}
    for position in range(number):
        response = FeedbackResponse.objects.create(
            event_key=event.translation_key,
            page=event,
            respondent=f"{title}-{position}",
            language="de",
            stakeholder_group=CIVIL,
            region="africa",
            consent_to_quote=True,
        )
        FeedbackAnswer.objects.bulk_create(
            [
                FeedbackAnswer(response=response, question=keys["rating"], kind="rating", rating=3),
                FeedbackAnswer(
                    response=response,
                    question=keys["enabling_factor"],
                    kind="enabling_factor",
                    factor=factor,
                ),
                FeedbackAnswer(
                    response=response,
                    question=keys["free_text"],
                    kind="free_text",
                    text=f"{title} {position}",
                ),
            ]
        )
    return event


def campaign_queries(client):
    """The campaign page and its number of queries, once the caches are filled."""
    client.get("/admin/event-desk/learnings/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/event-desk/learnings/")
    return page_of(response), len(queries)


def test_the_campaign_page_counts_every_event_at_once(client, workshop):
    reporter_in(client)
    page, with_one = campaign_queries(client)
    assert len(page.select("[data-learnings-event]")) == 1
    topics = Topic.objects.filter(locale=get_locale("de"), is_enabling_factor=True)
    answered_event("Zweite Werkstatt", 2, topics[0])
    answered_event("Dritte Werkstatt", 1, topics[1])
    page, with_three = campaign_queries(client)
    assert len(page.select("[data-learnings-event]")) == 3
    assert figure(page, "responses") == "6"
    assert with_three == with_one
