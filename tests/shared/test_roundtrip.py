"""Any valid record goes into the store and comes back equal (hypothesis)."""

import tempfile
from datetime import UTC
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared import hygiene
from shared.badge import BadgeRequest, Endorsement, Endorser
from shared.errors import StoreError
from shared.evidence import Evidence, ShownCompetency
from shared.experience import (
    Experience,
    HistoryEntry,
    LevelChange,
    RatedCompetency,
    StatusChange,
)
from shared.player import Avatar, Player
from shared.store import ScenarioProgress, Store

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
when = st.datetimes(timezones=st.just(UTC))
levels = st.integers(1, 4)

avatars = st.builds(Avatar)
pseudonyms = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zs", "Zl", "Zp")), min_size=1, max_size=40
)
players = st.builds(Player, pseudonym=pseudonyms, created=when)
shown = st.builds(ShownCompetency, competency=ids, level=levels, explanation=text)
rated = st.builds(RatedCompetency, competency=ids, level=levels)
statuses = st.sampled_from(["draft", "submitted", "confirmed", "rejected"])
changes = st.builds(
    LevelChange, competency=ids, level=st.integers(0, 4), before=st.integers(0, 4)
) | st.builds(StatusChange, before=statuses, after=statuses)
history = st.builds(
    HistoryEntry, at=when, by=text, action=text, changes=st.lists(changes, max_size=3), note=text
)


def evidence_for(player_id: str) -> st.SearchStrategy[Evidence]:
    return st.builds(
        Evidence,
        player_id=st.just(player_id),
        scenario_id=ids,
        scenario_version=text,
        node_id=ids,
        choice_text=text,
        shown=st.lists(shown, max_size=3),
        identified=st.lists(ids, max_size=4),
        matched=st.none() | st.booleans(),
        created=when,
    )


def experiences_for(player_id: str) -> st.SearchStrategy[Experience]:
    return st.builds(
        Experience,
        player_id=st.just(player_id),
        title=text.filter(lambda t: str(hygiene.cleaned(t)).strip()),  # visible once cleaned
        own_words=text,
        activities=st.lists(text, max_size=3),
        competencies=st.lists(rated, max_size=4, unique_by=lambda r: r.competency),
        history=st.lists(history, max_size=3),
        created=when,
    )


@st.composite
def player_records(draw: st.DrawFn) -> tuple[Player, list, list, BadgeRequest, Endorsement]:
    player = draw(players.map(lambda p: p.model_copy(update={"avatar": draw(avatars)})))
    evidence = draw(st.lists(evidence_for(player.id), max_size=4))
    experiences = draw(st.lists(experiences_for(player.id), min_size=1, max_size=3))
    request = BadgeRequest(
        player_id=player.id,
        competency=draw(ids),
        level=draw(levels),
        experience_ids=[experiences[0].id],
        narrative=draw(text),
        created=draw(when),
    )
    endorser = Endorser(name=draw(text.filter(str.strip)), role=draw(text))
    endorsement = Endorsement(
        player_id=player.id,
        endorser=endorser,
        subject_kind="experience",
        subject_id=experiences[0].id,
        comment=draw(text),
        created=draw(when),
    )
    return player, evidence, experiences, request, endorsement


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(player_records())
def test_any_valid_record_round_trips_through_the_files(records: tuple) -> None:
    player, evidence, experiences, request, endorsement = records
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        store.add_player(player)
        for item in evidence:
            store.add_evidence(item)
        for item in experiences:
            store.add_experience(item)
        store._insert(player.id, "badge_requests", request)  # unbacked on purpose: any model
        store.add_endorsement(endorsement)
        progress = ScenarioProgress(player_id=player.id, scenario_id="club-foot", node_id="n1")
        store.save_progress(progress)

        reopened = Store(Path(folder))  # fresh objects, same process cache keyed by file identity
        assert reopened.player(player.id) == player
        assert reopened.evidence(player.id) == evidence
        assert reopened.experiences(player.id) == experiences
        assert reopened.badge_requests(player.id) == [request]
        assert reopened.endorsements(player.id) == [endorsement]
        assert reopened.progress(player.id) == {"club-foot": progress}


def test_unencodable_text_is_refused_without_losing_saved_data(tmp_path: Path) -> None:
    store = Store(tmp_path)
    player = store.add_player(Player(pseudonym="Zora"))
    path = tmp_path / "players" / f"{player.id}.json"
    before = path.read_bytes()
    # pydantic refuses lone surrogates; model_copy skips validation, as a bug elsewhere might
    broken = Experience(player_id=player.id, title="ok").model_copy(update={"title": "\ud800"})
    with pytest.raises(StoreError, match="invalid characters"):
        store.add_experience(broken)
    assert path.read_bytes() == before
    assert store.experiences(player.id) == []
