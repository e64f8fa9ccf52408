"""The names of actors that news calls by several: armed groups and organisations, each with the one name kg keys
and labels its node by in every document.

Pure Python, no spaCy, no rdflib: the spaCy components, the extractors and ``kg eval`` (which matches a group by
these aliases, as SCHEMA.md asks) read it.
"""

from __future__ import annotations

import re

# Armed groups news names without a state ("Hamas", "al-Shabab", "M23"): never places, always actors. Each name →
# the group's one name, whatever the text called it: the group's IRI (group-<slug of this name>) and label are the
# same in every document, so that a corpus has one node for it. Islamic State's provinces are groups of their own,
# named as news names them. A phrase names the group of the first of these names it holds.
GROUP_NAMES: dict[str, str] = {
    "isis-k": "ISIS-K", "iskp": "ISIS-K", "islamic state khorasan": "ISIS-K", "iswap": "ISWAP",
    "islamic state west africa province": "ISWAP", "taliban": "Taliban", "hamas": "Hamas", "hezbollah": "Hezbollah",
    "houthi": "Houthis", "houthis": "Houthis", "al-shabab": "al-Shabaab", "al shabab": "al-Shabaab",
    "al-shabaab": "al-Shabaab", "al shabaab": "al-Shabaab", "al-qaida": "al-Qaeda", "al qaida": "al-Qaeda",
    "islamic state": "Islamic State", "isis": "Islamic State", "isil": "Islamic State", "boko haram": "Boko Haram",
    "wagner": "Wagner Group", "rsf": "Rapid Support Forces", "rapid support forces": "Rapid Support Forces",
    "al-qaeda": "al-Qaeda", "al qaeda": "al-Qaeda", "eln": "ELN", "farc": "FARC", "ira": "IRA", "m23": "M23",
    "pkk": "PKK", "jnim": "JNIM", "ansar allah": "Houthis", "haqqani": "Haqqani network",
    "lashkar-e-taiba": "Lashkar-e-Taiba", "lashkar-e-jhangvi": "Lashkar-e-Jhangvi", "jaish al-adl": "Jaish al-Adl",
    "jaish-e-mohammed": "Jaish-e-Mohammed", "jaish-e-muhammad": "Jaish-e-Mohammed",
    "jaish-e-mohammad": "Jaish-e-Mohammed", "jaish al-islam": "Jaish al-Islam",
    "kachin": "Kachin Independence Army", "arakan army": "Arakan Army", "is-k": "ISIS-K",
    "syrian democratic forces": "Syrian Democratic Forces", "sdf": "Syrian Democratic Forces",
    "kachin independence army": "Kachin Independence Army",
    "popular mobilization forces": "Popular Mobilization Forces",
    "popular mobilisation forces": "Popular Mobilization Forces", "hayat tahrir al-sham": "Hayat Tahrir al-Sham",
    "hts": "Hayat Tahrir al-Sham", "pmf": "Popular Mobilization Forces", "daesh": "Islamic State",
    "abu sayyaf": "Abu Sayyaf", "new people's army": "New People's Army", "tplf": "TPLF",
    "tigray people's liberation front": "TPLF", "allied democratic forces": "Allied Democratic Forces",
    "codeco": "CODECO", "dawlah islamiyah": "Dawlah Islamiyah", "dawlah islamiya": "Dawlah Islamiyah",
    # other spellings and groups of the corpus's conflicts
    "hizballah": "Hezbollah", "hizbullah": "Hezbollah", "fano": "Fano", "ttp": "TTP",
    "tehreek-e-taliban pakistan": "TTP", "tehrik-e-taliban pakistan": "TTP", "tehreek-i-taliban pakistan": "TTP",
    "tehrik-i-taliban pakistan": "TTP", "baloch liberation army": "BLA",
    "bla": "BLA", "cjng": "CJNG", "jalisco new generation cartel": "CJNG", "gran grif": "Gran Grif",
    "viv ansanm": "Viv Ansanm",
    "red-tabara": "RED-Tabara", "fdlr": "FDLR", "ansarul islam": "Ansarul Islam", "arsa": "ARSA",
    "arakan rohingya salvation army": "ARSA", "ta'ang national liberation army": "TNLA", "tnla": "TNLA",
    "peshmerga": "Peshmerga",
}
KNOWN_ARMED_GROUPS = tuple(GROUP_NAMES)


# "the Houthi-run station", "a Hamas-led government": a group's name as a modifier of another actor
_MODIFIER_SUFFIXES = "run|controlled|backed|aligned|affiliated|linked|allied|held|led|owned"


def armed_group_in(phrase: str) -> str | None:
    """The first name of :data:`GROUP_NAMES` a phrase holds as a word ("Hamas militants", "the Houthi movement"),
    not as a modifier of another actor ("the Houthi-run Al-Masirah TV" is a station) nor as the end of a hyphenated
    word ("Tehreek-i-Taliban Pakistan" is not the Taliban, "anti-Houthi forces" not the Houthis), else None."""
    low = phrase.lower()
    return next((g for g in KNOWN_ARMED_GROUPS if g in low and re.search(
        r"(?<!-)\b" + re.escape(g) + r"\b(?!-(?:" + _MODIFIER_SUFFIXES + "))", low)), None)

# Words that begin or end the name of an armed group ("Harakat al-Nujaba", "Kataib Hezbollah", "the Free Syrian
# Army"): a name the small model takes for a person's is a group's when it has one of these.
GROUP_NAME_FIRST_WORDS = frozenset({"harakat", "kataib", "kata'ib", "jaish", "liwa", "ansar", "jabhat", "hayat",
                                    "hizb", "asaib", "saraya", "tehreek", "tehrik", "lashkar", "fitna", "jamaat",
                                    "jama'at", "tanzim", "katibat"})
GROUP_NAME_LAST_WORDS = frozenset({"brigade", "brigades", "front", "army", "movement", "forces", "militia",
                                   "battalion", "battalions", "mujahideen"})

# Other names of organisations, folded → the name a node of theirs is labelled and keyed by in every document.
ORGANISATION_ALIASES: dict[str, str] = {
    "u.n.": "United Nations", "un": "United Nations", "the un": "United Nations", "unicef": "UNICEF",
    "who": "World Health Organization", "icrc": "International Committee of the Red Cross",
    "red cross": "International Committee of the Red Cross", "msf": "Doctors Without Borders",
    "medecins sans frontieres": "Doctors Without Borders", "sohr": "Syrian Observatory for Human Rights",
    "ukmto": "United Kingdom Maritime Trade Operations", "krg": "Kurdistan Regional Government",
    "ispr": "Inter-Services Public Relations", "hrw": "Human Rights Watch", "ocha": "OCHA",
    "un ocha": "OCHA", "unhcr": "UNHCR", "unrwa": "UNRWA", "iom": "International Organization for Migration",
    "amnesty": "Amnesty International", "acled": "ACLED", "minusca": "MINUSCA", "minusma": "MINUSMA",
    "monusco": "MONUSCO", "unmiss": "UNMISS", "unifil": "UNIFIL", "amisom": "AMISOM", "atmis": "ATMIS",
}


def organisation_name(name: str) -> str | None:
    """The one name of an organisation known by several ("U.N." → "United Nations"), else None."""
    return ORGANISATION_ALIASES.get(" ".join(name.lower().removeprefix("the ").split()))
