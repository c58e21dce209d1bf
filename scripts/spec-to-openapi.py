#!/usr/bin/env python3
"""Writes an OpenAPI 3.0 document equivalent to a telnyx-codegen spec, so
that another generator can be timed on the same operations and types.

    python3 scripts/spec-to-openapi.py spec > /tmp/telnyx-sip.openapi.json

Every operation becomes a path item with the same method, path (the group's
base URL path in front), path and query parameters, JSON body and JSON 200
response; every named type becomes a component schema with the same fields,
docs, required and nullable flags, enum values, one_of alternatives and text types.
OpenAPI has no generics, so each applied generic (`Envelope<Ip>`) becomes
its own schema (`Envelope_Ip`) with the argument substituted. Formats and
constraints (min_length, minimum, ...) are carried over where OpenAPI has
them. Not a general converter: it covers what this spec format has.
"""

import json
import os
import sys
from urllib.parse import urlparse

import yaml


def load(path):
    """The spec files merged, as telnyx-codegen reads them (name order)."""
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.endswith((".yaml", ".yml")))
        files = [os.path.join(path, n) for n in names]
    else:
        files = [path]
    merged = {"groups": {}, "types": {}, "resources": {}, "field_sets": {}}
    for name in files:
        with open(name, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        for key in merged:
            merged[key].update(data.get(key) or {})
    expand_references(merged)
    return merged


def expand_references(spec):
    """Replaces every reference (`use: Source`, `use: Source.name`, an entry
    of a type with `from:` that states no `type`) by the definition it
    names with the reference's own keys over it, as telnyx-codegen does
    (spec/FORMAT.md, "Reuse")."""
    sources = {name: s.get("fields") or {} for name, s in spec["field_sets"].items()}
    sources.update({name: t.get("fields") or {} for name, t in spec["types"].items()})

    def resolve(entry, name, owner, depth=0):
        """`entry`, named `name` in `owner` (a type, a set or None)."""
        if "type" in entry or depth > 16:
            return entry
        if "use" in entry:
            source, _, other = entry["use"].partition(".")
            target_owner, target_name = source, other or name
        elif owner in spec["types"] and spec["types"][owner].get("from"):
            target_owner, target_name = spec["types"][owner]["from"], name
        else:
            return entry
        target = sources.get(target_owner, {}).get(target_name) or {}
        base = dict(resolve(target, target_name, target_owner, depth + 1))
        base.update({k: v for k, v in entry.items() if k != "use"})
        return base

    expanded = {
        tname: {name: resolve(entry or {}, name, tname) for name, entry in (t.get("fields") or {}).items()}
        for tname, t in spec["types"].items()
    }
    for tname, fields in expanded.items():
        if spec["types"][tname].get("fields") is not None:
            spec["types"][tname]["fields"] = fields
    for resource in spec["resources"].values():
        for op in (resource.get("operations") or {}).values():
            for key in ("path_params", "query"):
                params = op.get(key) or {}
                for name, entry in list(params.items()):
                    params[name] = resolve(entry or {}, name, None)


def split_args(text):
    """`A, B<C, D>` -> [`A`, `B<C, D>`]."""
    args, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        elif ch == "," and depth == 0:
            args.append(text[start:i].strip())
            start = i + 1
    args.append(text[start:].strip())
    return args


def parse(expr):
    """A type expression as (name, [arguments])."""
    expr = expr.strip()
    if "<" in expr:
        name, rest = expr.split("<", 1)
        return name.strip(), [parse(a) for a in split_args(rest[:-1])]
    return expr, []


def mangle(node):
    name, args = node
    return name if not args else name + "_" + "_".join(mangle(a) for a in args)


class Converter:
    def __init__(self, spec):
        self.spec = spec
        self.schemas = {}

    def schema(self, node, bindings):
        name, args = node
        if name in bindings:
            return bindings[name]
        if name == "string":
            return {"type": "string"}
        if name == "integer":
            return {"type": "integer", "format": "int64"}
        if name == "number":
            return {"type": "number", "format": "double"}
        if name == "boolean":
            return {"type": "boolean"}
        if name == "json":
            return {}
        if name == "array":
            return {"type": "array", "items": self.schema(args[0], bindings)}
        if name == "map":
            return {"type": "object", "additionalProperties": self.schema(args[0], bindings)}
        resolved = (name, [self.resolve(a, bindings) for a in args])
        component = mangle(resolved)
        if component not in self.schemas:
            self.schemas[component] = None  # recursion guard
            self.schemas[component] = self.define(name, [a for a in resolved[1]])
        return {"$ref": "#/components/schemas/" + component}

    def resolve(self, node, bindings):
        """Substitutes generic parameters bound to named types, for naming."""
        name, args = node
        if name in bindings and "$ref" in bindings[name]:
            return (bindings[name]["$ref"].rsplit("/", 1)[1], [])
        return (name, [self.resolve(a, bindings) for a in args])

    def define(self, name, args):
        definition = self.spec["types"][name]
        out = {}
        if definition.get("doc"):
            out["description"] = definition["doc"]
        if "enum" in definition:
            out["type"] = "integer" if definition["enum"] == "integer" else "string"
            out["enum"] = [v["value"] for v in definition["values"]]
            return out
        if "one_of" in definition:
            out["oneOf"] = [self.schema(parse(t), {}) for t in definition["one_of"].values()]
            return out
        if "text" in definition:
            # A text type: a string, or (string-or-number) a string or a number.
            if definition["text"] == "string-or-number":
                out["oneOf"] = [{"type": "string"}, {"type": "number"}]
            else:
                out["type"] = "string"
            return out
        params = definition.get("params") or []
        bindings = {p: self.schema(a, {}) for p, a in zip(params, args)}
        out["type"] = "object"
        properties, required = {}, []
        for field, spec in (definition.get("fields") or {}).items():
            properties[field] = self.field(spec, bindings)
            if spec.get("required"):
                required.append(field)
        out["properties"] = properties
        if required:
            out["required"] = required
        return out

    def field(self, spec, bindings):
        schema = self.schema(parse(spec["type"]), bindings)
        extra = {}
        for key, target in [
            ("doc", "description"),
            ("format", "format"),
            ("default", "default"),
            ("min_length", "minLength"),
            ("max_length", "maxLength"),
            ("minimum", "minimum"),
            ("maximum", "maximum"),
        ]:
            if key in spec:
                extra[target] = spec[key]
        if "format" in extra and schema.get("type") == "array":
            # The spec's format of a list applies to its items.
            items = schema["items"]
            schema = {**schema, "items": {**items, "format": extra.pop("format")}}
        if spec.get("read_only"):
            extra["readOnly"] = True
        if spec.get("nullable"):
            extra["nullable"] = True
        if "$ref" in schema and extra:
            # OpenAPI 3.0 ignores siblings of $ref: wrap it.
            return {"allOf": [schema], **extra}
        return {**schema, **extra}

    def parameter(self, name, spec, where):
        schema = self.field(spec, {})
        schema.pop("description", None)
        out = {"name": name, "in": where, "required": where == "path", "schema": schema}
        if spec.get("doc"):
            out["description"] = spec["doc"]
        return out

    def document(self):
        paths = {}
        for resource in self.spec["resources"].values():
            group = self.spec["groups"][resource["group"]]
            prefix = urlparse(group["base_url"]).path.rstrip("/")
            for op_name, op in resource["operations"].items():
                method, path = op["http"].split(" ", 1)
                operation = {"operationId": op_name, "tags": [resource["group"]]}
                if op.get("summary"):
                    operation["summary"] = op["summary"]
                if op.get("description"):
                    operation["description"] = op["description"]
                parameters = [
                    self.parameter(n, s, "path") for n, s in (op.get("path_params") or {}).items()
                ] + [self.parameter(n, s, "query") for n, s in (op.get("query") or {}).items()]
                if parameters:
                    operation["parameters"] = parameters
                if op.get("body"):
                    operation["requestBody"] = {
                        "required": True,
                        "content": {"application/json": {"schema": self.schema(parse(op["body"]), {})}},
                    }
                if op.get("response"):
                    ok = {
                        "description": "Success",
                        "content": {"application/json": {"schema": self.schema(parse(op["response"]), {})}},
                    }
                else:
                    ok = {"description": "Success"}
                operation["responses"] = {"200": ok}
                paths.setdefault(prefix + path, {})[method.lower()] = operation
        return {
            "openapi": "3.0.3",
            "info": {"title": "Telnyx SIP", "version": "0.1.0"},
            "servers": [{"url": "https://api.telnyx.com"}],
            "paths": paths,
            "components": {"schemas": self.schemas},
        }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: spec-to-openapi.py SPEC_DIR_OR_FILE > openapi.json")
    print(json.dumps(Converter(load(sys.argv[1])).document(), indent=2))


if __name__ == "__main__":
    main()
