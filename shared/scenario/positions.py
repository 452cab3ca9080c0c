"""Where in the file: from a pydantic error ``loc`` to the line:col a trainer can jump to.

pydantic's ``loc`` mixes real keys and indexes with the names of union branches
(``("nodes", 3, "scene", "choices", 0, "goto")``, ``("title", "dict[str,str]", "fr")``).
Only the parts that exist in the data are kept; the result is looked up in the
:class:`~shared.yamlfile.Document`, which knows the line:col of every key and value.
"""

from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, Tag

from shared.yamlfile import DataPath, Document, Position

LOC_KEY_ERRORS = frozenset({"extra_forbidden"})


def data_path(data: Any, loc: tuple[Any, ...]) -> DataPath:
    """The parts of ``loc`` present in ``data``: union branch names and missing keys drop out.

    A missing key is the last element of its ``loc``, so its error points at the mapping
    that lacks it.
    """
    path: list[str | int] = []
    current = data
    for step in loc:
        if _has(current, step):
            current = current[step]
            path.append(step)
    return tuple(path)


def _has(container: Any, step: Any) -> bool:
    if isinstance(container, dict):
        return step in container
    return isinstance(container, list) and isinstance(step, int) and 0 <= step < len(container)


def value_at(data: Any, path: DataPath) -> Any:
    """The value at ``path`` (as :func:`data_path` returns it)."""
    for step in path:
        data = data[step]
    return data


def error_position(document: Document, loc: tuple[Any, ...], error_type: str) -> Position:
    """The line:col of a pydantic error: the key for unknown keys, else the value."""
    path = data_path(document.data, loc)
    if error_type in LOC_KEY_ERRORS:
        return document.key_at(path)
    return document.value_at(path)


def locate(document: Document, path: DataPath, at_key: bool = False) -> Position:
    """The line:col of ``path`` (a path into the data, as the semantic checks build them)."""
    return document.key_at(path) if at_key else document.value_at(path)


def model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class whose mapping sits at ``loc`` (union branches followed), if any."""
    annotation: Any = root
    for step in loc:
        annotation = _step(annotation, step)
        if annotation is None:
            return None
    annotation = _unwrap(annotation)
    return annotation if _is_model(annotation) else None


def _step(annotation: Any, step: Any) -> Any:
    annotation = _unwrap(annotation)
    if _is_model(annotation):
        field = annotation.model_fields.get(step) if isinstance(step, str) else None
        return field.annotation if field else None
    origin = get_origin(annotation)
    if origin is list and isinstance(step, int):
        return get_args(annotation)[0]
    if origin in (Union, UnionType):
        for member in get_args(annotation):
            if _tag(member) == step or getattr(_unwrap(member), "__name__", None) == step:
                return member
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional until something meaningful is left."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin in (Union, UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation


def _tag(annotation: Any) -> str | None:
    if get_origin(annotation) is Annotated:
        for extra in get_args(annotation)[1:]:
            if isinstance(extra, Tag):
                return extra.tag
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
