"""HTTP routes of `client.contacts` (tag Contacts).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "list_contacts": ("GET", "/v1/contacts"),
    "add_contact": ("POST", "/v1/contacts"),
    "batch_delete_contacts": ("POST", "/v1/contacts/bulk-delete"),
    "create_contact_import": ("POST", "/v1/contacts/imports"),
    "get_contact_import": ("GET", "/v1/contacts/imports/{id}"),
    "update_contact": ("PATCH", "/v1/contacts/{id}"),
}
