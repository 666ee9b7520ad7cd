"""HTTP routes of `client.email_validation` (tag Email Validation).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "check_email_compatibility": ("POST", "/v1/emails/validate/compatibility"),
    "analyze_email_deliverability": ("POST", "/v1/emails/validate/deliverability"),
    "analyze_email_links": ("POST", "/v1/emails/validate/links"),
    "check_spelling_grammar": ("POST", "/v1/emails/validate/spelling"),
}
