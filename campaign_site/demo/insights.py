"""The demo's insights: one of every type, in German with English and French translations.

Only what the campaign announced is stated as fact (the launch, the events, the study and
its presentation at the SDG Summit). The learning, the partnership example and the interview
are written generically and say so: they show editors what such an insight looks like.
"""

import datetime
import io

from PIL import Image as PillowImage
from PIL import ImageDraw

from django.apps import apps
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from events.models import EventPage
from insights.models import InsightPage, InsightPageDocument, InsightPageEvent

from . import pages
from .catalogue import heading, paragraph, tr
from .tree import ensure_child, without


def key_takeaways(*items):
    return {"type": "key_takeaways", "value": {"heading": "", "items": list(items)}}


LAUNCH_NEWS = dict(
    pages.LAUNCH_NEWS,
    insight_type="news",
    tags={"regions": ["unece", "global"], "topics": ["enabling-environment"], "sdgs": [17],
          "partners": "organisers"},
)  # fmt: skip

STUDY = dict(
    pages.STUDY,
    insight_type="publication",
    # Presented at the partnership symposium on the margins of the SDG Summit.
    publication_date=datetime.date(2023, 9, 18),
    citation=tr(
        "Partnerschaften2030, 2030 Agenda Partnership Accelerator (UN DESA und The Partnering "
        "Initiative), Global Forum for National SDG Advisory Bodies (2023): Was Partnerschaften "
        "gelingen lässt. Begünstigende Faktoren, Herausforderungen und Opportunitäten von "
        "Multi-Akteurs-Partnerschaften.",
        "Partnerschaften2030, 2030 Agenda Partnership Accelerator (UN DESA and The Partnering "
        "Initiative), Global Forum for National SDG Advisory Bodies (2023): What makes "
        "partnerships succeed. Enabling factors, challenges and opportunities of "
        "multi-stakeholder partnerships.",
        "Partnerschaften2030, 2030 Agenda Partnership Accelerator (DAES des Nations Unies et The "
        "Partnering Initiative), Global Forum for National SDG Advisory Bodies (2023) : Ce qui "
        "fait réussir les partenariats. Facteurs favorables, défis et opportunités des "
        "partenariats multipartites.",
    ),
    body=[
        paragraph(pages.CAMPAIGN_EVENTS_AND_STUDY),
        heading(tr("Worum es in der Studie geht", "What the study is about",
                   "De quoi traite l'étude")),
        paragraph(
            tr(
                "Die Studie fragt, welche Faktoren Multi-Akteurs-Partnerschaften begünstigen, "
                "auf welche Herausforderungen sie stoßen und welche Opportunitäten sich ihnen "
                "bieten. Grundlage sind die Lernerfahrungen und Beispiele, die bei den "
                "Veranstaltungen der Kampagne mit Akteuren aus der UNECE-Region gesammelt "
                "werden.",
                "The study asks which factors enable multi-stakeholder partnerships, what "
                "challenges they face and what opportunities they have. It builds on the "
                "learnings and examples gathered with stakeholders from the UNECE region at "
                "the campaign's events.",
                "L'étude examine quels facteurs favorisent les partenariats multipartites, à "
                "quels défis ils se heurtent et de quelles opportunités ils disposent. Elle "
                "s'appuie sur les enseignements et les exemples recueillis auprès d'acteurs de "
                "la région de la CEE-ONU lors des événements de la campagne.",
            ),
            tr(
                "Sie wird im Rahmen eines Partnerschaftssymposiums am Rande des SDG-Gipfels im "
                "September 2023 vorgestellt.",
                "It is presented at a partnership symposium on the margins of the SDG Summit in "
                "September 2023.",
                "Elle est présentée lors d'un symposium sur les partenariats en marge du Sommet "
                "sur les ODD en septembre 2023.",
            ),
        ),
        # Live figures: they grow with every event, its participants and their feedback.
        {"type": "evidence", "value": {"heading": "", "intro": tr(
            "Worauf die Studie sich stützt, laufend gezählt aus den Veranstaltungen der "
            "Kampagne.",
            "What the study draws on, counted as it grows from the campaign's events.",
            "Ce sur quoi s'appuie l'étude, compté au fil des événements de la campagne.",
        )}},
    ],
    tags={"regions": ["unece"], "sdgs": [17], "partners": "organisers",
          "topics": ["trust", "shared-goals", "enabling-environment", "partnering-skills",
                     "funding"]},
)  # fmt: skip

STUDY_EVENTS = ["partnerschaftssymposium-sdg-gipfel-2023"]

SYMPOSIUM_NEWS = {
    "insight_type": "news",
    "title": tr(
        "Studie wird beim Partnerschaftssymposium vorgestellt",
        "Study to be presented at the partnership symposium",
        "L'étude sera présentée lors du symposium sur les partenariats",
    ),
    "slug": tr("studie-beim-symposium", "study-at-the-symposium", "etude-au-symposium"),
    "teaser": tr(
        "Am Rande des SDG-Gipfels im September 2023 stellt die Kampagne ihre Studie zu den "
        "Faktoren vor, die Partnerschaften begünstigen.",
        "On the margins of the SDG Summit in September 2023, the campaign presents its study on "
        "the factors that enable partnerships.",
        "En marge du Sommet sur les ODD en septembre 2023, la campagne présente son étude sur "
        "les facteurs qui favorisent les partenariats.",
    ),
    "publication_date": datetime.date(2023, 8, 1),
    "body": [
        paragraph(
            tr(
                "Die Kampagne sammelt bei ihren Veranstaltungen Lernerfahrungen und Beispiele "
                "für Multi-Akteurs-Partnerschaften aus der UNECE-Region. Diese Erkenntnisse "
                "fließen in eine Studie zu den Faktoren, die Partnerschaften begünstigen, zu "
                "ihren Herausforderungen und Opportunitäten.",
                "At its events, the campaign gathers learnings and examples of "
                "multi-stakeholder partnerships from the UNECE region. These feed into a study "
                "on the factors that enable partnerships, their challenges and opportunities.",
                "Lors de ses événements, la campagne recueille des enseignements et des exemples "
                "de partenariats multipartites de la région de la CEE-ONU. Ils alimentent une "
                "étude sur les facteurs qui favorisent les partenariats, leurs défis et leurs "
                "opportunités.",
            ),
            tr(
                "Die Studie wird im Rahmen eines Partnerschaftssymposiums am Rande des "
                "SDG-Gipfels im September 2023 in New York vorgestellt und diskutiert.",
                "The study is presented and discussed at a partnership symposium on the margins "
                "of the SDG Summit in New York in September 2023.",
                "L'étude est présentée et débattue lors d'un symposium sur les partenariats en "
                "marge du Sommet sur les ODD à New York en septembre 2023.",
            ),
        )
    ],
    "tags": {"regions": ["global"], "topics": ["enabling-environment"], "sdgs": [17],
             "partners": "organisers"},
    "events": ["partnerschaftssymposium-sdg-gipfel-2023"],
}  # fmt: skip

LEARNING = {
    "insight_type": "learning",
    "title": tr(
        "Lernerfahrung: Gemeinsame Ziele früh und gemeinsam klären",
        "Learning: agree on shared goals early and together",
        "Enseignement : définir tôt et ensemble des objectifs communs",
    ),
    "slug": tr("lernerfahrung-gemeinsame-ziele", "learning-shared-goals",
               "enseignement-objectifs-communs"),
    "teaser": tr(
        "Partnerschaften verbinden Akteure mit unterschiedlichen Aufträgen. Was sie "
        "zusammenhält, ist ein Ziel, das alle mittragen.",
        "Partnerships bring together stakeholders with different mandates. What holds them "
        "together is a goal that everyone shares.",
        "Les partenariats réunissent des acteurs aux mandats différents. Ce qui les unit, c'est "
        "un objectif que tous partagent.",
    ),
    "publication_date": datetime.date(2023, 3, 15),
    "body": [
        paragraph(
            tr(
                "Verwaltung, Zivilgesellschaft, Wirtschaft und Wissenschaft bringen in eine "
                "Partnerschaft unterschiedliche Erwartungen, Zeithorizonte und "
                "Entscheidungswege mit. Gemeinsame Ziele, die zu Beginn ausgehandelt und "
                "schriftlich festgehalten werden, geben allen Beteiligten Orientierung.",
                "Government, civil society, business and academia bring different expectations, "
                "time horizons and ways of deciding into a partnership. Shared goals, negotiated "
                "at the start and written down, give everyone involved a sense of direction.",
                "Administrations, société civile, entreprises et monde universitaire apportent "
                "dans un partenariat des attentes, des horizons temporels et des modes de "
                "décision différents. Des objectifs communs, négociés dès le départ et mis par "
                "écrit, orientent tous les participants.",
            ),
            tr(
                "Ziele sind dabei kein einmaliger Beschluss: Wer sie regelmäßig gemeinsam "
                "überprüft, erkennt früh, wenn sich Interessen verschieben, und kann nachsteuern.",
                "Goals are not a one-off decision: partners who review them together regularly "
                "notice early when interests shift, and can adjust.",
                "Les objectifs ne sont pas une décision ponctuelle : les partenaires qui les "
                "réexaminent régulièrement ensemble remarquent tôt quand les intérêts évoluent "
                "et peuvent s'ajuster.",
            ),
        ),
        key_takeaways(
            tr(
                "Gemeinsame Ziele zu Beginn aushandeln und festhalten.",
                "Negotiate shared goals at the start and write them down.",
                "Négocier des objectifs communs dès le départ et les mettre par écrit.",
            ),
            tr(
                "Unterschiedliche Aufträge und Zeithorizonte offen ansprechen.",
                "Talk openly about different mandates and time horizons.",
                "Aborder ouvertement les mandats et horizons temporels différents.",
            ),
            tr(
                "Ziele regelmäßig gemeinsam überprüfen.",
                "Review the goals together regularly.",
                "Réexaminer régulièrement les objectifs ensemble.",
            ),
        ),
    ],
    "tags": {"regions": ["unece"], "topics": ["shared-goals", "trust"], "sdgs": [17],
             "stakeholder_groups": ["government", "civil-society", "private-sector",
                                    "academia"]},
    "events": ["side-event-ecosoc-partnership-forum-2023"],
}  # fmt: skip

CASE = {
    "insight_type": "case",
    "title": tr(
        "Partnerschaftsbeispiel: Ein Nachhaltigkeitsrat bringt Akteure an einen Tisch",
        "Partnership example: a sustainable development council brings stakeholders together",
        "Exemple de partenariat : un conseil du développement durable réunit les acteurs",
    ),
    "slug": tr("beispiel-nachhaltigkeitsrat", "example-sustainable-development-council",
               "exemple-conseil-developpement-durable"),
    "teaser": tr(
        "Ein allgemein beschriebenes Beispiel: Wie ein nationaler Nachhaltigkeitsrat "
        "Ministerien, Kommunen, Zivilgesellschaft und Wirtschaft zusammenbringen kann.",
        "An example described in general terms: how a national sustainable development "
        "council can bring ministries, municipalities, civil society and business together.",
        "Un exemple décrit en termes généraux : comment un conseil national du développement "
        "durable peut réunir ministères, collectivités, société civile et entreprises.",
    ),
    "publication_date": datetime.date(2023, 5, 10),
    "body": [
        paragraph(
            tr(
                "Dieses Beispiel ist bewusst allgemein gehalten. Es beschreibt, wie "
                "Partnerschaften in der UNECE-Region häufig entstehen: Ein nationaler "
                "Nachhaltigkeitsrat lädt Ministerien, Kommunen, zivilgesellschaftliche "
                "Organisationen und Unternehmen ein, gemeinsam an der Umsetzung der SDGs zu "
                "arbeiten.",
                "This example is deliberately general. It describes how partnerships in the "
                "UNECE region often come about: a national sustainable development council "
                "invites ministries, municipalities, civil society organisations and businesses "
                "to work together on implementing the SDGs.",
                "Cet exemple est volontairement général. Il décrit comment naissent souvent les "
                "partenariats dans la région de la CEE-ONU : un conseil national du "
                "développement durable invite ministères, collectivités, organisations de la "
                "société civile et entreprises à travailler ensemble à la mise en œuvre des ODD.",
            ),
            tr(
                "Der Rat bietet einen neutralen Ort für den Austausch, moderiert die "
                "Zusammenarbeit und macht Ergebnisse sichtbar. So entsteht Vertrauen zwischen "
                "Akteuren, die sonst selten miteinander arbeiten.",
                "The council offers a neutral place for exchange, facilitates the cooperation "
                "and makes results visible. This builds trust between stakeholders who rarely "
                "work together otherwise.",
                "Le conseil offre un lieu neutre d'échange, anime la coopération et rend les "
                "résultats visibles. La confiance se construit ainsi entre des acteurs qui "
                "travaillent rarement ensemble.",
            ),
        ),
        {
            "type": "partnership_facts",
            "value": {
                "partners": [
                    tr("Ein nationaler Nachhaltigkeitsrat",
                       "A national sustainable development council",
                       "Un conseil national du développement durable"),
                    tr("Ministerien", "Ministries", "Ministères"),
                    tr("Kommunen", "Municipalities", "Collectivités locales"),
                    tr("Zivilgesellschaftliche Organisationen", "Civil society organisations",
                       "Organisations de la société civile"),
                    tr("Unternehmen", "Businesses", "Entreprises"),
                ],
                "region": tr("UNECE-Region", "UNECE region", "Région de la CEE-ONU"),
                "sdgs": ["11", "16", "17"],
                "period": tr("mehrjährig", "several years", "plusieurs années"),
                "outcome": tr(
                    "Ein von allen Beteiligten getragener Fahrplan für die Umsetzung der SDGs "
                    "und ein regelmäßiger Austausch zwischen den Sektoren.",
                    "A roadmap for implementing the SDGs that all partners support, and a "
                    "regular exchange between the sectors.",
                    "Une feuille de route pour la mise en œuvre des ODD soutenue par tous les "
                    "partenaires, et un échange régulier entre les secteurs.",
                ),
            },
        },
    ],
    "tags": {"regions": ["unece"], "topics": ["advisory-bodies", "trust"], "sdgs": [11, 16, 17],
             "stakeholder_groups": ["government", "civil-society", "private-sector"],
             "partners": ["global-forum-sdg-advisory-bodies"]},
}  # fmt: skip

INTERVIEW = {
    "insight_type": "interview",
    "title": tr(
        "Interview: „Partnerschaft ist auch Übersetzungsarbeit“",
        "Interview: “Partnership is also translation work”",
        "Entretien : « Le partenariat est aussi un travail de traduction »",
    ),
    "slug": tr("interview-uebersetzungsarbeit", "interview-translation-work",
               "entretien-travail-de-traduction"),
    "teaser": tr(
        "Ein Gespräch mit der Geschäftsstelle eines nationalen Nachhaltigkeitsrats darüber, "
        "wie unterschiedliche Akteure eine gemeinsame Sprache finden.",
        "A conversation with the secretariat of a national sustainable development council on "
        "how different stakeholders find a common language.",
        "Un entretien avec le secrétariat d'un conseil national du développement durable sur la "
        "manière dont des acteurs différents trouvent un langage commun.",
    ),
    "publication_date": datetime.date(2023, 6, 20),
    "body": [
        paragraph(
            tr(
                "Unser Gesprächspartner leitet die Geschäftsstelle eines nationalen "
                "Nachhaltigkeitsrats in der UNECE-Region. Das Interview wurde für diese "
                "Demo-Website allgemein gehalten.",
                "Our interviewee heads the secretariat of a national sustainable development "
                "council in the UNECE region. The interview has been kept general for this "
                "demo website.",
                "Notre interlocuteur dirige le secrétariat d'un conseil national du "
                "développement durable dans la région de la CEE-ONU. L'entretien a été "
                "volontairement général pour ce site de démonstration.",
            )
        ),
        heading(tr("Was macht Partnerschaften schwierig?", "What makes partnerships difficult?",
                   "Qu'est-ce qui rend les partenariats difficiles ?")),
        paragraph(
            tr(
                "Oft nicht der Wille, sondern die Sprache. Eine Behörde, ein Unternehmen und "
                "eine Initiative meinen mit demselben Wort nicht dasselbe. Wir verbringen viel "
                "Zeit damit, Begriffe zu klären.",
                "Often not the will, but the language. An authority, a company and a grassroots "
                "initiative do not mean the same thing by the same word. We spend a lot of time "
                "clarifying terms.",
                "Souvent pas la volonté, mais le langage. Une administration, une entreprise et "
                "une initiative citoyenne n'entendent pas la même chose par le même mot. Nous "
                "passons beaucoup de temps à clarifier les termes.",
            )
        ),
        heading(tr("Was hilft?", "What helps?", "Qu'est-ce qui aide ?")),
        paragraph(
            tr(
                "Feste Formate für den Austausch, eine neutrale Moderation und Geduld. "
                "Vertrauen entsteht, wenn alle sehen, dass ihre Beiträge in die Ergebnisse "
                "einfließen.",
                "Regular formats for exchange, neutral facilitation and patience. Trust grows "
                "when everyone sees that their contributions shape the results.",
                "Des formats d'échange réguliers, une animation neutre et de la patience. La "
                "confiance naît quand chacun voit que ses contributions façonnent les résultats.",
            )
        ),
    ],
    "tags": {"regions": ["unece"], "topics": ["partnering-skills", "trust"], "sdgs": [16, 17],
             "stakeholder_groups": ["government"]},
}  # fmt: skip

OTHER_INSIGHTS = [SYMPOSIUM_NEWS, LEARNING, CASE, INTERVIEW]

STUDY_DOCUMENTS = [
    # (title, language, file name, text on the page)
    ("Studie: Was Partnerschaften gelingen lässt (Demo-PDF)", "de", "studie-partnerschaften.pdf",
     "Was Partnerschaften gelingen lässt - Demo-Dokument"),
    ("Study: What makes partnerships succeed (demo PDF)", "en", "study-partnerships.pdf",
     "What makes partnerships succeed - demo document"),
]  # fmt: skip


def demo_pdf(text):
    """A one-page A5 PDF with a line of text: a real file with a real size, drawn here."""
    page = PillowImage.new("RGB", (420, 595), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle([0, 0, 420, 60], fill="#19486A")
    draw.text((24, 90), text, fill="#1a1a1a")
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=72)
    return buffer.getvalue()


def ensure_document(title, filename, text):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(demo_pdf(text)), save=False)
        document.save()
    return document


def ensure_insights(insight_index, *, event_index, organisers, hero, study):
    """Tag the launch news and the study, give the study its documents, and add one insight
    of every other type. Existing insights are left alone."""

    locale = insight_index.locale

    def tag(page, content, documents=()):
        page = InsightPage.objects.get(pk=page.pk)
        if page.sdgs.exists() or page.topics.exists():
            return page
        tags = content.get("tags", {})
        taxonomy = {
            "sdgs": ("home.SustainableDevelopmentGoal", "number"),
            "regions": ("home.Region", "slug"),
            "topics": ("home.Topic", "slug"),
            "stakeholder_groups": ("home.StakeholderGroup", "slug"),
        }
        for field, (model_name, key) in taxonomy.items():
            model = apps.get_model(model_name)
            values = tags.get(field, [])
            setattr(page, field, model.objects.filter(locale=locale, **{f"{key}__in": values}))
        partners = tags.get("partners", [])
        page.partners = (
            organisers
            if partners == "organisers"
            else [o for o in organisers if o.slug in partners]
        )
        for field in ("insight_type", "citation"):
            if field in content:
                setattr(page, field, content[field])
        if "events" in content:
            page.event_links = [
                InsightPageEvent(event=event)
                for event in EventPage.objects.child_of(event_index).filter(
                    slug__in=content["events"]
                )
            ]
        if documents:
            page.documents = documents
        page.save_revision().publish()
        return page

    tag(InsightPage.objects.child_of(insight_index).get(slug=LAUNCH_NEWS["slug"]), LAUNCH_NEWS)
    study_documents = [
        InsightPageDocument(document=ensure_document(title, filename, text), language=language)
        for title, language, filename, text in STUDY_DOCUMENTS
    ]
    tag(study, dict(STUDY, events=STUDY_EVENTS), documents=study_documents)
    for content in OTHER_INSIGHTS:
        fields = without(content, "tags", "events")
        if content["insight_type"] in ("learning", "case"):
            fields["hero_image"] = hero
        page = ensure_child(insight_index, InsightPage, fields)
        tag(page, content)


__all__ = ["LAUNCH_NEWS", "STUDY", "ensure_insights"]
