"""Field descriptions for the editors' JSON Schemas, from the docstring under each field.

pydantic's ``use_attribute_docstrings`` does the same as each model class is built:
it finds and parses the class's source file once per class. That cost every server
process about 80 ms on its first page (bench/coldstart.py), for text that only the
schema files use. So the models are built without it, and the schemas read the
docstrings here, when they are written.
"""

from __future__ import annotations

import ast
import inspect
import sys
from functools import cache
from itertools import pairwise

from pydantic import BaseModel


@cache
def _module_tree(module: str) -> ast.Module:
    return ast.parse(inspect.getsource(sys.modules[module]))


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring in ``model``'s own class body (the string right after it)."""
    for node in ast.walk(_module_tree(model.__module__)):
        if isinstance(node, ast.ClassDef) and node.name == model.__name__:
            body = node.body
            return {
                field.target.id: inspect.cleandoc(doc.value.value)
                for field, doc in pairwise(body)
                if isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr)
                and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            }
    raise LookupError(f"no class {model.__name__} in {model.__module__}")


def describe_fields(schema: dict, *models: type[BaseModel]) -> dict:
    """Give every field of ``models`` its docstring as ``description`` in ``schema``, in
    place (a model in the schema's ``$defs``, else at its top level); returns ``schema``.

    Each field's keys stay sorted, as pydantic writes them.
    """
    defs = schema.get("$defs", {})
    for model in models:
        properties = defs.get(model.__name__, schema)["properties"]
        for name, doc in field_docs(model).items():
            properties[name] = dict(sorted({**properties[name], "description": doc}.items()))
    return schema
