"""Words for the generated site, in German, English and French, item by item.

Every entry is a tuple `(de, en, fr)`: the same item in the three languages, so a generated
page and its translations say the same thing. Languages beyond these three get the German
text, as an untranslated page would.
"""

LANGUAGES = ("de", "en", "fr")


def pick(entry, language):
    """The entry's text in `language` (German when the language is not covered)."""
    if isinstance(entry, str):
        return entry
    return entry[LANGUAGES.index(language)] if language in LANGUAGES else entry[0]


EVENT_KINDS = [
    ("Dialogforum", "Dialogue forum", "Forum de dialogue"),
    ("Werkstatt", "Workshop", "Atelier"),
    ("Fachgespräch", "Expert talk", "Table ronde d'experts"),
    ("Konferenz", "Conference", "Conférence"),
    ("Webinar", "Webinar", "Webinaire"),
    ("Lernlabor", "Learning lab", "Laboratoire d'apprentissage"),
    ("Netzwerktreffen", "Network meeting", "Rencontre du réseau"),
]

TOPICS = [
    ("Vertrauen zwischen Partnern", "Trust between partners", "La confiance entre partenaires"),
    ("Gemeinsame Ziele", "Shared goals", "Des objectifs communs"),
    ("Förderliche Rahmenbedingungen", "An enabling environment", "Un environnement favorable"),
    ("Partnerschaftskompetenz", "Partnering skills", "Les compétences en partenariat"),
    ("Finanzierung von Partnerschaften", "Funding partnerships", "Financer les partenariats"),
    ("Nationale Nachhaltigkeitsräte", "National SDG advisory bodies",
     "Les conseils nationaux du développement durable"),
    ("Kommunale Partnerschaften", "Municipal partnerships", "Les partenariats communaux"),
    ("Wirkung messen", "Measuring impact", "Mesurer l'impact"),
    ("Daten für die SDGs", "Data for the SDGs", "Des données pour les ODD"),
    ("Jugend und Partnerschaften", "Youth and partnerships", "La jeunesse et les partenariats"),
    ("Klimapartnerschaften", "Climate partnerships", "Les partenariats pour le climat"),
    ("Wissenschaft trifft Praxis", "Science meets practice", "La science rencontre la pratique"),
]  # fmt: skip

ANGLES = [
    ("Erfahrungen aus der Praxis", "experience from practice", "retours d'expérience"),
    ("was wir gelernt haben", "what we have learnt", "ce que nous avons appris"),
    ("fünf Beispiele", "five examples", "cinq exemples"),
    ("ein Gespräch", "a conversation", "un entretien"),
    ("Bilanz nach einem Jahr", "taking stock after a year", "bilan après un an"),
    ("der Weg nach vorn", "the way forward", "la voie à suivre"),
    ("Fragen und Antworten", "questions and answers", "questions et réponses"),
]

INSIGHT_TYPE_WORDS = {
    "news": ("Nachricht", "News", "Actualité"),
    "learning": ("Lernerfahrung", "Learning", "Enseignement"),
    "case": ("Partnerschaftsbeispiel", "Partnership example", "Exemple de partenariat"),
    "interview": ("Interview", "Interview", "Entretien"),
    "publication": ("Publikation", "Publication", "Publication"),
}

# City, country, time zone.
PLACES = [
    ("Bonn", ("Deutschland", "Germany", "Allemagne"), "Europe/Berlin"),
    ("Berlin", ("Deutschland", "Germany", "Allemagne"), "Europe/Berlin"),
    (("Genf", "Geneva", "Genève"), ("Schweiz", "Switzerland", "Suisse"), "Europe/Zurich"),
    ("New York", ("Vereinigte Staaten", "United States", "États-Unis"), "America/New_York"),
    ("Paris", ("Frankreich", "France", "France"), "Europe/Paris"),
    ("Nairobi", ("Kenia", "Kenya", "Kenya"), "Africa/Nairobi"),
    ("Bangkok", ("Thailand", "Thailand", "Thaïlande"), "Asia/Bangkok"),
    ("Santiago", ("Chile", "Chile", "Chili"), "America/Santiago"),
    (("Wien", "Vienna", "Vienne"), ("Österreich", "Austria", "Autriche"), "Europe/Vienna"),
    (("Tiflis", "Tbilisi", "Tbilissi"), ("Georgien", "Georgia", "Géorgie"), "Asia/Tbilisi"),
]

VENUES = [
    ("Konferenzzentrum", "Conference centre", "Centre de conférences"),
    ("Rathaus", "City hall", "Hôtel de ville"),
    ("UN-Campus", "UN Campus", "Campus des Nations Unies"),
    ("Haus der Zivilgesellschaft", "House of civil society", "Maison de la société civile"),
]

SENTENCES = [
    ("Multi-Akteurs-Partnerschaften bringen Verwaltung, Zivilgesellschaft, Wirtschaft und "
     "Wissenschaft an einen Tisch.",
     "Multi-stakeholder partnerships bring government, civil society, business and academia "
     "to one table.",
     "Les partenariats multipartites réunissent administrations, société civile, entreprises "
     "et monde universitaire autour d'une même table."),
    ("Vertrauen entsteht, wenn Partner regelmäßig und offen miteinander sprechen.",
     "Trust grows when partners talk to each other regularly and openly.",
     "La confiance naît lorsque les partenaires se parlent régulièrement et ouvertement."),
    ("Gemeinsame Ziele, die früh vereinbart werden, geben allen Beteiligten Orientierung.",
     "Shared goals agreed early give everyone involved a sense of direction.",
     "Des objectifs communs convenus tôt orientent tous les participants."),
    ("Viele Partnerschaften scheitern nicht an der Idee, sondern an fehlender Zeit und "
     "Finanzierung.",
     "Many partnerships do not fail because of the idea but for lack of time and funding.",
     "Beaucoup de partenariats n'échouent pas à cause de l'idée, mais faute de temps et de "
     "financement."),
    ("Nationale Nachhaltigkeitsräte bieten einen neutralen Ort für den Austausch.",
     "National sustainable development councils offer a neutral place for exchange.",
     "Les conseils nationaux du développement durable offrent un lieu neutre d'échange."),
    ("Wer Ergebnisse sichtbar macht, gewinnt neue Partner und hält die alten.",
     "Making results visible wins new partners and keeps the existing ones.",
     "Rendre les résultats visibles attire de nouveaux partenaires et retient les anciens."),
    ("Die Agenda 2030 verlangt, dass alle Sektoren ihre Stärken zusammenbringen.",
     "The 2030 Agenda asks every sector to bring its strengths together.",
     "L'Agenda 2030 demande à tous les secteurs de mettre leurs forces en commun."),
    ("Unterschiedliche Aufträge und Zeithorizonte sollten offen angesprochen werden.",
     "Different mandates and time horizons should be discussed openly.",
     "Les mandats et les horizons temporels différents doivent être abordés ouvertement."),
    ("Kommunen sind oft die ersten, die Partnerschaften im Alltag erproben.",
     "Municipalities are often the first to try partnerships out in everyday work.",
     "Les collectivités sont souvent les premières à expérimenter les partenariats au "
     "quotidien."),
    ("Gute Moderation sorgt dafür, dass auch leise Stimmen gehört werden.",
     "Good facilitation makes sure that quiet voices are heard too.",
     "Une bonne animation veille à ce que les voix discrètes soient aussi entendues."),
    ("Daten, die alle Partner teilen, machen Fortschritte messbar.",
     "Data shared by all partners makes progress measurable.",
     "Des données partagées par tous les partenaires rendent les progrès mesurables."),
    ("Partnerschaften brauchen Menschen, die Brücken zwischen Organisationen bauen.",
     "Partnerships need people who build bridges between organisations.",
     "Les partenariats ont besoin de personnes qui jettent des ponts entre les organisations."),
    ("Aus Fehlern zu lernen gehört zu jeder erfolgreichen Zusammenarbeit.",
     "Learning from mistakes is part of every successful collaboration.",
     "Apprendre de ses erreurs fait partie de toute collaboration réussie."),
    ("Die Teilnehmenden tauschen Beispiele aus der UNECE-Region und darüber hinaus aus.",
     "Participants exchange examples from the UNECE region and beyond.",
     "Les participants échangent des exemples de la région de la CEE-ONU et d'ailleurs."),
    ("Am Ende stehen konkrete Verabredungen für die nächsten Schritte.",
     "It ends with concrete agreements on the next steps.",
     "La rencontre se conclut par des engagements concrets pour les prochaines étapes."),
    ("Jugendorganisationen bringen neue Perspektiven und viel Energie ein.",
     "Youth organisations bring new perspectives and a lot of energy.",
     "Les organisations de jeunesse apportent de nouvelles perspectives et beaucoup "
     "d'énergie."),
]  # fmt: skip

HEADINGS = [
    ("Worum es geht", "What it is about", "De quoi il s'agit"),
    ("Was funktioniert hat", "What worked", "Ce qui a fonctionné"),
    ("Was schwierig war", "What was difficult", "Ce qui a été difficile"),
    ("Wie es weitergeht", "What comes next", "La suite"),
]

SESSIONS = [
    ("Begrüßung und Einführung", "Welcome and introduction", "Accueil et introduction"),
    ("Impulsvortrag", "Keynote", "Intervention d'ouverture"),
    ("Erfahrungen aus der Praxis", "Experience from practice", "Retours d'expérience"),
    ("Arbeitsgruppen", "Working groups", "Groupes de travail"),
    ("Ausblick und Abschluss", "Outlook and closing", "Perspectives et clôture"),
]

QUESTIONS = [
    ("In welcher Sprache tauschen Sie sich am liebsten aus?",
     "Which language do you prefer for the discussion?",
     "Dans quelle langue préférez-vous échanger\u00a0?"),
    ("Welche Erfahrung mit Partnerschaften möchten Sie teilen?",
     "Which experience with partnerships would you like to share?",
     "Quelle expérience des partenariats souhaitez-vous partager\u00a0?"),
]  # fmt: skip

BUTTON_LABEL = ("Anmelden", "Register", "S'inscrire")

ORGANISATION_KINDS = [
    ("Netzwerk", "Network", "Réseau"),
    ("Stiftung", "Foundation", "Fondation"),
    ("Institut", "Institute", "Institut"),
    ("Initiative", "Initiative", "Initiative"),
    ("Verband", "Association", "Association"),
    ("Agentur", "Agency", "Agence"),
]

ORGANISATION_FIELDS = [
    ("für nachhaltige Entwicklung", "for Sustainable Development", "pour le développement durable"),
    ("für Partnerschaften", "for Partnerships", "pour les partenariats"),
    ("für Klima und Energie", "for Climate and Energy", "pour le climat et l'énergie"),
    ("für globale Bildung", "for Global Learning", "pour l'éducation mondiale"),
    ("für faire Wirtschaft", "for a Fair Economy", "pour une économie équitable"),
]  # fmt: skip

PERSON_ROLES = [
    ("Programmleiterin", "Programme manager", "Responsable de programme"),
    ("Referent für Partnerschaften", "Partnerships officer", "Chargé des partenariats"),
    ("Geschäftsführerin", "Managing director", "Directrice générale"),
    ("Wissenschaftlicher Mitarbeiter", "Researcher", "Chercheur"),
    ("Beraterin", "Adviser", "Conseillère"),
]

FIRST_NAMES = [
    "Amina", "Jonas", "Lea", "Kwame", "Sofia", "Mateo", "Nadia", "Lukas", "Aiko", "Omar",
    "Elena", "Tomás", "Fatou", "Henrik", "Priya", "Yusuf", "Clara", "Diego", "Mariam", "Paul",
]  # fmt: skip
LAST_NAMES = [
    "Okafor", "Schneider", "Dubois", "Mensah", "García", "Kowalski", "Haddad", "Lindqvist",
    "Tanaka", "Rossi", "Nguyen", "Fischer", "Diallo", "Petrov", "Silva", "Moreau",
]  # fmt: skip

ORGANISATIONS = [
    "Stadt Bonn", "UN DESA", "GIZ", "Universität Wien", "Fairtrade Deutschland",
    "Jugendrat Nairobi", "Klimabündnis", "Rat für Nachhaltige Entwicklung",
]  # fmt: skip

COUNTRIES = ["DE", "FR", "AT", "CH", "KE", "US", "TH", "CL", "GE", "GB", "SN", "IN"]
