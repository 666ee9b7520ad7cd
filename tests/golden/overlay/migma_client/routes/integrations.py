"""HTTP routes of `client.integrations` (tag Integrations).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "connect_shopify_store": ("POST", "/v1/shopify/connect"),
}
