"""Near-duplicate detection: copies and updated versions are similar, rewrites are not."""

from __future__ import annotations

from dyads.store.neardup import BatchIndex, band_keys, minhash, similarity
from dyads.store.synthetic import render, reports, take

STORY = (
    "Flooding in the eastern provinces has displaced more than forty thousand people, the "
    "national disaster agency said on Wednesday, as rescue teams struggled to reach villages "
    "cut off by landslides. The government appealed for international help and said army "
    "helicopters had dropped food and water to stranded families. Aid agencies warned that "
    "the risk of disease was rising in crowded shelters near the regional capital. "
    "Engineers were inspecting two dams upstream of the worst-hit towns after cracks were "
    "reported in one of the spillways, and residents of low-lying districts were told to "
    "move to higher ground as a precaution. The rains, which began last Friday, are the "
    "heaviest recorded in the area for three decades, according to the meteorological office, "
    "and have destroyed roads, bridges and large areas of farmland ahead of the harvest."
)


def test_syndicated_copy_is_near_identical() -> None:
    copy = STORY + "\n(Distributed by Harbor Times; editing by the news desk)"
    assert similarity(minhash(STORY), minhash(copy)) >= 0.8


def test_updated_version_is_linked_but_not_a_copy() -> None:
    update = STORY + (
        " Late on Wednesday the prime minister visited one of the shelters and promised "
        "compensation for farmers who lost their harvest, while the weather service forecast "
        "more heavy rain over the weekend in the same region."
    )
    assert 0.5 <= similarity(minhash(STORY), minhash(update)) < 0.9


def test_independent_report_of_the_same_event_is_not_a_duplicate() -> None:
    other = (
        "Tens of thousands of residents have fled rising waters in the east of the country, "
        "officials reported, with helicopters from the armed forces delivering supplies to "
        "communities isolated by mudslides. Relief groups fear outbreaks of illness."
    )
    assert similarity(minhash(STORY), minhash(other)) < 0.2


def test_signatures_are_stable_across_processes() -> None:
    # Stored signatures must match ones computed later: no per-process hash seeds.
    assert minhash("a fixed sentence for the signature test").hex()[:16] == "de90330b9e297700"


def test_batch_index_finds_the_copy_by_band() -> None:
    idx = BatchIndex()
    idx.add("orig", minhash(STORY))
    found = [aid for aid, _ in idx.candidates(minhash(STORY + " Editing by the desk."))]
    assert found == ["orig"] and len(band_keys(minhash(STORY))) == 16


def test_synthetic_corpus_links_its_copies_and_nothing_else() -> None:
    idx = BatchIndex()
    true_links = false_links = n_dups = 0
    for rep in take(reports(seed=11), 800):
        sig = minhash(render(rep)[0].text)
        best = max((similarity(sig, s) for _, s in idx.candidates(sig)), default=0.0)
        if rep.copy_of or rep.update_of:
            n_dups += 1
            true_links += best >= 0.5
        else:
            false_links += best >= 0.5
        idx.add(rep.id, sig)
    assert true_links == n_dups and false_links <= 2
