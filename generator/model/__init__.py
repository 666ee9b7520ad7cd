"""Stage 2, model: build the IR (`ir.py`, plain typed data) from the loaded document, then apply the passes
(pagination, jobs) and check every name (`safety.py`). Imports only shared modules, never render or write."""
