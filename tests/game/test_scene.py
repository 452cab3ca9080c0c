"""The scene stack, one small test class per situation (after Tuxemon's state manager
tests): changes are applied between frames, every pause is matched by a resume."""

from __future__ import annotations

from collections import Counter

from game.scene import Scene, SceneStack


class Probe(Scene):
    opaque = True

    def __init__(self, name: str, calls: Counter) -> None:
        self.name, self.calls = name, calls
        self.stack = None

    def enter(self) -> None:
        self.calls[f"{self.name}.enter"] += 1

    def exit(self) -> None:
        self.calls[f"{self.name}.exit"] += 1

    def pause(self) -> None:
        self.calls[f"{self.name}.pause"] += 1

    def resume(self) -> None:
        self.calls[f"{self.name}.resume"] += 1


class Overlay(Probe):
    opaque = False


def name_of(scene: Scene | None) -> str:
    """The name of a probe on the stack (the stack hands back plain scenes)."""
    assert isinstance(scene, Probe)
    return scene.name


class TestPushOnEmpty:
    def test_push_waits_for_apply(self) -> None:
        calls: Counter = Counter()
        stack = SceneStack()
        stack.push(Probe("a", calls))
        assert stack.top is None and stack.pending
        assert stack.apply()
        assert name_of(stack.top) == "a" and calls == Counter({"a.enter": 1})


class TestPushOnTop:
    def test_pauses_the_scene_below(self) -> None:
        calls: Counter = Counter()
        stack = SceneStack()
        stack.push(Probe("a", calls))
        stack.push(Probe("b", calls))
        stack.apply()
        assert calls == Counter({"a.enter": 1, "a.pause": 1, "b.enter": 1})


class TestPop:
    def test_resumes_the_scene_below(self) -> None:
        calls: Counter = Counter()
        stack = SceneStack()
        stack.push(Probe("a", calls))
        stack.push(Probe("b", calls))
        stack.apply()
        stack.pop()
        stack.apply()
        assert name_of(stack.top) == "a"
        assert calls["a.pause"] == calls["a.resume"] == 1 and calls["b.exit"] == 1

    def test_pop_on_empty_is_harmless(self) -> None:
        stack = SceneStack()
        stack.pop()
        stack.apply()
        assert stack.top is None


class TestReplace:
    def test_replace_exits_without_resuming_below(self) -> None:
        calls: Counter = Counter()
        stack = SceneStack()
        stack.push(Probe("a", calls))
        stack.push(Probe("b", calls))
        stack.apply()
        stack.replace(Probe("c", calls))
        stack.apply()
        assert [name_of(s) for s in stack.scenes] == ["a", "c"]
        assert calls["b.exit"] == 1 and calls["a.resume"] == 0


class TestQueueThenPop:
    def test_requests_apply_in_order(self) -> None:
        calls: Counter = Counter()
        stack = SceneStack()
        stack.push(Probe("a", calls))
        stack.push(Probe("b", calls))
        stack.pop()
        stack.apply()
        assert [name_of(s) for s in stack.scenes] == ["a"]
        assert calls["a.pause"] == calls["a.resume"] == 1


class TestVisible:
    def test_draws_from_the_topmost_opaque_scene(self) -> None:
        calls: Counter = Counter()
        stack = SceneStack()
        for scene in (Probe("a", calls), Probe("b", calls), Overlay("c", calls)):
            stack.push(scene)
        stack.apply()
        assert [name_of(s) for s in stack.visible()] == ["b", "c"]


class TestClear:
    def test_clear_exits_everything(self) -> None:
        calls: Counter = Counter()
        stack = SceneStack()
        stack.push(Probe("a", calls))
        stack.push(Probe("b", calls))
        stack.apply()
        stack.clear()
        stack.apply()
        assert stack.top is None and calls["a.exit"] == calls["b.exit"] == 1
