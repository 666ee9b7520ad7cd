"""One module per tag of the Migma.ai API (v1); the clients load them on first use."""
