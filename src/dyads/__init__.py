"""dyads: turn news reports into political event data.

Who did what to whom, when, where, and according to whom, coded in the PLOVER 2.0 ontology with
CAMEO codes, quad classes and Goldstein scores alongside.
"""

from __future__ import annotations

__version__ = "0.1.0"
