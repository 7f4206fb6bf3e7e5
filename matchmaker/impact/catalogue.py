"""The standard indicators of the catalogue, one per kind of outcome: what the migration seeds and the tests read.
Their codes are stable, because open data, the API and the import all name indicators by code."""

# (code, outcome kind, English name, Italian name, English unit, Italian unit)
STANDARD_INDICATORS = (
    ("participants", "engagement", "People taking part in the activities", "Persone che partecipano alle attività",
     "people", "persone"),
    ("people_reached", "people_reached", "People reached", "Persone raggiunte", "people", "persone"),
    ("vulnerable_people_reached", "vulnerable_reached", "People reached, of whom vulnerable",
     "Persone raggiunte, di cui in condizioni di vulnerabilità", "people", "persone"),
    ("students_involved", "students", "Students involved", "Studenti e studentesse coinvolti", "students",
     "studenti"),
    ("academic_hours", "academic_hours", "Academic hours given", "Ore di lavoro accademico dedicate", "hours",
     "ore"),
    ("partner_organisations", "partner_organisations", "Partner organisations involved",
     "Organizzazioni partner coinvolte", "organisations", "organizzazioni"),
    ("events", "events", "Events held", "Eventi realizzati", "events", "eventi"),
    ("publications_theses", "publications", "Publications and theses", "Pubblicazioni e tesi",
     "publications", "pubblicazioni"),
    ("policy_influence", "policy", "Policies and decisions influenced", "Politiche e decisioni influenzate",
     "decisions", "decisioni"),
    ("products_services", "products", "Products or services created", "Prodotti o servizi creati",
     "products or services", "prodotti o servizi"),
    ("further_funding", "funding", "Further funding raised", "Ulteriori finanziamenti ottenuti", "EUR", "EUR"),
    ("volunteers", "volunteers", "Volunteers involved", "Volontari e volontarie coinvolti", "people", "persone"),
)

CUSTOM_PREFIX = "custom-"
