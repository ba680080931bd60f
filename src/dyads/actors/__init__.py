"""Actor resolution: mentions in a parsed article -> CAMEO-style actor codes.

``ActorResolver.default().annotate(doc, when)`` returns an :class:`ActorIndex` of
:class:`Mention` objects (country names, capitals, institutions, titled people, IGOs, groups,
media, pronouns and references). See docs in each module and the data files in ``data/``.
"""

from dyads.actors.model import MENTION_KINDS, ActorIndex, Mention
from dyads.actors.resolver import ActorResolver

__all__ = ["MENTION_KINDS", "ActorIndex", "ActorResolver", "Mention"]
