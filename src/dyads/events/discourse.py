"""Relations between events of one article: the content of speech acts, purposes, reactions.

"threatened to impose sanctions" is one THREATEN, not a threat and a sanction; "deployed troops to
fight rebels" one deployment; "Russia denied the charge" answers the charge made before it.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyads.events import rewrites, syntax
from dyads.events.arguments import Arguments, other_parties
from dyads.events.candidate import Candidate
from dyads.events.lexicon import Lexicon
from dyads.records import Actor

ANAPHORIC_DET = frozenset({"the", "this", "that", "these", "those", "such", "a", "an"})
# Speech acts whose complement is their content, not a separate event (PLOVER: "the topic of
# the protest ... is not coded as a separate event"; the same holds for requests and threats).
HARMFUL = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# Verbs of commitment whose harmful content makes a threat ("vowed to crush the revolt").
VOWS = frozenset({"vow", "pledge", "promise", "swear", "commit"})
# Cooperative acts that, by one actor in one sentence, usually address one party.
SHARED_ADDRESSEE = frozenset({"AGREE", "SUPPORT", "AID", "CONCEDE", "RETREAT"})
CONTENT_TAKERS = frozenset({"REQUEST", "THREATEN", "AGREE", "REJECT", "ACCUSE", "CONCEDE"})

TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
# Subordinators of a clause that tells when or why, never what was said or wanted.
CIRCUMSTANCE_MARKS = frozenset(
    {"after", "before", "when", "while", "as", "because", "since", "although", "though", "once"}
)


def _under_prep(tok: Token, head: Token, preps: frozenset[str]) -> bool:
    """Whether ``tok`` sits inside a prepositional phrase of ``head`` headed by one of ``preps``."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        if cur.head.i == head.i:
            return cur.dep_ == "prep" and cur.lower_ in preps
        cur = cur.head
    return False


def _noun_head_verb(noun: Token) -> int:
    """Index of the verb a nominal trigger hangs on ("went on strike" -> went), or -1."""
    cur = noun
    for _ in range(3):
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur.i
    return -1


def _in_complement(tok: Token, head: Token) -> bool:
    """Whether ``tok`` sits in the complement of ``head`` (xcomp/ccomp/pcomp/acl chains)."""
    cur = tok
    for _ in range(10):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "prep" and cur.lower_ in syntax.TEMPORAL_PREPS | {"during"}:
            return False  # "agreed ... during Modi's visit": the visit is an event of its own
        if cur.dep_ == "prep" and cur.lower_ == "at" and tok.dep_ == "pobj" and tok.head.i == cur.i:
            return False  # "agreed at their summit": the summit is where, not what
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in cur.children
        ):
            return False  # "threatened sanctions after its prosecutor sought warrants"
        if cur.head.i == head.i:
            purpose = cur.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in cur.children
            )
            return (
                cur.dep_ in ("xcomp", "ccomp", "prep", "dobj", "acl") or purpose
            ) and cur.i > head.i
        if cur.dep_ not in (
            "xcomp",
            "ccomp",
            "pcomp",
            "prep",
            "pobj",
            "dobj",
            "acl",
            "conj",
            "advcl",
            "relcl",
        ):
            return False
        cur = cur.head
    return False


def absorb_content(cands: list[Candidate], args: Arguments) -> list[Candidate]:
    """Drop events that are the content of a speech act and lend their recipient to it.

    "threatened to impose sanctions on the ICC" is one THREATEN against the ICC;
    "urged China to persuade Russia" one REQUEST; "refused to meet Israel" one REJECT of Israel.
    The content keeps its own record only when it names a different actor of its own that is
    not the speech act's addressee ("accused Russia of shelling" stays one ACCUSE).
    """
    dropped: set[int] = set()
    for c in cands:
        # "deployed troops to help fight insurgents", "will visit Turkey to meet Erdogan": the
        # purpose belongs to the main event.
        purpose = _purpose_head(c.trigger)
        if purpose is None and c.trigger.dep_ == "advcl" and c.trigger.tag_ == "VBG":
            # "shelled a district, killing nine civilians": the killing is the shelling's toll
            same = [p for p in cands if p is not c and p.trigger.i == c.trigger.head.i]
            if same and (
                same[0].event == c.event
                # "reopened its embassy, ending a five-year rift": the end is the reopening
                or (same[0].event in ("RETREAT", "CONCEDE") and c.event == "CONCEDE")
            ):
                purpose = c.trigger.head
        if purpose is None and c.trigger.dep_ == "acl" and _to_infinitive(c.trigger):
            # "Obama's threat to attack Syria", "Moscow's offer to withdraw": the act a
            # speech-act noun announces is its content
            purpose = c.trigger.head
        heads = [
            p
            for p in cands
            if p is not c
            and purpose is not None
            and p.trigger.i == purpose.i
            and (c.trigger.dep_ != "acl" or p.event in CONTENT_TAKERS)
        ]
        if not heads and c.event == "ASSAULT":
            heads = [p for p in cands if p is not c and _mobilized_to(p, c)]
        if _motive_of_force(c, cands):
            dropped.add(id(c))  # "targeted the party for supporting the government"
            continue
        if heads:
            dropped.add(id(c))
            head = heads[0]
            if not head.recipients and (head.event in CONTENT_TAKERS or head.event == c.event):
                # "threatened to arrest opposition leaders": the threat is against them
                head.recipients = other_parties(c.recipients, head.actors)
            elif not head.recipients and head.event == "MOBILIZE":
                # "called up reservists to fight in Ukraine": the force is aimed at Ukraine
                head.recipients = other_parties(
                    c.recipients or _named_in(c.trigger, args), head.actors
                )
    for p in cands:
        if id(p) in dropped:
            continue
        for c in cands:
            if c is p or id(c) in dropped:
                continue
            # The topic of talks ("talks on supplying shells") and the demand of a protest
            # ("rallied demanding that ...") are not events of their own (PLOVER manual).
            if p.event == "CONSULT" and _under_prep(c.trigger, p.trigger, TOPIC_PREPS):
                dropped.add(id(c))
            elif (
                p.event == "PROTEST"
                and c.event == "REQUEST"
                and (
                    _in_complement(c.trigger, p.trigger)
                    or c.trigger.head.i == p.trigger.i
                    # "went on hunger strike to demand care": the demand hangs on the verb
                    or (p.rule.pos == "noun" and c.trigger.head.i == _noun_head_verb(p.trigger))
                )
            ):
                dropped.add(id(c))
        takes = p.event in CONTENT_TAKERS or (p.event == "RETREAT" and p.rule.mode == "access")
        if not takes:
            continue
        if p.rule.pos == "noun":
            # "filed a case ... accusing Israel": a nominal act takes its recipient from its clause
            if not p.recipients:
                p.recipients = args.content_recipient(p.trigger, p.actors)
            continue
        for c in cands:
            if c is p or id(c) in dropped or not _in_complement(c.trigger, p.trigger):
                continue
            named = args.own_actor(c.trigger) or (
                args.claimant(c.trigger) if c.event == "ASSAULT" else []
            )
            if c.rule.pos == "noun" and named and p.event != "AGREE":
                continue  # "condemned Russia's invasion": the invasion is an event of its own
            if c.rule.reaction and c.trigger.dep_ in ("relcl", "acl"):
                continue  # "..., a claim Ukraine denied": a reply, not the accusation's content
            if p.event == "RETREAT" and {a.country for a in c.actors} - {
                a.country for a in p.actors
            }:
                # "allowed the UN chief to visit Xinjiang": the visit allowed happened too
                if not p.recipients:
                    p.recipients = other_parties(c.actors, p.actors)
                continue
            dropped.add(id(c))
            first = not p.signals.get("has_content")
            p.signals["has_content"] = True
            if first and p.event == "AGREE" and c.event in ("RETREAT", "CONCEDE"):
                # "pledged to withdraw them", "promised to release 104": a promised retreat is
                # a CONCEDE (PLOVER: future RETREAT is never AGREE); the first act promised
                # decides ("agreed to restore relations and reopen embassies" stays AGREE)
                rewrites.apply("promised_retreat", p)
            elif first and p.event == "AGREE" and c.event in HARMFUL and p.rule.lemma in VOWS:
                # "vowed to fight to the last drop of blood and hunt down protesters": a vow of
                # force is a threat
                p.event, p.cameo = "THREATEN", "130"
            if c.rule.domestic or (
                c.event == "COERCE" and c.rule.mode in ("curfew", "martial-law")
            ):
                p.signals["domestic_content"] = True  # "refused to withdraw the bill"
            if not p.recipients:
                p.recipients = other_parties(c.recipients, p.actors)
                p.signals["content_recipient"] = bool(p.recipients)
        if not p.recipients:
            p.recipients = args.content_recipient(p.trigger, p.actors)
        if p.recipients:
            p.signals["no_recipient"] = False
    kept = [c for c in cands if id(c) not in dropped]
    for p in kept:
        if p.event == "AGREE" and not p.signals.get("has_content") and _promises_retreat(p, args):
            # "Medvedev's pledge to withdraw them": a promised retreat is a CONCEDE
            rewrites.apply("promised_retreat", p)
    for p in kept:
        if p.event == "MOBILIZE" and _to_help(p):
            # "sent troops to Haiti to help distribute aid": forces sent to help are aid
            rewrites.apply("forces_sent_to_help", p)
    for c in kept:
        if c.event in SHARED_ADDRESSEE and not c.recipients:
            # "offered condolences to Turkey and said India stood ready to help": a second
            # cooperative act of the same actor in the sentence addresses the same party
            own = {a.country for a in c.actors if a.country}
            for p in kept:
                if p is c or not p.recipients or p.event not in SHARED_ADDRESSEE:
                    continue
                if own and own == {a.country for a in p.actors if a.country}:
                    c.recipients = list(p.recipients)
                    c.signals["implied_recipient"] = True
                    c.signals["no_recipient"] = False
                    break
    for p in kept:
        if p.event == "MOBILIZE" and not p.recipients:
            p.recipients = other_parties(_fight_target(p, args), p.actors)
            if p.recipients:
                p.signals["no_recipient"] = False
    return kept


HELP_VERBS = frozenset({"help", "assist", "support", "aid", "protect", "rescue", "distribute"})


# Verbs whose promise is a promised retreat or concession (PLOVER: CONCEDE).
RETREAT_VERBS = frozenset(
    {"withdraw", "pull", "release", "free", "evacuate", "retreat", "disarm", "demobilize",
     "demobilise", "dismantle", "lift", "ease", "remove", "cede", "relinquish"}
)  # fmt: skip


def _promises_retreat(p: Candidate, args: Arguments) -> bool:
    """Whether the promise's to-clause is a retreat by its wording alone ("a pledge to withdraw
    them"); the clause itself may name no actor and so have coded no event."""
    for c in p.trigger.children:
        if c.dep_ in ("xcomp", "acl") and any(
            x.dep_ == "aux" and x.lower_ == "to" for x in c.children
        ):
            obj = syntax.direct_object(c)
            if c.lemma_.lower() in RETREAT_VERBS and not (
                obj is not None and args.lexicon.in_class(obj.lemma_.lower(), "diplomat")
            ):
                return True
    return False


def _to_help(p: Candidate) -> bool:
    """Whether a deployment is sent "to help/assist/protect": a purpose of aid."""
    verb = p.trigger if p.rule.pos == "verb" else p.trigger.head
    return any(_to_clause(c) and c.lemma_.lower() in HELP_VERBS for c in verb.children)


def _fight_target(p: Candidate, args: Arguments) -> list[Actor]:
    """Whom a mobilisation is for, from a purpose clause of fighting: "calling up 300,000
    reservists to fight in Ukraine", "deployed troops to battle Islamic State"."""
    verb = p.trigger if p.rule.pos == "verb" else p.trigger.head
    clauses = [c for c in verb.children if _to_clause(c)]
    for c in verb.children:
        if c.dep_ == "advcl" and c.tag_ == "VBG":
            clauses.extend(x for x in c.children if _to_clause(x))
    for c in clauses:
        rules = args.lexicon.rules("verb", c.lemma_.lower())
        if any(r.event == "ASSAULT" for r in rules):
            found = _named_in(c, args)
            if found:
                return found
    return []


def _to_clause(tok: Token) -> bool:
    return tok.dep_ in ("xcomp", "advcl") and any(
        x.dep_ == "aux" and x.lower_ == "to" for x in tok.children
    )


def _motive_of_force(c: Candidate, cands: list[Candidate]) -> bool:
    """Whether ``c`` is the stated motive of an act of force or punishment ("attacked X for
    supporting the government", "jailed him for insulting the king"): a reason, not a report
    of its own."""
    t = c.trigger
    if t.dep_ != "pcomp" or t.head.lower_ != "for":
        return False
    act = t.head.head.i
    return any(
        p.trigger.i == act and p.event in ("ASSAULT", "COERCE", "SANCTION")
        for p in cands
        if p is not c
    )


def _mobilized_to(p: Candidate, c: Candidate) -> bool:
    """Whether the fighting ``c`` is what the mobilisation ``p`` is for: "ordered the call-up of
    reservists to fight in Ukraine", "deployed troops to battle the insurgents"."""
    if p.event != "MOBILIZE" or c.trigger.i < p.trigger.i:
        return False
    to_clause = c.trigger.dep_ in ("xcomp", "advcl") and any(
        x.dep_ == "aux" and x.lower_ == "to" for x in c.trigger.children
    )
    if not to_clause:
        return False
    verb = p.trigger if p.rule.pos == "verb" else p.trigger.head
    head = c.trigger.head
    if head.i != verb.i and head.dep_ == "advcl" and head.tag_ == "VBG":
        head = head.head  # "ordered a mobilisation, calling up reservists to fight in Ukraine"
    return head.i == verb.i


def _named_in(tok: Token, args: Arguments) -> list[Actor]:
    """Actors named in the clause headed by ``tok``, other than its subject."""
    for t in tok.subtree:
        if t.dep_ in syntax.SUBJ and t.head.i == tok.i:
            continue
        m = args.mention(t)
        if m is not None and m.kind != "pronoun":
            return list(m.actors)
    return []


def _to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _purpose_head(tok: Token) -> Token | None:
    """The verb a purpose clause ("... to meet X", "... to help fight") belongs to."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "advcl" and _to_infinitive(cur):
            return cur.head
        if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i:
            return None  # climbs "help the government fight": fight -> help -> sent
        cur = cur.head
    return None


def link_reactions(cands: list[Candidate], lexicon: Lexicon) -> None:
    """Give reaction events ("denied the charge", "a move Israel condemned") a recipient.

    When a reaction trigger has no recipient and its object is an anaphoric statement noun
    ("the charge", "the move", "a claim Ukraine denied"), it answers the latest earlier event in
    the previous two sentences by another actor: that actor is the recipient.
    """
    for k, c in enumerate(cands):
        if not c.rule.reaction or c.recipients:
            continue
        if not _anaphoric_object(c.trigger, lexicon):
            continue
        own = {a.code[:3] for a in c.actors}
        wanted = _reacted_types(c.trigger, lexicon)
        for prev in reversed(cands[:k]):
            if c.sentence_index - prev.sentence_index > 2:
                break
            if prev.sentence_index == c.sentence_index and prev.rule.reaction:
                continue
            if wanted and prev.event not in wanted:
                continue  # "welcomed the deal" answers the agreement, not the last accusation
            theirs = [a for a in prev.actors if a.code[:3] not in own]
            if theirs:
                c.recipients = theirs
                c.reacts_to = prev
                c.signals["reaction_link"] = True
                c.signals["no_recipient"] = False
                break


# What kind of earlier event an anaphoric noun points back to ("the deal", "the charge").
REACTED_TYPES = {
    "agreement": frozenset({"AGREE", "SUPPORT", "CONCEDE", "RETREAT", "COOPERATE", "AID"}),
    "accusation": frozenset({"ACCUSE", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "REQUEST"}),
}


def _reacted_types(trigger: Token, lexicon: Lexicon) -> frozenset[str]:
    obj = _reaction_object(trigger)
    if obj is None:
        return frozenset()
    lemma = obj.lemma_.lower()
    for cls, types in REACTED_TYPES.items():
        if lexicon.in_class(lemma, cls):
            return types
    return frozenset()


def _reaction_object(trigger: Token) -> Token | None:
    if trigger.dep_ == "oprd":
        return syntax.first_child(trigger.head, "dobj")
    if trigger.dep_ == "amod":
        return trigger.head
    obj = syntax.direct_object(trigger)
    if (obj is None or obj.lower_ in syntax.RELATIVE) and trigger.dep_ in ("relcl", "acl"):
        return trigger.head
    if obj is None and trigger.dep_ == "ccomp" and trigger.head.dep_ in ("relcl", "acl"):
        return trigger.head.head
    return obj


def _anaphoric_object(trigger: Token, lexicon: Lexicon) -> bool:
    if trigger.dep_ == "oprd":
        obj = syntax.first_child(trigger.head, "dobj")
    elif trigger.dep_ == "amod":
        obj = trigger.head
    else:
        obj = syntax.direct_object(trigger)
        if (obj is None or obj.lower_ in syntax.RELATIVE) and trigger.dep_ in ("relcl", "acl"):
            obj = trigger.head  # "a move that Israel condemned", "a claim Ukraine denied"
        elif obj is None and trigger.dep_ == "ccomp" and trigger.head.dep_ in ("relcl", "acl"):
            obj = trigger.head.head  # "a verdict Biden called unacceptable"
    if obj is None:
        return False
    if not lexicon.in_class(obj.lemma_.lower(), "statement"):
        return False
    return obj.dep_ in ("appos", "npadvmod", "attr") or any(
        c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DET for c in obj.children
    )
