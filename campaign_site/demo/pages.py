"""The demo's pages: the campaign's own German text (its announcement) with translations."""

import datetime

from .catalogue import heading, paragraph, same, tr

CAMPAIGN_LAUNCH = tr(
    "2023 haben Partnerschaften2030, zusammen mit dem 2030 Agenda Partnership Accelerator, "
    "einer Initiative von UN DESA und der Partnering Initiative sowie dem Global Forum on "
    "National SDG Advisory Bodies eine Kampagne gestartet, mit dem Ziel a) Lernerfahrungen aus "
    "verschiedenen Regionen und von verschiedenen Stakeholdern zusammenzutragen und das "
    "Bewusstsein für die Relevanz von Partnerschaften zu stärken, sowie b) "
    "partnerschaftsfördernde Faktoren zu identifizieren, um Multi-Akteurs-Partnerschaften "
    "weltweit zu stärken, effizienter zu machen und besser zu unterstützen.",
    "In 2023, Partnerschaften2030, together with the 2030 Agenda Partnership Accelerator, an "
    "initiative of UN DESA and The Partnering Initiative, and the Global Forum for National SDG "
    "Advisory Bodies, launched a campaign that aims a) to gather learnings from different "
    "regions and stakeholders and raise awareness of why partnerships matter, and b) to "
    "identify the factors that enable partnerships, so that multi-stakeholder partnerships "
    "worldwide become stronger, more efficient and better supported.",
    "En 2023, Partnerschaften2030, avec le 2030 Agenda Partnership Accelerator, une initiative "
    "du DAES des Nations Unies et de The Partnering Initiative, ainsi que le Global Forum for "
    "National SDG Advisory Bodies, a lancé une campagne visant a) à rassembler les "
    "enseignements de différentes régions et de différentes parties prenantes et à sensibiliser "
    "à l'importance des partenariats, et b) à identifier les facteurs favorables aux "
    "partenariats, afin de renforcer les partenariats multipartites dans le monde entier, de "
    "les rendre plus efficaces et de mieux les soutenir.",
)

CAMPAIGN_EVENTS_AND_STUDY = tr(
    "Die Kampagne umfasst eine Reihe von Veranstaltungen für verschiedene Zielgruppen und "
    "Stakeholder. Die Erkenntnisse aus den Veranstaltungen fließen dann in eine Studie zu "
    "Partnerschaften und deren begünstigende Faktoren, Herausforderungen und Opportunitäten "
    "ein, die im Rahmen eines Partnerschaftssymposiums am Rande des SDG-Gipfels im September "
    "vorgestellt werden soll.",
    "The campaign comprises a series of events for different audiences and stakeholders. What "
    "is learned at the events then feeds into a study on partnerships and the factors that "
    "enable them, their challenges and opportunities, to be presented at a partnership "
    "symposium on the margins of the SDG Summit in September.",
    "La campagne comprend une série d'événements destinés à différents publics et parties "
    "prenantes. Les enseignements tirés de ces événements alimentent ensuite une étude sur les "
    "partenariats, les facteurs qui les favorisent, leurs défis et leurs opportunités, qui sera "
    "présentée lors d'un symposium sur les partenariats en marge du Sommet sur les ODD en "
    "septembre.",
)

HERO_ALT = tr(
    "Ein Ring aus 17 farbigen Segmenten in den Farben der Ziele für nachhaltige Entwicklung, "
    "in der Mitte vier verbundene Kreise.",
    "A ring of 17 coloured segments in the colours of the Sustainable Development Goals, with "
    "four linked circles in the middle.",
    "Un anneau de 17 segments aux couleurs des objectifs de développement durable, avec quatre "
    "cercles reliés au centre.",
)

HOME = {
    "title": tr(
        "Partnerschaften für die Agenda 2030",
        "Partnerships for the 2030 Agenda",
        "Partenariats pour l'Agenda 2030",
    ),
    "slug": tr("start", "home", "accueil"),
    "intro": tr(
        "Eine gemeinsame Kampagne, die Lernerfahrungen aus Multi-Akteurs-Partnerschaften "
        "zusammenträgt und die Faktoren stärkt, die Partnerschaften für die nachhaltigen "
        "Entwicklungsziele gelingen lassen.",
        "A joint campaign that gathers learnings from multi-stakeholder partnerships and "
        "strengthens the factors that make partnerships for the Sustainable Development Goals "
        "succeed.",
        "Une campagne commune qui rassemble les enseignements des partenariats multipartites et "
        "renforce les facteurs qui font réussir les partenariats pour les objectifs de "
        "développement durable.",
    ),
    "hero_image_alt": HERO_ALT,
    "aims_heading": tr(
        "Was die Kampagne will", "What the campaign wants", "Ce que veut la campagne"
    ),
    "aims": [
        {
            "type": "aim",
            "value": {
                "title": tr(
                    "Lernerfahrungen zusammentragen",
                    "Gather learnings",
                    "Rassembler les enseignements",
                ),
                "text": tr(
                    "Erfahrungen aus verschiedenen Regionen und von verschiedenen Stakeholdern "
                    "sammeln und das Bewusstsein für die Relevanz von Partnerschaften stärken.",
                    "Collect experiences from different regions and stakeholders and raise "
                    "awareness of why partnerships matter.",
                    "Recueillir les expériences de différentes régions et parties prenantes et "
                    "sensibiliser à l'importance des partenariats.",
                ),
            },
        },
        {
            "type": "aim",
            "value": {
                "title": tr(
                    "Partnerschaftsfördernde Faktoren identifizieren",
                    "Identify the factors that enable partnerships",
                    "Identifier les facteurs favorables aux partenariats",
                ),
                "text": tr(
                    "Damit Multi-Akteurs-Partnerschaften weltweit stärker, effizienter und besser "
                    "unterstützt werden.",
                    "So that multi-stakeholder partnerships worldwide become stronger, more "
                    "efficient and better supported.",
                    "Pour que les partenariats multipartites dans le monde soient plus forts, "
                    "plus efficaces et mieux soutenus.",
                ),
            },
        },
    ],
    "body": [
        heading(tr("Die Kampagne", "The campaign", "La campagne")),
        paragraph(CAMPAIGN_LAUNCH, CAMPAIGN_EVENTS_AND_STUDY),
        {
            "type": "key_figures",
            "value": {
                "heading": tr("Auf einen Blick", "At a glance", "En bref"),
                "figures": [
                    {
                        "value": same("17"),
                        "label": tr(
                            "Ziele für nachhaltige Entwicklung",
                            "Sustainable Development Goals",
                            "objectifs de développement durable",
                        ),
                        "source": "",
                    },
                    {
                        "value": same("4"),
                        "label": tr(
                            "Organisationen tragen die Kampagne",
                            "organisations run the campaign",
                            "organisations portent la campagne",
                        ),
                        "source": "",
                    },
                    {
                        "value": same("2030"),
                        "label": tr(
                            "Zieljahr der Agenda",
                            "target year of the Agenda",
                            "année cible de l'Agenda",
                        ),
                        "source": "",
                    },
                ],
            },
        },
    ],
}

CALL_TO_ACTION = {
    "heading": tr("Die Studie", "The study", "L'étude"),
    "text": tr(
        "Was lässt Partnerschaften gelingen? Die Erkenntnisse der Kampagne fließen in eine "
        "Studie zu partnerschaftsfördernden Faktoren.",
        "What makes partnerships succeed? The campaign's learnings feed into a study on the "
        "factors that enable partnerships.",
        "Qu'est-ce qui fait réussir les partenariats ? Les enseignements de la campagne "
        "alimentent une étude sur les facteurs favorables aux partenariats.",
    ),
    "button_label": tr("Mehr zur Studie", "More about the study", "En savoir plus sur l'étude"),
}

EVENT_INDEX = {
    "title": tr("Veranstaltungen", "Events", "Événements"),
    "slug": tr("veranstaltungen", "events", "evenements"),
    "intro": tr(
        "Die Veranstaltungen der Kampagne für verschiedene Zielgruppen und Stakeholder.",
        "The campaign's events for different audiences and stakeholders.",
        "Les événements de la campagne pour différents publics et parties prenantes.",
    ),
}

INSIGHT_INDEX = {
    "title": tr("Erkenntnisse", "Insights", "Enseignements"),
    "slug": tr("erkenntnisse", "insights", "enseignements"),
    "intro": tr(
        "Lernerfahrungen und erfolgreiche Beispiele für Multi-Akteurs-Partnerschaften aus den "
        "Veranstaltungen der Kampagne – und die Studie zu den Faktoren, die Partnerschaften "
        "begünstigen.",
        "Learnings and successful examples of multi-stakeholder partnerships from the "
        "campaign's events – and the study on the factors that enable partnerships.",
        "Enseignements et exemples réussis de partenariats multipartites issus des événements "
        "de la campagne – et l'étude sur les facteurs qui favorisent les partenariats.",
    ),
}

LAUNCH_NEWS = {
    "title": tr(
        "Kampagne für Multi-Akteurs-Partnerschaften gestartet",
        "Campaign for multi-stakeholder partnerships launched",
        "Lancement d'une campagne pour les partenariats multipartites",
    ),
    "slug": tr("kampagne-gestartet", "campaign-launched", "lancement-de-la-campagne"),
    "teaser": tr(
        "Beim ECOSOC Partnership Forum 2023 haben vier Organisationen eine gemeinsame Kampagne "
        "gestartet: Sie sammeln Lernerfahrungen und identifizieren, was Partnerschaften für die "
        "SDGs gelingen lässt.",
        "At the ECOSOC Partnership Forum 2023, four organisations launched a joint campaign: "
        "they gather learnings and identify what makes partnerships for the SDGs succeed.",
        "Lors du Forum des partenariats de l'ECOSOC 2023, quatre organisations ont lancé une "
        "campagne commune : elles rassemblent des enseignements et identifient ce qui fait "
        "réussir les partenariats pour les ODD.",
    ),
    "publication_date": datetime.date(2023, 1, 31),
    "body": [paragraph(CAMPAIGN_LAUNCH, CAMPAIGN_EVENTS_AND_STUDY)],
}

STUDY = {
    "title": tr(
        "Die Studie: Was Partnerschaften gelingen lässt",
        "The study: what makes partnerships succeed",
        "L'étude : ce qui fait réussir les partenariats",
    ),
    "slug": tr("studie", "study", "etude"),
    "teaser": tr(
        "Die Erkenntnisse der Veranstaltungen fließen in eine Studie zu Partnerschaften und "
        "deren begünstigenden Faktoren, Herausforderungen und Opportunitäten.",
        "The learnings from the events feed into a study on partnerships and the factors that "
        "enable them, their challenges and opportunities.",
        "Les enseignements des événements alimentent une étude sur les partenariats, les "
        "facteurs qui les favorisent, leurs défis et leurs opportunités.",
    ),
    "publication_date": datetime.date(2023, 2, 1),
    "body": [paragraph(CAMPAIGN_EVENTS_AND_STUDY)],
}

STANDARD_PAGES = [
    {
        "title": tr("Über die Kampagne", "About the campaign", "À propos de la campagne"),
        "slug": tr("ueber-die-kampagne", "about", "a-propos"),
        "intro": tr(
            "Vier Organisationen, eine gemeinsame Frage: Was lässt Partnerschaften für die "
            "nachhaltigen Entwicklungsziele gelingen?",
            "Four organisations, one shared question: what makes partnerships for the "
            "Sustainable Development Goals succeed?",
            "Quatre organisations, une question commune : qu'est-ce qui fait réussir les "
            "partenariats pour les objectifs de développement durable ?",
        ),
        "body": [paragraph(CAMPAIGN_LAUNCH, CAMPAIGN_EVENTS_AND_STUDY)],
        "in_menu": True,
    },
    {
        "title": tr("Kontakt", "Contact", "Contact"),
        "slug": tr("kontakt", "contact", "contact"),
        "intro": tr(
            "Fragen zur Kampagne, zu Veranstaltungen oder zur Studie beantworten die "
            "organisierenden Partner gern.",
            "The organising partners are happy to answer questions about the campaign, its "
            "events or the study.",
            "Les partenaires organisateurs répondent volontiers aux questions sur la campagne, "
            "ses événements ou l'étude.",
        ),
        "body": [],
        "in_menu": True,
        "in_footer": True,
    },
    {
        "title": tr("Impressum", "Legal notice", "Mentions légales"),
        "slug": tr("impressum", "legal-notice", "mentions-legales"),
        "intro": tr(
            "Angaben zum Anbieter dieser Website.",
            "Information about the provider of this website.",
            "Informations sur l'éditeur de ce site.",
        ),
        "body": [],
        "in_footer": True,
    },
    {
        "title": tr("Datenschutz", "Privacy policy", "Protection des données"),
        "slug": tr("datenschutz", "privacy", "protection-des-donnees"),
        "intro": tr(
            "Wie diese Website mit Ihren Daten umgeht.",
            "How this website handles your data.",
            "Comment ce site traite vos données.",
        ),
        "body": [
            paragraph(
                tr(
                    "Eingebettete Videos werden erst geladen, wenn Sie dem ausdrücklich "
                    "zustimmen. Vorher werden keine Daten an Dritte übertragen.",
                    "Embedded videos are only loaded once you explicitly agree. Before that, no "
                    "data is sent to third parties.",
                    "Les vidéos intégrées ne sont chargées qu'après votre accord explicite. "
                    "Auparavant, aucune donnée n'est transmise à des tiers.",
                ),
                tr(
                    "Wenn Sie sich zu einer Veranstaltung anmelden, speichern wir nur die Angaben "
                    "aus dem Anmeldeformular, um die Veranstaltung zu organisieren und Ihnen "
                    "Bestätigungen zu schicken. Sie können Ihre Anmeldung jederzeit über den "
                    "Link in der Bestätigungs-E-Mail stornieren. 90 Tage nach dem Ende der "
                    "Veranstaltung werden Ihre Angaben gelöscht.",
                    "When you register for an event, we store only the details from the "
                    "registration form, to organise the event and send you confirmations. You "
                    "can cancel your registration at any time with the link in the confirmation "
                    "email. Your details are deleted 90 days after the event has ended.",
                    "Lorsque vous vous inscrivez à un événement, nous ne conservons que les "
                    "informations du formulaire d'inscription, pour organiser l'événement et "
                    "vous envoyer des confirmations. Vous pouvez annuler votre inscription à tout "
                    "moment grâce au lien de l'e-mail de confirmation. Vos informations sont "
                    "supprimées 90 jours après la fin de l'événement.",
                ),
            )
        ],
        "in_footer": True,
    },
    {
        "title": tr("Barrierefreiheit", "Accessibility", "Accessibilité"),
        "slug": tr("barrierefreiheit", "accessibility", "accessibilite"),
        "intro": tr(
            "Diese Website soll für alle nutzbar sein, auch mit Tastatur und Screenreader.",
            "This website is meant to be usable by everyone, including with a keyboard and a "
            "screen reader.",
            "Ce site doit être utilisable par toutes et tous, y compris au clavier et avec un "
            "lecteur d'écran.",
        ),
        "body": [],
        "in_footer": True,
    },
]

FOOTER_TEXT = tr(
    "Eine Kampagne von Partnerschaften2030, dem 2030 Agenda Partnership Accelerator von UN "
    "DESA und The Partnering Initiative sowie dem Global Forum for National SDG Advisory "
    "Bodies.",
    "A campaign by Partnerschaften2030, the 2030 Agenda Partnership Accelerator of UN DESA and "
    "The Partnering Initiative, and the Global Forum for National SDG Advisory Bodies.",
    "Une campagne de Partnerschaften2030, du 2030 Agenda Partnership Accelerator du DAES des "
    "Nations Unies et de The Partnering Initiative, et du Global Forum for National SDG "
    "Advisory Bodies.",
)

SITE_TEXTS = {
    "site_name": same("Partnerschaften2030"),
    "tagline": tr(
        "Partnerschaften für die Agenda 2030",
        "Partnerships for the 2030 Agenda",
        "Partenariats pour l'Agenda 2030",
    ),
    "default_description": tr(
        "Eine Kampagne zu Multi-Akteurs-Partnerschaften für die Ziele für nachhaltige "
        "Entwicklung: Veranstaltungen, Erfahrungen, Beispiele und eine Studie zu den Faktoren, "
        "die Partnerschaften gelingen lassen.",
        "A campaign on multi-stakeholder partnerships for the Sustainable Development Goals: "
        "events, learnings, examples and a study on the factors that enable partnerships.",
        "Une campagne sur les partenariats multipartites pour les objectifs de développement "
        "durable : événements, enseignements, exemples et une étude sur les facteurs qui "
        "permettent aux partenariats de réussir.",
    ),
    "default_social_image_alt": HERO_ALT,
    "registration_notice": tr(
        "Wir verwenden Ihre Angaben nur, um die Veranstaltung zu organisieren, und "
        "anonymisieren sie 90 Tage nach der Veranstaltung.",
        "We use your details only to organise the event and anonymise them 90 days after it.",
        "Nous utilisons vos données uniquement pour organiser l'événement et les anonymisons "
        "90 jours après celui-ci.",
    ),
}
