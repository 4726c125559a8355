import { describe, expect, it } from 'vitest';
import { ListenerConfigError, resolveListeners } from './broker-listeners.ts';
import type { ListenerSettings } from './broker-listeners.ts';
import { listenerSettingsFromProperties } from './listener-properties.ts';
import type { ListenerProperties } from './listener-properties.ts';

/** The properties docker-compose.yml gives kafka-1. */
const compose: ListenerProperties = {
  listeners: 'INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:19092',
  advertisedListeners: 'INTERNAL://kafka-1:9092,EXTERNAL://localhost:19092',
  listenerSecurityProtocolMap: 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT',
  interBrokerListenerName: 'INTERNAL',
};

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ListenerConfigError) return error.problem;
    throw error;
  }
  throw new Error('no ListenerConfigError was thrown');
}

const fromProperties = (overrides: ListenerProperties) => problemOf(() => listenerSettingsFromProperties({ ...compose, ...overrides }));
const resolve = (settings: ListenerSettings) => problemOf(() => resolveListeners(settings));

describe('listener properties (cp-kafka / server.properties)', () => {
  it('reads docker-compose.yml\'s listeners: bound on every interface, advertised by name', () => {
    const resolved = resolveListeners(listenerSettingsFromProperties(compose));
    expect(resolved.interBrokerListenerName).toBe('INTERNAL');
    expect(resolved.listeners).toEqual([
      { name: 'INTERNAL', securityProtocol: 'PLAINTEXT', bindHost: '0.0.0.0', port: 9092, advertised: { host: 'kafka-1', port: 9092 } },
      { name: 'EXTERNAL', securityProtocol: 'PLAINTEXT', bindHost: '0.0.0.0', port: 19092, advertised: { host: 'localhost', port: 19092 } },
    ]);
  });

  it('normalises names, defaults advertised.listeners to listeners, replaces a blank advertised host by the host name', () => {
    const settings = listenerSettingsFromProperties({ listeners: 'plaintext://:9092' }, 'broker-host');
    expect(resolveListeners(settings).listeners).toEqual([
      { name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', bindHost: '0.0.0.0', port: 9092, advertised: { host: 'broker-host', port: 9092 } },
    ]);
    // A listener left out of advertised.listeners is bound but not advertised.
    const partial = resolveListeners(listenerSettingsFromProperties({ ...compose, advertisedListeners: 'INTERNAL://kafka-1:9092' }));
    expect(partial.listeners.map((l) => [l.name, l.advertised])).toEqual([
      ['INTERNAL', { host: 'kafka-1', port: 9092 }],
      ['EXTERNAL', null],
    ]);
    // IPv6 addresses in brackets.
    expect(resolveListeners(listenerSettingsFromProperties({ listeners: 'PLAINTEXT://[::1]:9092' })).listeners[0]).toMatchObject({ bindHost: '::1', advertised: { host: '::1' } });
  });

  it('refuses what Kafka refuses, in its words', () => {
    expect(fromProperties({ interBrokerListenerName: undefined })).toBe(
      'inter.broker.listener.name must be a listener name defined in advertised.listeners. The valid options based on currently configured listeners are INTERNAL,EXTERNAL',
    );
    expect(fromProperties({ interBrokerListenerName: 'REPLICATION' })).toBe(
      'Listener with name REPLICATION defined in inter.broker.listener.name not found in listener.security.protocol.map.',
    );
    expect(fromProperties({ advertisedListeners: 'INTERNAL://kafka-1:9092,OUTSIDE://localhost:19092' })).toBe(
      'advertised.listeners listener names must be equal to or a subset of the ones defined in listeners. Found INTERNAL,OUTSIDE. The valid options based on the current configuration are INTERNAL,EXTERNAL',
    );
    expect(fromProperties({ listenerSecurityProtocolMap: 'INTERNAL:PLAINTEXT' })).toBe(
      "Error creating broker listeners from 'INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:19092': No security protocol defined for listener EXTERNAL",
    );
    expect(fromProperties({ listeners: 'INTERNAL://0.0.0.0:9092,INTERNAL://0.0.0.0:19092' })).toBe(
      'Each listener must have a different name, listeners: INTERNAL://0.0.0.0:9092,INTERNAL://0.0.0.0:19092',
    );
    expect(fromProperties({ listeners: 'INTERNAL://kafka-1:9092,EXTERNAL://localhost:9092' })).toBe(
      'Each listener must have a different port, listeners: INTERNAL://kafka-1:9092,EXTERNAL://localhost:9092',
    );
    expect(fromProperties({ advertisedListeners: 'INTERNAL://0.0.0.0:9092,EXTERNAL://localhost:19092' })).toBe(
      'advertised.listeners cannot use the nonroutable meta-address 0.0.0.0. Use a routable IP address.',
    );
    expect(fromProperties({ listeners: 'INTERNAL://0.0.0.0:9092,EXTERNAL:19092' })).toBe(
      "Error creating broker listeners from 'INTERNAL://0.0.0.0:9092,EXTERNAL:19092': Unable to parse EXTERNAL:19092 to a broker endpoint",
    );
    expect(fromProperties({ listenerSecurityProtocolMap: 'INTERNAL:PLAINTEXT,EXTERNAL:TLS' })).toBe(
      'Invalid security protocol `TLS` defined in listener.security.protocol.map',
    );
  });

  it('names a protocol it cannot serve (TLS, SASL) instead of starting a listener that would not speak it', () => {
    for (const protocol of ['SSL', 'SASL_PLAINTEXT', 'SASL_SSL']) {
      let error: unknown;
      try {
        listenerSettingsFromProperties({ ...compose, listenerSecurityProtocolMap: `INTERNAL:PLAINTEXT,EXTERNAL:${protocol}` });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ListenerConfigError);
      expect((error as ListenerConfigError).problem).toBe(`listener EXTERNAL uses security protocol ${protocol}, which kafkalab's brokers do not support`);
      expect((error as ListenerConfigError).message).toContain('KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=EXTERNAL:PLAINTEXT');
    }
  });

  it('checks the options form too: unique names, an advertised inter-broker listener, a routable advertised host', () => {
    expect(resolve({ listeners: [] })).toBe('There must be at least one broker advertised listener.');
    expect(resolve({ listeners: [{ name: 'A', port: 0 }, { name: 'a', port: 0 }], securityProtocolMap: { A: 'PLAINTEXT' }, interBrokerListenerName: 'A' })).toBe(
      'Each listener must have a different name, listeners: A://127.0.0.1:0,A://127.0.0.1:0',
    );
    expect(resolve({ listeners: [{ name: 'A', port: 0, advertisedHost: null }, { name: 'B', port: 0 }], securityProtocolMap: { A: 'PLAINTEXT', B: 'PLAINTEXT' }, interBrokerListenerName: 'A' })).toBe(
      'inter.broker.listener.name must be a listener name defined in advertised.listeners. The valid options based on currently configured listeners are B',
    );
    expect(resolve({ listeners: [{ name: 'PLAINTEXT', host: '0.0.0.0', port: 0 }] })).toBe(
      'advertised.listeners cannot use the nonroutable meta-address 0.0.0.0. Use a routable IP address.',
    );
    // Port 0 may repeat (tests), and one IPv4 plus one IPv6 address may share a port.
    expect(() => resolveListeners({ listeners: [{ name: 'A', port: 0 }, { name: 'B', port: 0 }], securityProtocolMap: { A: 'PLAINTEXT', B: 'PLAINTEXT' }, interBrokerListenerName: 'B' })).not.toThrow();
    expect(() =>
      resolveListeners({ listeners: [{ name: 'A', host: '127.0.0.1', port: 9092 }, { name: 'B', host: '::1', port: 9092 }], securityProtocolMap: { A: 'PLAINTEXT', B: 'PLAINTEXT' }, interBrokerListenerName: 'A' }),
    ).not.toThrow();
  });
});
