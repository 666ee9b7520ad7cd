"""HTTP routes of `client.emails` (tag Emails).

`ROUTES` maps each method name to its HTTP method and path template.
"""

from typing import Final

ROUTES: Final[dict[str, tuple[str, str]]] = {
    "send_test_email": ("POST", "/v1/emails/test/send"),
    "get_email_artifact": ("GET", "/v1/emails/{artifactId}"),
    "update_email_artifact": ("PATCH", "/v1/emails/{artifactId}"),
    "get_email_logs": ("GET", "/v1/emails/{emailId}/logs"),
    "get_email_metrics": ("GET", "/v1/emails/{emailId}/metrics"),
    "get_export_status": ("GET", "/v1/export/status/{conversationId}"),
    "list_emails": ("GET", "/v1/projects/emails"),
    "generate_email_async": ("POST", "/v1/projects/emails/generate"),
    "get_email_generation_status": ("GET", "/v1/projects/emails/{conversationId}/status"),
    "send_email": ("POST", "/v1/sending"),
}
