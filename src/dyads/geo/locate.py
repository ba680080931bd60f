"""The rule-based place finder: read an event's place from the trigger's own phrases.

Its choice is one input of the learned linker (see :mod:`dyads.geo.place`).

Rules, in order (word lists live in ``data/locate.yaml``):

1. **Phrases of the trigger's clause.** The trigger and the words it leans on (its "anchors":
   "held" for "held talks", "scheduled" for "scheduled to visit", "arrived" for "arrived on a
   visit") are searched for locative prepositional phrases: "in Kharkiv", "at a summit in
   Geneva", "near Rafah", "in the Ukrainian city of Dnipro", "on the border with Ukraine".
   Directional prepositions ("to", "into", "on"...) count with a proper name only for
   motion/visit triggers ("travel to Egypt"); with a place noun they always count ("on Turkish
   soil"). The object of "with"/"during" is searched for its own locative phrase ("clashed
   with police in the capital"), and so is a venue-like object ("signed the agreement in
   Beijing"). Only prepositional or object uses count: "Moscow said" is an actor, not a place, and
   a phrase under another clause's verb (a "said in Ankara" above a reported event) is not
   searched because anchors never climb out through clausal complements.
2. **Destination or target.** For motion/visit triggers ("visit Turkey") and for events that
   act on a place ("shelled Kharkiv", "invasion of Ukraine", "strikes on Gaza", "raided the
   Jenin camp"), the object and the target phrases (on/against/of/into) are places too.
   When rules 1 and 2 both find places, the most specific wins (city or landmark over region,
   province or state over country); ties go to the earlier rule.
3. **Defaults when the sentence names no place.** A visit with no destination named happens
   in the recipient's country; a hosting ("Erdogan hosted Putin", CONSULT or visit mode) in
   the actor's. Events in
   ``recipient_territory`` (ASSAULT in every mode; COERCE in military/seizure modes; MOBILIZE
   when the phrases mention a border) happen on the recipient's territory. Everything else
   returns None.

Names are resolved with :class:`dyads.geo.gazetteer.Gazetteer`, preferring the countries of
the event's actors and recipients, and first of all countries named right next to the place
("the Lebanese city of Tripoli", "Paris, Texas").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyads.geo.gazetteer import ADMIN_SUFFIXES, Gazetteer, normalize
from dyads.geo.lexicon import Lexicon
from dyads.geo.mentions import DocPlaces
from dyads.records import Actor, Location

# How deep "at a summit in the capital of X" chains are followed.
_MAX_DEPTH = 4
# Specificity of a resolved place: lower is more specific.
_CITY_LIKE = 0
_REGION_LIKE = 1
_COUNTRY_LIKE = 2
_TARGET_PREPS = frozenset({"on", "against", "of", "into", "at", "over"})
_BORDER_WORDS = frozenset({"border", "frontier", "borders"})


def _countries(actors: Iterable[Actor]) -> list[str]:
    out: list[str] = []
    for actor in actors:
        if actor.country and actor.country not in out:
            out.append(actor.country)
    return out


class _Finder:
    """Resolves the places of one sentence for one event."""

    def __init__(
        self,
        sent_start: int,
        places: DocPlaces,
        gaz: Gazetteer,
        lex: Lexicon,
        prefer: Sequence[str],
    ) -> None:
        self.gaz = gaz
        self.lex = lex
        self.ents = places.ents_by_sentence.get(sent_start, [])
        self.base_prefer = tuple(prefer)
        # Countries the sentence names (GPE entities that are countries), by entity start, so
        # that a name is never its own tie-breaker ("in Georgia" must not prefer Georgia).
        named = places.named_by_sentence.get(sent_start)
        if named is None:
            named = {}
            for ent in self.ents:
                if ent.label_ == "GPE":
                    loc = gaz.lookup(ent.text)
                    if loc is not None and loc.country and loc.precision == "country":
                        named[ent.start] = loc.country
            places.named_by_sentence[sent_start] = named
        self.named = named
        self.prefer = self.prefer_for(None)

    def prefer_for(self, span: Span | None) -> tuple[str, ...]:
        """The event's countries, then the countries named elsewhere in the sentence."""
        others = [c for start, c in self.named.items() if span is None or start != span.start]
        return tuple(dict.fromkeys([*self.base_prefer, *others]))

    # -- names -------------------------------------------------------------------------
    def _entity(self, tok: Token) -> Span | None:
        for ent in self.ents:
            if ent.start <= tok.i < ent.end:
                return ent
        return None

    def name_span(self, tok: Token) -> tuple[Span, bool] | None:
        """The proper name containing ``tok`` and whether NER calls it a place: its NER
        span when labelled, else its run of proper nouns."""
        ent = self._entity(tok)
        if ent is not None:
            if ent.label_ in self.lex.not_place_labels:
                return None
            if ent.label_ in self.lex.place_labels:
                return ent, True
            if ent.label_ == "PERSON":
                # The small model often calls a town a PERSON ("in Khan Younis"); keep the
                # span, untrusted (see resolve).
                return ent, False
        if tok.pos_ != "PROPN":
            return None
        start = tok.i
        for child in reversed(list(tok.lefts)):
            if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i == start - 1:
                start = child.i
            else:
                break
        return tok.doc[start : tok.i + 1], False

    def demonym(self, tok: Token) -> str | None:
        """Country of a country adjective modifying ``tok`` ("Turkish capital")."""
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                iso3 = self.lex.demonyms.get(child.text)
                if iso3:
                    return iso3
        return None

    def context(self, tok: Token) -> set[str]:
        """Countries named next to a place: adjectives on it or the nouns above it, and
        appositions such as "Paris, Texas" or "Tripoli, Lebanon"."""
        found: set[str] = set()
        node = tok
        for _ in range(_MAX_DEPTH):
            iso3 = self.demonym(node)
            if iso3:
                found.add(iso3)
            if node.dep_ not in ("pobj", "appos", "compound") or node.head is node:
                break
            if node.dep_ == "pobj" and node.head.lower_ != "of":
                # "the Syrian town of Qusayr" is Syria's, but "the US embassy in London" and
                # "Turkish troops in Afrin" stand in another country
                break
            node = node.head if node.dep_ != "pobj" else node.head.head
        for child in tok.children:
            if child.dep_ in ("appos", "npadvmod", "conj") or (
                child.dep_ == "prep" and child.lemma_ == "in"
            ):
                target = child if child.dep_ != "prep" else _pobj(child)
                found_span = self.name_span(target) if target is not None else None
                if found_span is not None:
                    loc = self.gaz.lookup(found_span[0].text, self.prefer)
                    if loc is not None and loc.country:
                        found.add(loc.country)
        return found

    def resolve(self, tok: Token) -> Location | None:
        """The gazetteer place named by the proper name at ``tok``, if any."""
        found = self.name_span(tok)
        if found is None:
            return None
        span, trusted = found
        loc = self._resolve_span(tok, span, trusted)
        if loc is None:
            return None
        return dataclasses.replace(loc, text=span.text, start=span.start_char, end=span.end_char)

    def _resolve_span(self, tok: Token, span: Span, trusted: bool) -> Location | None:
        prefer = self.prefer_for(span)
        within = self.context(tok)
        text = span.text
        if text.endswith(("'s", "\u2019s")):
            text = text[:-2]
        if not trusted:
            # A name NER does not call a place must resolve inside the story's countries
            # (or be a country or curated place): "Hamas" is not Hamm, "Hassan" not Hassan,
            # India; "Avdiivka" tagged PERSON in a Ukraine story is still the town.
            story = within | set(prefer)
            loc = self.gaz.lookup(text, prefer, within or story)
            if loc is None:
                return None
            if loc.country in story or self._is_country(loc) or self._is_named_area(loc):
                return loc
            return None
        loc = self.gaz.lookup(text, prefer, within, minor=True)
        if loc is None and len(span) > 1:
            # "the Zaporizhzhia nuclear plant" (FAC) -> Zaporizhzhia: try the head word, then
            # each proper noun of a span NER calls a place.
            for cand in [tok, *[t for t in span if t.pos_ == "PROPN" and t.i != tok.i]]:
                if not cand.text[:1].isupper():
                    continue  # "Swat valley": the common noun is no place ("The Valley")
                loc = self.gaz.lookup(cand.text, prefer, within, primary_only=True)
                if loc is not None:
                    break
        return loc

    # -- phrases -----------------------------------------------------------------------
    def place(
        self, tok: Token, depth: int = 0, proper_ok: bool = True, follow_poss: bool = False
    ) -> Location | None:
        """The place a noun phrase headed by ``tok`` names, if it names one."""
        if depth > _MAX_DEPTH:
            return None
        if proper_ok:
            named = self.resolve(tok)
            if named is not None:
                return named
        lemma = tok.lemma_.lower()
        is_place_noun = lemma in self.lex.place_nouns or tok.lower_ in self.lex.place_nouns
        is_venue = lemma in self.lex.venue_nouns or tok.lower_ in self.lex.venue_nouns
        # Possessors last: in "Russia's Kursk region" the compound is the more specific place.
        children = sorted(tok.children, key=lambda c: c.dep_ == "poss")
        for child in children:
            dep = child.dep_
            loc: Location | None = None
            if dep == "appos" or (dep == "compound" and is_place_noun):
                # "the capital Ankara", "the Jenin refugee camp", "Russia's Kursk region"; a
                # compound under any other noun is an attribute ("the US embassy").
                if child.pos_ != "PROPN":
                    continue
                if dep == "compound" and lemma in ADMIN_SUFFIXES:
                    # "Kursk region", "Shan state": the area or nothing; the bare name could
                    # be an unrelated city ("Shan" is also Shancheng, China).
                    found = self.name_span(child)
                    if found is not None:
                        loc = self.gaz.lookup(
                            f"{found[0].text} {tok.text}", self.prefer, self.context(tok)
                        )
                    if loc is None:
                        continue
                loc = loc or self.resolve(child)
                if dep == "compound" and loc is not None and self._is_country(loc):
                    # "a US base", "the Russian-held plant": a country before a place noun
                    # owns or holds it; the place itself is named elsewhere.
                    loc = None
            elif dep == "poss" and (follow_poss or is_place_noun):
                # "Beirut's southern suburbs": a place noun's possessor contains it.
                loc = self.place(child, depth + 1, True, False)
            elif dep == "acl" and child.pos_ == "VERB":
                # "a school sheltering displaced people in Khan Younis": a participle
                # describing the object is no new clause; its places place the object.
                for sub in child.children:
                    if sub.dep_ == "dobj":
                        loc = self.place(sub, depth + 1, proper_ok=False)
                    elif sub.dep_ == "prep" and sub.lemma_.lower() in self.lex.locative_preps:
                        obj = _pobj(sub)
                        if obj is not None and sub.lemma_.lower() not in self.lex.directional_preps:
                            loc = self.place(obj, depth + 1)
                    if loc is not None:
                        break
            elif dep == "prep":
                obj = _pobj(child)
                if obj is None:
                    continue
                prep = child.lemma_.lower()
                if prep == "of" and (is_place_noun or is_venue):
                    loc = self.place(obj, depth + 1)
                elif prep == "with" and lemma in _BORDER_WORDS:
                    loc = self.place(obj, depth + 1)
                elif prep in self.lex.locative_preps and prep not in self.lex.directional_preps:
                    loc = self.place(obj, depth + 1)
                elif prep in self.lex.carrier_preps:
                    # "students from a school in Kaduna state": the source's own place only.
                    loc = self.place(obj, depth + 1, proper_ok=False)
                else:
                    continue
            else:
                continue
            if loc is not None:
                return loc
        if is_place_noun:
            iso3 = self.demonym(tok)
            if iso3:
                if lemma == "capital":
                    return self.gaz.capital(iso3)
                return self.gaz.country(iso3)
        return None

    def _is_country(self, loc: Location) -> bool:
        return loc.precision == "country"

    def _is_named_area(self, loc: Location) -> bool:
        """A curated region, sea or landmark, or an area named with an administrative word
        ("Kursk region"): names that stand for a place wherever the story is. Provinces and
        states need the story's countries, as cities do ("Imo" in a story about Japan)."""
        if loc.precision in ("region", "point"):
            return True
        return normalize(loc.name).endswith(tuple(" " + w for w in ADMIN_SUFFIXES))

    def from_preps(self, anchor: Token, directional: bool) -> list[Location]:
        """Places in locative phrases directly under ``anchor``."""
        out: list[Location] = []
        for child in anchor.children:
            if child.dep_ != "prep":
                continue
            prep = child.lemma_.lower()
            obj = _pobj(child)
            if obj is None:
                continue
            if prep in self.lex.carrier_preps:
                # "clashed with police in the capital": only the object's own locative phrase.
                loc = self.place(obj, proper_ok=False)
                if loc is not None and not self._is_country_from_noun(obj):
                    out.append(loc)
                continue
            if prep not in self.lex.locative_preps:
                continue
            # "talks on Gaza", "aid to Ukraine": a proper name after a directional preposition
            # is a topic or recipient unless the trigger moves somewhere.
            proper_ok = directional or prep not in self.lex.directional_preps
            loc = self.place(obj, proper_ok=proper_ok)
            if loc is not None:
                out.append(loc)
        return out

    def _is_country_from_noun(self, tok: Token) -> bool:
        """True when ``tok`` is a place noun whose only place is a country adjective
        ("with Ukrainian troops" says who, not where)."""
        return tok.lemma_.lower() not in self.lex.place_nouns and self.demonym(tok) is not None

    def object_venues(self, anchor: Token) -> list[Location]:
        """Locative phrases of a venue-like object: "signed the agreement in Beijing"."""
        out: list[Location] = []
        for child in anchor.children:
            if (
                child.dep_ in ("dobj", "obj")
                and child.lemma_.lower() in self.lex.object_venue_nouns
            ):
                loc = self.place(child, proper_ok=False)
                if loc is not None:
                    out.append(loc)
        return out

    def targets(self, anchor: Token, nominal: bool) -> list[Location]:
        """Places an event acts on: its object and its on/against/of/into phrases."""
        out: list[Location] = []
        for child in anchor.children:
            loc: Location | None = None
            if child.dep_ in ("dobj", "obj"):
                loc = self.place(child, follow_poss=True)
            elif child.dep_ == "prep" and child.lemma_.lower() in _TARGET_PREPS:
                if child.lemma_.lower() == "of" and not nominal:
                    continue
                obj = _pobj(child)
                loc = self.place(obj, follow_poss=True) if obj is not None else None
            if loc is not None:
                out.append(loc)
        return out


def _pobj(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None


def _anchors(trigger: Token, lex: Lexicon) -> list[Token]:
    """The trigger and the tokens whose phrases also describe its event (see module doc)."""
    out = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN"):
        # "the talks, held in Vienna": a participle describing the event noun.
        out += [c for c in trigger.children if c.dep_ == "acl" and c.lemma_ in lex.support_verbs]
    tok = trigger
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            break
        dep = tok.dep_
        head_lemma = head.lemma_.lower()
        nxt: Token | None = None
        if tok.pos_ in ("VERB", "AUX"):
            if dep == "xcomp" and head_lemma in lex.raising_verbs:
                nxt = head
            elif dep == "conj" and not any(c.dep_.startswith("nsubj") for c in tok.children):
                nxt = head
        elif tok.pos_ in ("NOUN", "PROPN"):
            if dep in ("dobj", "nsubj", "nsubjpass", "attr") and head_lemma in lex.support_verbs:
                nxt = head
            elif (
                dep == "pobj"
                and head.lemma_.lower() in ("on", "for", "during", "at")
                and head.head.lemma_.lower() in lex.support_verbs
            ):
                nxt = head.head
        if nxt is None or nxt in out:
            break
        out.append(nxt)
        tok = nxt
    return out


def _specificity(loc: Location) -> int:
    if loc.precision == "country":
        return _COUNTRY_LIKE
    if loc.precision in ("city", "point"):
        return _CITY_LIKE
    # provinces, districts, regions, and areas named with an administrative word
    return _REGION_LIKE


@dataclass(frozen=True)
class RuleResult:
    """What the rules make of one event: the place its phrases name (rules 1-2; with the
    mention's offsets when a name states it) and the default of rule 3."""

    named: Location | None
    default: Location | None


def rule_location(
    doc: Doc,
    trigger_i: int,
    event: str,
    mode: str | None,
    actors: Sequence[Actor],
    recipients: Sequence[Actor],
    gaz: Gazetteer,
    places: DocPlaces,
) -> RuleResult:
    """Apply the rules of the module docstring to the event triggered at ``trigger_i``.

    ``event`` is the PLOVER type, ``mode`` its PLOVER mode; ``actors``/``recipients`` are the
    event's resolved actors (their ISO alpha-3 countries break name ties and give defaults).
    """
    lex = Lexicon.default()
    trigger = doc[trigger_i]
    actor_countries = _countries(actors)
    recipient_countries = _countries(recipients)
    # Ties are broken toward the event's own countries, then those the sentence names.
    finder = _Finder(
        places.sent_start[trigger_i], places, gaz, lex, [*actor_countries, *recipient_countries]
    )
    lemma = trigger.lemma_.lower()
    event = (event or "").upper()
    motion = lemma in lex.visit_lemmas or mode == "visit"
    anchors = _anchors(trigger, lex)

    found: list[Location] = []
    for anchor in anchors:
        found.extend(finder.from_preps(anchor, directional=motion))
        found.extend(finder.object_venues(anchor))
    acts_on_place = motion or event in lex.object_place_events or event in lex.recipient_territory
    if acts_on_place:
        for anchor in anchors:
            nominal = anchor.pos_ in ("NOUN", "PROPN")
            if anchor.i == trigger.i or anchor.pos_ in ("VERB", "AUX"):
                found.extend(finder.targets(anchor, nominal))
    named = None
    if found:
        named = min(enumerate(found), key=lambda p: (_specificity(p[1]), p[0]))[1]
    return RuleResult(
        named, _default(lex, gaz, lemma, event, mode, anchors, actor_countries, recipient_countries)
    )


def _default(
    lex: Lexicon,
    gaz: Gazetteer,
    lemma: str,
    event: str,
    mode: str | None,
    anchors: Sequence[Token],
    actor_countries: Sequence[str],
    recipient_countries: Sequence[str],
) -> Location | None:
    """Rule 3: where the event happens when the sentence names no place."""
    # "welcomed the decision" is no hosting: only a meeting or visit has a host.
    if lemma in lex.host_lemmas and (event == "CONSULT" or mode == "visit"):
        return gaz.country(actor_countries[0]) if actor_countries else None
    if lemma in lex.visit_core or mode == "visit":
        hosts = [c for c in recipient_countries if c not in actor_countries] or recipient_countries
        return gaz.country(hosts[0]) if hosts else None
    modes = lex.recipient_territory.get(event)
    if modes and recipient_countries and lemma not in lex.symmetric_lemmas:
        applies = "*" in modes or (mode is not None and mode in modes)
        if not applies and "@border" in modes:
            applies = any(t.lemma_.lower() in _BORDER_WORDS for a in anchors for t in a.subtree)
        if applies:
            return gaz.country(recipient_countries[0])
    return None
