"""Tests the event coder applies to a trigger and its sentence: is this news at all, is a
recipient the actor itself, is an adjective a verdict, is a noun an order, is an act
reciprocal, a lynching or a riot, a departure from a body, a light noun, and who are its unnamed
victims. Predicates only: the coder decides what to do with the answers."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyads.actors.model import ARMED_SECTORS
from dyads.events import syntax
from dyads.events.arguments import Arguments
from dyads.events.lexicon import Lexicon, Rule
from dyads.records import Actor

# counted people ("hundreds of protesters"): a quantity, not an actor
QUANTITY_WORDS = frozenset({"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens"})


def not_news(sent: Span, lexicon: Lexicon) -> bool:
    """Sentences that report no event: questions, bylines, photo credits, datelines alone."""
    text = sent.text.strip()
    unquoted = text.rstrip("\"'”’")
    # "Will Iran retaliate?" asks, it does not report; "The crowd marched, chanting 'Why?'"
    # reports, the question being only quoted inside it
    quoted = unquoted != text and not text.startswith(('"', "'", "“", "‘", "`"))
    if text.endswith("?") or (unquoted.endswith("?") and not quoted):
        return True
    first = text.split(":", 1)[0].strip().lower() if ":" in text[:40] else ""
    if first and first in lexicon.classes.get("credit_labels", frozenset()):
        return True  # "Photograph: Anadolu Agency", "Editing by ..."
    words = text.split()
    return bool(words) and words[0].lower() == "by" and len(words) <= 8 and text[-1:] not in ".!"


def family_crime(tok: Token, lexicon: Lexicon) -> bool:
    """Whether the one who attacks is the victim's relative ("murdered by her mother", "Saudi
    twin brothers killed their parents", "murdered by her family members"): a private crime,
    no political event (docs/annotation/GUIDELINES.md, section 1)."""
    heads = [s for s in syntax.subject_tokens(tok) if s.pos_ in ("NOUN", "PROPN")]
    heads += [o for p, o in syntax.preps(tok) if p == "by" and tok.tag_ == "VBN"]
    kin = lexicon.classes.get("kin", frozenset())
    for h in heads:
        words = [h.lemma_.lower(), *(c.lemma_.lower() for c in h.children if c.dep_ == "compound")]
        if any(w in kin for w in words):
            return True
    return False


def _same_state(r: Actor, actors: list[Actor]) -> bool:
    """Whether a recipient is the actor itself: the same code, or the same state named two ways
    ("Russia" and "the Kremlin"). Domestic pairs stay: police (RUSCOP) and opposition (RUSOPP)."""
    for a in actors:
        if r.name and a.name and r.name != a.name:
            continue  # "Obama endorsed Biden": two people of one code are two actors
        if r.code == a.code:
            return True
        if r.country and r.country == a.country:
            state = (None, "GOV")
            if r.sector in state and a.sector in state:
                return True
    return False


def _a_verdict(adj: Token, args: Arguments, lexicon: Lexicon) -> bool:
    """Whether an adjective is what someone called something: "called the verdict
    unacceptable", "a move Cairo called 'wrong'", "described the vote as illegal"."""
    if args.judged(adj) is not None or args.reported_verdict(adj) is not None:
        return True
    head = adj.head
    if adj.dep_ == "amod" and head.dep_ in ("dobj", "obj"):
        return head.head.lemma_.lower() in lexicon.judgement_verbs
    if adj.dep_ == "pobj" and head.lower_ == "as":  # "described the vote as illegal"
        return head.head.lemma_.lower() in lexicon.judgement_verbs
    return False


def _ordered(noun: Token, args: Arguments) -> bool:
    """Whether a nominal act is ordered or sought ("ordered the arrest of X")."""
    gov = args.governor(noun)
    return gov is not None and gov.lemma_.lower() in ("order", "seek", "request", "demand")


def _reciprocal(tok: Token) -> bool:
    """Whether the trigger's object is "each other" / "one another"."""
    obj = syntax.direct_object(tok)
    return (
        obj is not None
        and obj.lower_ in ("other", "another")
        and any(c.lower_ in ("each", "one") for c in obj.children)
    )


def _lynch_mob(tok: Token, args: Arguments) -> bool:
    """Whether the attackers are a mob or gang rather than protesters: "a mob beat a man to
    death" is communal violence (ASSAULT), "rioters torched cars" a riot (PROTEST)."""
    # the subject, or the agent of a passive ("was captured by an angry mob")
    for s in syntax.subject_tokens(tok):
        if s.lemma_.lower() in ("mob", "gang", "vigilante", "lyncher", "assailant", "attacker"):
            return True
    return False


# words that put a sentence in a protest: violence there by civilians is a riot
PROTEST_WORDS = frozenset(
    {"protest", "protester", "demonstration", "demonstrator", "rally", "riot", "rioter",
     "march", "marcher", "unrest", "crowd", "mob", "uprising", "strike", "striker", "walkout"}
)  # fmt: skip


# crowds that are protesters by name (the triggers.yaml class `crowd` also holds "people",
# "students", "workers", who riot only in a protest)
PROTESTERS = frozenset({"protester", "demonstrator", "rioter", "marcher", "striker"})


def _protest_setting(
    tok: Token, actors: list[Actor], lexicon: Lexicon, violent: bool = True
) -> bool:
    """Whether violence (``violent``) or obstruction by civilians is protest: the actors are
    protesters by name, or (for obstruction) any crowd ("farmers", "hundreds of students"), or
    the sentence is about a protest. Elsewhere civilians who attack ("passengers beat the
    robbers", "villagers clubbed a rebel"), or victims the parser took for the actor, are no
    riot."""
    for a in actors:
        span = tok.doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = span.root.lemma_.lower()
        # "people", "students", "farmers" who attack are rioters only in a protest ("people
        # of Mubingi captured a rebel fighter and clubbed him" is an assault); crowds that
        # block roads are protesting wherever they are ("farmers blocked roads")
        if head in PROTESTERS or (not violent and lexicon.in_class(head, "crowd")):
            return True
    return any(t.lemma_.lower() in PROTEST_WORDS for t in tok.sent)


def _leaves_a_body(tok: Token, lexicon: Lexicon) -> bool:
    """'pulled out of the deal', 'withdrawal from the treaty': leaving an agreement or body."""
    for p, o in syntax.preps(tok):
        if p in ("of", "from", "out of") and (
            lexicon.in_class(o.lemma_.lower(), "agreement")
            or lexicon.in_class(o.lemma_.lower(), "bodies")
        ):
            return True
    return False


def _light(noun: Token, args: Arguments, lexicon: Lexicon) -> bool:
    """Whether a nominal trigger is the object of a light verb ("launched an attack")."""
    gov = args.governor(noun)
    return gov is not None and gov.lemma_.lower() in lexicon.light_verbs


def _victims(tok: Token, rule: Rule, lexicon: Lexicon) -> Token | None:
    """The object when it is unnamed people ("killed 59 people", "shot dead a driver")."""
    obj = syntax.direct_object(tok) if rule.pos == "verb" else None
    if obj is None or (rule.pos == "verb" and obj.lemma_.lower() in ("gas", "fire", "shot")):
        # "opened fire on a bus", "fired tear gas at supporters": the target is in a prep,
        # of the trigger or of the light verb a nominal trigger is the object of
        heads = [tok]
        if rule.pos == "noun" and tok.dep_ in ("dobj", "obj") and tok.head.pos_ == "VERB":
            heads.append(tok.head)
        objs = [o for h in heads for p, o in syntax.preps(h) if p in ("of", "on", "against", "at")]
        obj = objs[0] if objs else obj
    if rule.event == "AID":
        # "ferried food to flood victims in Pakistan": the beneficiaries are in a to-phrase
        to = [o for p, o in syntax.preps(tok) if p == "to"]
        if to and lexicon.in_class(to[0].lemma_.lower(), "victims"):
            return to[0]
    if obj is None:
        return None
    if lexicon.in_class(obj.lemma_.lower(), "quantity") or obj.lemma_.lower() in QUANTITY_WORDS:
        inner = [o for p, o in syntax.preps(obj) if p == "of"]  # "hundreds of prisoners"
        obj = inner[0] if inner else obj
    if lexicon.in_class(obj.lemma_.lower(), "victims") or obj.ent_type_ == "PERSON":
        return obj  # unnamed people, or a person the dictionaries do not know
    if lexicon.in_class(obj.lemma_.lower(), "targets"):
        return obj  # a place attacked ("stormed a hotel", "pounded the city of Kharkiv")
    if rule.event in ("ASSAULT", "COERCE") and _unknown_person(obj, rule):
        return obj
    return None


# Who is arrested, shot or abducted when the clause names one person the dictionaries do not
# know ("Police captured Qadeer in the eastern city of Gujranwala", "He was captured by Israeli
# troops in the southern town of Shiheen"): a person, whose country the place or the context
# gives (domestic.apply_domestic); never a place the gazetteer knows.
_PERSONAL = frozenset({"he", "him", "she", "her"})
# acts done to people, whose lone named object is a person ("entered Rityan" is a place)
_ON_PEOPLE = frozenset({"arrest", "abduct", "targeted", "firearms", "primitive", "beat", "torture",
                        "deport"})  # fmt: skip


def _unknown_person(obj: Token, rule: Rule) -> bool:
    """Whether the object of an attack or an arrest is a lone person: a personal pronoun, or
    (for acts done to people: "entered Rityan" is a place) a name no gazetteer holds."""
    return obj.lower_ in _PERSONAL or (rule.mode in _ON_PEOPLE and lone_person(obj))


def lone_person(obj: Token) -> bool:
    """Whether a word is a personal pronoun or a bare name that is not a place: the person
    the dictionaries do not know (the small model's NER often calls an unknown surname a
    place or a body: "Panamanian police captured Henao")."""
    if obj.lower_ in _PERSONAL:
        return True
    if obj.pos_ != "PROPN" or obj.ent_type_ not in ("PERSON", "GPE", "ORG", ""):
        return False
    if any(c.dep_ in ("det", "prep", "amod") for c in obj.children):
        return False  # "the Kokkadicholai base", "the town of ...": not a name alone
    from dyads.geo import Gazetteer

    name = " ".join(t.text for t in obj.subtree if t.dep_ in ("compound", "flat") or t == obj)
    return Gazetteer.default().lookup(name, primary_only=False) is None


# Who attacks only with words: parties, oppositions, legislatures, the press, rights groups,
# unions; a government or an elite only as a named person ("Michael Howard attacked Tony
# Blair", "Mbeki has attacked British imperialists").
_WORDS_ONLY = frozenset({"PTY", "OPP", "LEG", "MED", "HRI", "NGO", "LAB", "EDU", "JUD"})


def _verbal_attack(tok: Token, actors: list[Actor], args: Arguments, lexicon: Lexicon) -> bool:
    """Whether "attacked" is criticism: its object is a statement, plan or document ("attacked
    the government's plans"), or a speaker who attacks only with words attacks people or
    bodies that are no place, no armed group and no building."""
    if tok.pos_ != "VERB":
        return False
    obj = syntax.direct_object(tok)
    if obj is None:
        return False
    lemma = obj.lemma_.lower()
    if any(lexicon.in_class(lemma, c) for c in ("statement", "documents", "accusation")):
        return True
    speakers = all(
        a.sector in _WORDS_ONLY or (a.sector in ("GOV", "ELI") and a.name is not None)
        for a in actors
    )
    if not actors or not speakers:
        return False
    if obj.ent_type_ in ("GPE", "LOC", "FAC", "NORP") or any(
        lexicon.in_class(lemma, c) for c in ("targets", "forces", "weapons")
    ):
        return False  # "Putin attacked Ukraine", "attacked the base"
    targets = args.actors_at(obj)
    # not an armed group ("attacked the rebels") and not a state named by its name
    return not any(
        t.sector in ARMED_SECTORS
        or t.code.startswith("IMG")
        or (t.code == t.country and obj.pos_ == "PROPN")
        for t in targets
    )


# Pronouns by which a speaker names itself or its own in a reported clause ("warned that they
# would retaliate", "warned that its forces would strike"); "it" is left out: "warned that it
# could take years" speaks of a situation.
_SPEAKER_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "his", "her", "its", "their", "our"})


def _own_clause(clause: Token) -> bool:
    """Whether a that-clause is about its speaker's own acts: its subject is a pronoun for the
    speaker or something the speaker owns ("his troops were poised to resume an offensive")."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.lower_ in _SPEAKER_PRONOUNS:
        return True
    return any(c.dep_ == "poss" and c.lower_ in _SPEAKER_PRONOUNS for c in subj.children)
