"""Where a scenario's images and frameworks are found: one rule for every tool and the game.

A trainer keeps a scenario anywhere (« Mes documents/covoiturage/covoiturage.yaml »), with
its own pictures beside it in ``images/``. An asset path written in the file
(``images/backgrounds/ville.svg``) is looked for, in order, in:

1. the folder given with ``--content-root`` (when given);
2. the scenario's own folder;
3. the folder above it when the scenario sits in a folder named ``scenarios``
   (the layout of the bundled content: ``content/scenarios/x.yaml`` + ``content/images/``);
4. the bundled content (``shared.paths.content_dir()``), so the bundled backgrounds are
   usable from anywhere, also by their bare name (``ville.svg`` or ``ville``).

The validator (``diva-scenario validate``, ``graph``, ``paths``) and the game resolve
through :class:`ContentRoots`, so a file that validates is a file that plays.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shared.paths import content_dir

BACKGROUNDS = Path("images") / "backgrounds"
SVG = ".svg"


@dataclass(frozen=True)
class ContentRoots:
    """The folders an asset path is looked for in, first match wins."""

    folders: tuple[Path, ...]

    @property
    def first(self) -> Path:
        """The folder the scenario belongs to (where its own images go)."""
        return self.folders[0]

    def find(self, asset: str) -> tuple[Path, Path] | None:
        """``(root, file)`` for the first root holding ``asset``; None when none does.

        A bare name (``ville.svg``, ``ville``) is also looked for in ``images/backgrounds``.
        """
        for root in self.folders:
            for candidate in _candidates(asset):
                file = root / candidate
                if file.is_file():
                    return root, file
        return None

    def resolve(self, asset: str) -> str:
        """The absolute file of ``asset`` when found, else ``asset`` unchanged (the game then
        draws its plain fallback)."""
        found = self.find(asset)
        return str(found[1].resolve()) if found else asset

    def frameworks_folder(self) -> Path:
        """The first root with a ``frameworks`` folder (else the bundled one)."""
        for root in self.folders:
            if (root / "frameworks").is_dir():
                return root / "frameworks"
        return content_dir() / "frameworks"

    def shown(self) -> str:
        """The folders, for a message: « a, b, c »."""
        return ", ".join(str(folder) for folder in self.folders)


def _candidates(asset: str) -> list[str | Path]:
    candidates: list[str | Path] = [asset]
    if "/" not in asset and "\\" not in asset:
        candidates.append(BACKGROUNDS / asset)
        if not asset.endswith(SVG):
            candidates.append(BACKGROUNDS / f"{asset}{SVG}")
    return candidates


def roots_for(scenario_file: Path, explicit: Path | None = None) -> ContentRoots:
    """The content roots of a scenario file (see the module's rule)."""
    folder = scenario_file.resolve().parent
    return roots_for_folder(folder, explicit)


def roots_for_folder(folder: Path, explicit: Path | None = None) -> ContentRoots:
    """The content roots of every scenario in ``folder``."""
    folders: list[Path] = []
    if explicit is not None:
        folders.append(explicit)
    folders.append(folder)
    if folder.name == "scenarios":
        folders.append(folder.parent)
    folders.append(content_dir())
    unique: list[Path] = []
    for candidate in folders:
        if all(_same(candidate, seen) is False for seen in unique):
            unique.append(candidate)
    return ContentRoots(tuple(unique))


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
