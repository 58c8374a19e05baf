"""What the OpenAPI schema says beyond each view's own annotations: the error answers.

Every operation can answer with errors its view does not annotate one by one: 401 without a
valid token, 403 for a user who is no partner member or whose role may not, 400 for a filter
or page link the API refuses, 404 for an object that is not the partner's or a page past the
end. This hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]) adds them where a view left
them out, each with the body the API sends: `{"detail": "..."}`, or for a refused field
`{"<field>": ["..."]}`.
"""

import re
from typing import Any

ERROR = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "`detail` says why; a refused field is named with its messages instead.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {}}, {"type": "object"}]
    },
}
DESCRIPTIONS = {
    "400": "The request is refused: a malformed filter, page link or body (the message says which).",
    "401": "No valid token or session.",
    "403": "Not a partner user, or the role may not do this.",
    "404": "No such object among your partner's, or a page past the end of the results.",
}


def _errors_of(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    if path.endswith("/auth/token/"):
        return ["400"]
    codes = ["401", "403"]
    if re.search(r"\{[^}]+\}", path):
        codes.append("404")
    elif method == "get":
        codes += ["400", "404"]  # lists: a filter or page link refused, a page past the end
    if "requestBody" in operation:
        codes.append("400")
    return codes


def document_errors(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR}"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in _errors_of(path, method, operation):
                documented = responses.setdefault(code, {"description": DESCRIPTIONS[code]})
                documented.setdefault("content", {"application/json": {"schema": reference}})
    return result
