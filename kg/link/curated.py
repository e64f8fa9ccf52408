"""A small curated table of the most frequent conflict actors and places, by kg IRI (under kgr:).

These Q-ids are NOT trusted: each is only added to the entity's candidates and must pass the same
checks and the same threshold as any candidate found by label (type, GeoNames id / ISO code, country).
A wrong entry therefore links nothing; it never links the wrong item.
"""

from __future__ import annotations

CURATED: dict[str, str] = {
    # states (kgr:country/{ISO 3166-1 alpha-2})
    "country/UA": "Q212", "country/RU": "Q159", "country/US": "Q30", "country/GB": "Q145",
    "country/FR": "Q142", "country/DE": "Q183", "country/CN": "Q148", "country/PL": "Q36",
    "country/BY": "Q184", "country/IL": "Q801", "country/IR": "Q794", "country/SY": "Q858",
    "country/IQ": "Q796", "country/AF": "Q889", "country/LB": "Q822", "country/YE": "Q805",
    "country/SA": "Q851", "country/TR": "Q43", "country/EG": "Q79", "country/SD": "Q1049",
    "country/SO": "Q1045", "country/NG": "Q1033", "country/PK": "Q843", "country/IN": "Q668",
    "country/KP": "Q423", "country/KR": "Q884", "country/JP": "Q17",
    # capitals (kgr:place/geonames-{id})
    "place/geonames-703448": "Q1899",   # Kyiv
    "place/geonames-524901": "Q649",    # Moscow
    "place/geonames-2643743": "Q84",    # London
    "place/geonames-2988507": "Q90",    # Paris
    "place/geonames-2950159": "Q64",    # Berlin
    "place/geonames-281184": "Q1218",   # Jerusalem
    "place/geonames-756135": "Q270",    # Warsaw
}
