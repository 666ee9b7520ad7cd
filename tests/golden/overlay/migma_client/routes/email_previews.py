"""HTTP routes of `client.email_previews` (tag Email Previews).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "create_email_preview": ("POST", "/v1/emails/previews"),
    "get_preview_status_and_results": ("GET", "/v1/emails/previews/{previewId}"),
    "get_preview_status_only": ("GET", "/v1/emails/previews/{previewId}/status"),
}
