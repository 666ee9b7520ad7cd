"""Stage 4, write: stage the rendered files and move them into place atomically, with a manifest that says
what was read and written (so `oagen check` can say why output is stale)."""
