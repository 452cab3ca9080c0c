"""The trainers' studio: checks and drawings that need the game itself (its layout, fonts
and icons), so ``shared/`` stays free of pygame. ``diva-scenario`` runs from here."""

import os

# The tools print reports on stdout: pygame's greeting must not end up in them.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
