"""The game's own small widgets: buttons with a focus ring, dialogue box, cards, text."""
