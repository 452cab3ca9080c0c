"""DIVA's skill map: the counsellor's companion (review, experiences, badges, portfolio).

For the desktop app (``skillmap/app/``) and any other caller, the counsellor's actions are
plain functions taking a ``shared.store.Store``; they raise ``skillmap.common.ActionError``
(translate it with ``skillmap.common.describe(error, catalogue)``) or ``NeedsConfirmation``
(ask, then call again with ``allow_level4=True``):

- ``skillmap.people``: ``resolve`` (id or unique pseudonym), ``list_players`` (structure,
  workshop, search, what is new), ``player_page`` (everything a player's page shows),
  ``mark_reviewed``, ``structures``.
- ``skillmap.review``: ``drafts``, ``confirm_experience``, ``reject_experience``,
  ``reopen_experience``, ``set_level`` (adjust or add a competency), ``judge_competency``,
  ``edit_experience``, ``add_experience`` (with ``NewExperience``), ``find_experience``.
- ``skillmap.badges``: ``options`` (what could be requested), ``prepare`` (a draft to edit
  together), ``submit`` (e-mail + consent, then queued), ``request_badge`` (both at once).
- ``skillmap.workshops``: ``create_workshop`` (short unambiguous code), ``list_workshops``.
- ``skillmap.portfolio``: ``portfolio_html``, ``export_portfolio`` (HTML + PNG of the map);
  ``skillmap.map_svg.map_svg`` draws the map (confirmed petals, suggested levels dashed),
  ``skillmap.map_png.render_map`` rasterises it with pygame; ``skillmap.look`` gives
  DIVA's palette, icons, badge and portrait drawings (``shared.look``, no pygame).
- ``skillmap.stats``: ``compute`` (counts only), ``to_csv``.
- ``skillmap.common``: ``catalogue(lang)``, ``framework()``, ``competency_name``.
- ``skillmap.cli``: ``main(argv)``, the ``diva-skillmap`` command.
"""
