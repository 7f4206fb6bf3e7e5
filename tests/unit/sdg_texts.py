"""A small hand-made SDG reference and texts about each goal in English and Italian, for the suggester's tests.

Written for the tests (no shared data is read): each goal has its name and statement in both languages, two
targets in our own words and a few query phrases in the style of the Aurora queries.
"""
from matchmaker.engine.sdg_reference import GoalText, IndicatorText, QueryPhrase, SdgReference, TargetText

# number: (name_en, name_it, statement_en, statement_it, [(target_en, target_it)], [phrases])
GOALS = {
    1: ("No poverty", "Sconfiggere la povertà", "End poverty in all its forms everywhere",
        "Porre fine alla povertà in tutte le sue forme nel mondo",
        [("Eradicate extreme poverty for people living on very low income",
          "Sradicare la povertà estrema per chi vive con un reddito bassissimo"),
         ("Social protection systems for the poor and the vulnerable",
          "Sistemi di protezione sociale per i poveri e i vulnerabili")],
        ["poverty", "extreme poverty", "social protection", "low income"]),
    2: ("Zero hunger", "Sconfiggere la fame", "End hunger, achieve food security and improved nutrition and "
        "promote sustainable agriculture", "Porre fine alla fame, raggiungere la sicurezza alimentare, migliorare "
        "la nutrizione e promuovere un'agricoltura sostenibile",
        [("Double the productivity of small-scale farmers and food producers",
          "Raddoppiare la produttività agricola dei piccoli agricoltori e produttori di cibo"),
         ("End malnutrition of children and improve crops",
          "Porre fine alla malnutrizione dei bambini e migliorare i raccolti")],
        ["hunger", "food security", "malnutrition", "farmer*", "crop*"]),
    3: ("Good health and well-being", "Salute e benessere", "Ensure healthy lives and promote well-being for all "
        "at all ages", "Assicurare la salute e il benessere per tutti e per tutte le età",
        [("Reduce maternal mortality and deaths from disease", "Ridurre la mortalità materna e le morti per malattia"),
         ("Universal health coverage, access to medicines and vaccines",
          "Copertura sanitaria universale, accesso a farmaci e vaccini")],
        ["health", "disease*", "patient*", "hospital*", "vaccin*"]),
    4: ("Quality education", "Istruzione di qualità", "Ensure inclusive and equitable quality education and "
        "promote lifelong learning opportunities for all", "Fornire un'educazione di qualità, equa e inclusiva, e "
        "opportunità di apprendimento per tutti",
        [("All girls and boys complete primary and secondary schooling",
          "Tutti i ragazzi e le ragazze completano la scuola primaria e secondaria"),
         ("Qualified teachers and literacy skills for youth and adults",
          "Insegnanti qualificati e alfabetizzazione per giovani e adulti")],
        ["education", "school*", "teacher*", "literacy", "learning"]),
    5: ("Gender equality", "Parità di genere", "Achieve gender equality and empower all women and girls",
        "Raggiungere l'uguaglianza di genere ed emancipare tutte le donne e le ragazze",
        [("End violence and discrimination against women and girls",
          "Eliminare la violenza e la discriminazione contro donne e ragazze"),
         ("Women's participation and leadership", "Partecipazione e leadership femminile")],
        ["gender", "women", "gender equality", "violence against women"]),
    6: ("Clean water and sanitation", "Acqua pulita e servizi igienico-sanitari", "Ensure availability and "
        "sustainable management of water and sanitation for all", "Garantire a tutti la disponibilità e la "
        "gestione sostenibile dell'acqua e delle strutture igienico-sanitarie",
        [("Safe and affordable drinking water", "Acqua potabile sicura ed economica"),
         ("Improve water quality by reducing pollution and treating wastewater",
          "Migliorare la qualità dell'acqua riducendo l'inquinamento e trattando le acque reflue")],
        ["drinking water", "sanitation", "wastewater", "water quality"]),
    7: ("Affordable and clean energy", "Energia pulita e accessibile", "Ensure access to affordable, reliable, "
        "sustainable and modern energy for all", "Assicurare a tutti l'accesso a sistemi di energia economici, "
        "affidabili, sostenibili e moderni",
        [("Increase the share of renewable energy such as solar and wind",
          "Aumentare la quota di energie rinnovabili come il solare e l'eolico"),
         ("Improve energy efficiency and access to electricity",
          "Migliorare l'efficienza energetica e l'accesso all'elettricità")],
        ["renewable energy", "solar", "electricity", "energy efficiency"]),
    8: ("Decent work and economic growth", "Lavoro dignitoso e crescita economica", "Promote sustained, "
        "inclusive and sustainable economic growth, full and productive employment and decent work for all",
        "Incentivare una crescita economica duratura, inclusiva e sostenibile, un'occupazione piena e produttiva "
        "e un lavoro dignitoso per tutti",
        [("Full employment and equal pay for work of equal value",
          "Piena occupazione e parità di retribuzione per lavoro di pari valore"),
         ("Reduce youth unemployment and protect labour rights",
          "Ridurre la disoccupazione giovanile e tutelare i diritti dei lavoratori")],
        ["employment", "unemployment", "economic growth", "labour", "job*"]),
    9: ("Industry, innovation and infrastructure", "Imprese, innovazione e infrastrutture", "Build resilient "
        "infrastructure, promote inclusive and sustainable industrialization and foster innovation",
        "Costruire infrastrutture resilienti, promuovere l'industrializzazione sostenibile e favorire l'innovazione",
        [("Enhance scientific research and upgrade industrial technology",
          "Potenziare la ricerca scientifica e migliorare le tecnologie industriali"),
         ("Access to the internet and broadband", "Accesso a internet e alla banda larga")],
        ["infrastructure", "innovation", "industr*", "broadband"]),
    10: ("Reduced inequalities", "Ridurre le disuguaglianze", "Reduce inequality within and among countries",
         "Ridurre le disuguaglianze all'interno e fra le nazioni",
         [("Social, economic and political inclusion of all, irrespective of age, disability, origin or religion",
           "Inclusione sociale, economica e politica di tutti, a prescindere da età, disabilità, origine o religione"),
          ("Safe and orderly migration of people", "Migrazione ordinata e sicura delle persone")],
         ["inequalit*", "migrant*", "migration", "inclusion", "disabilit*"]),
    11: ("Sustainable cities and communities", "Città e comunità sostenibili", "Make cities and human "
         "settlements inclusive, safe, resilient and sustainable", "Rendere le città e gli insediamenti umani "
         "inclusivi, sicuri, duraturi e sostenibili",
         [("Adequate, safe and affordable housing and upgraded slums",
           "Alloggi adeguati, sicuri ed economici e riqualificazione dei quartieri poveri"),
          ("Sustainable public transport systems for urban areas",
           "Sistemi di trasporto pubblico sostenibili per le aree urbane")],
         ["urban", "housing", "public transport", "cities"]),
    12: ("Responsible consumption and production", "Consumo e produzione responsabili", "Ensure sustainable "
         "consumption and production patterns", "Garantire modelli sostenibili di produzione e di consumo",
         [("Halve food waste and reduce waste through recycling and reuse",
           "Dimezzare lo spreco alimentare e ridurre i rifiuti con il riciclo e il riutilizzo"),
          ("Sustainable management of chemicals and natural resources",
           "Gestione sostenibile delle sostanze chimiche e delle risorse naturali")],
         ["recycling", "food waste", "circular economy", "waste"]),
    13: ("Climate action", "Lotta contro il cambiamento climatico", "Take urgent action to combat climate change "
         "and its impacts", "Promuovere azioni, a tutti i livelli, per combattere il cambiamento climatico",
         [("Resilience and adaptation to climate-related hazards",
           "Resilienza e adattamento ai rischi legati al clima"),
          ("Reduce greenhouse gas emissions", "Ridurre le emissioni di gas serra")],
         ["climate change", "greenhouse gas", "global warming", "climate adaptation"]),
    14: ("Life below water", "La vita sott'acqua", "Conserve and sustainably use the oceans, seas and marine "
         "resources for sustainable development", "Conservare e utilizzare in modo durevole gli oceani, i mari e "
         "le risorse marine",
         [("Reduce marine pollution and plastic debris in the ocean",
           "Ridurre l'inquinamento marino e i rifiuti di plastica negli oceani"),
          ("End overfishing and restore fish stocks",
           "Porre fine alla pesca eccessiva e ricostituire gli stock ittici")],
         ["ocean*", "marine", "fisher*", "coral reef*", "coastal"]),
    15: ("Life on land", "La vita sulla terra", "Protect, restore and promote sustainable use of terrestrial "
         "ecosystems, sustainably manage forests, combat desertification, and halt biodiversity loss",
         "Proteggere, ripristinare e favorire un uso sostenibile dell'ecosistema terrestre, gestire le foreste, "
         "contrastare la desertificazione e arrestare la perdita di biodiversità",
         [("Halt deforestation and restore degraded forests",
           "Arrestare la deforestazione e ripristinare le foreste degradate"),
          ("Protect threatened species and natural habitats",
           "Proteggere le specie minacciate e gli habitat naturali")],
         ["biodiversity", "forest*", "deforestation", "species", "wildlife"]),
    16: ("Peace, justice and strong institutions", "Pace, giustizia e istituzioni solide", "Promote peaceful and "
         "inclusive societies, provide access to justice for all and build effective, accountable institutions",
         "Promuovere società pacifiche e inclusive, garantire a tutti l'accesso alla giustizia e creare "
         "istituzioni efficaci e responsabili",
         [("Reduce violence, armed conflict and related deaths", "Ridurre la violenza, i conflitti armati e le morti"),
          ("Reduce corruption and bribery", "Ridurre la corruzione e la concussione")],
         ["corruption", "justice", "armed conflict", "rule of law"]),
    17: ("Partnerships for the goals", "Partnership per gli obiettivi", "Strengthen the means of implementation "
         "and revitalize the global partnership for sustainable development", "Rafforzare i mezzi di attuazione e "
         "rinnovare il partenariato mondiale per lo sviluppo sostenibile",
         [("Official development assistance and debt sustainability for developing countries",
           "Aiuto pubblico allo sviluppo e sostenibilità del debito per i paesi in via di sviluppo"),
          ("International cooperation and multi-stakeholder partnerships",
           "Cooperazione internazionale e partenariati tra più soggetti")],
         ["partnership*", "development assistance", "international cooperation", "foreign aid"]),
}


def hand_made_reference() -> SdgReference:
    """The 17 goals with two targets, one indicator and a few phrases each, in English and Italian."""
    goals, targets, indicators, phrases = [], [], [], []
    for number, (name_en, name_it, statement_en, statement_it, target_texts, goal_phrases) in GOALS.items():
        goals.append(GoalText(number, name_en, name_it, statement_en, statement_it))
        for position, (text_en, text_it) in enumerate(target_texts, 1):
            targets.append(TargetText(f"{number}.{position}", number, text_en, text_it))
        indicators.append(IndicatorText(f"{number}.1.1", f"{number}.1",
                                        f"Proportion measured for {target_texts[0][0]}"))
        phrases.extend(QueryPhrase(number, f"{number}.1", phrase, "en") for phrase in goal_phrases)
    return SdgReference(tuple(goals), tuple(targets), tuple(indicators), tuple(phrases))


# number: (English text, Italian text), written for these tests.
TEXTS = {
    1: ("Families living in extreme poverty in the outskirts need social protection and a minimum income.",
        "Molte famiglie delle periferie vivono in povertà estrema e chiedono protezione sociale e un reddito minimo."),
    2: ("We help small farmers grow more crops so that children in the valley no longer suffer hunger and "
        "malnutrition.",
        "Aiutiamo i piccoli agricoltori a migliorare i raccolti perché i bambini della valle non soffrano più la "
        "fame e la malnutrizione."),
    3: ("The hospital wants to track patients with chronic disease and improve access to vaccines.",
        "L'ospedale vuole seguire i pazienti con una malattia cronica e migliorare l'accesso ai vaccini e ai farmaci."),
    4: ("Volunteers teach literacy to adults and support teachers in a primary school.",
        "I volontari insegnano a leggere agli adulti e affiancano gli insegnanti di una scuola primaria."),
    5: ("A shelter for women escaping violence wants to measure discrimination and gender equality at work.",
        "Un centro per donne che fuggono dalla violenza vuole misurare la discriminazione e la parità di genere."),
    6: ("The village has no safe drinking water and its wastewater flows untreated into the river.",
        "Il paese non ha acqua potabile sicura e le acque reflue finiscono nel fiume senza trattamento."),
    7: ("A cooperative installs solar panels to bring renewable energy and cheaper electricity to homes.",
        "Una cooperativa installa pannelli solari per portare energia rinnovabile ed elettricità a basso costo."),
    8: ("Youth unemployment is high: we want to create decent jobs and protect labour rights.",
        "La disoccupazione giovanile è alta: vogliamo creare un lavoro dignitoso e tutelare i diritti dei lavoratori."),
    9: ("Small industrial firms need innovation, research and broadband infrastructure to upgrade their technology.",
        "Le piccole imprese hanno bisogno di innovazione, ricerca e infrastrutture a banda larga per le loro "
        "tecnologie."),
    10: ("Migrants and people with disabilities face inequality; our association works for their inclusion.",
         "Migranti e persone con disabilità subiscono disuguaglianze; la nostra associazione lavora per la loro "
         "inclusione."),
    11: ("The city council plans affordable housing and better public transport in the urban districts.",
         "Il comune progetta alloggi economici e un trasporto pubblico migliore nei quartieri della città."),
    12: ("Our canteen wants to halve food waste and start recycling packaging.",
         "La nostra mensa vuole dimezzare lo spreco alimentare e avviare il riciclo degli imballaggi e dei rifiuti."),
    13: ("The town wants to cut greenhouse gas emissions and adapt to climate change.",
         "Il comune vuole ridurre le emissioni di gas serra e adattarsi al cambiamento climatico."),
    14: ("Plastic debris pollutes the ocean and overfishing empties the marine reserves.",
         "I rifiuti di plastica inquinano il mare e la pesca eccessiva svuota le riserve marine e gli oceani."),
    15: ("Deforestation threatens the species of the forest; we want to protect biodiversity.",
         "La deforestazione minaccia le specie della foresta; vogliamo proteggere la biodiversità."),
    16: ("The association fights corruption and offers free legal help so that everyone has access to justice.",
         "L'associazione combatte la corruzione e offre assistenza legale gratuita per l'accesso alla giustizia."),
    17: ("An international partnership of universities and NGOs coordinates development assistance.",
         "Un partenariato internazionale di università e ONG coordina la cooperazione allo sviluppo."),
}
