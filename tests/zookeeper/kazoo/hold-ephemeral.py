"""Creates an ephemeral znode, prints the session, then idles (the test kills it with SIGKILL)."""
import signal
import sys

from kazoo.client import KazooClient

zk = KazooClient(hosts=sys.argv[1], timeout=float(sys.argv[3]))
zk.start(timeout=10)
zk.create(sys.argv[2], b"alive", ephemeral=True)
print("READY session=%s timeout=%d" % (hex(zk.client_id[0]), zk._session_timeout), flush=True)
signal.pause()  # idle until the test's SIGKILL
