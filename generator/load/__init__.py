"""Stage 1, load: read the spec (JSON or YAML), check the JSON types the model reads, view its skeleton
(`skeleton.py`), validate it, bundle the files its `$ref`s reach. Returns values (`document.LoadedSpec`);
imports no later stage."""
