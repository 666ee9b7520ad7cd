"""Workflows on top of the pipeline: `oagen diff` (what a spec change does to the client) and `oagen update`
(fetch the upstream spec, diff, changelog, regenerate)."""
