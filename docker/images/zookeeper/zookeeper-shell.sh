#!/bin/sh
# zookeeper-shell HOST:PORT [COMMAND...], as Confluent's images name ZooKeeper's zkCli.
server="${1:-localhost:2181}"
[ $# -gt 0 ] && shift
exec /usr/share/zookeeper/bin/zkCli.sh -server "$server" "$@"
