"""Per-event confidence: evidence-based raw score mapped through a calibration table."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from dyads.events.coder import Candidate


@dataclass(frozen=True)
class ConfidenceModel:
    """Base scores, penalties and a calibration table (``data/confidence.yaml``)."""

    base: dict[str, float]
    penalties: dict[str, float]
    bounds: tuple[float, ...]
    values: tuple[float, ...]

    def raw(self, pos: str, signals: dict[str, bool]) -> float:
        """The uncalibrated score of a candidate."""
        score = self.base.get(pos, 0.7)
        for name, on in signals.items():
            if on:
                score -= self.penalties.get(name, 0.0)
        return max(0.05, min(0.99, score))

    def calibrate(self, raw: float) -> float:
        """Map a raw score to the precision observed for such scores on the dev set."""
        if not self.bounds:
            return round(raw, 3)
        i = min(bisect.bisect_left(self.bounds, raw), len(self.values) - 1)
        return round(self.values[i], 3)


@functools.lru_cache(maxsize=1)
def load_model() -> ConfidenceModel:
    """Load the bundled confidence model (cached)."""
    path = resources.files("dyads.events") / "data" / "confidence.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    table = sorted((float(b), float(v)) for b, v in data.get("calibration") or [])
    return ConfidenceModel(
        base={k: float(v) for k, v in data["base"].items()},
        penalties={k: float(v) for k, v in data["penalties"].items()},
        bounds=tuple(b for b, _ in table),
        values=tuple(v for _, v in table),
    )


def raw_confidence(c: Candidate) -> float:
    """Uncalibrated score for a candidate event."""
    return load_model().raw(c.rule.pos, c.signals)


def confidence(c: Candidate) -> float:
    """Calibrated confidence (0-1) for a candidate event."""
    m = load_model()
    return m.calibrate(m.raw(c.rule.pos, c.signals))
