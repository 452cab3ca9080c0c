"""DIVA's serious game: a scene stack over pygame-ce, with pygame_gui for text entry.

Nothing here runs at import: ``game.cli.main`` builds the session and opens the window.
"""
