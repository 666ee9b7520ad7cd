"""The HTTP route of every method of MigmaClient, one module per resource.

Added by the example template overlay (examples/overlay in the oagen repository).
"""
