"""What the demo people have written: academic profiles and publications, challenges, offers. Pure data.

Enum fields hold their values ("research_action", "open", ...) and days are ISO strings, so this module imports
nothing; matchmaker.demo turns each item into rows. Italian-speaking people write in Italian, English-speaking
people in English.
"""

# Academic profiles, by the e-mail of their owner (see ACADEMICS in matchmaker.demo).
# publications: (title, year, venue, abstract). suggest_to_organisations: True unless said otherwise.
PROFILES = {
    "elena.martini@polito.it": {
        "academic_role": "associate_professor",
        "biography": "Sono urbanista e mi occupo di rigenerazione urbana e di processi partecipativi nelle periferie "
                     "torinesi. Negli ultimi anni ho coordinato laboratori di quartiere a Barriera di Milano e in "
                     "Falchera insieme a case di quartiere, scuole e comitati. Con gli studenti costruisco mappe di "
                     "comunità e analisi dei servizi di prossimità.",
        "expertise": ["rigenerazione urbana", "progettazione partecipata", "periferie", "mappe di comunità",
                      "servizi di prossimità", "politiche urbane", "GIS"],
        "sdgs": [10, 11, 16],
        "languages": ["it", "en", "fr"],
        "capacity_per_semester": 3,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Case di quartiere e welfare di prossimità: il caso di Barriera di Milano", 2024,
             "Archivio di Studi Urbani e Regionali",
             "L'articolo ricostruisce dieci anni di attività di due case di quartiere a Barriera di Milano. "
             "Attraverso interviste e dati di frequenza mostra come questi spazi siano diventati presìdi di welfare "
             "informale, e quali limiti incontrino senza un riconoscimento stabile da parte dell'amministrazione."),
            ("Mapping proximity services in Turin's northern outskirts: a 15-minute city audit", 2023,
             "Urban Research & Practice",
             "We audit walking access to schools, clinics, grocery shops and green areas in five northern "
             "neighbourhoods of Turin. Residents' mental maps, collected in participatory workshops, are compared "
             "with network-based accessibility indicators, revealing barriers that the indicators miss."),
            ("Abitare la Falchera: memorie, spazi comuni e progetti di futuro", 2021, "Territorio",
             "Un laboratorio di storia orale con gli abitanti della Falchera è diventato l'occasione per "
             "ripensare gli spazi comuni del quartiere. Il contributo descrive il metodo e le proposte emerse."),
        ],
    },
    "francesco.ricci@polito.it": {
        "academic_role": "full_professor",
        "biography": "Insegno Fisica tecnica ambientale e da quindici anni studio l'efficienza energetica degli "
                     "edifici residenziali. Da qualche tempo lavoro soprattutto sulla povertà energetica: come "
                     "riconoscerla, misurarla e ridurla con interventi a basso costo e comunità energetiche.",
        "expertise": ["efficienza energetica", "povertà energetica", "diagnosi energetica", "comunità energetiche",
                      "edilizia residenziale pubblica", "termografia", "fotovoltaico"],
        "sdgs": [1, 7, 11, 13],
        "languages": ["it", "en"],
        "capacity_per_semester": 4,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Povertà energetica nell'area metropolitana di Torino: indicatori e mappatura per sezione censuaria",
             2024, "La Termotecnica",
             "Proponiamo un indice composito di vulnerabilità energetica che combina età degli edifici, reddito "
             "e composizione familiare. L'indice, calcolato per le sezioni censuarie della città metropolitana, "
             "individua aree critiche a Moncalieri, Nichelino e nei quartieri nord di Torino."),
            ("Renewable energy communities in social housing: a techno-economic assessment for Northern Italy",
             2023, "Energy and Buildings",
             "We simulate renewable energy communities on twelve public housing estates in Piedmont. With shared "
             "rooftop photovoltaics, tenants' bills fall by 8 to 15 percent, provided that the community is "
             "governed by a body that tenants trust."),
            ("Diagnosi energetiche semplificate per famiglie vulnerabili: un protocollo in due ore", 2022,
             "Atti del Congresso Nazionale AiCARR",
             "Descriviamo un protocollo di visita domiciliare che, in due ore e con strumenti economici, produce "
             "cinque consigli concreti per ridurre i consumi. Il protocollo è stato provato in 60 alloggi."),
        ],
    },
    "sofia.greco@polito.it": {
        "academic_role": "associate_professor",
        "biography": "Mi occupo di tecnologie per l'apprendimento e di inclusione digitale. Ho avviato con le "
                     "case di quartiere di Torino corsi in cui studenti del Politecnico insegnano a persone anziane "
                     "a usare smartphone, SPID e fascicolo sanitario. Mi interessa capire che cosa rende un servizio "
                     "digitale davvero usabile da chi ha poca dimestichezza.",
        "expertise": ["inclusione digitale", "e-learning", "anziani", "usabilità", "SPID e servizi pubblici online",
                      "tutoraggio intergenerazionale"],
        "sdgs": [4, 10],
        "languages": ["it", "en", "es"],
        "capacity_per_semester": 3,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Alfabetizzazione digitale degli over 65: un percorso in cinque incontri", 2023,
             "Atti di Didamatica",
             "Presentiamo un percorso di cinque incontri, progettato con due case di quartiere, che porta persone "
             "anziane ad usare in autonomia SPID, fascicolo sanitario e videochiamate. Il 70% dei partecipanti "
             "dichiara di usare almeno un servizio online tre mesi dopo."),
            ("Intergenerational tutoring for digital skills: evidence from a Turin pilot", 2024,
             "Computers & Education Open",
             "Engineering students tutored 140 older adults in one-to-one sessions over a semester. We report "
             "learning outcomes for both groups and the organisational conditions that made the pilot work."),
        ],
    },
    "james.walker@polito.it": {
        "academic_role": "associate_professor",
        "biography": "I am an industrial designer working on inclusive and universal design. I co-design wayfinding, "
                     "tactile maps and signage with people with disabilities, and I run a design studio where "
                     "students work on real briefs from Turin organisations.",
        "expertise": ["inclusive design", "universal design", "wayfinding", "tactile maps", "co-design",
                      "accessible tourism", "signage"],
        "sdgs": [3, 10, 11],
        "languages": ["en", "it"],
        "capacity_per_semester": 2,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Co-designing tactile maps of public buildings with visually impaired users", 2024,
             "The Design Journal",
             "Six tactile maps of Turin public buildings were designed in workshops with blind and partially "
             "sighted participants. We describe the iterations and the design rules that emerged, from texture "
             "contrast to the placement of the map at the entrance."),
            ("Design for All in heritage sites: lessons from three Turin museums", 2022,
             "Journal of Accessibility and Design for All",
             "We compare accessibility upgrades in three museums and show that the cheapest changes, such as "
             "seating, easy-read labels and quiet hours, had the highest impact on visitors' experience."),
        ],
    },
    "valentina.costa@polito.it": {
        "academic_role": "researcher",
        "biography": "Studio la gestione delle imprese sociali e la misurazione del loro impatto. Lavoro con "
                     "cooperative di tipo B e associazioni per costruire indicatori utili a chi li usa, non solo "
                     "ai finanziatori. Mi interessano anche i modelli di business dell'economia circolare.",
        "expertise": ["impatto sociale", "imprese sociali", "cooperative di tipo B", "economia circolare",
                      "modelli di business", "indicatori"],
        "sdgs": [8, 12, 17],
        "languages": ["it", "en"],
        "capacity_per_semester": 2,
        "available": True,
        "directory_opt_in": False,
        "suggest_to_organisations": False,  # organisations are not shown them: their own choice
        "publications": [
            ("Misurare l'impatto sociale delle cooperative di tipo B: indicatori condivisi con i lavoratori", 2023,
             "Impresa Sociale",
             "L'articolo presenta un set di dodici indicatori costruito insieme a lavoratori e responsabili di "
             "quattro cooperative torinesi. Gli indicatori misurano autonomia, competenze e stabilità del "
             "reddito, e si raccolgono in meno di un'ora al mese."),
            ("Circular business models for community repair services", 2024, "Journal of Cleaner Production",
             "We analyse the costs and revenues of eleven repair cafés and repair shops in North-West Italy and "
             "identify three viable models, depending on volunteers, public support and paid repairs."),
        ],
    },
    "alessandro.fontana@polito.it": {
        "academic_role": "full_professor",
        "biography": "Mi occupo di qualità dell'aria e di modellistica ambientale. Coordino campagne di misura con "
                     "sensori a basso costo e con le stazioni di riferimento, spesso insieme alle scuole. Credo che "
                     "i dati ambientali debbano essere restituiti ai cittadini in forma comprensibile.",
        "expertise": ["qualità dell'aria", "PM10 e PM2.5", "modellistica ambientale", "sensori a basso costo",
                      "monitoraggio ambientale", "citizen science"],
        "sdgs": [3, 11, 13],
        "languages": ["it", "en", "de"],
        "capacity_per_semester": 2,
        "available": True,
        "directory_opt_in": False,
        "suggest_to_organisations": False,  # organisations are not shown them: their own choice
        "publications": [
            ("Reti di sensori a basso costo per il PM2.5: calibrazione e limiti in ambiente urbano", 2024,
             "Ingegneria dell'Ambiente",
             "Confrontiamo per un anno venti sensori ottici a basso costo con due stazioni di riferimento a "
             "Torino. Dopo la calibrazione l'errore scende sotto il 20% tranne nei giorni di nebbia, per i "
             "quali proponiamo una correzione basata sull'umidità."),
            ("Schools as air-quality observatories: a two-year citizen science campaign in Turin", 2023,
             "Atmospheric Environment",
             "Pupils of eight secondary schools measured nitrogen dioxide with passive samplers near their "
             "schools. The campaign produced a dense map of exposure and changed traffic rules at two gates."),
        ],
    },
    "laura.moretti@polito.it": {
        "academic_role": "associate_professor",
        "biography": "Sono ingegnera edile e lavoro sul recupero del patrimonio residenziale esistente, in "
                     "particolare dell'edilizia sociale degli anni Sessanta e Settanta. Valuto lo stato degli "
                     "edifici e progetto interventi che tengano insieme sicurezza, accessibilità ed energia. "
                     "In questo semestre sono in congedo per ricerca.",
        "expertise": ["recupero edilizio", "edilizia sociale", "valutazione strutturale", "accessibilità degli "
                      "edifici", "riqualificazione", "diagnostica"],
        "sdgs": [7, 9, 11],
        "languages": ["it", "en"],
        "capacity_per_semester": 0,
        "available": False,
        "directory_opt_in": True,
        "publications": [
            ("Riqualificare l'edilizia residenziale pubblica degli anni Settanta: sicurezza, energia, "
             "accessibilità", 2023, "Ingegneria Sismica",
             "A partire da tre complessi torinesi proponiamo un metodo per scegliere interventi che migliorino "
             "insieme comportamento sismico, prestazione energetica e accessibilità, con un'analisi dei costi."),
            ("Vacant public housing units: a rapid assessment protocol for reuse", 2022, "Buildings",
             "We propose a one-hour inspection protocol that classifies vacant flats by the works needed before "
             "they can be let again, tested on 90 units in Turin."),
        ],
    },
    "mei.chen@polito.it": {
        "academic_role": "researcher",
        "biography": "I am a statistician working on data for social policy. I build indicators and predictive "
                     "models with schools, municipalities and NGOs, and I like teaching non-specialists how to "
                     "read their own data.",
        "expertise": ["statistics", "survey design", "school drop-out", "small-area estimation", "data analysis",
                      "predictive models", "R"],
        "sdgs": [4, 10, 17],
        "languages": ["en", "zh", "it"],
        "capacity_per_semester": 2,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Early warning indicators of school drop-out: a multilevel analysis of Piedmont lower secondary "
             "schools", 2024, "Statistical Methods & Applications",
             "Using anonymised records of 30,000 pupils, we find that absences in the first term and a failed "
             "year in primary school predict drop-out better than family background alone. We discuss how "
             "schools can use the indicators without labelling pupils."),
            ("Small-area estimation of energy poverty with census and consumption data", 2023,
             "Social Indicators Research",
             "We combine census variables with aggregated energy consumption to estimate the share of households "
             "in energy poverty in each district of the Turin metropolitan area."),
        ],
    },
    "roberto.ferraris@polito.it": {
        "academic_role": "researcher",
        "biography": "Progetto sistemi elettronici a basso consumo e reti di sensori. Da alcuni anni porto in "
                     "classe kit che i ragazzi assemblano da soli per misurare aria, rumore e temperatura, e "
                     "sperimento reti LoRaWAN di quartiere.",
        "expertise": ["reti di sensori", "IoT", "LoRaWAN", "elettronica a basso consumo", "monitoraggio ambientale",
                      "didattica STEM", "Arduino"],
        "sdgs": [4, 9, 11],
        "languages": ["it", "en"],
        "capacity_per_semester": 3,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Una rete LoRaWAN di quartiere per il monitoraggio ambientale partecipato", 2024,
             "Atti del Convegno Nazionale di Elettronica",
             "Descriviamo l'installazione di trenta nodi LoRaWAN costruiti da studenti delle superiori in un "
             "quartiere torinese: consumi, copertura radio e affidabilità dei dati dopo un anno di funzionamento."),
            ("Low-cost sensor kits in the classroom: a design for assembly by 14-year-olds", 2023,
             "IEEE Transactions on Education",
             "We present an air-quality kit that pupils can assemble without soldering in two lessons, and the "
             "evaluation of its use in twelve classes."),
        ],
    },
    "chiara.bellini@polito.it": {
        "academic_role": "associate_professor",
        "biography": "Mi occupo di biomeccanica e di tecnologie assistive. Nel laboratorio progettiamo ausili su "
                     "misura, spesso stampati in 3D, per lo sport paralimpico e per la vita quotidiana. Lavoro da "
                     "anni con società sportive e centri di riabilitazione del Piemonte.",
        "expertise": ["biomeccanica", "tecnologie assistive", "sport paralimpico", "stampa 3D", "ergonomia",
                      "carrozzine sportive"],
        "sdgs": [3, 10],
        "languages": ["it", "en", "fr"],
        "capacity_per_semester": 2,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Guanti di spinta stampati in 3D per il basket in carrozzina: progetto e prove in campo", 2024,
             "Gait & Posture",
             "Abbiamo progettato con dieci atleti guanti di spinta su misura in materiale flessibile. Rispetto ai "
             "guanti commerciali riducono il picco di pressione sul palmo e costano un quinto."),
            ("Sitting volleyball: a biomechanical analysis of movement on court", 2022,
             "Sports Engineering",
             "Inertial sensors on twelve players describe how athletes move on the floor during sitting "
             "volleyball, and suggest where protective equipment is needed."),
        ],
    },
    "daniele.sacco@polito.it": {
        "academic_role": "postdoc",
        "biography": "Sono chimico dei materiali e studio il riciclo dei polimeri e la durabilità dei prodotti. "
                     "Collaboro con repair café e laboratori di riuso per capire perché gli oggetti si rompono e "
                     "come ripararli meglio.",
        "expertise": ["materiali polimerici", "riciclo della plastica", "economia circolare", "analisi del ciclo di "
                      "vita", "durabilità dei prodotti", "analisi del suolo"],
        "sdgs": [9, 12, 13],
        "languages": ["it", "en", "es"],
        "capacity_per_semester": 2,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Perché si rompono i piccoli elettrodomestici? Analisi dei guasti raccolti in un repair café", 2024,
             "La Chimica e l'Industria",
             "Abbiamo analizzato 400 guasti registrati in due anni da un repair café torinese. La metà riguarda "
             "componenti in plastica fragili o non sostituibili: indichiamo quali materiali e scelte di progetto "
             "renderebbero la riparazione possibile."),
            ("Mechanical recycling of mixed household plastics: quality limits for local reuse", 2023,
             "Polymers",
             "We characterise recycled granules from mixed household waste and identify the products that small "
             "local workshops can make from them without loss of safety."),
        ],
    },
    "priya.nair@polito.it": {
        "academic_role": "postdoc",
        "biography": "I work on human-computer interaction and digital accessibility. I build and test mobile apps "
                     "and web maps with the people who will use them, including people with disabilities and "
                     "older adults.",
        "expertise": ["human-computer interaction", "digital accessibility", "mobile apps", "web maps",
                      "open data", "usability testing", "WCAG"],
        "sdgs": [10, 11],
        "languages": ["en", "it"],
        "capacity_per_semester": 2,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Crowdsourcing accessibility data for city maps: quality, motivation and maintenance", 2024,
             "ACM Transactions on Accessible Computing",
             "Over one year, 85 volunteers mapped the accessibility of shops and stops in two Turin districts. We "
             "measure data quality against expert surveys and discuss how to keep such maps up to date."),
            ("Designing public-service websites for older adults: a usability study", 2023,
             "Universal Access in the Information Society",
             "Thirty older adults performed common tasks on five municipal websites. Most failures came from "
             "login flows and PDF forms rather than from visual design."),
        ],
    },
    "giovanna.pautasso@polito.it": {
        "academic_role": "full_professor",
        "biography": "Mi occupo di politiche abitative e di forme di abitare collaborativo. Ho seguito progetti di "
                     "cohousing e di housing sociale a Torino e in altre città italiane, lavorando con enti "
                     "pubblici, fondazioni e gruppi di abitanti.",
        "expertise": ["politiche abitative", "cohousing", "abitare collaborativo", "housing sociale",
                      "abitare temporaneo", "governance dei beni comuni"],
        "sdgs": [1, 10, 11],
        "languages": ["it", "en", "fr"],
        "capacity_per_semester": 2,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Cohousing intergenerazionale: che cosa funziona e che cosa no in cinque esperienze italiane", 2024,
             "Tracce Urbane",
             "Il contributo confronta cinque esperienze di cohousing tra anziani e giovani, mettendo in luce il "
             "ruolo del gestore sociale, delle regole di convivenza e della dimensione degli spazi comuni."),
            ("Temporary housing for young adults leaving care: a review of Italian practices", 2023,
             "Housing Studies",
             "We review 23 projects offering temporary housing to young adults leaving children's homes or "
             "reception centres, and identify what helps them reach independent housing."),
            ("Alloggi sfitti e agenzie sociali per la casa: strumenti per rimettere in circolo il patrimonio",
             2021, "Urbanistica Informazioni",
             "Analizziamo le agenzie sociali per la casa in Piemonte e i loro strumenti di garanzia, "
             "mostrando come possano ridurre lo sfitto privato."),
        ],
    },
    "andrea.perino@polito.it": {
        "academic_role": "phd_student",
        "biography": "Sono dottorando in Energetica e studio il microclima urbano. Misuro e simulo le isole di calore "
                     "nei quartieri di Torino per capire dove alberi, superfici chiare e ombreggiamenti riducono "
                     "davvero il disagio termico estivo.",
        "expertise": ["isole di calore", "microclima urbano", "comfort termico", "ENVI-met", "verde urbano",
                      "adattamento climatico"],
        "sdgs": [3, 11, 13],
        "languages": ["it", "en"],
        "capacity_per_semester": 1,
        "available": True,
        "directory_opt_in": True,
        "publications": [
            ("Isole di calore a Torino: misure itineranti in bicicletta e simulazioni a confronto", 2025,
             "Atti del Congresso Nazionale CIRIAF",
             "Abbiamo percorso in bicicletta, con una stazione meteo mobile, dieci itinerari in sei quartieri "
             "nelle notti più calde dell'estate. Le misure sono confrontate con simulazioni ENVI-met."),
            ("Where do street trees cool the most? A microclimate study in a dense Turin district", 2024,
             "Urban Climate",
             "Simulations of 40 planting scenarios in San Salvario show that the same number of trees can halve "
             "or double the cooling effect depending on street orientation and width."),
        ],
    },
    "nora.hansen@polito.it": {
        "academic_role": "associate_professor",
        "biography": "I am a hydrologist working on flood risk in Alpine valleys and on nature-based solutions. I "
                     "involve schools and local volunteers in monitoring streams, because people who know their "
                     "river respond better when it floods.",
        "expertise": ["flood risk", "hydrology", "nature-based solutions", "citizen science", "climate adaptation",
                      "Alpine catchments"],
        "sdgs": [6, 11, 13, 15],
        "languages": ["en", "de", "it"],
        "capacity_per_semester": 3,
        "available": True,
        "directory_opt_in": True,
        "suggest_to_organisations": False,  # organisations are not shown them: their own choice
        "publications": [
            ("Flash floods in small Alpine catchments of the Susa Valley: lessons from the 2023 events", 2024,
             "Natural Hazards and Earth System Sciences",
             "We reconstruct peak discharges of three flash floods from post-event surveys and residents' videos, "
             "and discuss the gaps of the current warning system for small tributaries."),
            ("Citizen science for stream monitoring: a school-based network in Piedmont", 2023, "Water",
             "Students in four secondary schools read staff gauges and photographed streams weekly for two years. "
             "Their data matched official gauges well and filled gaps on ungauged tributaries."),
            ("Nature-based solutions for school yards: runoff reduction and heat mitigation", 2022,
             "Blue-Green Systems",
             "Depaving and planting three school yards reduced runoff and surface temperatures; we report costs "
             "and maintenance needs."),
        ],
    },
    "carlo.audisio@polito.it": {
        "academic_role": "researcher",
        "biography": "Mi occupo di logistica e ricerca operativa applicate alle filiere alimentari. Ho lavorato "
                     "con banchi alimentari ed empori solidali sull'organizzazione dei ritiri e dei magazzini. "
                     "Fino a febbraio sono all'estero per un periodo di ricerca.",
        "expertise": ["logistica", "ricerca operativa", "filiera alimentare", "spreco alimentare",
                      "gestione delle scorte", "ottimizzazione dei percorsi"],
        "sdgs": [2, 12],
        "languages": ["it", "en", "pt"],
        "capacity_per_semester": 1,
        "available": False,
        "directory_opt_in": True,
        "publications": [
            ("Routing surplus food collection from open-air markets: a case study in Turin", 2023,
             "Omega",
             "We model the daily collection of unsold produce from fourteen markets as a vehicle routing problem "
             "with time windows. Optimised routes collect 22 percent more food with the same volunteers."),
            ("Gestione delle scorte negli empori solidali: regole semplici per ridurre gli scarti", 2022,
             "Logistica Management",
             "Proponiamo tre regole di rotazione delle scorte adatte a magazzini gestiti da volontari e ne "
             "misuriamo l'effetto sugli scarti in due empori."),
        ],
    },
    "beatrice.longo@polito.it": {
        "academic_role": "researcher",
        "biography": "Sono designer e mi occupo di design per l'innovazione sociale. Progetto spazi, servizi e "
                     "strumenti di comunicazione insieme alle persone che li useranno, con particolare attenzione "
                     "a ragazzi e ragazze e ai luoghi dello sport di base.",
        "expertise": ["design per l'innovazione sociale", "design partecipato", "spazi pubblici", "sport inclusivo",
                      "comunicazione visiva", "giovani"],
        "sdgs": [3, 10, 11],
        "languages": ["it", "en"],
        "capacity_per_semester": 3,
        "available": True,
        "directory_opt_in": True,
    },
    "samuel.okafor@polito.it": {
        "academic_role": "phd_student",
        "biography": "I am a PhD student in electronics working on wearable sensors and signal processing for "
                     "telemonitoring. My thesis is on fall detection for older people who live alone. I am "
                     "writing up this year, so I cannot take on new projects for now.",
        "expertise": ["wearable sensors", "telemonitoring", "fall detection", "signal processing",
                      "ambient assisted living"],
        "sdgs": [3, 9],
        "languages": ["en", "fr"],
        "capacity_per_semester": 0,
        "available": False,
        "directory_opt_in": False,
    },
}


# Challenges posted by organisations (see ORGANISATIONS in matchmaker.demo); the organisation's first active
# member is their author. status "draft" ones are not published yet.
CHALLENGES = [
    {
        "organisation": "Cooperativa Sociale Il Ponte",
        "title": "Officina bici sociale: mettere ordine nel magazzino dei ricambi",
        "summary": "La nostra ciclofficina di Barriera di Milano ripara ogni anno circa 900 biciclette con persone "
                   "in inserimento lavorativo. Il magazzino dei ricambi è cresciuto senza regole: perdiamo tempo a "
                   "cercare i pezzi e ne compriamo di doppi. Cerchiamo chi ci aiuti a organizzarlo in modo semplice.",
        "description": "Il magazzino occupa due stanze e contiene ricambi nuovi e recuperati da biciclette "
                       "donate. Oggi l'inventario è su un quaderno.\n\n"
                       "Vorremmo:\n\n"
                       "- una disposizione degli scaffali pensata per chi lavora in officina;\n"
                       "- un sistema di etichette comprensibile anche da chi legge poco l'italiano;\n"
                       "- un modo semplice (anche un foglio di calcolo) per sapere che cosa riordinare.\n\n"
                       "Le persone in inserimento devono poter usare il sistema da sole.",
        "sdgs": [8, 12],
        "keywords": ["logistica", "magazzino", "biciclette", "inserimento lavorativo", "riuso"],
        "kind": "technical_support",
        "place": "Barriera di Milano",
        "scale": "neighbourhood",
        "resources": "Accesso all'officina dal lunedì al venerdì, un tutor di riferimento, un piccolo budget per "
                     "scaffali ed etichette.",
        "deadline": "2027-03-31",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Cooperativa Sociale Il Ponte",
        "title": "Misurare che cosa cambia per chi lavora con noi",
        "summary": "Ogni anno 35 persone svantaggiate lavorano con noi nella manutenzione del verde e nella "
                   "piccola logistica. Sappiamo che per molti cambia molto, ma non sappiamo dimostrarlo. Vorremmo "
                   "indicatori semplici, costruiti con i lavoratori, da raccogliere senza appesantire il lavoro.",
        "description": "I finanziatori ci chiedono numeri di impatto, e oggi rispondiamo con le ore lavorate e i "
                       "contratti firmati. Non basta.\n\n"
                       "Vorremmo capire insieme a un gruppo di ricerca quali aspetti misurare (autonomia, "
                       "competenze, relazioni, salute, reddito) e come farlo con strumenti leggeri. I dati "
                       "dovrebbero servire prima di tutto a noi e ai lavoratori.\n\n"
                       "Siamo disponibili a interviste, focus group e a sperimentare il sistema per un anno.",
        "sdgs": [8, 10],
        "keywords": ["impatto sociale", "inserimento lavorativo", "indicatori", "cooperativa di tipo B"],
        "kind": "research_action",
        "place": "Aurora",
        "scale": "city",
        "resources": "Tempo dei coordinatori, accesso ai dati anonimizzati degli ultimi cinque anni, una sala per "
                     "gli incontri.",
        "deadline": None,
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Associazione Mirafiori Insieme",
        "title": "Orti condivisi: acqua e terreno per la prossima stagione",
        "summary": "I nostri 40 orti condivisi di Mirafiori Sud soffrono le estati sempre più secche e un terreno "
                   "compatto e povero. Cerchiamo studenti che ci aiutino a progettare un sistema di irrigazione a "
                   "basso consumo e a capire come migliorare il suolo.",
        "description": "Gli orti sono curati da pensionati, famiglie e da una classe della scuola vicina. "
                       "L'acqua arriva da un solo punto e d'estate si fanno code con gli annaffiatoi.\n\n"
                       "Ci servirebbe:\n\n"
                       "- un progetto di irrigazione a goccia che possiamo costruire noi;\n"
                       "- la raccolta dell'acqua piovana dal tetto della casa di quartiere;\n"
                       "- qualche analisi del terreno e consigli per migliorarlo.",
        "sdgs": [2, 11, 15],
        "keywords": ["orti urbani", "irrigazione", "acqua piovana", "suolo", "Mirafiori"],
        "kind": "student_project",
        "place": "Mirafiori Sud",
        "scale": "neighbourhood",
        "resources": "Gli ortolani volontari, attrezzi, 1.500 euro per materiali, la sala della casa di quartiere.",
        "deadline": "2027-04-30",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Associazione Mirafiori Insieme",
        "title": "Anziani soli e smartphone: uno sportello digitale in casa di quartiere",
        "summary": "Sempre più anziani del quartiere vengono da noi perché non riescono a prenotare una visita, "
                   "usare lo SPID o vedere i nipoti in videochiamata. Vorremmo aprire uno sportello digitale "
                   "settimanale e un piccolo corso, ma i nostri volontari non sanno come insegnare.",
        "description": "Allo sportello per anziani soli arrivano ogni settimana 10-15 richieste legate al "
                       "telefono o al computer.\n\n"
                       "Cerchiamo:\n\n"
                       "- un corso breve per i volontari su come spiegare le cose digitali a chi parte da zero;\n"
                       "- materiali stampati semplici (SPID, fascicolo sanitario, WhatsApp);\n"
                       "- se possibile, studenti disponibili come tutor qualche pomeriggio.",
        "sdgs": [4, 10],
        "keywords": ["inclusione digitale", "anziani", "SPID", "alfabetizzazione digitale", "volontariato"],
        "kind": "training",
        "place": "Mirafiori Sud",
        "scale": "neighbourhood",
        "resources": "Una sala con wifi il martedì e giovedì pomeriggio, sei volontari, tablet donati.",
        "deadline": "2027-02-28",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Associazione Mirafiori Insieme",
        "title": "Doposcuola alle medie: non perdere nessuno",
        "summary": "Il nostro doposcuola segue 45 ragazzi delle medie. Ogni anno qualcuno smette di venire e poi "
                   "lascia la scuola. Con un gruppo di studenti universitari abbiamo avviato un tutoraggio "
                   "uno a uno e un sistema di allerta con la scuola.",
        "description": "Il progetto è partito a settembre con otto tutor del Politecnico e le due scuole medie "
                       "del quartiere.\n\n"
                       "Le famiglie sono coinvolte con incontri mensili; i tutor tengono un diario condiviso "
                       "con gli insegnanti.",
        "sdgs": [4, 10],
        "keywords": ["dispersione scolastica", "doposcuola", "tutoraggio", "scuola media"],
        "kind": "volunteering",
        "place": "Mirafiori Sud",
        "scale": "neighbourhood",
        "resources": "Aule della casa di quartiere, merenda, coordinamento con le scuole.",
        "deadline": "2027-06-15",
        "visibility": "public",
        "status": "in_partnership",
    },
    {
        "organisation": "Istituto Comprensivo Torino Aurora",
        "title": "Centraline per la qualità dell'aria costruite dai ragazzi",
        "summary": "Le nostre scuole si affacciano su corso Giulio Cesare, una delle strade più trafficate di "
                   "Torino. Vorremmo che le classi terze costruissero centraline per misurare l'aria davanti agli "
                   "ingressi e imparassero a leggere i dati, con l'aiuto di ricercatori.",
        "description": "L'idea nasce dai genitori, preoccupati per lo smog all'uscita di scuola.\n\n"
                       "Vorremmo un progetto in tre fasi:\n\n"
                       "1. costruzione delle centraline in laboratorio con le classi;\n"
                       "2. una campagna di misura di due mesi davanti ai tre plessi;\n"
                       "3. la presentazione dei risultati alle famiglie e alla Circoscrizione 7.\n\n"
                       "I ragazzi hanno competenze molto diverse: serve un percorso che funzioni per tutti.",
        "sdgs": [3, 4, 11],
        "keywords": ["qualità dell'aria", "sensori", "scuola", "citizen science", "PM10"],
        "kind": "research_action",
        "place": "Aurora",
        "scale": "neighbourhood",
        "resources": "Tre classi terze, il laboratorio di scienze, due docenti di tecnologia, 800 euro dal "
                     "consiglio d'istituto.",
        "deadline": "2027-05-31",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Istituto Comprensivo Torino Aurora",
        "title": "Laboratori STEM per ragazze e ragazzi appena arrivati in Italia",
        "summary": "Ogni anno accogliamo una trentina di alunni arrivati da poco, che parlano poco l'italiano ma "
                   "spesso hanno buone basi di matematica. Cerchiamo chi ci aiuti a progettare laboratori STEM in "
                   "cui la lingua non sia un ostacolo, con attenzione alle ragazze.",
        "description": "I laboratori si terrebbero il pomeriggio, un'ora e mezza a settimana, per gruppi di 12.\n\n"
                       "Ci interessano attività pratiche (robotica semplice, misure, giochi matematici) e "
                       "materiali con poche parole e molte immagini. Vorremmo anche formare due docenti per "
                       "continuare da soli l'anno successivo.",
        "sdgs": [4, 5, 10],
        "keywords": ["STEM", "alunni neoarrivati", "inclusione", "parità di genere", "didattica laboratoriale"],
        "kind": "training",
        "place": "Aurora",
        "scale": "neighbourhood",
        "resources": "Aule e laboratorio, due docenti, mediatori linguistici per arabo e cinese.",
        "deadline": "2027-01-31",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Città di Moncalieri – Servizi Sociali",
        "title": "Home energy audits for families in energy poverty",
        "summary": "Last winter 210 households asked our social services for help with energy bills. Many live "
                   "in cold, damp flats with old boilers. We want to offer them a home visit that ends with a "
                   "few concrete, cheap actions, and to learn which interventions are worth funding.",
        "description": "Our social workers can identify the families but cannot assess their homes.\n\n"
                       "We are looking for:\n\n"
                       "- a simple audit protocol that trained students or volunteers can carry out in two hours;\n"
                       "- a short report for each family, in plain language;\n"
                       "- an overview for the City: which small works (insulation, valves, boiler checks) "
                       "would help the most households per euro spent.",
        "sdgs": [1, 7, 11],
        "keywords": ["energy poverty", "energy audit", "social housing", "bills", "Moncalieri"],
        "kind": "technical_support",
        "place": "Moncalieri",
        "scale": "city",
        "resources": "Social workers who introduce the visitors to families, the list of households, a budget of "
                     "EUR 20,000 for small works after the audits.",
        "deadline": "2027-03-15",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Città di Moncalieri – Servizi Sociali",
        "title": "Keeping frail older people safe at home with simple sensors",
        "summary": "About 400 people over 80 live alone in Moncalieri and receive home care from us. Families "
                   "ask for ways to know that their relative is fine between visits. We would like to test "
                   "simple, respectful sensors (falls, inactivity, temperature) in a small pilot.",
        "description": "We have paused this request while we sort out the privacy assessment with our data "
                       "protection officer.\n\n"
                       "When it restarts, we want a pilot with 15 homes, devices that need no smartphone, and "
                       "alerts that reach our home-care team, not a call centre.",
        "sdgs": [3, 10],
        "keywords": ["elderly care", "telemonitoring", "fall detection", "home care", "sensors"],
        "kind": "research_action",
        "place": "Moncalieri",
        "scale": "city",
        "resources": "Home-care coordinators, volunteers from the local seniors' association, funding for devices.",
        "deadline": None,
        "visibility": "public",
        "status": "paused",
    },
    {
        "organisation": "Città di Moncalieri – Servizi Sociali",
        "title": "A renewable energy community for the Borgo San Pietro social housing estate",
        "summary": "The roofs of the six public housing blocks in Borgo San Pietro are empty. We are exploring a "
                   "renewable energy community that would lower tenants' bills, and need a feasibility study "
                   "that tenants can understand.",
        "description": "This is still an idea we are discussing with the housing agency and the tenants' "
                       "committee.\n\n"
                       "Questions: how much PV fits on the roofs, what savings tenants could expect, who should "
                       "run the community, and what it costs.",
        "sdgs": [7, 11, 13],
        "keywords": ["renewable energy community", "photovoltaics", "social housing", "feasibility study"],
        "kind": "research_action",
        "place": "Moncalieri – Borgo San Pietro",
        "scale": "neighbourhood",
        "resources": "Building drawings, consumption data from the housing agency, meetings with tenants.",
        "deadline": "2027-09-30",
        "visibility": "public",
        "status": "draft",
    },
    {
        "organisation": "Accessible Turin Foundation",
        "title": "An accessible tourism map of the city centre",
        "summary": "Visitors with disabilities cannot find reliable information about step-free entrances, "
                   "accessible toilets and quiet places in central Turin. We want an online and printed map, "
                   "checked on site by people who use wheelchairs, canes or guide dogs.",
        "description": "The map should cover the area between Porta Nuova, Piazza Castello and the Quadrilatero, "
                       "including the main museums, cafés and public toilets.\n\n"
                       "We imagine a student design project that:\n\n"
                       "- defines what to survey and how, together with our members;\n"
                       "- surveys around 200 places;\n"
                       "- designs a map that works on a phone, on paper and with a screen reader.\n\n"
                       "Our members will take part in every step: nothing about us without us.",
        "sdgs": [8, 10, 11],
        "keywords": ["accessible tourism", "accessibility map", "wheelchair", "inclusive design", "city centre"],
        "kind": "student_project",
        "place": "Centro storico, Torino",
        "scale": "city",
        "resources": "Twelve members available for surveys and tests, contacts with the tourist office, printing "
                     "of 5,000 maps.",
        "deadline": "2027-06-30",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Accessible Turin Foundation",
        "title": "Step-free routes to tram and bus stops in San Salvario",
        "summary": "In San Salvario many tram stops can be reached only by crossing high kerbs or narrow, "
                   "cluttered pavements. We want to survey the routes from homes to stops and propose a short list "
                   "of priority works to the City.",
        "description": "Our members have collected complaints for years; we need a rigorous survey to turn them "
                       "into proposals.\n\n"
                       "The work could combine a street survey with a simple accessibility score for each route, "
                       "and end with a public presentation at the neighbourhood house.",
        "sdgs": [10, 11],
        "keywords": ["accessible mobility", "public transport", "pavements", "wheelchair", "San Salvario"],
        "kind": "research_action",
        "place": "San Salvario",
        "scale": "neighbourhood",
        "resources": "Volunteers for the survey, our database of complaints, a meeting room.",
        "deadline": "2027-04-15",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Accessible Turin Foundation",
        "title": "Easy-read signs for the Porta Palazzo market",
        "summary": "People with intellectual disabilities and many older visitors get lost in Porta Palazzo, the "
                   "largest open-air market in Europe. We asked for help to design easy-read signs with pictograms "
                   "for the market's main areas.",
        "description": "Thanks to a design studio of the Politecnico, twelve prototype signs were tested with our "
                       "members in spring and are now being produced by the market authority.\n\n"
                       "This challenge is closed; thank you to everyone who took part.",
        "sdgs": [10, 11],
        "keywords": ["easy-read", "signage", "pictograms", "wayfinding", "Porta Palazzo"],
        "kind": "technical_support",
        "place": "Porta Palazzo",
        "scale": "neighbourhood",
        "resources": "Members for testing, contacts with the market authority.",
        "deadline": "2027-02-28",
        "visibility": "public",
        "status": "closed",
    },
    {
        "organisation": "Re-Food Impresa Sociale",
        "title": "Ottimizzare i giri di raccolta delle eccedenze nei mercati rionali",
        "summary": "Ogni giorno i nostri due furgoni raccolgono frutta e verdura invendute in dieci mercati di "
                   "Collegno, Grugliasco e Torino ovest. I giri sono decisi a memoria e spesso arriviamo quando i "
                   "banchi hanno già buttato tutto. Cerchiamo chi ci aiuti a pianificarli meglio.",
        "description": "I mercati chiudono a orari diversi e le quantità cambiano molto tra i giorni della "
                       "settimana.\n\n"
                       "Vorremmo uno strumento semplice per decidere ogni mattina il giro migliore, tenendo conto "
                       "degli orari di chiusura, della capacità dei furgoni e delle mense che ricevono il cibo.",
        "sdgs": [2, 12],
        "keywords": ["spreco alimentare", "logistica", "mercati rionali", "ottimizzazione dei percorsi"],
        "kind": "technical_support",
        "place": "Collegno",
        "scale": "city",
        "resources": "Dati di due anni di raccolte, autisti disponibili per interviste, un furgone per le prove.",
        "deadline": "2027-06-30",
        "visibility": "public",
        "status": "draft",
    },
    {
        "organisation": "Re-Food Impresa Sociale",
        "title": "Una catena del freddo a basso costo per la cucina solidale",
        "summary": "La nostra cucina solidale prepara 150 pasti al giorno con le eccedenze recuperate. D'estate "
                   "perdiamo molto cibo perché le celle frigorifere sono vecchie e consumano tanto. Cerchiamo idee "
                   "per conservare meglio spendendo meno energia.",
        "description": "Abbiamo due celle frigorifere di vent'anni e un abbattitore usato.\n\n"
                       "Ci servirebbe una valutazione dei consumi e delle alternative, anche con il fotovoltaico "
                       "sul tetto del capannone.",
        "sdgs": [2, 7, 12],
        "keywords": ["catena del freddo", "spreco alimentare", "efficienza energetica", "cucina solidale"],
        "kind": "technical_support",
        "place": "Collegno",
        "scale": "neighbourhood",
        "resources": "Accesso alla cucina, bollette degli ultimi due anni.",
        "deadline": None,
        "visibility": "public",
        "status": "draft",
    },
    {
        "organisation": "Laboratorio Periferie Creative",
        "title": "Luce e colore per il sottopasso della stazione",
        "summary": "Il sottopasso pedonale della stazione di Settimo è buio e molti ragazzi e ragazze lo evitano "
                   "la sera. Vorremmo ripensarlo con murales e illuminazione, progettati insieme ai giovani del "
                   "quartiere.",
        "description": "Abbiamo già coinvolto un gruppo di 15 ragazzi tra i 16 e i 22 anni.\n\n"
                       "Ci servono competenze di progettazione della luce e di design degli spazi pubblici, e "
                       "qualcuno che ci aiuti a presentare il progetto al Comune.",
        "sdgs": [11, 16],
        "keywords": ["spazi pubblici", "illuminazione", "arte urbana", "sicurezza percepita", "giovani"],
        "kind": "student_project",
        "place": "Settimo Torinese",
        "scale": "neighbourhood",
        "resources": "Il gruppo di ragazzi, artisti volontari, vernici donate.",
        "deadline": None,
        "visibility": "public",
        "status": "draft",
    },
    {
        "organisation": "Dispensa Solidale Torino Nord",
        "title": "Chi non arriva alla Dispensa? Una mappa del bisogno alimentare",
        "summary": "Distribuiamo pacchi alimentari a 320 famiglie tra Falchera, Barriera di Milano e Rebaudengo. "
                   "Sappiamo che molte famiglie in difficoltà non arrivano da noi: anziani che non escono, "
                   "persone che si vergognano, chi non parla italiano. Vogliamo capire dove sono e come "
                   "raggiungerle.",
        "description": "Questo lavoro tocca dati delicati: per questo lo mostriamo solo ai docenti e ricercatori "
                       "del Politecnico.\n\n"
                       "Vorremmo incrociare i nostri dati (anonimi) con dati pubblici, e fare interviste con i "
                       "servizi sociali, le parrocchie e i medici di base della zona.\n\n"
                       "Il risultato dovrebbe essere una mappa e qualche proposta concreta: consegne a domicilio, "
                       "punti di distribuzione più vicini, materiali in altre lingue.",
        "sdgs": [1, 2, 10],
        "keywords": ["povertà alimentare", "mappatura", "dati territoriali", "Falchera", "servizi sociali"],
        "kind": "research_action",
        "place": "Falchera",
        "scale": "neighbourhood",
        "resources": "Dati anonimizzati delle famiglie seguite, contatti con servizi e parrocchie, due volontari "
                     "per le interviste.",
        "deadline": "2027-05-15",
        "visibility": "academics",
        "status": "open",
    },
    {
        "organisation": "Dispensa Solidale Torino Nord",
        "title": "Gestire le scorte senza buttare niente",
        "summary": "Nel nostro magazzino passano 40 tonnellate di cibo all'anno, gestite da volontari con turni "
                   "diversi. A volte scadono prodotti che avremmo potuto distribuire. Cerchiamo uno studente o "
                   "una studentessa che ci aiuti a organizzare le scorte e le scadenze.",
        "description": "Oggi usiamo un foglio Excel che nessuno aggiorna davvero.\n\n"
                       "Ci piacerebbe un sistema che funzioni anche con volontari anziani: poche regole chiare, "
                       "etichette colorate per le scadenze, un controllo settimanale.",
        "sdgs": [2, 12],
        "keywords": ["magazzino", "gestione delle scorte", "spreco alimentare", "volontariato"],
        "kind": "student_project",
        "place": "Barriera di Milano",
        "scale": "neighbourhood",
        "resources": "Accesso al magazzino, dati di carico e scarico, la disponibilità del responsabile logistica.",
        "deadline": "2027-02-15",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Distretto Sanitario Torino Nord – Spazio Giovani",
        "title": "Benessere psicologico dei ragazzi: spazi di ascolto che funzionino davvero",
        "summary": "Dopo la pandemia le richieste di aiuto psicologico di ragazzi tra i 14 e i 24 anni sono "
                   "raddoppiate, ma molti non entrano mai in un servizio sanitario. Vorremmo ripensare con loro "
                   "dove e come offrire ascolto: nei luoghi che frequentano, con linguaggi che sentono propri.",
        "description": "Lo Spazio Giovani è un servizio ad accesso libero e gratuito, ma è in un edificio "
                       "sanitario poco accogliente alle Vallette.\n\n"
                       "Cerchiamo un gruppo che lavori con i ragazzi, con metodi di co-progettazione, su:\n\n"
                       "- come rendere più accogliente lo spazio attuale;\n"
                       "- dove aprire punti di ascolto leggeri (biblioteche, centri sportivi, scuole);\n"
                       "- come comunicare il servizio senza stigma.\n\n"
                       "Il tema è delicato: la sfida è visibile solo ai docenti del Politecnico.",
        "sdgs": [3, 10],
        "keywords": ["salute mentale", "giovani", "co-progettazione", "servizi sanitari", "spazi di ascolto"],
        "kind": "research_action",
        "place": "Vallette",
        "scale": "city",
        "resources": "Psicologi ed educatori del servizio, un gruppo di ragazzi disponibili, lo spazio attuale per "
                     "sperimentare.",
        "deadline": "2027-09-30",
        "visibility": "academics",
        "status": "open",
    },
    {
        "organisation": "Distretto Sanitario Torino Nord – Spazio Giovani",
        "title": "Prenotare lo Spazio Giovani dal telefono, in modo discreto",
        "summary": "Oggi per prendere appuntamento allo Spazio Giovani bisogna telefonare in orario d'ufficio, "
                   "e molti ragazzi rinunciano. Vorremmo un sistema di prenotazione via web o chat, semplice e "
                   "rispettoso della riservatezza.",
        "description": "Non vogliamo un'app in più da scaricare: una pagina web accessibile o un canale di "
                       "messaggistica potrebbero bastare.\n\n"
                       "Serve un prototipo da provare con i ragazzi e una valutazione di che cosa serve per "
                       "rispettare le regole sulla privacy in sanità.",
        "sdgs": [3, 5],
        "keywords": ["prenotazione online", "giovani", "privacy", "servizi sanitari", "accessibilità digitale"],
        "kind": "student_project",
        "place": "Torino",
        "scale": "city",
        "resources": "Il personale dell'accoglienza, un gruppo di ragazzi per i test, il referente privacy.",
        "deadline": "2027-07-15",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Agenzia Abitare Solidale",
        "title": "Cohousing intergenerazionale alle Vallette",
        "summary": "Abbiamo a disposizione un piccolo condominio di 14 alloggi alle Vallette. Vorremmo farne un "
                   "cohousing tra anziani autosufficienti e giovani lavoratori o studenti, con spazi comuni e un "
                   "patto di mutuo aiuto. Cerchiamo chi ci accompagni nella progettazione sociale e degli spazi.",
        "description": "L'edificio è di proprietà pubblica e va in parte ristrutturato.\n\n"
                       "Le domande a cui vogliamo rispondere:\n\n"
                       "- quali spazi comuni servono davvero e come gestirli;\n"
                       "- come scegliere gli abitanti e scrivere il patto di convivenza;\n"
                       "- quale canone rende il progetto sostenibile senza escludere chi ha redditi bassi.",
        "sdgs": [1, 10, 11],
        "keywords": ["cohousing", "abitare collaborativo", "anziani", "giovani", "housing sociale"],
        "kind": "research_action",
        "place": "Vallette",
        "scale": "neighbourhood",
        "resources": "L'edificio, i progetti esistenti, un'assistente sociale dedicata, fondi per la "
                     "ristrutturazione già stanziati.",
        "deadline": "2027-10-31",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Agenzia Abitare Solidale",
        "title": "Alloggi sfitti da rimettere in uso: quali lavori servono",
        "summary": "Gestiamo una cinquantina di alloggi sfitti, privati e pubblici, che i proprietari sarebbero "
                   "disposti ad affittare a canone concordato. Prima però serve capire quali lavori sono "
                   "necessari e quanto costano. Con un gruppo del Politecnico stiamo provando un protocollo di "
                   "sopralluogo rapido.",
        "description": "La collaborazione è partita in primavera su 20 alloggi di Barriera di Milano.\n\n"
                       "Per ogni alloggio si produce una scheda con lavori necessari, costi stimati e priorità.",
        "sdgs": [1, 11],
        "keywords": ["alloggi sfitti", "recupero edilizio", "canone concordato", "sopralluoghi"],
        "kind": "technical_support",
        "place": "Barriera di Milano",
        "scale": "city",
        "resources": "Chiavi e accesso agli alloggi, contatti con i proprietari, rimborso spese per i sopralluoghi.",
        "deadline": "2027-03-31",
        "visibility": "public",
        "status": "in_partnership",
    },
    {
        "organisation": "Polisportiva Oltre il Limite",
        "title": "Ausili su misura per sitting volley e basket in carrozzina",
        "summary": "I nostri 60 atleti con disabilità usano spesso ausili adattati alla meglio: guanti di spinta "
                   "consumati, protezioni per le ginocchia fatte in casa. Cerchiamo studenti che progettino con "
                   "loro ausili su misura, economici e riproducibili.",
        "description": "Abbiamo squadre di basket in carrozzina, sitting volley e un gruppo di avviamento allo "
                       "sport per ragazzi.\n\n"
                       "Le priorità indicate dagli atleti:\n\n"
                       "- guanti di spinta che non si consumino in un mese;\n"
                       "- protezioni per il sitting volley;\n"
                       "- un sistema di fissaggio delle gambe regolabile per le carrozzine dei più piccoli.",
        "sdgs": [3, 10],
        "keywords": ["sport inclusivo", "ausili", "stampa 3D", "carrozzina", "sitting volley"],
        "kind": "student_project",
        "place": "Collegno",
        "scale": "city",
        "resources": "Atleti e allenatori disponibili per misure e prove, accesso alla palestra, 2.000 euro.",
        "deadline": "2027-03-31",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Polisportiva Oltre il Limite",
        "title": "Una palestra accessibile davvero: check-up dell'impianto",
        "summary": "Ci alleniamo in una palestra comunale di Collegno che sulla carta è accessibile, ma gli "
                   "spogliatoi sono stretti, le docce hanno un gradino e la tribuna non ha posti per carrozzine. "
                   "Vorremmo una valutazione tecnica da portare al Comune con proposte realistiche.",
        "description": "La palestra è usata anche da scuole e altre società sportive.\n\n"
                       "Ci servirebbe un sopralluogo con i nostri atleti, una relazione sui problemi principali e "
                       "una stima dei costi per risolverli, dal più urgente al meno urgente.",
        "sdgs": [3, 10, 11],
        "keywords": ["accessibilità", "impianti sportivi", "barriere architettoniche", "spogliatoi"],
        "kind": "technical_support",
        "place": "Collegno",
        "scale": "neighbourhood",
        "resources": "Accesso alla palestra, atleti disponibili, contatti con l'ufficio sport del Comune.",
        "deadline": None,
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Comune di Settimo Torinese – Ufficio Ambiente",
        "title": "Isole di calore: dove piantare i prossimi 500 alberi",
        "summary": "Il Comune ha finanziato la piantumazione di 500 alberi nei prossimi tre anni. Vorremmo "
                   "metterli dove servono di più: nelle strade e nei cortili scolastici più caldi, vicino a chi "
                   "soffre di più il caldo. Cerchiamo un supporto scientifico per decidere.",
        "description": "Abbiamo una mappa del verde esistente e i dati delle due centraline meteo comunali.\n\n"
                       "Vorremmo:\n\n"
                       "- una mappa delle temperature estive, anche con misure sul campo;\n"
                       "- l'incrocio con la popolazione più fragile (anziani, bambini);\n"
                       "- una lista di siti prioritari con il beneficio atteso.",
        "sdgs": [11, 13, 15],
        "keywords": ["isole di calore", "alberature", "adattamento climatico", "microclima urbano"],
        "kind": "research_action",
        "place": "Settimo Torinese",
        "scale": "city",
        "resources": "Dati del verde e meteo, l'ufficio tecnico, il budget per le piantumazioni.",
        "deadline": "2027-04-30",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Comune di Settimo Torinese – Ufficio Ambiente",
        "title": "Un centro comunale del riuso e della riparazione",
        "summary": "Vorremmo aprire presso l'ecocentro un centro dove i cittadini lasciano mobili, biciclette e "
                   "piccoli elettrodomestici ancora utilizzabili, che vengono riparati e ridati. Prima di partire "
                   "serve uno studio di fattibilità.",
        "description": "Abbiamo sospeso la richiesta in attesa di sapere se il bando regionale sull'economia "
                       "circolare verrà rifinanziato.\n\n"
                       "Lo studio dovrebbe stimare i flussi di oggetti, i costi e i possibili gestori (cooperative "
                       "sociali, associazioni).",
        "sdgs": [8, 12],
        "keywords": ["riuso", "riparazione", "economia circolare", "rifiuti", "fattibilità"],
        "kind": "research_action",
        "place": "Settimo Torinese",
        "scale": "city",
        "resources": "Dati dell'ecocentro, spazi disponibili, il personale dell'ufficio ambiente.",
        "deadline": "2027-12-31",
        "visibility": "public",
        "status": "paused",
    },
    {
        "organisation": "Istituto di Istruzione Superiore Valsusa Nord",
        "title": "Rischio alluvioni in Val di Susa: un progetto con gli studenti",
        "summary": "Nel 2023 i torrenti della bassa valle sono esondati due volte e molti nostri studenti hanno "
                   "avuto la casa o la strada allagata. Vorremmo un progetto in cui le classi studino il rischio "
                   "del proprio territorio, misurino i torrenti e preparino materiali per le famiglie.",
        "description": "Il progetto coinvolgerebbe le classi quarte del tecnico per il territorio e del liceo "
                       "scientifico.\n\n"
                       "Ci piacerebbe:\n\n"
                       "- installare semplici aste idrometriche da leggere a turno;\n"
                       "- ricostruire con le foto dei cittadini gli eventi passati;\n"
                       "- scrivere con la protezione civile una guida per le famiglie.",
        "sdgs": [4, 11, 13],
        "keywords": ["rischio alluvionale", "torrenti", "citizen science", "protezione civile", "Val di Susa"],
        "kind": "research_action",
        "place": "Val di Susa (Bussoleno)",
        "scale": "region",
        "resources": "Due classi, docenti di scienze e topografia, il laboratorio, i contatti con la protezione "
                     "civile locale.",
        "deadline": "2027-05-31",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Istituto di Istruzione Superiore Valsusa Nord",
        "title": "Sensori per l'aria in valle: PM10 e traffico pesante",
        "summary": "Con i camion diretti al Frejus, la qualità dell'aria lungo la statale preoccupa le famiglie. "
                   "Con il Politecnico i nostri studenti hanno costruito e installato dieci centraline e hanno "
                   "presentato i dati in un incontro pubblico.",
        "description": "Il progetto si è concluso a giugno. Le centraline restano attive e i dati sono pubblicati "
                       "sul sito della scuola.",
        "sdgs": [3, 4, 11],
        "keywords": ["qualità dell'aria", "PM10", "traffico pesante", "sensori", "scuola"],
        "kind": "student_project",
        "place": "Val di Susa",
        "scale": "region",
        "resources": "Laboratorio, studenti, fondi del consiglio d'istituto.",
        "deadline": "2027-01-31",
        "visibility": "public",
        "status": "closed",
    },
    {
        "organisation": "Cooperativa Sociale Mani Intrecciate",
        "title": "Lavoro per donne migranti: dalla sartoria al negozio online",
        "summary": "Nel nostro laboratorio di Porta Palazzo lavorano 14 donne arrivate in Italia negli ultimi anni, "
                   "che cuciono borse e abiti con tessuti di recupero. Vorremmo vendere online, ma nessuna di noi "
                   "sa gestire foto, schede prodotto e spedizioni. Cerchiamo una formazione pratica.",
        "description": "Le donne parlano arabo, tigrino, spagnolo e un po' di italiano.\n\n"
                       "Ci serve un percorso breve e pratico su:\n\n"
                       "- fotografare i prodotti con il telefono;\n"
                       "- aprire e gestire un negozio su una piattaforma esistente;\n"
                       "- calcolare prezzi e costi di spedizione.\n\n"
                       "Alla fine almeno tre di loro dovrebbero poter gestire il negozio da sole.",
        "sdgs": [5, 8, 10],
        "keywords": ["donne migranti", "lavoro", "e-commerce", "competenze digitali", "sartoria"],
        "kind": "training",
        "place": "Porta Palazzo",
        "scale": "city",
        "resources": "Il laboratorio, una mediatrice culturale, computer portatili, i prodotti da vendere.",
        "deadline": "2027-03-31",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Repair Café San Salvario",
        "title": "Repair café: capire quali oggetti vale la pena riparare",
        "summary": "Una domenica al mese ripariamo gratuitamente lampade, tostapane, vestiti e biciclette. "
                   "Registriamo ogni oggetto, ma non sappiamo che farcene dei dati. Vorremmo capire quali guasti "
                   "sono più frequenti, quanti rifiuti evitiamo e come preparare meglio i volontari.",
        "description": "Abbiamo un registro di circa 1.200 oggetti in quattro anni, con tipo di guasto ed esito.\n\n"
                       "Ci piacerebbe una collaborazione con chi studia materiali ed economia circolare, e magari "
                       "qualche ricercatore che venga a riparare con noi.",
        "sdgs": [12, 13],
        "keywords": ["repair café", "riparazione", "economia circolare", "rifiuti", "volontariato"],
        "kind": "research_action",
        "place": "San Salvario",
        "scale": "neighbourhood",
        "resources": "Il registro delle riparazioni, 20 volontari, uno spazio alla casa del quartiere.",
        "deadline": None,
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Open Doors Turin",
        "title": "Digital skills for refugee women looking for work",
        "summary": "Many of the women we support have work experience in care, cooking or tailoring, but cannot "
                   "write a CV, use job portals or sit an online interview. We are looking for a short, practical "
                   "course designed for women with basic Italian.",
        "description": "Courses would run in the mornings, when children are at school, in groups of ten.\n\n"
                       "We would like:\n\n"
                       "- six to eight sessions on e-mail, CVs, job portals and video calls;\n"
                       "- materials with pictures and very simple Italian;\n"
                       "- a few volunteer students as one-to-one tutors.",
        "sdgs": [4, 5, 8, 10],
        "keywords": ["refugees", "digital skills", "employment", "women", "training"],
        "kind": "training",
        "place": "Aurora",
        "scale": "city",
        "resources": "A classroom with laptops, childcare during the sessions, cultural mediators.",
        "deadline": "2027-02-28",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Open Doors Turin",
        "title": "Temporary housing for young refugees leaving reception centres",
        "summary": "At 18, or when their asylum case ends, young refugees must leave reception centres, often "
                   "with a job but no home. We asked for help to compare temporary housing models used in other "
                   "Italian cities and choose one for Turin.",
        "description": "A research group reviewed practices in six cities and helped us write a proposal that is "
                       "now funded by a local foundation.\n\n"
                       "The challenge is closed; the pilot starts with eight flats next year.",
        "sdgs": [1, 10, 11],
        "keywords": ["refugees", "temporary housing", "young adults", "housing policy"],
        "kind": "research_action",
        "place": "Torino",
        "scale": "city",
        "resources": "Our case workers, contacts with reception centres.",
        "deadline": "2027-01-31",
        "visibility": "public",
        "status": "closed",
    },
    {
        "organisation": "Open Doors Turin",
        "title": "Plain-language guides to public services for newcomers",
        "summary": "Residence permits, health registration, school enrolment: the official information is long, "
                   "legal and often only in Italian. We want to produce short, plain-language guides in six "
                   "languages, checked by people who have just gone through these procedures.",
        "description": "We are looking for volunteers, students or staff, who enjoy writing clearly and can help "
                       "for a few hours a month.\n\n"
                       "Some guides touch on legal status, so this challenge is shown only to Politecnico staff "
                       "for now.",
        "sdgs": [10, 16],
        "keywords": ["plain language", "public services", "migrants", "translation", "volunteering"],
        "kind": "volunteering",
        "place": "Torino",
        "scale": "city",
        "resources": "Our legal advisers, translators for Arabic, Tigrinya, Urdu, French and English.",
        "deadline": "2027-08-31",
        "visibility": "academics",
        "status": "open",
    },
    {
        "organisation": "Associazione Montagna Viva Pinerolese",
        "title": "Borgate di montagna: il medico in videochiamata per chi vive solo",
        "summary": "Nelle borgate sopra Pinerolo vivono molti anziani soli, a un'ora dal primo ambulatorio. La "
                   "connessione è debole e pochi sanno usare un tablet. Vorremmo provare visite di controllo in "
                   "videochiamata, con un volontario che porta il tablet e aiuta durante la visita.",
        "description": "Due medici di base della valle sono disponibili a provare.\n\n"
                       "Ci servono:\n\n"
                       "- una verifica della copertura di rete nelle borgate e soluzioni per migliorarla;\n"
                       "- una scelta di dispositivi semplici e, se utile, sensori per pressione e saturazione;\n"
                       "- una formazione breve per i volontari.",
        "sdgs": [3, 9, 10],
        "keywords": ["telemedicina", "anziani", "aree montane", "connettività", "volontariato"],
        "kind": "technical_support",
        "place": "Pinerolo e valli",
        "scale": "region",
        "resources": "Otto volontari con auto, due medici disponibili, un piccolo contributo della fondazione "
                     "bancaria locale.",
        "deadline": "2027-07-31",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Associazione Canavese Bene Comune",
        "title": "Ivrea: un trasporto a chiamata per le frazioni",
        "summary": "Molte frazioni attorno a Ivrea hanno due corse di autobus al giorno. Chi non guida, anziani e "
                   "ragazzi, resta isolato. Stiamo pensando a un servizio di trasporto a chiamata con volontari e "
                   "un pulmino, e vorremmo capire la domanda reale.",
        "description": "Stiamo ancora scrivendo la proposta con due comuni della zona.\n\n"
                       "Vorremmo un'indagine sulla domanda, un'ipotesi di percorsi e orari, e una stima dei costi.",
        "sdgs": [9, 10, 11],
        "keywords": ["trasporto a chiamata", "mobilità", "aree interne", "anziani", "Ivrea"],
        "kind": "research_action",
        "place": "Ivrea",
        "scale": "region",
        "resources": "Volontari per l'indagine, contatti con i comuni.",
        "deadline": "2027-11-30",
        "visibility": "public",
        "status": "draft",
    },
    {
        "organisation": "Torino Urban Farming Collective",
        "title": "Is the soil safe? Testing a former car park for a community garden",
        "summary": "The Circoscrizione has lent us a disused car park in Aurora to turn into a community garden. "
                   "Before we grow food there, we need to know whether the soil is contaminated and what raised "
                   "beds or soil replacement would make it safe.",
        "description": "The site is about 1,200 square metres, asphalted in part, next to a former workshop.\n\n"
                       "We would like soil samples analysed for heavy metals and hydrocarbons, and advice we can "
                       "explain to the families who will garden there.",
        "sdgs": [2, 11, 15],
        "keywords": ["soil analysis", "community garden", "contamination", "urban agriculture", "Aurora"],
        "kind": "lab_access",
        "place": "Aurora",
        "scale": "neighbourhood",
        "resources": "Volunteers to take samples, the site plan, a small budget for lab fees.",
        "deadline": "2027-03-31",
        "visibility": "public",
        "status": "open",
    },
    {
        "organisation": "Torino Urban Farming Collective",
        "title": "Cooling a social housing courtyard with plants",
        "summary": "The courtyard of a public housing block in Barriera di Milano reaches 40 °C in July; older "
                   "tenants stay indoors for weeks. We want to design, with tenants, a green courtyard with shade, "
                   "climbing plants and a small vegetable garden, and measure whether it really cools.",
        "description": "The housing agency agrees in principle but wants evidence before paying for works.\n\n"
                       "We need temperature measurements this summer, a few design options and simulations of "
                       "their effect. Tenants' personal data are involved, so we show this only to Politecnico "
                       "staff.",
        "sdgs": [11, 13],
        "keywords": ["urban heat island", "green courtyard", "social housing", "climate adaptation"],
        "kind": "research_action",
        "place": "Barriera di Milano",
        "scale": "neighbourhood",
        "resources": "Tenants' committee, volunteers for planting and care, plants from our nursery.",
        "deadline": None,
        "visibility": "academics",
        "status": "open",
    },
]


# Offers of academics, by the e-mail of their author.
OFFERS = [
    # Elena Martini (DIST)
    {
        "academic": "elena.martini@polito.it",
        "title": "Laboratorio di progettazione partecipata per spazi di quartiere",
        "description": "Nel corso di Atelier di urbanistica (secondo semestre) un gruppo di 15-20 studenti può "
                       "lavorare su uno spazio di quartiere indicato da un'associazione o da un ente: un cortile, "
                       "una piazza, un giardino, un edificio da riusare.\n\n"
                       "Il lavoro comprende sopralluoghi, interviste, due incontri pubblici con gli abitanti e una "
                       "proposta progettuale presentata a fine semestre.",
        "kind": "student_project",
        "sdgs": [11, 16],
        "keywords": ["progettazione partecipata", "spazi pubblici", "rigenerazione urbana", "quartiere"],
        "capacity": 2,
        "available_from": "2027-02-15",
        "available_until": "2027-06-30",
        "status": "open",
    },
    {
        "academic": "elena.martini@polito.it",
        "title": "Mappe di comunità dei servizi di prossimità",
        "description": "Accompagno associazioni e servizi nel costruire una mappa dei servizi di un quartiere "
                       "vista dagli abitanti: dove si va a fare la spesa, dal medico, a scuola, e che cosa manca.\n\n"
                       "Il metodo unisce laboratori con gli abitanti e dati territoriali (GIS). Il risultato è "
                       "una mappa utilizzabile per chiedere servizi e progettare interventi.",
        "kind": "research_action",
        "sdgs": [10, 11],
        "keywords": ["mappe di comunità", "servizi di prossimità", "GIS", "periferie", "povertà"],
        "capacity": 2,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    {
        "academic": "elena.martini@polito.it",
        "title": "Leggere i dati del proprio territorio: corso per associazioni",
        "description": "Quattro incontri di due ore per chi lavora in associazioni e servizi: dove trovare dati "
                       "su popolazione, redditi e servizi di Torino e della città metropolitana, come farne "
                       "mappe semplici con strumenti gratuiti e come usarle in un progetto.",
        "kind": "training",
        "sdgs": [11, 17],
        "keywords": ["dati territoriali", "GIS", "formazione", "associazioni"],
        "capacity": 3,
        "available_from": "2026-10-01",
        "available_until": "2027-05-31",
        "status": "open",
    },
    # Francesco Ricci (DENERG)
    {
        "academic": "francesco.ricci@polito.it",
        "title": "Diagnosi energetiche domestiche per famiglie in povertà energetica",
        "description": "Con il mio gruppo offro diagnosi energetiche semplificate a domicilio per famiglie seguite "
                       "dai servizi sociali o da associazioni. La visita dura circa due ore ed è svolta da "
                       "studenti formati, con termocamera e misuratori di consumo.\n\n"
                       "Ogni famiglia riceve una scheda con cinque consigli concreti; l'ente riceve un quadro "
                       "d'insieme con gli interventi più efficaci per euro speso (valvole termostatiche, "
                       "isolamento dei cassonetti, manutenzione delle caldaie).",
        "kind": "technical_support",
        "sdgs": [1, 7, 11],
        "keywords": ["povertà energetica", "diagnosi energetica", "bollette", "efficienza energetica",
                     "famiglie vulnerabili"],
        "capacity": 3,
        "available_from": "2026-10-15",
        "available_until": "2027-04-15",
        "status": "open",
    },
    {
        "academic": "francesco.ricci@polito.it",
        "title": "Tesi di laurea su comunità energetiche rinnovabili in contesti sociali",
        "description": "Propongo tesi magistrali sulla fattibilità di comunità energetiche rinnovabili in "
                       "condomini di edilizia pubblica, scuole e sedi di associazioni: dimensionamento del "
                       "fotovoltaico, simulazione dei consumi, ripartizione dei benefici e forme di governance.\n\n"
                       "Ogni tesi dura circa sei mesi e si conclude con un documento comprensibile anche per gli "
                       "abitanti.",
        "kind": "student_project",
        "sdgs": [7, 11, 13],
        "keywords": ["comunità energetiche", "fotovoltaico", "edilizia residenziale pubblica", "tesi"],
        "capacity": 4,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    {
        "academic": "francesco.ricci@polito.it",
        "title": "Sportelli energia: leggere una bolletta e dare consigli giusti",
        "description": "Corso di tre incontri per operatori di sportelli sociali, CAF e associazioni: come leggere "
                       "bollette di luce e gas, riconoscere offerte svantaggiose, accedere ai bonus sociali e dare "
                       "consigli di risparmio che funzionano davvero.",
        "kind": "training",
        "sdgs": [1, 7],
        "keywords": ["bollette", "bonus sociali", "risparmio energetico", "formazione operatori"],
        "capacity": 2,
        "available_from": "2026-11-01",
        "available_until": "2027-03-31",
        "status": "open",
    },
    {
        "academic": "francesco.ricci@polito.it",
        "title": "Campagne termografiche invernali su edifici residenziali",
        "description": "Il laboratorio mette a disposizione termocamere e personale per campagne termografiche "
                       "su condomini e sedi di associazioni nei mesi freddi, per individuare dispersioni, "
                       "ponti termici e infiltrazioni prima di decidere i lavori.",
        "kind": "lab_access",
        "sdgs": [7, 11],
        "keywords": ["termografia", "dispersioni termiche", "edifici", "riqualificazione"],
        "capacity": 2,
        "available_from": "2026-12-01",
        "available_until": "2027-02-28",
        "status": "open",
    },
    # Sofia Greco (DAUIN)
    {
        "academic": "sofia.greco@polito.it",
        "title": "Corso di alfabetizzazione digitale per anziani con tutor studenti",
        "description": "Un percorso di cinque incontri per persone over 65, tenuto in una sede del quartiere: "
                       "smartphone, WhatsApp e videochiamate, SPID, fascicolo sanitario, prenotazioni online.\n\n"
                       "Ogni partecipante ha un tutor studente per tutto il corso. Prima del corso formo anche i "
                       "volontari dell'associazione, così che possano continuare dopo.",
        "kind": "training",
        "sdgs": [4, 10],
        "keywords": ["inclusione digitale", "anziani", "SPID", "alfabetizzazione digitale",
                     "tutoraggio intergenerazionale"],
        "capacity": 3,
        "available_from": "2026-10-01",
        "available_until": "2027-06-30",
        "status": "open",
    },
    {
        "academic": "sofia.greco@polito.it",
        "title": "Siti web accessibili per piccole associazioni",
        "description": "Gruppi di studenti del corso di Ingegneria del software possono rifare o migliorare il "
                       "sito di un'associazione, con attenzione all'accessibilità (WCAG) e alla facilità di "
                       "aggiornamento da parte dei volontari.",
        "kind": "student_project",
        "sdgs": [4, 10, 17],
        "keywords": ["siti web", "accessibilità digitale", "associazioni", "WCAG"],
        "capacity": 4,
        "available_from": "2027-03-01",
        "available_until": "2027-07-15",
        "status": "open",
    },
    {
        "academic": "sofia.greco@polito.it",
        "title": "Punto digitale settimanale con studenti volontari",
        "description": "Un gruppo di studenti volontari è disponibile un pomeriggio alla settimana in una casa di "
                       "quartiere o biblioteca per aiutare chiunque con telefono, computer e servizi online.\n\n"
                       "Coordino i turni e la formazione dei volontari; l'ente ospitante mette lo spazio e la "
                       "connessione.",
        "kind": "volunteering",
        "sdgs": [4, 10],
        "keywords": ["sportello digitale", "volontariato", "servizi online", "anziani"],
        "capacity": 2,
        "available_from": "2026-09-15",
        "available_until": "2027-06-15",
        "status": "open",
    },
    # James Walker (DAD)
    {
        "academic": "james.walker@polito.it",
        "title": "Accessible design studio: mapping barriers with disabled co-designers",
        "description": "In my second-year design studio, groups of students work for a semester on a real "
                       "accessibility brief: a map, a wayfinding system, a public space or a service.\n\n"
                       "People with disabilities are co-designers from the first week: they set priorities, test "
                       "prototypes and review the final proposal. The partner organisation gets surveys, "
                       "prototypes and a design report.",
        "kind": "student_project",
        "sdgs": [10, 11],
        "keywords": ["inclusive design", "accessibility map", "co-design", "wayfinding", "accessible tourism"],
        "capacity": 2,
        "available_from": "2027-02-15",
        "available_until": "2027-06-30",
        "status": "open",
    },
    {
        "academic": "james.walker@polito.it",
        "title": "Tactile and easy-read signage prototypes",
        "description": "Our model-making lab can produce prototypes of tactile maps, easy-read signs with "
                       "pictograms and raised-letter labels for public buildings, markets and museums, and test "
                       "them with users before production.",
        "kind": "technical_support",
        "sdgs": [10, 11],
        "keywords": ["tactile maps", "easy-read", "signage", "pictograms", "prototyping"],
        "capacity": 2,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    {
        "academic": "james.walker@polito.it",
        "title": "Universal design basics for NGOs and public offices",
        "description": "A half-day workshop for staff and volunteers: what universal design means, the ten most "
                       "common barriers in buildings, documents and events, and cheap ways to remove them. "
                       "Available in English or Italian.",
        "kind": "training",
        "sdgs": [10],
        "keywords": ["universal design", "accessibility", "workshop", "events"],
        "capacity": 3,
        "available_from": "2026-09-15",
        "available_until": "2027-12-15",
        "status": "open",
    },
    # Valentina Costa (DIGEP)
    {
        "academic": "valentina.costa@polito.it",
        "title": "Valutazione dell'impatto sociale per cooperative e associazioni",
        "description": "Aiuto organizzazioni del terzo settore a costruire un sistema di misurazione dell'impatto "
                       "sociale su misura: pochi indicatori, scelti con le persone coinvolte, raccolti con "
                       "strumenti leggeri.\n\n"
                       "Il percorso dura circa un anno e comprende focus group, la sperimentazione degli strumenti "
                       "e un primo report di impatto.",
        "kind": "research_action",
        "sdgs": [8, 10, 17],
        "keywords": ["impatto sociale", "indicatori", "cooperative sociali", "inserimento lavorativo",
                     "valutazione"],
        "capacity": 2,
        "available_from": "2026-10-01",
        "available_until": "2027-09-30",
        "status": "open",
    },
    {
        "academic": "valentina.costa@polito.it",
        "title": "Tesi su modelli di business per riparazione e riuso",
        "description": "Propongo tesi di laurea magistrale in Ingegneria gestionale sulla sostenibilità economica "
                       "di repair café, centri del riuso e ciclofficine sociali: costi, ricavi, volontariato, "
                       "rapporti con gli enti pubblici.",
        "kind": "student_project",
        "sdgs": [8, 12],
        "keywords": ["economia circolare", "riparazione", "riuso", "modelli di business", "tesi"],
        "capacity": 3,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    # Alessandro Fontana (DIATI)
    {
        "academic": "alessandro.fontana@polito.it",
        "title": "Campagne di misura della qualità dell'aria con le scuole",
        "description": "Il mio gruppo progetta con le scuole campagne di misura di biossido di azoto e polveri "
                       "sottili davanti agli ingressi e nei cortili: campionatori passivi, sensori a basso costo "
                       "calibrati, lezioni in classe su come leggere i dati.\n\n"
                       "Alla fine della campagna presentiamo i risultati a famiglie e amministrazioni, con "
                       "proposte concrete (strade scolastiche, orari, verde).",
        "kind": "research_action",
        "sdgs": [3, 4, 11],
        "keywords": ["qualità dell'aria", "scuole", "citizen science", "PM10", "biossido di azoto"],
        "capacity": 2,
        "available_from": "2026-10-01",
        "available_until": "2027-05-31",
        "status": "open",
    },
    {
        "academic": "alessandro.fontana@polito.it",
        "title": "Supporto all'analisi di dati ambientali",
        "description": "Offro consulenza a enti e associazioni che raccolgono dati ambientali (aria, rumore, "
                       "temperatura, suolo) e non sanno come verificarli e interpretarli: controlli di qualità, "
                       "confronto con le centraline ufficiali, grafici e una breve relazione.",
        "kind": "technical_support",
        "sdgs": [3, 11],
        "keywords": ["dati ambientali", "monitoraggio ambientale", "sensori", "analisi dei dati"],
        "capacity": 1,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    # Laura Moretti (DISEG)
    {
        "academic": "laura.moretti@polito.it",
        "title": "Sopralluoghi tecnici su edifici da riqualificare",
        "description": "Con due assegnisti svolgo sopralluoghi su edifici e alloggi da recuperare: stato delle "
                       "strutture, umidità, impianti, barriere architettoniche. Ogni sopralluogo produce una "
                       "scheda con lavori necessari, priorità e costi indicativi.\n\n"
                       "In pausa fino al mio rientro dal congedo di ricerca.",
        "kind": "technical_support",
        "sdgs": [9, 11],
        "keywords": ["recupero edilizio", "sopralluoghi", "alloggi sfitti", "barriere architettoniche"],
        "capacity": 2,
        "available_from": "2027-03-01",
        "available_until": "2027-12-31",
        "status": "paused",
    },
    {
        "academic": "laura.moretti@polito.it",
        "title": "Laboratorio di recupero edilizio per l'abitare sociale",
        "description": "Nel laboratorio progettuale del quarto anno gli studenti sviluppano progetti di "
                       "riqualificazione di edifici di edilizia sociale indicati da enti e agenzie per la casa, "
                       "con attenzione a sicurezza, energia e accessibilità.",
        "kind": "student_project",
        "sdgs": [7, 11],
        "keywords": ["edilizia sociale", "riqualificazione", "accessibilità", "progetto"],
        "capacity": 1,
        "available_from": "2027-09-15",
        "available_until": "2027-12-31",
        "status": "open",
    },
    # Mei Chen (DISMA)
    {
        "academic": "mei.chen@polito.it",
        "title": "Early-warning indicators of school drop-out",
        "description": "I help schools and after-school programmes build simple early-warning indicators from "
                       "data they already have: absences, grades, changes of school.\n\n"
                       "We agree together how the indicators are used, so that they lead to support, not to "
                       "labels. Data stay anonymous and under the school's control.",
        "kind": "research_action",
        "sdgs": [4, 10],
        "keywords": ["school drop-out", "early warning", "education data", "statistics"],
        "capacity": 2,
        "available_from": "2026-09-15",
        "available_until": "2027-06-30",
        "status": "open",
    },
    {
        "academic": "mei.chen@polito.it",
        "title": "Data analysis for social programmes: from spreadsheets to evidence",
        "description": "Many organisations collect data for years and never analyse them. I can look at your "
                       "records (anonymised), clean them, and produce a short report with the answers you need "
                       "for funders, plus a reusable template.",
        "kind": "technical_support",
        "sdgs": [17],
        "keywords": ["data analysis", "statistics", "monitoring", "social programmes", "surveys"],
        "capacity": 2,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    {
        "academic": "mei.chen@polito.it",
        "title": "Statistics clinic for NGOs",
        "description": "Once a month, a two-hour drop-in session (online or at the Politecnico) where staff of "
                       "NGOs and public services can bring a questionnaire, a dataset or a chart and get advice.",
        "kind": "other",
        "sdgs": [4, 17],
        "keywords": ["statistics", "survey design", "questionnaires", "advice"],
        "capacity": 5,
        "available_from": "2026-10-01",
        "available_until": "2027-07-31",
        "status": "open",
    },
    # Roberto Ferraris (DET)
    {
        "academic": "roberto.ferraris@polito.it",
        "title": "Costruire centraline ambientali nel laboratorio di elettronica",
        "description": "Apro il laboratorio di elettronica a classi delle medie e delle superiori per costruire "
                       "centraline per aria, rumore e temperatura. I kit si montano senza saldature in due "
                       "lezioni e i dati finiscono su una piattaforma aperta.\n\n"
                       "Posso ospitare una classe alla volta, il mercoledì mattina.",
        "kind": "lab_access",
        "sdgs": [4, 9, 11],
        "keywords": ["sensori", "qualità dell'aria", "scuole", "elettronica", "didattica STEM"],
        "capacity": 3,
        "available_from": "2026-10-01",
        "available_until": "2027-05-31",
        "status": "open",
    },
    {
        "academic": "roberto.ferraris@polito.it",
        "title": "Una rete LoRaWAN di quartiere per il monitoraggio ambientale",
        "description": "Propongo a quartieri, comuni e scuole l'installazione di una piccola rete LoRaWAN con "
                       "sensori a basso consumo: livelli d'acqua, temperatura, qualità dell'aria. Ci occupiamo del "
                       "progetto della rete, della configurazione e della formazione di chi la gestirà.",
        "kind": "research_action",
        "sdgs": [9, 11, 13],
        "keywords": ["LoRaWAN", "IoT", "monitoraggio ambientale", "sensori", "reti di sensori"],
        "capacity": 1,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    {
        "academic": "roberto.ferraris@polito.it",
        "title": "Tesi: sensori di livello a basso costo per i torrenti",
        "description": "Tesi triennale o magistrale sul progetto e la prova di un sensore di livello a ultrasuoni "
                       "per piccoli torrenti, alimentato a pannello solare, da installare con una scuola o un "
                       "gruppo di protezione civile.",
        "kind": "student_project",
        "sdgs": [11, 13],
        "keywords": ["sensori di livello", "torrenti", "rischio alluvionale", "tesi", "IoT"],
        "capacity": 2,
        "available_from": "2027-01-15",
        "available_until": "2027-10-31",
        "status": "open",
    },
    # Chiara Bellini (DIMEAS)
    {
        "academic": "chiara.bellini@polito.it",
        "title": "Ausili sportivi su misura progettati con gli atleti",
        "description": "Gli studenti del corso di Progettazione biomeccanica lavorano con società sportive per "
                       "progettare e stampare in 3D ausili su misura: guanti di spinta, protezioni, supporti e "
                       "fissaggi per carrozzine sportive.\n\n"
                       "Gli atleti partecipano alle misure e alle prove in palestra; i file di progetto restano "
                       "alla società, che può ristamparli.",
        "kind": "student_project",
        "sdgs": [3, 10],
        "keywords": ["sport inclusivo", "ausili", "stampa 3D", "carrozzina", "biomeccanica"],
        "capacity": 2,
        "available_from": "2027-02-15",
        "available_until": "2027-07-15",
        "status": "open",
    },
    {
        "academic": "chiara.bellini@polito.it",
        "title": "Laboratorio di biomeccanica aperto alle società sportive",
        "description": "Il laboratorio dispone di sensori inerziali, piattaforme di forza e sistemi di "
                       "acquisizione video. Le società sportive per persone con disabilità possono usarlo, con "
                       "il nostro supporto, per analizzare il gesto atletico o provare ausili.",
        "kind": "lab_access",
        "sdgs": [3],
        "keywords": ["biomeccanica", "analisi del movimento", "sport paralimpico", "laboratorio"],
        "capacity": 3,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    {
        "academic": "chiara.bellini@polito.it",
        "title": "Postazioni di lavoro adatte a persone con disabilità",
        "description": "Valutazione ergonomica di postazioni in laboratori, officine e uffici di cooperative e "
                       "imprese sociali, con proposte di adattamento semplici ed economiche.",
        "kind": "technical_support",
        "sdgs": [8, 10],
        "keywords": ["ergonomia", "disabilità", "postazioni di lavoro", "inserimento lavorativo"],
        "capacity": 1,
        "available_from": "2026-09-15",
        "available_until": "2027-06-30",
        "status": "open",
    },
    # Daniele Sacco (DISAT)
    {
        "academic": "daniele.sacco@polito.it",
        "title": "Analisi dei guasti per repair café e laboratori di riuso",
        "description": "Aiuto repair café e centri del riuso a leggere i registri delle riparazioni: quali "
                       "oggetti si rompono, perché, quanti rifiuti si evitano. Quando serve analizziamo in "
                       "laboratorio i componenti rotti per capire il materiale e suggerire ricambi.",
        "kind": "technical_support",
        "sdgs": [12, 13],
        "keywords": ["repair café", "riparazione", "materiali", "economia circolare", "rifiuti"],
        "capacity": 2,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    {
        "academic": "daniele.sacco@polito.it",
        "title": "Analisi del suolo per orti urbani",
        "description": "Il laboratorio può analizzare campioni di terreno destinati a orti urbani e giardini "
                       "condivisi (metalli pesanti, idrocarburi, pH, sostanza organica) e spiegare i risultati "
                       "agli ortolani, con indicazioni su cassoni rialzati o sostituzione del suolo.",
        "kind": "lab_access",
        "sdgs": [2, 3, 15],
        "keywords": ["analisi del suolo", "orti urbani", "contaminazione", "metalli pesanti"],
        "capacity": 2,
        "available_from": "2026-11-01",
        "available_until": "2027-06-30",
        "status": "open",
    },
    {
        "academic": "daniele.sacco@polito.it",
        "title": "Un ricercatore al repair café",
        "description": "Una domenica al mese vengo, con qualche dottorando, a riparare insieme ai volontari di un "
                       "repair café. Portiamo strumenti di misura e la curiosità di capire come sono fatti gli "
                       "oggetti.",
        "kind": "volunteering",
        "sdgs": [12],
        "keywords": ["repair café", "volontariato", "riparazione"],
        "capacity": 1,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    # Priya Nair (DAUIN)
    {
        "academic": "priya.nair@polito.it",
        "title": "Accessible mobile and web map prototypes",
        "description": "Students in my human-computer interaction course build working prototypes of accessible "
                       "maps and apps for community organisations: accessibility maps, route planners, service "
                       "directories.\n\n"
                       "Every prototype is tested with screen-reader users and older adults and follows WCAG 2.2.",
        "kind": "student_project",
        "sdgs": [10, 11],
        "keywords": ["accessibility map", "mobile apps", "digital accessibility", "WCAG", "accessible tourism"],
        "capacity": 2,
        "available_from": "2026-09-20",
        "available_until": "2027-01-31",
        "status": "open",
    },
    {
        "academic": "priya.nair@polito.it",
        "title": "Open data and maps for community organisations",
        "description": "A short course (three sessions) on finding open data about Turin, collecting your own "
                       "with simple forms, and publishing them on a web map, with free tools only.",
        "kind": "training",
        "sdgs": [11, 17],
        "keywords": ["open data", "web maps", "OpenStreetMap", "training"],
        "capacity": 2,
        "available_from": "2027-02-01",
        "available_until": "2027-05-31",
        "status": "open",
    },
    {
        "academic": "priya.nair@polito.it",
        "title": "Usability testing of public-service websites and booking tools",
        "description": "We test websites and booking systems with the people who struggle with them most (older "
                       "adults, people with disabilities, people with little Italian) and give the organisation "
                       "a prioritised list of fixes.",
        "kind": "research_action",
        "sdgs": [10, 16],
        "keywords": ["usability testing", "public services", "online booking", "older adults",
                     "digital inclusion"],
        "capacity": 1,
        "available_from": None,
        "available_until": None,
        "status": "open",
    },
    # Giovanna Pautasso (DIST)
    {
        "academic": "giovanna.pautasso@polito.it",
        "title": "Accompagnamento a progetti di cohousing e abitare collaborativo",
        "description": "Accompagno enti pubblici, agenzie per la casa e gruppi di abitanti nella progettazione di "
                       "cohousing e condomini solidali: analisi dei bisogni, scelta degli spazi comuni, regole di "
                       "convivenza, modello di gestione e sostenibilità economica.\n\n"
                       "Il lavoro si svolge con laboratori con i futuri abitanti e con il supporto di due "
                       "dottorandi.",
        "kind": "research_action",
        "sdgs": [1, 10, 11],
        "keywords": ["cohousing", "abitare collaborativo", "housing sociale", "anziani", "progettazione sociale"],
        "capacity": 2,
        "available_from": "2026-10-01",
        "available_until": "2027-12-31",
        "status": "open",
    },
    {
        "academic": "giovanna.pautasso@polito.it",
        "title": "Seminario: strumenti per l'abitare sociale",
        "description": "Un seminario di una giornata per operatori di servizi sociali e del terzo settore: agenzie "
                       "sociali per la casa, canone concordato, garanzie per i proprietari, abitare temporaneo.",
        "kind": "training",
        "sdgs": [1, 11],
        "keywords": ["politiche abitative", "canone concordato", "abitare temporaneo", "formazione"],
        "capacity": 2,
        "available_from": "2027-01-15",
        "available_until": "2027-06-30",
        "status": "open",
    },
    {
        "academic": "giovanna.pautasso@polito.it",
        "title": "Tesi sull'abitare temporaneo per giovani rifugiati",
        "description": "Tesi di laurea magistrale sui modelli di abitare temporaneo per giovani che escono dai "
                       "centri di accoglienza. La tesi è stata assegnata e l'offerta è chiusa.",
        "kind": "student_project",
        "sdgs": [1, 10, 11],
        "keywords": ["abitare temporaneo", "rifugiati", "giovani", "politiche abitative"],
        "capacity": 1,
        "available_from": "2026-09-15",
        "available_until": "2027-03-31",
        "status": "closed",
    },
    # Andrea Perino (DENERG)
    {
        "academic": "andrea.perino@polito.it",
        "title": "Mappare le isole di calore con misure e simulazioni",
        "description": "Nell'ambito del mio dottorato posso studiare l'isola di calore di un quartiere o di un "
                       "comune: misure itineranti con stazione meteo mobile nelle notti estive, simulazioni "
                       "ENVI-met di scenari con alberi, superfici chiare e ombreggiamenti.\n\n"
                       "Il risultato è una mappa delle zone più calde e una stima del raffrescamento di ogni "
                       "intervento.",
        "kind": "research_action",
        "sdgs": [3, 11, 13],
        "keywords": ["isole di calore", "microclima urbano", "alberature", "ENVI-met", "adattamento climatico"],
        "capacity": 1,
        "available_from": "2027-05-01",
        "available_until": "2027-09-30",
        "status": "open",
    },
    {
        "academic": "andrea.perino@polito.it",
        "title": "Passeggiate termiche con cittadini e studenti",
        "description": "Organizzo passeggiate serali d'estate in cui cittadini e studenti misurano temperatura e "
                       "umidità con strumenti portatili e scoprono come cambia il caldo da una strada all'altra. "
                       "Un modo semplice per avviare un progetto sul verde di quartiere.",
        "kind": "other",
        "sdgs": [11, 13],
        "keywords": ["isole di calore", "citizen science", "sensibilizzazione", "caldo estivo"],
        "capacity": 3,
        "available_from": "2027-06-15",
        "available_until": "2027-08-31",
        "status": "open",
    },
    # Nora Hansen (DIATI)
    {
        "academic": "nora.hansen@polito.it",
        "title": "Community flood-risk mapping with schools and citizens",
        "description": "My group works with schools, civil protection volunteers and residents to map flood risk "
                       "in small Alpine catchments: staff gauges read by students, photos of past floods, walks "
                       "along the streams, and a final map and family guide written together.\n\n"
                       "We have run this in the Susa and Chisone valleys and can start a new valley each year.",
        "kind": "research_action",
        "sdgs": [4, 11, 13],
        "keywords": ["flood risk", "citizen science", "schools", "civil protection", "Susa Valley"],
        "capacity": 2,
        "available_from": "2026-10-01",
        "available_until": "2027-06-30",
        "status": "open",
    },
    {
        "academic": "nora.hansen@polito.it",
        "title": "Nature-based solutions for school yards",
        "description": "Master's students design depaving and planting projects for asphalted school yards, "
                       "estimating the reduction in runoff and summer temperatures and the maintenance needed.",
        "kind": "student_project",
        "sdgs": [6, 11, 13],
        "keywords": ["nature-based solutions", "school yards", "depaving", "climate adaptation"],
        "capacity": 3,
        "available_from": "2027-02-15",
        "available_until": "2027-07-31",
        "status": "open",
    },
    {
        "academic": "nora.hansen@polito.it",
        "title": "Climate adaptation talks for small municipalities",
        "description": "A cycle of three evening talks for councillors, technical staff and residents of small "
                       "municipalities: what climate change means for floods and droughts in the valley, and "
                       "which low-cost measures work.",
        "kind": "training",
        "sdgs": [13, 17],
        "keywords": ["climate adaptation", "municipalities", "flood risk", "drought"],
        "capacity": 2,
        "available_from": "2026-10-15",
        "available_until": "2027-04-30",
        "status": "open",
    },
    # Carlo Audisio (DIGEP)
    {
        "academic": "carlo.audisio@polito.it",
        "title": "Ottimizzazione dei giri di raccolta delle eccedenze alimentari",
        "description": "Aiuto banchi alimentari, empori e imprese sociali a pianificare i ritiri di eccedenze da "
                       "mercati e supermercati con modelli di ottimizzazione dei percorsi, tenendo conto di orari, "
                       "capacità dei mezzi e destinazioni.\n\n"
                       "Lo strumento finale è un foglio di calcolo usabile ogni mattina dal responsabile dei giri. "
                       "In pausa fino al mio rientro a marzo.",
        "kind": "technical_support",
        "sdgs": [2, 12],
        "keywords": ["spreco alimentare", "logistica", "ottimizzazione dei percorsi", "mercati rionali",
                     "banchi alimentari"],
        "capacity": 1,
        "available_from": "2027-03-01",
        "available_until": "2027-12-31",
        "status": "paused",
    },
    {
        "academic": "carlo.audisio@polito.it",
        "title": "Tesi su magazzini solidali e gestione delle scorte",
        "description": "Tesi di laurea in Ingegneria gestionale presso un emporio solidale, un banco alimentare o "
                       "una mensa: analisi dei flussi, regole di rotazione delle scorte, riduzione degli scarti. "
                       "Lo studente passa in magazzino almeno un giorno a settimana.",
        "kind": "student_project",
        "sdgs": [2, 12],
        "keywords": ["gestione delle scorte", "magazzino", "spreco alimentare", "tesi"],
        "capacity": 2,
        "available_from": "2027-03-01",
        "available_until": "2027-12-31",
        "status": "open",
    },
    # Beatrice Longo (DAD)
    {
        "academic": "beatrice.longo@polito.it",
        "title": "Co-progettare con i ragazzi spazi di ascolto e benessere",
        "description": "Propongo un percorso di co-progettazione con ragazzi e ragazze tra i 14 e i 24 anni per "
                       "ripensare spazi e servizi che si occupano del loro benessere: accoglienza, arredi, "
                       "comunicazione, luoghi in cui incontrarli.\n\n"
                       "Usiamo strumenti del design dei servizi (mappe dell'esperienza, prototipi rapidi) e "
                       "restituiamo un insieme di proposte testate con i ragazzi stessi.",
        "kind": "research_action",
        "sdgs": [3, 10],
        "keywords": ["co-progettazione", "giovani", "salute mentale", "design dei servizi", "spazi di ascolto"],
        "capacity": 1,
        "available_from": "2026-11-01",
        "available_until": "2027-10-31",
        "status": "open",
    },
    {
        "academic": "beatrice.longo@polito.it",
        "title": "Design partecipato di spazi sportivi inclusivi",
        "description": "Un laboratorio di progetto in cui gli studenti ripensano, con atleti e allenatori, "
                       "palestre e campi di base perché siano davvero accessibili e accoglienti: spogliatoi, "
                       "percorsi, tribune, segnaletica.",
        "kind": "student_project",
        "sdgs": [3, 10, 11],
        "keywords": ["sport inclusivo", "impianti sportivi", "accessibilità", "design partecipato"],
        "capacity": 2,
        "available_from": "2027-02-15",
        "available_until": "2027-06-30",
        "status": "open",
    },
    {
        "academic": "beatrice.longo@polito.it",
        "title": "Identità visiva e comunicazione per piccole associazioni",
        "description": "Con un gruppo di studenti di Design della comunicazione posso aiutare associazioni e "
                       "cooperative a rifare logo, volantini e pagine social, con materiali facili da aggiornare "
                       "da soli.",
        "kind": "other",
        "sdgs": [17],
        "keywords": ["comunicazione visiva", "associazioni", "grafica", "social media"],
        "capacity": 3,
        "available_from": "2026-10-01",
        "available_until": "2027-01-31",
        "status": "open",
    },
    # Samuel Okafor (DET)
    {
        "academic": "samuel.okafor@polito.it",
        "title": "Wearable fall-detection pilots for older people living alone",
        "description": "As part of my PhD I ran small pilots of wrist-worn fall detectors with home-care services. "
                       "The pilots have ended and I am writing my thesis, so this offer is closed; the results "
                       "are available on request.",
        "kind": "research_action",
        "sdgs": [3, 9],
        "keywords": ["fall detection", "wearable sensors", "elderly care", "telemonitoring"],
        "capacity": 1,
        "available_from": "2026-09-01",
        "available_until": "2026-12-31",
        "status": "closed",
    },
]
