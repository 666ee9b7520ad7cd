"""The client's runtime: the same in every client oagen generates, copied byte for byte.

`codec` (models and JSON), `params` (request parts), `client` (transport, auth, retries),
`streaming` (event streams, downloads), `pagination` (walking pages) and `errors`. Only
`_client.py` beside this folder knows the API.
"""
