"""Partners and taxonomies of the demo, in German with translations."""

from .catalogue import same, tr

ORGANISERS = [
    {
        "slug": "partnerschaften2030",
        "name": same("Partnerschaften2030"),
        "short_name": "",
        "website": "https://partnerschaften2030.de",
        "description": tr(
            "Die Plattform für Multi-Akteurs-Partnerschaften zur Umsetzung der Agenda 2030.",
            "The platform for multi-stakeholder partnerships to implement the 2030 Agenda.",
            "La plateforme des partenariats multipartites pour la mise en œuvre de l'Agenda 2030.",
        ),
        "sort_order": 10,
    },
    {
        "slug": "2030-agenda-partnership-accelerator",
        "name": tr(
            "UN DESA / 2030 Agenda Partnership Accelerator",
            "UN DESA / 2030 Agenda Partnership Accelerator",
            "DAES des Nations Unies / 2030 Agenda Partnership Accelerator",
        ),
        "short_name": tr("UN DESA", "UN DESA", "DAES"),
        "website": "https://sdgs.un.org",
        "description": tr(
            "Eine Initiative der Hauptabteilung Wirtschaftliche und Soziale Angelegenheiten der "
            "Vereinten Nationen (UN DESA) und der Partnering Initiative, die wirksame "
            "Partnerschaften für die SDGs beschleunigt.",
            "An initiative of the UN Department of Economic and Social Affairs (UN DESA) and "
            "The Partnering Initiative that accelerates effective partnerships for the SDGs.",
            "Une initiative du Département des affaires économiques et sociales des Nations "
            "Unies (DAES) et de The Partnering Initiative qui accélère des partenariats "
            "efficaces pour les ODD.",
        ),
        "sort_order": 20,
    },
    {
        "slug": "the-partnering-initiative",
        "name": same("The Partnering Initiative"),
        "short_name": same("TPI"),
        "website": "https://www.thepartneringinitiative.org",
        "description": tr(
            "Eine internationale gemeinnützige Organisation, die sektorübergreifende "
            "Partnerschaften für nachhaltige Entwicklung fördert.",
            "An international non-profit organisation that promotes cross-sector partnerships "
            "for sustainable development.",
            "Une organisation internationale à but non lucratif qui promeut les partenariats "
            "intersectoriels pour le développement durable.",
        ),
        "sort_order": 30,
    },
    {
        "slug": "global-forum-sdg-advisory-bodies",
        "name": same("Global Forum for National SDG Advisory Bodies"),
        "short_name": tr("Global Forum", "Global Forum", "Forum mondial"),
        "website": "https://sdgglobalforum.org",
        "description": tr(
            "Ein Netzwerk nationaler Nachhaltigkeitsräte und SDG-Beratungsgremien.",
            "A network of national sustainable development councils and SDG advisory bodies.",
            "Un réseau de conseils nationaux du développement durable et d'organes consultatifs "
            "sur les ODD.",
        ),
        "sort_order": 40,
    },
]

REGIONS = [
    ("unece", tr("UNECE-Region", "UNECE region", "Région de la CEE-ONU")),
    ("africa", tr("Afrika", "Africa", "Afrique")),
    ("asia-pacific", tr("Asien und Pazifik", "Asia and the Pacific", "Asie et Pacifique")),
    (
        "latin-america-caribbean",
        tr("Lateinamerika und Karibik", "Latin America and the Caribbean", "Amérique latine "
           "et Caraïbes"),
    ),
    ("western-asia", tr("Westasien", "Western Asia", "Asie occidentale")),
    ("global", tr("Weltweit", "Global", "Monde")),
]  # fmt: skip

STAKEHOLDER_GROUPS = [
    ("government", tr("Regierung und Verwaltung", "Government", "Gouvernement et administration")),
    ("civil-society", tr("Zivilgesellschaft", "Civil society", "Société civile")),
    ("private-sector", tr("Privatwirtschaft", "Private sector", "Secteur privé")),
    ("academia", tr("Wissenschaft", "Academia", "Monde universitaire")),
    (
        "un-multilateral",
        tr("UN und multilaterale Organisationen", "UN and multilateral bodies",
           "ONU et organisations multilatérales"),
    ),
    ("philanthropy", tr("Philanthropie", "Philanthropy", "Philanthropie")),
]  # fmt: skip

TOPICS = [
    ("trust", tr("Vertrauen zwischen den Partnern", "Trust between partners",
                 "Confiance entre partenaires"), True),
    ("shared-goals", tr("Gemeinsame Ziele", "Shared goals", "Objectifs communs"), True),
    ("enabling-environment", tr("Förderliche Rahmenbedingungen", "Enabling environment",
                                "Environnement favorable"), True),
    ("partnering-skills", tr("Partnerschaftskompetenz", "Partnering skills",
                             "Compétences en partenariat"), True),
    ("funding", tr("Finanzierung", "Funding", "Financement"), True),
    ("advisory-bodies", tr("Nationale Nachhaltigkeitsräte", "National SDG advisory bodies",
                           "Organes consultatifs nationaux sur les ODD"), False),
]  # fmt: skip
