"""Stage 2, model/idempotency.py: an `Idempotency-Key` header is the client's, not an argument."""

from __future__ import annotations

from conftest import SPEC
from specbuilder import Spec, model, param

from generator import pipeline
from generator.config import Target


def test_the_header_is_taken_out_of_the_arguments_in_its_own_spelling() -> None:
    spec = Spec().post("/a", "PostA", parameters=[param("idempotency-KEY", "header"), param("dry_run")])
    [op] = model(spec).operations
    assert op.idempotency_header == "idempotency-KEY"
    assert [p.wire_name for p in op.parameters] == ["dry_run"]


def test_elsewhere_it_is_an_ordinary_argument() -> None:
    spec = Spec().post(
        "/a", "PostA", parameters=[param("Idempotency-Key", "query"), param("X-Idempotency", "header")]
    )
    [op] = model(spec).operations
    assert op.idempotency_header is None
    # `idempotency_key` is every such method's own argument, so this one is renamed.
    assert [p.name for p in op.parameters] == ["idempotency_key_", "x_idempotency"]


def test_migma_batch_deletes_carry_it() -> None:
    api, _ = pipeline.build_api(Target(SPEC, SPEC.parent, "migma_client"))
    keyed = sorted(op.operation_id for op in api.operations if op.idempotency_header)
    assert "BatchDeleteContacts" in keyed
    assert all(op.idempotency_header == "Idempotency-Key" for op in api.operations if op.idempotency_header)
