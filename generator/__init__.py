"""oagen: generate typed Python clients from OpenAPI 3.x documents."""

__version__ = "0.1.0"
