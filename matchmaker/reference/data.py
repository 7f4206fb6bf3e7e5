"""The reference rows themselves: Politecnico di Torino's departments and the UN SDGs, in Italian and English."""

# (code, Italian name, English name)
DEPARTMENTS = [
    ("DAD", "Dipartimento di Architettura e Design", "Department of Architecture and Design"),
    ("DAUIN", "Dipartimento di Automatica e Informatica", "Department of Control and Computer Engineering"),
    ("DENERG", "Dipartimento Energia \"Galileo Ferraris\"", "Department of Energy \"Galileo Ferraris\""),
    ("DET", "Dipartimento di Elettronica e Telecomunicazioni", "Department of Electronics and Telecommunications"),
    ("DIATI", "Dipartimento di Ingegneria dell'Ambiente, del Territorio e delle Infrastrutture",
     "Department of Environment, Land and Infrastructure Engineering"),
    ("DIGEP", "Dipartimento di Ingegneria Gestionale e della Produzione",
     "Department of Management and Production Engineering"),
    ("DIMEAS", "Dipartimento di Ingegneria Meccanica e Aerospaziale",
     "Department of Mechanical and Aerospace Engineering"),
    ("DISAT", "Dipartimento di Scienza Applicata e Tecnologia", "Department of Applied Science and Technology"),
    ("DISEG", "Dipartimento di Ingegneria Strutturale, Edile e Geotecnica",
     "Department of Structural, Geotechnical and Building Engineering"),
    ("DISMA", "Dipartimento di Scienze Matematiche \"Giuseppe Luigi Lagrange\"",
     "Department of Mathematical Sciences \"Giuseppe Luigi Lagrange\""),
    ("DIST", "Dipartimento Interateneo di Scienze, Progetto e Politiche del Territorio",
     "Interuniversity Department of Regional and Urban Studies and Planning"),
]

# (number, Italian name, English name)
SDGS = [
    (1, "Sconfiggere la povertà", "No poverty"),
    (2, "Sconfiggere la fame", "Zero hunger"),
    (3, "Salute e benessere", "Good health and well-being"),
    (4, "Istruzione di qualità", "Quality education"),
    (5, "Parità di genere", "Gender equality"),
    (6, "Acqua pulita e servizi igienico-sanitari", "Clean water and sanitation"),
    (7, "Energia pulita e accessibile", "Affordable and clean energy"),
    (8, "Lavoro dignitoso e crescita economica", "Decent work and economic growth"),
    (9, "Imprese, innovazione e infrastrutture", "Industry, innovation and infrastructure"),
    (10, "Ridurre le disuguaglianze", "Reduced inequalities"),
    (11, "Città e comunità sostenibili", "Sustainable cities and communities"),
    (12, "Consumo e produzione responsabili", "Responsible consumption and production"),
    (13, "Lotta contro il cambiamento climatico", "Climate action"),
    (14, "Vita sott'acqua", "Life below water"),
    (15, "Vita sulla terra", "Life on land"),
    (16, "Pace, giustizia e istituzioni solide", "Peace, justice and strong institutions"),
    (17, "Partnership per gli obiettivi", "Partnerships for the goals"),
]
