"""An experience's history is data (changes + a note); files of an older DIVA that wrote it as
text (« draft → confirmed; oral: 3 | vu ») still load, through the real store and file."""

from __future__ import annotations

import json
from pathlib import Path

from shared.experience import Experience, LevelChange, RatedCompetency, StatusChange
from tests.shared.storehelpers import new_player

OLD_HISTORY = [  # as the skill map and the model wrote it before
    {"at": "2026-03-02T10:00:00+00:00", "by": "jeu", "action": "created", "detail": "game"},
    {"at": "2026-03-03T10:00:00+00:00", "by": "Anne", "action": "level",
     "detail": "oral: 2 → 3 | plus autonome"},
    {"at": "2026-03-03T10:01:00+00:00", "by": "Anne", "action": "competency:rejected",
     "detail": "maths pas vraiment"},
    {"at": "2026-03-03T10:02:00+00:00", "by": "Anne", "action": "status:confirmed",
     "detail": "draft → confirmed; oral: 3 | raconté au club"},
    {"at": "2026-03-04T10:00:00+00:00", "by": "Anne", "action": "status:draft",
     "detail": "confirmed->draft"},
    {"at": "2026-03-04T10:01:00+00:00", "by": "Anne", "action": "add", "detail": "regles=1"},
    {"at": "2026-03-04T10:02:00+00:00", "by": "Anne", "action": "edit:title", "detail": ""},
]  # fmt: skip


def test_an_older_file_with_text_history_loads_and_is_rewritten_as_data(tmp_path: Path) -> None:
    store, zora = new_player(tmp_path)
    rated = [
        RatedCompetency(competency="oral", level=3),
        RatedCompetency(competency="maths", level=1),
    ]
    draft = Experience(player_id=zora.id, title="Entraîner les U9", competencies=rated)
    store.add_experience(draft)
    path = store.player_file(zora.id).path
    data = json.loads(path.read_text(encoding="utf-8"))
    [row] = data["experiences"].values()
    row["history"] = OLD_HISTORY
    path.write_text(json.dumps(data), encoding="utf-8")

    history = store.experience(zora.id, draft.id).history
    assert [(h.action, h.changes, h.note) for h in history] == [
        ("created", [], ""),  # the source is the experience's own field
        ("level", [LevelChange(competency="oral", level=3, before=2)], "plus autonome"),
        ("competency:rejected", [LevelChange(competency="maths", level=0)], "pas vraiment"),
        (
            "status:confirmed",
            [
                StatusChange(before="draft", after="confirmed"),
                LevelChange(competency="oral", level=3),
            ],
            "raconté au club",
        ),
        ("status:draft", [StatusChange(before="confirmed", after="draft")], ""),
        ("add", [LevelChange(competency="regles", level=1)], ""),
        ("edit:title", [], ""),
    ]

    store.update_experience(zora.id, draft.id, lambda e: e.rate("oral", 2, by="Anne", note="vu"))
    written = json.loads(path.read_text(encoding="utf-8"))
    [row] = written["experiences"].values()
    assert all("detail" not in entry for entry in row["history"])  # one format on disk now
    assert row["history"][-1]["changes"] == [
        {"kind": "level", "competency": "oral", "level": 2, "before": 3}
    ]
    assert row["history"][-1]["note"] == "vu"
    assert store.experience(zora.id, draft.id).history[:-1] == history


def test_a_note_that_reads_like_no_change_is_kept_whole(tmp_path: Path) -> None:
    """No word of an old history is lost: what is not a change stays the note."""
    store, zora = new_player(tmp_path)
    entry = {"at": "2026-03-03T10:00:00+00:00", "by": "Anne", "action": "status:confirmed",
             "detail": "vu ensemble; à revoir en mai | merci"}  # fmt: skip
    draft = Experience.model_validate({"player_id": zora.id, "title": "Stage", "history": [entry]})
    assert draft.history[0].changes == []
    assert draft.history[0].note == "vu ensemble; à revoir en mai merci"
