"""The schemas' field descriptions come from the docstring under each field."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from limber import model, poses
from limber.field_docs import describe_fields, field_docs


class Sample(BaseModel):
    """A model written here, to read back."""

    plain: int
    """One line."""
    long: str = ""
    """Two lines,
    indented as a docstring is."""
    undocumented: int = 0
    last: int = 1
    """The last field's."""


def test_each_docstring_belongs_to_the_field_above_it() -> None:
    """A field's docstring is the string right under it, its indent cleaned; a field with none is left out."""
    assert field_docs(Sample) == {
        "plain": "One line.",
        "long": "Two lines,\nindented as a docstring is.",
        "last": "The last field's.",
    }


def test_descriptions_join_each_field_in_sorted_order() -> None:
    """A field's description sits among its keys in the sorted order pydantic writes them."""
    schema = describe_fields(Sample.model_json_schema(), Sample)
    assert list(schema["properties"]["long"]) == ["default", "description", "title", "type"]
    assert "description" not in schema["properties"]["undocumented"]


@pytest.mark.parametrize(
    ("schema", "models"),
    [
        pytest.param(
            model.json_schema(),
            {"": model.Routine, "Step": model.Step, "VideoSpan": model.VideoSpan},
            id="routine",
        ),
        pytest.param(poses.json_schema(), {"PoseEntry": poses.PoseEntry}, id="poses"),
    ],
)
def test_every_field_of_the_schemas_is_described(
    schema: dict, models: dict[str, type[BaseModel]]
) -> None:
    """Every field an editor completes in a routine or poses file has its description."""
    for name, cls in models.items():
        properties = schema["$defs"][name]["properties"] if name else schema["properties"]
        assert set(properties) == set(cls.model_fields)
        assert all(p.get("description") for p in properties.values()), name


def test_a_class_not_in_its_module_is_named() -> None:
    """A model made at run time (no class statement to read) fails with its name, not silently."""
    made = type("Made", (BaseModel,), {"__annotations__": {"x": int}, "__module__": __name__})
    with pytest.raises(LookupError, match="no class Made in"):
        field_docs(made)
