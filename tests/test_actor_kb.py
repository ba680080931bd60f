"""The actor knowledge base: public dictionaries, PLOVER sectors, user dictionaries (issue 12)."""

from __future__ import annotations

import datetime as dt
import gzip
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dyads.actors import ActorResolver
from dyads.actors.lexicon import load_lexicon
from dyads.actors.public import COLUMNS, read_rows
from dyads.actors.user import load_user_actors
from dyads.errors import InputError

D1987 = dt.date(1987, 3, 9)


def codes(text: str, when: dt.date | None = D1987) -> list[str]:
    return [a.code for a in ActorResolver.default().resolve_text(text, when)]


@pytest.mark.parametrize(
    ("text", "when", "want"),
    [
        ("The Soviet Union rejected the offer.", D1987, "RUS"),
        ("The USSR rejected the offer.", D1987, "RUS"),
        ("Soviet troops withdrew.", D1987, "RUSMIL"),
        ("Reagan said he would veto the bill.", D1987, "USAGOV"),
        ("President Reagan met the press.", D1987, "USAGOV"),
        ("Gorbachev proposed new talks.", D1987, "RUSGOV"),
        ("Mikhail Gorbachev proposed new talks.", D1987, "RUSGOV"),
        ("Los Zetas attacked the town.", dt.date(2011, 5, 1), "MEXCRM"),
        ("The DEA arrested him.", dt.date(2011, 5, 1), "USACOP"),
        ("The Northern Fleet held exercises.", dt.date(2011, 5, 1), "RUSMIL"),
        ("The PRI won the election.", dt.date(1994, 8, 21), "MEXPTY"),
        ("Republika Srpska refused.", dt.date(2011, 5, 1), "BIHGOV"),
    ],
)
def test_first_paragraph_of_the_issue(text: str, when: dt.date, want: str) -> None:
    assert codes(text, when)[0] == want


def test_reagan_is_elite_after_office() -> None:
    assert codes("Reagan said he would veto the bill.", dt.date(1995, 1, 1))[0] == "USAELI"


def test_bare_surname_needs_a_person_context() -> None:
    # "Roman" is a Romanian prime minister's surname in the dictionaries, never "Roman Catholic"
    assert "ROUELI" not in codes("Roman Catholic bishops met on Sunday.")


def test_text_title_wins_before_first_known_role() -> None:
    # people.csv knows Chirac as president from 1995; in 1987 the text makes him prime minister
    assert codes("French Prime Minister Jacques Chirac met the press.")[0] == "FRAGOV"


def test_public_data_has_provenance_and_attribution() -> None:
    raw = resources.files("dyads.actors").joinpath("data").joinpath("phoenix.tsv.gz")
    text = gzip.decompress(raw.read_bytes()).decode("utf-8")
    assert "Open Event Data Alliance" in text and "MIT" in text
    rows = read_rows(text)
    assert len(rows) > 20_000
    assert {r.kind for r in rows} == {"person", "org", "agent"}
    assert all(":" in r.source and r.source.split(":")[1].isdigit() for r in rows)
    assert text.splitlines()[8].split("\t") == list(COLUMNS)


def test_lexicon_indexes_public_phrases() -> None:
    lex = load_lexicon()
    assert len(lex.people.people) > 15_000
    assert lex.lookup("boykoborisov")
    assert lex.plover_sector("INS") == "REB"
    assert lex.plover_sector("COP") == "COP"
    assert set(lex.plover) <= set(lex.sector_codes)
    assert "PRM" in lex.sector_codes


def test_agent_nouns_from_plover() -> None:
    assert codes("Minsk police station was attacked.", None)[0] == "BLRCOP"
    assert codes("Jihadis attacked the base.", None)[0] == "REB"


USER = """\
actors:
  - name: Diego Molano
    aliases: [Molano]
    roles:
      - {code: COLMIL, from: 2021-05-04, until: 2022-08-07}
  - name: Gulf Clan
    aliases: [Clan del Golfo]
    code: COLCRM
  - name: Texaco
    code: MEXBUS
    kind: company
"""


def test_user_actors_add_and_override(tmp_path: Path, nlp: Any) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER, encoding="utf-8")
    resolver = ActorResolver.with_user_file(str(path))
    when = dt.date(2021, 6, 1)
    got = [a.code for a in resolver.annotate(nlp("Molano met the Gulf Clan."), when).actors()]
    assert got == ["COLMIL", "COLCRM"]
    assert [a.code for a in resolver.annotate(nlp("Texaco sued."), when).actors()] == ["MEXBUS"]
    # the default resolver is untouched
    assert "COLMIL" not in [a.code for a in ActorResolver.default().resolve_text("Molano", when)]


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("actors:\n  - name: X\n    code: colgov\n", 2, "bad code"),
        ("actors:\n  - name: X\n    code: COLGOV\n  - name: Y\n    sector: XYZ\n", 4, "sector"),
        ("actors:\n  - name: X\n    colour: red\n", 2, "unknown key"),
        ("actors:\n  - name: X\n", 2, "no code"),
        ("actors:\n  - name: X\n    roles:\n      - {code: COLGOV, from: 2021-13-01}\n", 2, "date"),
        ("people: []\n", 1, "actors"),
    ],
)
def test_bad_user_entries_name_file_and_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_user_actors(path, set(load_lexicon().sector_codes))
    msg = str(err.value)
    assert msg.startswith(f"{path}:{line}: ") and words in msg and "\n" not in msg


def test_cli_resolve_with_actors_file(tmp_path: Path) -> None:
    from dyads.cli import main

    path = tmp_path / "mine.yaml"
    path.write_text(USER, encoding="utf-8")
    args = ["actors", "resolve", "Molano spoke.", "--date", "2021-06-01", "--actors", str(path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "COLMIL" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - name: X\n", encoding="utf-8")
    args = ["actors", "resolve", "X spoke.", "--actors", str(bad)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    assert f"{bad}:2:" in result.output


def test_unresolved_names() -> None:
    from dyads.actors.unresolved import unresolved_names

    rows = unresolved_names(
        [
            ("Zorblat Quennick met Putin in Moscow.", dt.date(2020, 1, 1)),
            ("Zorblat Quennick spoke again.", dt.date(2020, 1, 2)),
        ]
    )
    top = {u.name: u for u in rows}
    assert top["Zorblat Quennick"].count == 2
    assert "Putin" not in top
