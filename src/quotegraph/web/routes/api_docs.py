"""`/api`: the OpenAPI description (served by FastAPI at /openapi.json) as a plain page:
every path, its parameters and what it returns, without the script-heavy Swagger UI."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..responses import html

router = APIRouter(tags=["documentation"])


def endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                           "description": p.get("description") or p.get("schema", {}).get("description", "")}
                          for p in operation.get("parameters", [])]
            out.append({"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                        "parameters": parameters})
    return out


@router.get("/api", response_class=Response, summary="The API's documentation (HTML)")
def api_page(request: Request) -> Response:
    return html(request, "api.html", {"endpoints": endpoints(request.app.openapi())})
