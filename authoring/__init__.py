"""The trainers' studio: checks and drawings that need the game itself (its layout, fonts
and icons), so ``shared/`` stays free of pygame. ``diva-scenario`` runs from here
(:mod:`authoring.cli`, which hides pygame's greeting before importing it)."""
