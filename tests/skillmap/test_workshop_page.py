"""A workshop's page: who played, what waits, the group's map; printable HTML (0600)."""

import os
import stat
from pathlib import Path

from shared.player import Player
from shared.store import Store
from skillmap import review
from skillmap.workshops import create_workshop
from tests.skillmap import builders as b


def test_workshop_show_and_its_printable_page(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data)
    workshop = create_workshop(store, "Mission locale de Lens", "Anne", "2026-11-28")
    lina = store.add_player(Player(pseudonym="Lina", workshops=[workshop.code])).id
    sami = store.add_player(Player(pseudonym="<Sami>", workshops=[workshop.code])).id
    b.player(store, "Noé", workshops=["OTHER1"])
    b.draft(store, lina, competencies={"oral": 3})
    b.draft(store, lina, "Buvette", {"maths": 2})
    b.draft(store, sami, competencies={"oral": 2})
    review.confirm_experience(store, lina, "1", "Anne")
    review.confirm_experience(store, sami, "1", "Anne")
    out = tmp_path / "atelier.html"
    code, text, err = b.run(data, "workshop", "show", workshop.code.lower(), "--out", str(out))
    assert code == 0, err
    assert "2 jeune(s) ont joué ; 1 brouillon(s) attendent une revue." in text
    assert "Lina (" in text and "1 à revoir, 1 confirmée(s)" in text and "Noé" not in text
    assert "Communiquer à l’oral : 2 jeune(s), meilleur niveau 3" in text
    html = out.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert "&lt;Sami&gt;" in html and "<Sami>" not in html and "2 sur 2" in html
    assert "@page" in html and "example.org" not in html
    code, _, err = b.run(data, "workshop", "show", "NOPE12")
    assert code == 1 and "Atelier inconnu : NOPE12" in err
