"""A least-recently-used cache bounded by the bytes its values take, not by their count.

Rasterised pictures range from a 22 px icon (2 KB) to a full-window background (8 MB at
1920x1080): a cache of "64 surfaces" may hold 100 KB or 500 MB. Bounding by bytes keeps an app
that stays open all day at a known size whatever sizes its screens ask for. The caller says how
big a value is (pygame surfaces: pitch x height), so this module needs no pygame.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")

MB = 1024 * 1024


class ByteBudgetCache(Generic[V]):
    """Values made on first use and kept, most recently used last, within ``budget`` bytes.

    A value bigger than the whole budget is returned but not kept. Not thread-safe: each app
    draws on one thread.
    """

    def __init__(self, budget: int, size_of: Callable[[V], int]) -> None:
        self.budget = budget
        self._size_of = size_of
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self.bytes = 0

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for ``key``, or ``make()``'s, kept if it fits."""
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            return found[0]
        value = make()
        size = max(0, int(self._size_of(value)))
        if size <= self.budget:
            self._items[key] = (value, size)
            self.bytes += size
            while self.bytes > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self.bytes -= dropped
        return value

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items
