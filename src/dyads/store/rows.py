"""Records to table rows: what the store writes for an article and for each mention."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from typing import Any

from dyads.records import Article, Event, to_dict
from dyads.store.cluster import DedupRules, MentionKey, actor_keys, block_key, date_interval


def text_hash(text: str) -> str:
    """Hash of an article's exact text (ids may also include the URL; this never does)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def normal_path(path: str) -> str:
    """``path`` as the store records it: absolute, without ``.``/``..`` or links, so that each
    spelling of one file is one path. ``<stdin>`` and the ``#URL`` of a WARC record stay."""
    if not path or path.startswith("<"):
        return path
    base, hash_, frag = path, "", ""
    if not os.path.lexists(path) and "#" in path:
        head, _, tail = path.partition("#")
        if os.path.lexists(head):
            base, hash_, frag = head, "#", tail
    return os.path.realpath(base) + hash_ + frag


def article_row(
    article: Article,
    signature: bytes,
    near_dup_of: str | None,
    similarity: float | None,
    coded: bool,
    n_mentions: int,
    now: dt.datetime,
) -> dict[str, Any]:
    """The ``articles`` row of one article."""
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "path": normal_path(article.path) if article.path else article.path,
        "text_hash": text_hash(article.text),
        "minhash": signature,
        "near_dup_of": near_dup_of,
        "similarity": similarity,
        "coded": coded,
        "n_chars": len(article.text),
        "n_mentions": n_mentions,
        "ingested_at": now,
    }


def mention_row(ev: Event, article: Article, rules: DedupRules) -> dict[str, Any]:
    """The ``mentions`` row of one coded event (the full record is kept as JSON too)."""
    actors = actor_keys(ev.actor)
    recipients = actor_keys(ev.recipient)
    dmin, dmax, precision = date_interval(ev.date, article.date, rules)
    loc = ev.location
    ti = ev.text_info
    return {
        "id": ev.id,
        "article_id": article.id,
        "event": ev.event,
        "mode": ev.mode,
        "context": list(ev.context),
        "cameo": ev.cameo,
        "quad_code": ev.quad_code,
        "goldstein": ev.goldstein,
        "actor_codes": [a.code for a in ev.actor],
        "actor_countries": [a.country for a in ev.actor],
        "recipient_codes": [a.code for a in ev.recipient],
        "recipient_countries": [a.country for a in ev.recipient],
        "actor": "+".join(actors) or "-",
        "recipient": "+".join(recipients) or "-",
        "date": ev.date,
        "date_text": ev.date_text,
        "date_basis": ev.date_basis,
        "date_min": dmin,
        "date_max": dmax,
        "date_precision": precision,
        "modality": ev.modality,
        "attributed_to": list(ev.attributed_to),
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "location_text": loc.text if loc else None,
        "location_start": loc.start if loc else None,
        "location_end": loc.end if loc else None,
        "location_admin1": loc.admin1 if loc else None,
        "location_admin2": loc.admin2 if loc else None,
        "location_feature_class": loc.feature_class if loc else None,
        "location_feature_code": loc.feature_code if loc else None,
        "location_precision": loc.precision if loc else None,
        "coder": ev.provenance,
        "sentence": ti.sentence,
        "sentence_index": ti.sentence_index,
        "start_char": ti.start,
        "end_char": ti.end,
        "trigger": ti.trigger,
        "trigger_start": ti.trigger_start,
        "trigger_end": ti.trigger_end,
        "confidence": ev.confidence,
        "block_key": block_key(ev.event, actors, recipients, ev.modality, rules),
        "event_id": None,
        "record": json.dumps(to_dict(ev), ensure_ascii=False, sort_keys=True),
    }


def mention_key(row: dict[str, Any]) -> MentionKey:
    """The clustering view of a stored mention row (joined with its article's date/group)."""
    return MentionKey(
        id=row["id"],
        article_id=row["article_id"],
        source_group=row.get("source_group") or row["article_id"],
        block=row["block_key"],
        event=row["event"],
        actor=row["actor"],
        recipient=row["recipient"],
        modality=row["modality"],
        date=row["date"],
        date_min=row["date_min"],
        date_max=row["date_max"],
        precision=row["date_precision"],
        report_date=row.get("report_date"),
        mode=row["mode"],
        cameo=row["cameo"],
        quad_code=row["quad_code"],
        goldstein=row["goldstein"],
        location_country=row["location_country"],
        location_name=row["location_name"],
    )
