"""kg's learned decisions: linear models over hand-named features, read from small JSON files in the package.

Each model is trained by ``tools/train.py`` on the real-text train split and the invented development sets and
shipped as ``kg/extract/weights/NAME.json`` (``{"weights": {feature: w}, ...}`` with what it was trained on).
Scoring is a dot product over the features a rule module computes, so kg needs no learning library at run time
and the same text gives the same output. A missing file leaves the rules' decision in place.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def model(name: str) -> dict:
    """The weights file ``name`` (``places``), or ``{}`` when it is not shipped."""
    path = resources.files("kg.extract").joinpath("weights", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def linear(weights: dict[str, float], features: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in features.items())


def probability(weights: dict[str, float], features: dict[str, float]) -> float:
    """A binary model's probability that ``features`` describe a positive case."""
    return 1.0 / (1.0 + math.exp(-linear(weights, features)))
