"""HTTP routes of `client.webhooks` (tag Webhooks).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "create_webhook": ("POST", "/v1/webhooks"),
}
