#!/usr/bin/env python3
"""Validate a SARIF log against a JSON schema.

usage: validate_sarif.py SCHEMA LOG
exit 0 valid, 1 invalid (errors on stdout), 2 usage/unreadable, 77 when the
jsonschema module is missing (the test treats that as a skip).
"""
import json
import sys


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip())
        return 2
    try:
        import jsonschema
    except ImportError as e:
        print(f"jsonschema not available: {e}")
        return 77
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        with open(argv[2], encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        print(f"cannot read input: {e}")
        return 2
    # No check_schema(): the official file itself does not pass its
    # metaschema (a "(?i)" inside a pattern, an "anyOf" placed under
    # region.properties); neither touches anything pkgscan writes.
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.absolute_path))
    for err in errors:
        path = "/".join(str(p) for p in err.absolute_path)
        print(f"{path or '<root>'}: {err.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
