"""A realistic generated corpus for the benchmark: challenge-like and offer-like texts, Italian and English.

Texts are drawn from a vocabulary of the field (social inclusion, energy poverty, accessibility, education,
housing, mobility, health, environment, digital inclusion, circular economy, ...). Each language has
function words (which the analysis drops), general project words, the words of each theme, inflected forms
of all of them (so the stemmer has work to do) and a long tail of rarer words (places, years, codes and
made-up technical words): a few thousand distinct words per language. Each document belongs to one or two
themes; its words are sampled with a Zipf-like frequency within each group, so common words are common and
most words are rare, as in real text. Title 6–12 words, keywords 3–6, body 60–150 words.

Everything is vectorised numpy sampling of word ids with one seeded generator, then one string join per
field: a million offers take seconds. The same seed gives the same corpus.
"""
from dataclasses import dataclass

import numpy as np

from matchmaker.engine.index import TextDoc

# --- the vocabulary of the field ----------------------------------------------------------------------

_FUNCTION = {
    "en": "the of and to in a for with on by is are be as that this from at or an we will which their it "
          "our its more than all also not can into has have who through local new these between about such "
          "both each other most where how they them was were been but while over under within across",
    "it": "il lo la i gli le di del della dei delle degli e ed a al alla ai alle da dal dalla in nel nella "
          "nei nelle con su sul sulla per tra fra che è sono un una uno come anche più non si ci ne questo "
          "questa questi queste loro nostro nostra ogni tutti tutte sia dove quando essere hanno ha o ma",
}

_GENERAL = {
    "en": "project community communities people support service services public city cities area areas "
          "network partners partner research university students student data model models analysis "
          "design development plan planning policy policies programme action actions impact impacts "
          "territory regional municipality municipalities association associations cooperative "
          "cooperatives organisation organisations volunteers citizens citizen participation process "
          "processes tools tool method methods approach solution solutions needs need resources funding "
          "evaluation monitoring indicators training skills knowledge experience innovation social "
          "sustainable sustainability challenge challenges collaboration co-design workshop workshops "
          "pilot testing survey surveys interviews stakeholders families young elderly vulnerable groups "
          "quality access improve improving build building create creating develop developing reduce "
          "reducing support supporting measure measuring share sharing engage engaging",
    "it": "progetto comunità persone supporto servizio servizi pubblico pubblica città area aree rete "
          "partner ricerca università studenti studente dati modello modelli analisi progettazione "
          "sviluppo piano pianificazione politica politiche programma azione azioni impatto impatti "
          "territorio regionale comune comuni associazione associazioni cooperativa cooperative "
          "organizzazione organizzazioni volontari cittadini cittadino partecipazione processo processi "
          "strumenti strumento metodo metodi approccio soluzione soluzioni bisogni bisogno risorse "
          "finanziamento valutazione monitoraggio indicatori formazione competenze conoscenza esperienza "
          "innovazione sociale sostenibile sostenibilità sfida sfide collaborazione coprogettazione "
          "laboratorio laboratori sperimentazione indagine questionari interviste attori famiglie giovani "
          "anziani fragili gruppi qualità accesso migliorare costruire creare sviluppare ridurre "
          "sostenere misurare condividere coinvolgere coinvolgimento",
}

_THEMES = {
    "social inclusion": {
        "en": "inclusion exclusion poverty migrants refugees integration marginalised minorities "
              "discrimination equality inequality welfare neighbourhood homeless homelessness "
              "unemployment employment job jobs mentoring cohesion solidarity dignity rights volunteering "
              "outreach peer empowerment gender women disability",
        "it": "inclusione esclusione povertà migranti rifugiati integrazione emarginazione minoranze "
              "discriminazione uguaglianza disuguaglianza welfare quartiere senzatetto disoccupazione "
              "occupazione lavoro inserimento lavorativo tutoraggio coesione solidarietà dignità diritti "
              "volontariato prossimità pari empowerment genere donne disabilità",
    },
    "energy poverty": {
        "en": "energy poverty heating cooling bills consumption efficiency renewable renewables solar "
              "photovoltaic insulation retrofit households tariff tariffs electricity gas heat pumps "
              "thermal comfort dwellings audit audits savings community energy cooperative prosumers "
              "grid storage smart meters",
        "it": "energia energetica povertà riscaldamento raffrescamento bollette consumi efficienza "
              "rinnovabili solare fotovoltaico isolamento riqualificazione nuclei familiari tariffa "
              "tariffe elettricità gas pompe calore termico comfort abitazioni diagnosi risparmio "
              "comunità energetiche autoconsumo rete accumulo contatori intelligenti",
    },
    "accessibility": {
        "en": "accessibility accessible barriers disability disabled wheelchair blind deaf deafness "
              "visually impaired hearing sign language ramps wayfinding universal design assistive "
              "technologies mobility impairment autonomy independent living caregivers ergonomics",
        "it": "accessibilità accessibile barriere architettoniche disabilità disabili carrozzina ciechi "
              "sordi sordità ipovedenti udito lingua segni rampe orientamento progettazione universale "
              "tecnologie assistive ausili autonomia vita indipendente caregiver ergonomia",
    },
    "education": {
        "en": "education school schools teachers teaching learning pupils classroom curriculum dropout "
              "early leaving literacy numeracy stem tutoring after-school lifelong adult education "
              "vocational apprenticeships digital skills educational poverty kindergarten children "
              "adolescents orientation",
        "it": "istruzione educazione scuola scuole insegnanti docenti insegnamento apprendimento alunni "
              "classe didattica dispersione scolastica abbandono alfabetizzazione matematica doposcuola "
              "tutorato formazione permanente adulti professionale apprendistato povertà educativa "
              "infanzia bambini ragazzi adolescenti orientamento",
    },
    "housing": {
        "en": "housing affordable rent rents tenants landlords social housing cohousing homes apartments "
              "eviction evictions regeneration urban renewal vacant buildings refurbishment condominium "
              "dwellings overcrowding estate estates neighbourhoods gentrification temporary shelter",
        "it": "abitare abitativo abitativa casa case affitto affitti inquilini proprietari edilizia "
              "popolare cohousing alloggi appartamenti sfratto sfratti rigenerazione urbana edifici "
              "vuoti sfitti ristrutturazione condominio sovraffollamento quartieri gentrificazione "
              "accoglienza temporanea",
    },
    "mobility": {
        "en": "mobility transport transportation bus buses cycling bicycle bikes pedestrians walking "
              "traffic congestion commuting public transport sharing car-sharing electric vehicles "
              "charging logistics last-mile road safety accessibility stops railway suburbs",
        "it": "mobilità trasporto trasporti autobus ciclabilità bicicletta biciclette pedoni pedonale "
              "traffico congestione pendolari trasporto pubblico condivisione sharing veicoli elettrici "
              "ricarica logistica ultimo miglio sicurezza stradale fermate ferrovia periferie",
    },
    "health": {
        "en": "health healthcare care patients hospital hospitals prevention wellbeing mental "
              "loneliness ageing dementia chronic diseases nutrition obesity physical activity "
              "telemedicine nursing home care primary doctors pharmacies screening addiction",
        "it": "salute sanità cura cure pazienti ospedale ospedali prevenzione benessere mentale "
              "solitudine invecchiamento demenza malattie croniche nutrizione obesità attività fisica "
              "telemedicina assistenza domiciliare infermieri medici farmacie screening dipendenze",
    },
    "environment": {
        "en": "environment environmental climate change adaptation mitigation emissions carbon air "
              "pollution quality green spaces parks trees biodiversity water rivers flooding floods heat "
              "waves resilience soil agriculture urban gardens ecosystem nature",
        "it": "ambiente ambientale clima cambiamento climatico adattamento mitigazione emissioni carbonio "
              "aria inquinamento qualità verde spazi parchi alberi biodiversità acqua fiumi alluvioni "
              "ondate calore resilienza suolo agricoltura orti urbani ecosistemi natura",
    },
    "digital inclusion": {
        "en": "digital divide inclusion internet connectivity broadband devices computers smartphones "
              "literacy online services platform platforms app apps software open source data privacy "
              "cybersecurity e-government artificial intelligence algorithms elderly",
        "it": "digitale divario inclusione internet connettività banda larga dispositivi computer "
              "smartphone alfabetizzazione servizi online piattaforma piattaforme app applicazioni "
              "software open source dati privacy sicurezza informatica amministrazione intelligenza "
              "artificiale algoritmi",
    },
    "circular economy": {
        "en": "circular economy waste recycling reuse repair refurbishment materials textiles packaging "
              "food waste surplus redistribution composting plastics upcycling second-hand products "
              "lifecycle assessment supply chains manufacturing resources sharing",
        "it": "economia circolare rifiuti riciclo riuso riparazione ricondizionamento materiali tessili "
              "imballaggi spreco alimentare eccedenze redistribuzione compostaggio plastica upcycling "
              "usato prodotti ciclo vita filiere produzione risorse condivisione",
    },
    "culture": {
        "en": "culture cultural heritage museums libraries theatre arts artists festival memory "
              "storytelling archives tourism cultural welfare creative industries",
        "it": "cultura culturale patrimonio musei biblioteche teatro arte artisti festival memoria "
              "narrazione archivi turismo welfare culturale industrie creative",
    },
    "food": {
        "en": "food security markets farmers local food short supply chains canteens school meals "
              "diet healthy eating food banks urban agriculture",
        "it": "cibo sicurezza alimentare mercati agricoltori filiera corta mense pasti scolastici dieta "
              "alimentazione sana banchi alimentari agricoltura urbana",
    },
}
THEMES = tuple(_THEMES)

_PLACES = ("Torino Milano Genova Aosta Cuneo Asti Alessandria Novara Biella Vercelli Ivrea Pinerolo Chieri "
           "Moncalieri Collegno Rivoli Settimo Grugliasco Nichelino Venaria Barriera Aurora Mirafiori Vallette "
           "Falchera Lingotto Vanchiglia Borgata Canavese Langhe Roero Monferrato Valsusa Piemonte Liguria "
           "Lombardia").split()

_EN_SUFFIXES = ("s", "ing", "ed", "er", "al", "ly", "ity", "ness")
_IT_SUFFIXES = ("i", "e", "a", "o", "ità", "mente", "ale", "ali", "ivo", "iva", "zione", "zioni")
_SYLLABLES = ("ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li lo lu ma "
              "me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve "
              "vi vo vu tra tre tri pro pre spe stra con ter per").split()


@dataclass(frozen=True)
class Vocabulary:
    """The words of one language in groups: function, general, one list per theme, rare."""

    language: str
    function: tuple[str, ...]
    general: tuple[str, ...]
    themes: tuple[tuple[str, ...], ...]
    rare: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(set(self.function) | set(self.general) | set(self.rare)
                   | {w for words in self.themes for w in words})


def _inflected(words: list[str], language: str, rng: np.random.Generator) -> list[str]:
    """Each word, then one or two derived forms of it: the stemmer brings many back together."""
    suffixes = _EN_SUFFIXES if language == "en" else _IT_SUFFIXES
    result = list(dict.fromkeys(words))
    for word in list(result):
        if len(word) < 5 or "-" in word:
            continue
        stem = word[:-1] if word[-1] in "aeiouy" else word
        for suffix in rng.choice(suffixes, size=2, replace=False):
            form = stem + suffix
            if form not in result:
                result.append(form)
    return result


def build_vocabulary(language: str, seed: int = 0, rare_words: int = 1500) -> Vocabulary:
    """The vocabulary of one language, the same for the same seed."""
    rng = np.random.default_rng([seed, 0 if language == "en" else 1])
    general = _inflected(_GENERAL[language].split(), language, rng)
    themes = tuple(tuple(_inflected(_THEMES[name][language].split(), language, rng)) for name in THEMES)
    rare = {*_PLACES, *(str(year) for year in range(1990, 2036)), *(f"sdg{n}" for n in range(1, 18)),
            *(f"pm{n}" for n in (1, 2, 10)), *(f"{x}{n}" for x in ("lab", "wp", "d", "task") for n in range(1, 12))}
    ending = ("ics", "ology", "ation", "ism", "ure") if language == "en" else ("ica", "ologia", "zione", "ismo", "ura")
    while len(rare) < rare_words:
        word = "".join(rng.choice(_SYLLABLES, size=rng.integers(2, 4))) + str(rng.choice(ending))
        rare.add(word)
    rare_sorted = sorted(rare)
    rng.shuffle(rare_sorted)
    return Vocabulary(language, tuple(_FUNCTION[language].split()), tuple(general), themes, tuple(rare_sorted))


# --- sampling -------------------------------------------------------------------------------------------

def _zipf_cdf(n: int, exponent: float = 1.05) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return np.cumsum(weights) / weights.sum()


class _Sampler:
    """Word ids of one language: a flat word list, and for each group its slice and Zipf CDF."""

    # Share of each group in body text (function words are many, as in real prose); titles and keywords
    # are mostly theme words.
    BODY = {"function": 0.38, "general": 0.22, "theme": 0.34, "rare": 0.06}
    TITLE = {"function": 0.15, "general": 0.25, "theme": 0.55, "rare": 0.05}
    KEYWORDS = {"function": 0.0, "general": 0.2, "theme": 0.75, "rare": 0.05}

    def __init__(self, vocabulary: Vocabulary) -> None:
        groups = [("function", vocabulary.function), ("general", vocabulary.general), ("rare", vocabulary.rare)]
        groups += [(f"theme{i}", words) for i, words in enumerate(vocabulary.themes)]
        self.words: list[str] = []
        self.groups: dict[str, tuple[int, np.ndarray]] = {}
        for name, words in groups:
            self.groups[name] = (len(self.words), _zipf_cdf(len(words)))
            self.words.extend(words)
        self.n_themes = len(vocabulary.themes)

    def draw(self, rng: np.random.Generator, main: np.ndarray, second: np.ndarray, lengths: np.ndarray,
             shares: dict[str, float]) -> np.ndarray:
        """Word ids for documents of the given lengths; a theme word is of the main theme two times in three."""
        total = int(lengths.sum())
        owner = np.repeat(np.arange(len(lengths)), lengths)
        names = [name for name, share in shares.items() if share > 0]
        probabilities = np.array([shares[name] for name in names])
        group = rng.choice(len(names), size=total, p=probabilities / probabilities.sum())
        uniform = rng.random(total)
        ids = np.empty(total, dtype=np.int32)
        for g, name in enumerate(names):
            mask = group == g
            if name == "theme":
                docs = owner[mask]
                themes = np.where(rng.random(len(docs)) < 0.67, main[docs], second[docs])
                part = np.empty(int(mask.sum()), dtype=np.int32)
                u = uniform[mask]
                for t in range(self.n_themes):
                    start, cdf = self.groups[f"theme{t}"]
                    chosen = themes == t
                    part[chosen] = start + np.searchsorted(cdf, u[chosen])
                ids[mask] = part
            else:
                start, cdf = self.groups[name]
                ids[mask] = start + np.searchsorted(cdf, uniform[mask])
        return ids

    def join(self, ids: np.ndarray, lengths: np.ndarray, capitalise: bool = False, sep: str = " ") -> list[str]:
        words = self.words
        tokens = [words[i] for i in ids.tolist()]
        ends = np.cumsum(lengths).tolist()
        starts = [0] + ends[:-1]
        texts = [sep.join(tokens[a:b]) for a, b in zip(starts, ends, strict=True)]
        return [t[:1].upper() + t[1:] for t in texts] if capitalise else texts


def generate(n: int, kind: str = "offer", seed: int = 0, english_share: float = 0.5,
             batch: int = 100_000) -> list[TextDoc]:
    """`n` challenge-like or offer-like texts with keys "<kind>:<i>", their language given.

    The language is the one the product detects once when a text is saved, so refits and builds with a
    known language follow the product's path.
    """
    samplers = {lang: _Sampler(build_vocabulary(lang, seed)) for lang in ("en", "it")}
    rng = np.random.default_rng([seed, 7, 0 if kind == "challenge" else 1])
    docs: list[TextDoc] = []
    for start in range(0, n, batch):
        count = min(batch, n - start)
        english = rng.random(count) < english_share
        # One main theme; a second one for about a third of the documents (a third of their theme words).
        main = rng.integers(0, len(THEMES), size=count)
        second = np.where(rng.random(count) < 0.35, rng.integers(0, len(THEMES), size=count), main)
        title_len = rng.integers(6, 13, size=count)
        keyword_len = rng.integers(3, 7, size=count)
        body_len = rng.integers(60, 151, size=count)
        fields: dict[str, list[str]] = {"title": [""] * count, "keywords": [""] * count, "body": [""] * count}
        for lang, flag in (("en", english), ("it", ~english)):
            where = np.flatnonzero(flag)
            sampler = samplers[lang]
            for name, lengths, shares in (("title", title_len, sampler.TITLE),
                                          ("keywords", keyword_len, sampler.KEYWORDS),
                                          ("body", body_len, sampler.BODY)):
                lens = lengths[where]
                ids = sampler.draw(rng, main[where], second[where], lens, shares)
                texts = sampler.join(ids, lens, capitalise=name != "keywords", sep=", " if name == "keywords" else " ")
                target = fields[name]
                for position, text in zip(where.tolist(), texts, strict=True):
                    target[position] = text
        languages = np.where(english, "en", "it").tolist()
        for i in range(count):
            docs.append(TextDoc(f"{kind}:{start + i}", {"title": fields["title"][i], "keywords": fields["keywords"][i],
                                                       "body": fields["body"][i]}, languages[i]))
    return docs
