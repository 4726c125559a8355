/**
 * Kafka's listener model for one broker: several named listeners, each bound to an interface and port and
 * (usually) advertised under another address, each with a security protocol from
 * `listener.security.protocol.map`; one of them is the inter-broker listener (`inter.broker.listener.name`)
 * that replica fetchers and controlled shutdown dial.
 *
 * `resolveListeners` validates as Kafka's `KafkaConfig.validateValues` and `CoreUtils.listenerListToEndPoints`
 * do, with their wording (Kafka 3.9), and rejects every protocol but PLAINTEXT: the embedded broker speaks
 * neither TLS nor SASL.
 */

/** Kafka's `SecurityProtocol` names. */
export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;

/** The default `listener.security.protocol.map`: every protocol name is a listener name mapped to itself. */
export const DEFAULT_SECURITY_PROTOCOL_MAP: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(SECURITY_PROTOCOLS.map((protocol) => [protocol, protocol])),
);

/** The listener name a single-listener broker uses, and Kafka's default `inter.broker.listener.name`. */
export const DEFAULT_LISTENER_NAME = 'PLAINTEXT';

/** One listener as `KafkaBrokerOptions.listeners` takes it. */
export interface ListenerOptions {
  /** Kafka's listener name, e.g. `INTERNAL`; upper-cased as Kafka's `ListenerName.normalised` does. */
  name: string;
  /** Interface to bind; `0.0.0.0` or `''` binds every interface. Default 127.0.0.1. */
  host?: string;
  /** Port to bind; 0 picks a free one (tests). */
  port: number;
  /**
   * Host written into `/brokers/ids/<id>` and answered in Metadata to clients of this listener
   * (`advertised.listeners`); default `host`. `null`: the listener is bound but not advertised (named in
   * `listeners` only), so clients connecting through it see no broker.
   */
  advertisedHost?: string | null;
  /** Advertised port; default the bound port. */
  advertisedPort?: number;
}

/** The listener settings of a broker: `listeners` with their advertised addresses, the protocol map, the inter-broker listener. */
export interface ListenerSettings {
  listeners: readonly ListenerOptions[];
  /** `listener.security.protocol.map`, listener name -> protocol; default `DEFAULT_SECURITY_PROTOCOL_MAP`. */
  securityProtocolMap?: Readonly<Record<string, string>>;
  /** `inter.broker.listener.name`; default `PLAINTEXT` (Kafka's, from `inter.broker.security.protocol`). */
  interBrokerListenerName?: string;
}

/** A validated listener. */
export interface BrokerListenerSpec {
  readonly name: string;
  readonly securityProtocol: string;
  /** Interface to bind (`0.0.0.0` for every interface). */
  readonly bindHost: string;
  /** Port to bind (0: a free one). */
  readonly port: number;
  /** The advertised address (port 0: the bound port), or null when the listener is not advertised. */
  readonly advertised: { readonly host: string; readonly port: number } | null;
}

export interface ResolvedListeners {
  /** In the order given; the first is the broker's "main" listener (`KafkaBroker.port`). */
  readonly listeners: readonly BrokerListenerSpec[];
  readonly interBrokerListenerName: string;
}

/** A listener setting Kafka would refuse to start with, or one this broker cannot serve (TLS, SASL). */
export class ListenerConfigError extends Error {
  /** What is wrong, in Kafka's own words where Kafka has them. */
  readonly problem: string;
  /** What to do about it. */
  readonly hint: string;
  constructor(problem: string, hint: string) {
    super(`${problem}${/[.!?]$/.test(problem) ? '' : '.'} ${hint}`);
    this.name = 'ListenerConfigError';
    this.problem = problem;
    this.hint = hint;
  }
}

/** Kafka's `ListenerName.normalised`. */
export function normaliseListenerName(name: string): string {
  return name.trim().toUpperCase();
}

/** `Utils.formatAddress`: IPv6 hosts in brackets. */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `listeners` as Kafka's property would spell it, for messages. */
function describeListeners(listeners: readonly ListenerOptions[]): string {
  return listeners.map((l) => `${normaliseListenerName(l.name)}://${formatAddress(l.host ?? '127.0.0.1', l.port)}`).join(',');
}

function isIPv4(host: string): boolean {
  return /^(\d{1,3})(\.\d{1,3}){3}$/.test(host) && host.split('.').every((part) => Number(part) <= 255);
}

function isIPv6(host: string): boolean {
  return host.includes(':') && /^[0-9a-fA-F:.%a-zA-Z]+$/.test(host);
}

/** `KafkaConfig.effectiveListenerSecurityProtocolMap`: names normalised, protocols checked. */
function securityProtocolMap(map: Readonly<Record<string, string>>): Map<string, string> {
  const result = new Map<string, string>();
  for (const [name, protocolName] of Object.entries(map)) {
    const protocol = protocolName.trim().toUpperCase();
    if (!(SECURITY_PROTOCOLS as readonly string[]).includes(protocol)) {
      throw new ListenerConfigError(
        `Invalid security protocol \`${protocolName}\` defined in listener.security.protocol.map`,
        `Kafka knows ${SECURITY_PROTOCOLS.join(', ')}; kafkalab's brokers serve PLAINTEXT only, e.g. listener.security.protocol.map=${normaliseListenerName(name)}:PLAINTEXT.`,
      );
    }
    result.set(normaliseListenerName(name), protocol);
  }
  return result;
}

/** `CoreUtils.listenerListToEndPoints`' duplicate-port rule: ports (but 0) are unique unless one IPv4 and one IPv6 address share one. */
function checkPorts(listeners: readonly ListenerOptions[], text: string): void {
  const byPort = new Map<number, ListenerOptions[]>();
  for (const listener of listeners) if (listener.port !== 0) byPort.set(listener.port, [...(byPort.get(listener.port) ?? []), listener]);
  for (const [port, sharing] of byPort) {
    if (sharing.length < 2) continue;
    const hosts = sharing.map((l) => l.host ?? '127.0.0.1');
    const ipHosts = hosts.filter((h) => isIPv4(h) || isIPv6(h));
    if (ipHosts.length !== hosts.length) {
      throw new ListenerConfigError(`Each listener must have a different port, listeners: ${text}`, `Give every listener its own port (${port} is used twice).`);
    }
    const oneOfEach = ipHosts.length === 2 && ((isIPv4(ipHosts[0]) && isIPv6(ipHosts[1])) || (isIPv6(ipHosts[0]) && isIPv4(ipHosts[1])));
    if (!oneOfEach) {
      throw new ListenerConfigError(
        `If you have two listeners on the same port then one needs to be IPv4 and the other IPv6, listeners: ${text}, port: ${port}`,
        `Give every listener its own port (${port} is used twice).`,
      );
    }
  }
}

const PLAINTEXT_ONLY_HINT =
  "kafkalab's brokers speak PLAINTEXT only (no TLS, no SASL): map the listener to PLAINTEXT in listener.security.protocol.map " +
  '(KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=NAME:PLAINTEXT), or run the Confluent image for TLS or SASL.';

/** Validates listener settings as Kafka does at start-up; throws `ListenerConfigError` naming what is wrong. */
export function resolveListeners(settings: ListenerSettings): ResolvedListeners {
  const protocols = securityProtocolMap(settings.securityProtocolMap ?? DEFAULT_SECURITY_PROTOCOL_MAP);
  const text = describeListeners(settings.listeners);
  if (settings.listeners.length === 0) {
    throw new ListenerConfigError('There must be at least one broker advertised listener.', 'Give the broker a listener, e.g. listeners=PLAINTEXT://127.0.0.1:9092.');
  }
  const listeners: BrokerListenerSpec[] = [];
  for (const options of settings.listeners) {
    const name = normaliseListenerName(options.name);
    if (!/^[A-Z0-9_.-]+$/.test(name)) {
      throw new ListenerConfigError(`Unable to parse ${name}://${options.host ?? ''}:${options.port} to a broker endpoint`, 'A listener name is letters, digits and underscores, e.g. INTERNAL.');
    }
    const securityProtocol = protocols.get(name);
    if (securityProtocol === undefined) {
      throw new ListenerConfigError(
        `Error creating broker listeners from '${text}': No security protocol defined for listener ${name}`,
        `Map it in listener.security.protocol.map, e.g. ${name}:PLAINTEXT (KAFKA_LISTENER_SECURITY_PROTOCOL_MAP).`,
      );
    }
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
      throw new ListenerConfigError(`listener ${name}: port ${options.port} is not a port number`, 'Use 0..65535 (0 picks a free port).');
    }
    const bindHost = options.host === undefined ? '127.0.0.1' : options.host.trim() === '' ? '0.0.0.0' : options.host.trim();
    listeners.push({ name, securityProtocol, bindHost, port: options.port, advertised: advertisedAddress(name, options) });
  }
  const names = listeners.map((l) => l.name);
  if (new Set(names).size !== names.length) {
    throw new ListenerConfigError(`Each listener must have a different name, listeners: ${text}`, 'Name every listener once, e.g. INTERNAL and EXTERNAL.');
  }
  checkPorts(settings.listeners, text);
  const advertised = listeners.filter((l) => l.advertised !== null);
  if (advertised.length === 0) {
    throw new ListenerConfigError('There must be at least one broker advertised listener.', 'Advertise at least one listener (advertised.listeners).');
  }
  const interBrokerListenerName = normaliseListenerName(settings.interBrokerListenerName ?? DEFAULT_LISTENER_NAME);
  if (settings.interBrokerListenerName !== undefined && !protocols.has(interBrokerListenerName)) {
    throw new ListenerConfigError(
      `Listener with name ${interBrokerListenerName} defined in inter.broker.listener.name not found in listener.security.protocol.map.`,
      `Map it, e.g. listener.security.protocol.map=${interBrokerListenerName}:PLAINTEXT, or name one of the listeners.`,
    );
  }
  if (!advertised.some((l) => l.name === interBrokerListenerName)) {
    throw new ListenerConfigError(
      'inter.broker.listener.name must be a listener name defined in advertised.listeners. ' +
        `The valid options based on currently configured listeners are ${advertised.map((l) => l.name).join(',')}`,
      `Set inter.broker.listener.name (KAFKA_INTER_BROKER_LISTENER_NAME) to the listener other brokers reach this one through, e.g. ${advertised[0].name}.`,
    );
  }
  for (const listener of listeners) {
    if (listener.securityProtocol !== 'PLAINTEXT') {
      throw new ListenerConfigError(
        `listener ${listener.name} uses security protocol ${listener.securityProtocol}, which kafkalab's brokers do not support`,
        PLAINTEXT_ONLY_HINT.replace('NAME', listener.name),
      );
    }
  }
  return { listeners, interBrokerListenerName };
}

/** The advertised address of one listener, checked as Kafka checks `advertised.listeners`. */
function advertisedAddress(name: string, options: ListenerOptions): BrokerListenerSpec['advertised'] {
  if (options.advertisedHost === null) return null;
  const host = (options.advertisedHost ?? options.host ?? '127.0.0.1').trim();
  if (host === '0.0.0.0') {
    throw new ListenerConfigError(
      'advertised.listeners cannot use the nonroutable meta-address 0.0.0.0. Use a routable IP address.',
      `Advertise listener ${name} under a name or address clients can dial (e.g. ${name}://localhost:${options.advertisedPort ?? (options.port || 9092)}).`,
    );
  }
  if (host === '') {
    throw new ListenerConfigError(
      `listener ${name} binds every interface and has no advertised host`,
      "Give it an advertised host (Kafka would advertise this machine's host name).",
    );
  }
  const port = options.advertisedPort ?? options.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ListenerConfigError(`listener ${name}: advertised port ${port} is not a port number`, 'Use 1..65535, or leave it out to advertise the bound port.');
  }
  return { host, port };
}
