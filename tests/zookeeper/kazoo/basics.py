"""kazoo 2.8 against the embedded ensemble: prints one JSON object per check (read by kazoo.test.ts)."""
import json
import sys
import threading

from kazoo.client import KazooClient
from kazoo.exceptions import BadVersionError, NodeExistsError, NoNodeError, NotEmptyError

out = {}
zk = KazooClient(hosts=sys.argv[1], timeout=5)
zk.start(timeout=10)
out["session"] = hex(zk.client_id[0])

zk.ensure_path("/kz/a")  # create -> NONODE -> exists walk -> create each level
out["create"] = zk.create("/kz/a/b", b"hi")
data, stat = zk.get("/kz/a/b")
out["get"] = [data.decode(), stat.version, stat.dataLength, stat.numChildren]
out["set"] = zk.set("/kz/a/b", b"v2", version=0).version
try:
    zk.set("/kz/a/b", b"v3", version=0)
    out["bad_version"] = "no error"
except BadVersionError:
    out["bad_version"] = "BadVersionError"
try:
    zk.create("/kz/a/b", b"")
except NodeExistsError:
    out["node_exists"] = "NodeExistsError"
try:
    zk.delete("/kz/a")
except NotEmptyError:
    out["not_empty"] = "NotEmptyError"
out["exists_missing"] = zk.exists("/kz/none") is None

out["seq"] = [zk.create("/kz/a/s-", b"", sequence=True), zk.create("/kz/a/s-", b"", sequence=True, ephemeral=True)]
eph = zk.create("/kz/e", b"", ephemeral=True)
out["ephemeral_owner_is_session"] = zk.exists(eph).ephemeralOwner == zk.client_id[0]

events = []
last_event_in = threading.Event()


def record(event):
    events.append([event.type, event.path])
    if event.type == "CREATED":
        last_event_in.set()


zk.get("/kz/a/b", watch=record)
zk.get_children("/kz/a", watch=record)
zk.exists("/kz/born", watch=record)
zk.set("/kz/a/b", b"v3")
zk.set("/kz/a/b", b"v4")  # one-shot: no second event
zk.create("/kz/a/c", b"")
zk.create("/kz/born", b"")
# Events arrive in order, handled one at a time: once CREATED (the last) is in, a stray second CHANGED would be too.
out["last_event_in"] = last_event_in.wait(10)
out["events"] = list(events)

t = zk.transaction()
t.create("/kz/t1", b"")
t.create("/kz/a/b", b"")
t.delete("/kz/t1")
out["multi_failed"] = [type(r).__name__ for r in t.commit()]
out["multi_failed_applied_nothing"] = zk.exists("/kz/t1") is None
t = zk.transaction()
t.create("/kz/t2", b"x")
t.check("/kz/t2", 0)
t.set_data("/kz/t2", b"y")
t.delete("/kz/a/c")
result = t.commit()
out["multi_ok"] = [result[0], result[1], result[2].version, result[3]]

zk.delete("/kz", recursive=True)
out["deleted"] = zk.exists("/kz") is None
out["children_root"] = sorted(zk.get_children("/"))
out["server_version"] = list(zk.server_version())
zk.stop()
print(json.dumps(out))
