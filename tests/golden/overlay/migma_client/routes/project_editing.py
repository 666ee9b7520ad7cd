"""HTTP routes of `client.project_editing` (tag Project Editing).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "add_image": ("POST", "/v1/projects/{projectId}/images"),
    "add_knowledge_base_entry": ("POST", "/v1/projects/{projectId}/knowledge-base"),
}
