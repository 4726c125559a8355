#!/bin/sh
# Writes zoo.cfg from Confluent's variables and runs ZooKeeper in the foreground, as cp-zookeeper does:
#   ZOOKEEPER_SERVER_ID  -> data/myid
#   ZOOKEEPER_SERVERS    -> server.1=..., server.2=... ("host:2888:3888;host:2888:3888;...")
#   ZOOKEEPER_<NAME>     -> <name> in camelCase (ZOOKEEPER_CLIENT_PORT -> clientPort)
#   KAFKA_OPTS, KAFKA_HEAP_OPTS -> JVM flags (-Dzookeeper.4lw.commands.whitelist=*)
set -eu
conf=/etc/kafkalab/zoo.cfg
data=/var/lib/zookeeper/data
mkdir -p "$data" /var/lib/zookeeper/log /etc/kafkalab
: > "$conf"
echo "dataDir=$data" >> "$conf"
echo "dataLogDir=/var/lib/zookeeper/log" >> "$conf"
echo "admin.enableServer=false" >> "$conf"
env | sort | while IFS='=' read -r name value; do
  case "$name" in
    ZOOKEEPER_SERVER_ID|ZOOKEEPER_SERVERS|ZOOKEEPER_VERSION) ;;
    ZOOKEEPER_*)
      key=$(printf '%s' "${name#ZOOKEEPER_}" | tr 'A-Z' 'a-z' | awk -F_ '{ out=$1; for (i = 2; i <= NF; i++) out = out toupper(substr($i,1,1)) substr($i,2); print out }')
      echo "$key=$value" >> "$conf" ;;
  esac
done
grep -q '^clientPort=' "$conf" || { echo "zookeeper-entrypoint: ZOOKEEPER_CLIENT_PORT is required" >&2; exit 1; }
if [ -n "${ZOOKEEPER_SERVERS:-}" ]; then
  id=1
  for server in $(printf '%s' "$ZOOKEEPER_SERVERS" | tr ';' ' '); do
    echo "server.$id=$server" >> "$conf"
    id=$((id + 1))
  done
fi
echo "${ZOOKEEPER_SERVER_ID:-1}" > "$data/myid"
echo "===> zoo.cfg"; cat "$conf"
cp=/usr/share/java/zookeeper.jar
for jar in /usr/share/java/slf4j-api.jar /usr/share/java/slf4j-log4j12.jar /usr/share/java/log4j-1.2.jar /usr/share/java/netty.jar; do
  [ -f "$jar" ] && cp="$cp:$jar"
done
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xms16m -Xmx128m} -XX:+UseSerialGC ${KAFKA_OPTS:-} \
  -Dlog4j.configuration=file:/etc/kafkalab/zookeeper-log4j.properties \
  -cp "$cp" org.apache.zookeeper.server.quorum.QuorumPeerMain "$conf"
