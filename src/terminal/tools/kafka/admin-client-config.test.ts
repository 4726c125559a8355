import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../testing/thrown-by.ts';
import { adminClientConfig } from './admin-client-config.ts';
import { JavaException } from './java-exception.ts';
import { stackTraceText } from './java-stack-trace.ts';

const CALLER = ['org.apache.kafka.clients.admin.Admin.create(Admin.java:137)', 'tool.Main.main(Main.java:1)'];

const failure = (properties: Record<string, string>, bootstrap: string, viaControllers = false) =>
  thrownBy(() => adminClientConfig(new Map(Object.entries(properties)), bootstrap, CALLER, { viaControllers }), JavaException);

describe('AdminClientConfig as Admin.create reads it', () => {
  it('takes the defaults, client.id adminclient-1 unless set, and the bootstrap addresses', () => {
    const config = adminClientConfig(new Map(), ' localhost:9092, [::1]:9093 ', CALLER);
    expect(config).toMatchObject({ clientId: 'adminclient-1', requestTimeoutMs: 30_000, defaultApiTimeoutMs: 60_000, bootstrapServers: ['localhost:9092', '[::1]:9093'] });
    expect(config.bootstrap).toEqual([
      { host: 'localhost', port: 9092 },
      { host: '::1', port: 9093 },
    ]);
    expect(adminClientConfig(new Map([['client.id', 'ops']]), 'localhost:9092', CALLER).clientId).toBe('ops');
  });

  it('fails a value of the wrong type in the config itself, before any address is read', () => {
    const error = failure({ 'request.timeout.ms': 'soon' }, 'nohost');
    expect(String(error)).toBe('org.apache.kafka.common.config.ConfigException: Invalid value soon for configuration request.timeout.ms: Not a number of type INT');
    expect(error.frames.at(-2)).toBe(CALLER[0]);
  });

  it('wraps a bad address in KafkaException: Failed to create new KafkaAdminClient', () => {
    const trace = stackTraceText(failure({}, 'localhost:99999'));
    expect(trace.split('\n').slice(0, 1)).toEqual(['org.apache.kafka.common.KafkaException: Failed to create new KafkaAdminClient']);
    expect(trace).toContain('Caused by: org.apache.kafka.common.config.ConfigException: Invalid port in bootstrap.servers: localhost:99999\n\tat org.apache.kafka.clients.ClientUtils.parseAndValidateAddresses(ClientUtils.java:97)\n');
    expect(stackTraceText(failure({}, 'nohost', true))).toContain('AdminBootstrapAddresses.fromConfig(AdminBootstrapAddresses.java:67)');
  });

  it('lowers default.api.timeout.ms to request.timeout.ms with a warning, unless it was set', () => {
    const config = adminClientConfig(new Map([['request.timeout.ms', '90000']]), 'localhost:9092', CALLER);
    expect(config.defaultApiTimeoutMs).toBe(90_000);
    expect(config.startupWarning).toBe('Overriding the default value for default.api.timeout.ms (0) with the explicitly configured request timeout 90000');
    expect(failure({ 'default.api.timeout.ms': '3000' }, 'localhost:9092').cause?.message).toBe(
      'The specified value of default.api.timeout.ms must be no smaller than the value of request.timeout.ms.',
    );
  });
});
