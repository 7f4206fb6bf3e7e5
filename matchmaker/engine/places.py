"""A gazetteer of Turin, Piedmont and Italy: place names say where a text is, never what it is about.

Explanations leave the words of a place name out of "You share: …" ("Barriera di Milano" is no shared
interest in Milan or in barriers) and say a shared place as a reason of its own. A multi-word name knocks
out its words only where they stand as that name: "barriere architettoniche" and "un palazzo" keep theirs.
"""
import re
import unicodedata

# Districts and neighbourhoods of Turin; the towns of its metropolitan area, of Piedmont and its valleys;
# the main Italian cities and regions. Names that are also everyday words ("Sassi", "Barca", "Centro") are
# left out: a gazetteer that removes "stones" and "boat" from explanations does more harm than good.
PLACE_NAMES = (
    # Turin's districts (circoscrizioni) and neighbourhoods
    "Barriera di Milano", "San Salvario", "Porta Palazzo", "Porta Nuova", "Porta Susa", "Piazza Castello",
    "Quadrilatero Romano", "Quadrilatero", "Vanchiglia", "Vanchiglietta", "Borgo Po", "Crocetta", "Cenisia",
    "San Donato", "Campidoglio", "Cit Turin", "Pozzo Strada", "Borgo San Paolo", "San Paolo", "Santa Rita",
    "Mirafiori Nord", "Mirafiori Sud", "Mirafiori", "Lingotto", "Nizza Millefonti", "Filadelfia",
    "Borgo Vittoria", "Madonna di Campagna", "Lucento", "Vallette", "Le Vallette", "Falchera", "Rebaudengo",
    "Villaretto", "Bertolla", "Regio Parco", "Barriera di Lanzo", "Aurora", "Parella", "Cavoretto",
    "Borgo San Pietro", "Villaggio Olimpia", "Torino Nord", "Torino Sud",
    # Turin and its metropolitan area
    "Torino", "Turin", "Moncalieri", "Collegno", "Grugliasco", "Rivoli", "Nichelino", "Settimo Torinese",
    "Settimo", "Venaria Reale", "Venaria", "Orbassano", "Beinasco", "Chieri", "Chivasso", "Carmagnola",
    "San Mauro Torinese", "Borgaro Torinese", "Caselle Torinese", "Leinì", "Druento", "Alpignano",
    "Pianezza", "Rivalta di Torino", "Piossasco", "Trofarello", "Santena", "Pinerolo", "Pinerolese", "Ivrea",
    "Canavese", "Cuorgnè", "Rivarolo Canavese", "Ciriè", "Lanzo Torinese", "Giaveno", "Avigliana",
    # Valleys and their towns
    "Val di Susa", "Valle di Susa", "Valsusa", "Val Susa", "Susa Valley", "Susa", "Bussoleno", "Oulx",
    "Bardonecchia", "Sestriere", "Frejus", "Val Sangone", "Val Chisone", "Val Pellice", "Val di Lanzo",
    "Valli di Lanzo", "Valle d'Aosta", "Aosta",
    # Piedmont
    "Piemonte", "Piedmont", "Cuneo", "Asti", "Alessandria", "Novara", "Vercelli", "Biella", "Verbania",
    "Alba", "Bra", "Saluzzo", "Mondovì", "Fossano", "Savigliano", "Casale Monferrato", "Tortona", "Acqui Terme",
    "Langhe", "Roero", "Monferrato",
    # Italy, its main cities and areas
    "Italia", "Italy", "Northern Italy", "North West Italy", "Nord Italia", "Milano", "Milan", "Roma", "Rome",
    "Genova", "Genoa", "Napoli", "Naples", "Firenze", "Florence", "Bologna", "Venezia", "Venice", "Verona",
    "Padova", "Trieste", "Trento", "Bolzano", "Bari", "Palermo", "Catania", "Cagliari", "Lombardia",
    "Liguria", "Veneto", "Toscana", "Lazio", "Sicilia", "Sardegna", "Europa", "Europe",
)
# Places too wide to set anyone apart (everyone on the platform is in Turin, Piedmont, Italy): the city both
# sides work in is said by its own reason, and a shared "Italia" is no shared area.
WIDE_AREAS = frozenset({"Torino", "Turin", "Piemonte", "Piedmont", "Italia", "Italy", "Northern Italy",
                        "North West Italy", "Nord Italia", "Europa", "Europe"})
# The little words inside names ("di", "d'", "le"): they are stop words already and no place of their own.
_JOINING_WORDS = frozenset({"di", "d", "del", "della", "le", "la"})


_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")  # the accents NFD splits off Latin letters


def _plain(text: str) -> str:
    """Lower case without accents ("Mondovì" → "mondovi")."""
    folded = text.casefold()
    return folded if folded.isascii() else _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", folded))


def _name_pattern(name: str) -> str:
    words = re.findall(r"[^\W_]+", _plain(name))
    return r"[\s'’-]+".join(re.escape(word) for word in words)


# Longest names first, so "Mirafiori Sud" is one place rather than "Mirafiori" and a stray "Sud".
_NAMES = sorted(PLACE_NAMES, key=lambda name: (-len(name), name))
_PATTERN = re.compile(r"(?<![^\W_])(?:" + "|".join(_name_pattern(name) for name in _NAMES) + r")(?![^\W_])")
_CANONICAL = {_plain(" ".join(re.findall(r"[^\W_]+", name))): name for name in PLACE_NAMES}
# Every word of every place name, lower case and without accents: what an explanation never shows as shared.
PLACE_WORDS = frozenset(word for name in PLACE_NAMES for word in re.findall(r"[^\W_]+", _plain(name))
                        if word not in _JOINING_WORDS and len(word) > 1)


def _may_name_a_place(plain: str) -> bool:
    """A quick look before the long pattern: does any word of the text belong to a place name?"""
    return not PLACE_WORDS.isdisjoint(re.findall(r"[^\W_]+", plain))


def places_in(text: str) -> list[str]:
    """The place names `text` mentions, as the gazetteer writes them, in order of first mention."""
    found: list[str] = []
    plain = _plain(text)
    if not _may_name_a_place(plain):
        return found
    for match in _PATTERN.finditer(plain):
        name = _CANONICAL[" ".join(re.findall(r"[^\W_]+", match.group()))]
        if name not in found:
            found.append(name)
    return found


def without_places(text: str) -> str:
    """`text` with every place name blanked out (same length, so nothing else moves or merges)."""
    plain = _plain(text)
    if not _may_name_a_place(plain):
        return text
    if len(plain) != len(text):  # a character whose decomposition changes its length: compare letter by letter
        return _PATTERN.sub(lambda match: " " * len(match.group()), plain)
    spans = [match.span() for match in _PATTERN.finditer(plain)]
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def is_place_word(word: str) -> bool:
    """Whether `word` is a word of some place name ("milano", "salvario", "val")."""
    return _plain(word) in PLACE_WORDS
