"""Per-event confidence: a logistic model of how likely a coded event is right.

The inputs are what the coder knows about a candidate: the part of speech of its trigger, its
type and modality, the evidence signals the rules and models raise (an implied recipient, a
pronoun actor, an event only the learned model found, ...) and the learned models'
probabilities (``Candidate.scores``). The weights (``data/confidence.yaml``) are fitted by
``scripts/calibrate_confidence.py`` on the real-news dev split, where "right" means the event
matches a gold event under the scoring rule; the score is continuous, and its reliability on
the test split is reported in the README.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from dyads.errors import DataFileError

if TYPE_CHECKING:
    from dyads.events.candidate import Candidate

SCORES = ("p_type", "p_event", "p_actor", "p_recipient", "p_no_recipient")


def features(c: Candidate) -> dict[str, float]:
    """The confidence model's inputs for one candidate."""
    f = {
        "bias": 1.0,
        f"pos={c.rule.pos}": 1.0,
        f"type={c.event}": 1.0,
        f"modality={c.modality}": 1.0,
        "sentence_words": min(len(c.sentence), 80) / 80.0,
    }
    for name, on in c.signals.items():
        if on:
            f[f"signal={name}"] = 1.0
    for k in SCORES:
        if k in c.scores:
            f[k] = float(c.scores[k])
        else:
            f[f"no_{k}"] = 1.0
    return f


@dataclass(frozen=True)
class ConfidenceModel:
    """Weights of the logistic confidence model (``data/confidence.yaml``)."""

    weights: dict[str, float]

    def score(self, feats: dict[str, float]) -> float:
        """The probability that an event with these features is right, rounded to 0.001."""
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        z = max(-30.0, min(30.0, z))
        return round(1.0 / (1.0 + math.exp(-z)), 3)


@functools.lru_cache(maxsize=1)
def load_model() -> ConfidenceModel:
    """Load the bundled confidence model (cached)."""
    path = resources.files("dyads.events") / "data" / "confidence.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return ConfidenceModel({str(k): float(v) for k, v in data["weights"].items()})
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"cannot load the confidence model {path}: {exc}") from exc


def confidence(c: Candidate) -> float:
    """Calibrated confidence (0-1) for a candidate event."""
    return load_model().score(features(c))
