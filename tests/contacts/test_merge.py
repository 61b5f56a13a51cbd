"""Merging two records of one customer and undoing it, audited."""

from __future__ import annotations

from tawasol.models.vocabulary import Role
from tests.factories import login, make_tenant, make_user


def test_merge_then_unmerge_restores_everything(app, runtime) -> None:  # type: ignore[no-untyped-def]
    t = make_tenant(runtime, "MRG")
    _, email = make_user(runtime, Role.SUPERVISOR, [t.client_id])
    client = login(app, email)
    other = client.post("/api/v1/contacts", json={
        "client_id": t.client_id, "name": "Hind (WhatsApp)",
        "identities": [{"kind": "whatsapp", "value": "+212661112233"}]}).json()  # fmt: skip
    client.post(
        f"/api/v1/contacts/{other['id']}/consents", json={"purpose": "marketing", "granted": True}
    )
    conv = client.post("/api/v1/conversations", json={
        "inbox_id": t.inbox_id, "contact_id": other["id"], "text": "salam"}).json()  # fmt: skip

    merged = client.post(f"/api/v1/contacts/{t.contact_id}/merge",
                         json={"other_contact_id": other["id"]})  # fmt: skip
    assert merged.status_code == 201
    assert {k: len(v) for k, v in merged.json()["moved"].items()} == {
        "identities": 1, "conversations": 1, "consents": 1}  # fmt: skip
    survivor = client.get(f"/api/v1/contacts/{t.contact_id}").json()
    assert "+212661112233" in {i["value"] for i in survivor["identities"]}
    assert client.get(f"/api/v1/conversations/{conv['id']}").json()["contact_id"] == t.contact_id
    listed = client.get("/api/v1/contacts", params={"client_id": t.client_id}).json()["items"]
    assert other["id"] not in {c["id"] for c in listed}
    again = client.post(
        f"/api/v1/contacts/{t.contact_id}/merge", json={"other_contact_id": other["id"]}
    )
    assert again.status_code == 409

    undone = client.post(f"/api/v1/contacts/merges/{merged.json()['id']}/undo")
    assert undone.status_code == 200 and undone.json()["undone_at"]
    assert client.get(f"/api/v1/conversations/{conv['id']}").json()["contact_id"] == other["id"]
    restored = client.get(f"/api/v1/contacts/{other['id']}").json()
    assert restored["merged_into_id"] is None and len(restored["consents"]) == 1
    assert client.post(f"/api/v1/contacts/merges/{merged.json()['id']}/undo").status_code == 409
    actions = [e["action"] for e in client.get("/api/v1/audit-entries", params={
        "client_id": t.client_id, "object_type": "contact"}).json()["items"]]  # fmt: skip
    assert actions[:2] == ["contact.unmerged", "contact.merged"]


def test_merge_refuses_self_and_other_clients(app, runtime) -> None:  # type: ignore[no-untyped-def]
    a, b = make_tenant(runtime, "MA"), make_tenant(runtime, "MB")
    _, email = make_user(runtime, Role.OPERATOR_ADMIN, [], all_clients=True)
    client = login(app, email)
    same = client.post(
        f"/api/v1/contacts/{a.contact_id}/merge", json={"other_contact_id": a.contact_id}
    )
    assert same.status_code == 422 and same.json()["error"]["code"] == "same_contact"
    cross = client.post(
        f"/api/v1/contacts/{a.contact_id}/merge", json={"other_contact_id": b.contact_id}
    )
    assert cross.status_code == 422 and cross.json()["error"]["code"] == "client_mismatch"
