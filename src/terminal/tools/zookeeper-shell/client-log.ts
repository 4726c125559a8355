/**
 * The log lines a real zookeeper-shell prints on stderr (Kafka's tools-log4j: WARN and above): the
 * client's WARN for every refused connection attempt, with Java 17's stack frames, and ServiceUtils' ERROR
 * when the JVM exits with a non-zero status.
 */
import type { ToolEnvironment } from '../../tool-environment.ts';
import { log4jLine } from '../kafka/log4j.ts';
import { javaSocketAddress } from '../kafka/socket-address.ts';

/**
 * The frames of a refused connect in ZooKeeper 3.8.4's `ClientCnxnSocketNIO` on Java 17 (the JVM of the
 * Confluent 7.9 images); the `ClientCnxn` line numbers are 3.8.4's, the JDK's are Java 17's.
 */
const refusedFrames = [
  'java.net.ConnectException: Connection refused',
  '\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
  '\tat java.base/sun.nio.ch.Net.pollConnectNow(Net.java:672)',
  '\tat java.base/sun.nio.ch.SocketChannelImpl.finishConnect(SocketChannelImpl.java:946)',
  '\tat org.apache.zookeeper.ClientCnxnSocketNIO.doTransport(ClientCnxnSocketNIO.java:344)',
  '\tat org.apache.zookeeper.ClientCnxn$SendThread.run(ClientCnxn.java:1289)',
];

export function connectionRefusedLog(env: ToolEnvironment, sessionId: bigint, host: string, port: number): string {
  const message =
    `Session 0x${sessionId.toString(16)} for server ${javaSocketAddress(host, port)}, Closing socket connection. ` +
    'Attempting reconnect except it is a SessionExpiredException.';
  return log4jLine(env, 'WARN', message, 'org.apache.zookeeper.ClientCnxn') + refusedFrames.join('\n') + '\n';
}

/** `ServiceUtils.SYSTEM_EXIT`: INFO (not shown) for 0, ERROR otherwise. */
export function exitLog(env: ToolEnvironment, code: number): string {
  return code === 0 ? '' : log4jLine(env, 'ERROR', `Exiting JVM with code ${code}`, 'org.apache.zookeeper.util.ServiceUtils');
}
