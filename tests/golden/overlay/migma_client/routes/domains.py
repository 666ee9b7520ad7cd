"""HTTP routes of `client.domains` (tag Domains).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "initiate_domain_claim": ("POST", "/v1/domains/claims"),
    "confirm_domain_claim": ("POST", "/v1/domains/claims/{domain}/verify"),
    "create_managed_domain": ("POST", "/v1/domains/managed"),
}
