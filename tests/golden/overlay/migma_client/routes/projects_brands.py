"""HTTP routes of `client.projects_brands` (tag Projects/Brands).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "get_import_status": ("GET", "/v1/projects/import/{projectId}/status"),
}
