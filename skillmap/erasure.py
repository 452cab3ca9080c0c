"""Erasing one young person, the same from the command line and the app: the issuers first
(public badge pages answer 410, portfolio and endorsement requests withdrawn), the anonymous
record written (so the funders' figures keep the past), then every local trace."""

from shared.store import Store
from skillmap import funders, publishing, sending
from skillmap.issuers import IssuerBook


def erase_person(
    store: Store, player_id: str, local_only: bool = False
) -> tuple[list[str], list[str]]:
    """(what the issuers forgot, what was removed here). An unreachable issuer raises before
    anything is removed here (nothing lost) unless ``local_only``."""
    on_issuers: list[str] = []
    if not local_only:
        clients = sending.client_factory(IssuerBook(store.root))
        on_issuers = publishing.erase_on_issuers(store, player_id, clients)
    funders.figures(store)
    removed = store.erase_player(player_id)
    removed += sending.erase_badge_files(store.root, player_id)
    return on_issuers, removed
