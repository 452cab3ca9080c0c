"""DIVA's bundled content (frameworks, scenarios, images), installed as the data package
``diva_content`` (see pyproject.toml): this file makes it a regular package so
importlib.resources finds it the same way in a wheel and in an editable install. No code."""
