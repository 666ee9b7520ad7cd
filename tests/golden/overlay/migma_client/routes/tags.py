"""HTTP routes of `client.tags` (tag Tags).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "create_tag": ("POST", "/v1/tags"),
}
