"""Stage 2, model: build the IR (`ir.py`, plain typed data) from the load stage's skeleton view, then apply
the passes, in the order `passes.py` states. Imports only shared modules and the load stage, never render or
write."""
