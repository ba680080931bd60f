"""The scorer implements the gold file's matching rule."""

from __future__ import annotations

from dyads.evaluate import actor_keys, score_document, summarize
from dyads.records import Actor, Event, TextInfo

TEXT = "Russia attacked Ukraine on Monday. Turkey and Egypt restored ties. It rained."


def _actor(code: str) -> Actor:
    return Actor(code, code[:3], code[3:] or None, None, code, 0, 0)


def _event(
    eid: str,
    event: str,
    actors: list[str],
    recipients: list[str],
    sentence: str,
    date: str | None = None,
    modality: str = "asserted",
) -> Event:
    start = TEXT.index(sentence)
    info = TextInfo(sentence, 0, start, start + len(sentence))
    return Event(
        id=eid,
        article_id="a",
        event=event,
        mode=None,
        context=(),
        cameo="190",
        quad_code=4,
        goldstein=-10.0,
        actor=tuple(_actor(a) for a in actors),
        recipient=tuple(_actor(r) for r in recipients),
        date=date,
        date_text=None,
        date_basis="text" if date else "publication",
        modality=modality,  # type: ignore[arg-type]
        attributed_to=(),
        location=None,
        text_info=info,
        confidence=0.9,
        mentions=(info,),
    )


GOLD = {
    "events": [
        {
            "id": "G1",
            "required": True,
            "evidence": "Russia attacked Ukraine",
            "actor": ["RUS"],
            "recipient": ["UKR"],
            "event": ["ASSAULT"],
            "date": "2024-01-29",
            "modality": "asserted",
        },
        {
            "id": "G2",
            "required": True,
            "evidence": "Turkey and Egypt restored ties",
            "actor": ["TUR", "EGY"],
            "recipient": ["EGY", "TUR"],
            "event": ["SUPPORT"],
        },
    ],
    "must_not": [{"evidence": "It rained"}],
}


def test_actor_keys_include_igo_member_codes() -> None:
    assert actor_keys([_actor("RUSGOV")]) == {"RUS"}
    assert {"IGO", "UNO"} <= actor_keys([_actor("IGOUNO")])


def test_reciprocal_event_without_recipient_matches_either_form() -> None:
    evs = [
        _event(
            "e1", "ASSAULT", ["RUSMIL"], ["UKR"], "Russia attacked Ukraine on Monday.", "2024-01-29"
        ),
        _event("e2", "SUPPORT", ["TUR", "EGY"], [], "Turkey and Egypt restored ties."),
    ]
    s = summarize([score_document("d", TEXT, 0, GOLD, evs, "t")])
    assert s["recall_required"] == 1.0 and s["precision"] == 1.0
    assert s["date_accuracy"] == 1.0 and s["modality_accuracy"] == 1.0


def test_wrong_recipient_wrong_type_and_wrong_sentence_do_not_match() -> None:
    evs = [
        _event("e1", "ASSAULT", ["RUS"], ["TUR"], "Russia attacked Ukraine on Monday."),
        _event("e2", "ACCUSE", ["RUS"], ["UKR"], "Russia attacked Ukraine on Monday."),
        _event("e3", "ASSAULT", ["RUS"], ["UKR"], "Turkey and Egypt restored ties."),
    ]
    s = summarize([score_document("d", TEXT, 0, GOLD, evs, "t")])
    assert s["required_found"] == 0 and s["precision"] == 0.0


def test_duplicate_report_counts_once_for_recall_and_not_against_precision() -> None:
    evs = [
        _event("e1", "ASSAULT", ["RUS"], ["UKR"], "Russia attacked Ukraine on Monday."),
        _event("e2", "ASSAULT", ["RUS"], ["UKR"], "Russia attacked Ukraine on Monday."),
    ]
    s = summarize([score_document("d", TEXT, 0, GOLD, evs, "t")])
    assert s["required_found"] == 1
    assert s["precision"] == 1.0 and s["strict_precision"] == 0.5


def test_event_in_a_must_not_sentence_is_a_violation() -> None:
    evs = [_event("e1", "ASSAULT", ["RUS"], ["UKR"], "It rained.")]
    s = summarize([score_document("d", TEXT, 0, GOLD, evs, "t")])
    assert s["must_not_violations"] == ["It rained"]


def test_joint_event_without_recipient_matches_gold_without_recipient() -> None:
    gold = {
        "events": [
            {"id": "G1", "required": True, "evidence": "Turkey and Egypt restored ties",
             "actor": ["TUR", "EGY"], "recipient": [], "event": ["SUPPORT"]},
        ]
    }  # fmt: skip
    evs = [_event("e1", "SUPPORT", ["TUR", "EGY"], [], "Turkey and Egypt restored ties.")]
    s = summarize([score_document("d", TEXT, 0, gold, evs, "t")])
    assert s["required_found"] == 1
