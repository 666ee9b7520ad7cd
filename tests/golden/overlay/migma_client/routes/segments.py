"""HTTP routes of `client.segments` (tag Segments).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "create_segment": ("POST", "/v1/segments"),
}
