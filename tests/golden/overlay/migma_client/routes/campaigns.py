"""HTTP routes of `client.campaigns` (tag Campaigns).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "create_campaign": ("POST", "/v1/campaigns"),
    "cancel_campaign": ("POST", "/v1/campaigns/{id}/cancel"),
    "schedule_campaign": ("POST", "/v1/campaigns/{id}/schedule"),
}
