/**
 * Kafka's listener properties as `server.properties` (or cp-kafka's KAFKA_* variables) spell them, turned into
 * `ListenerSettings`:
 *
 *   listeners=INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:19092
 *   advertised.listeners=INTERNAL://kafka-1:9092,EXTERNAL://localhost:19092
 *   listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT
 *   inter.broker.listener.name=INTERNAL
 *
 * Parsing follows `SocketServerConfigs.listenerListToEndPoints` and `Csv.parseCsvMap`; the checks that need
 * both lists (advertised names must be listeners) follow `KafkaConfig.validateValues`, with Kafka's wording.
 */
import { DEFAULT_SECURITY_PROTOCOL_MAP, ListenerConfigError, normaliseListenerName, resolveListeners } from './broker-listeners.ts';
import type { ListenerOptions, ListenerSettings } from './broker-listeners.ts';

export interface ListenerProperties {
  /** `listeners`; Kafka's default `PLAINTEXT://:9092`. */
  listeners?: string;
  /** `advertised.listeners`; default: `listeners`. */
  advertisedListeners?: string;
  /** `listener.security.protocol.map`; default: each protocol name mapped to itself. */
  listenerSecurityProtocolMap?: string;
  /** `inter.broker.listener.name`; default PLAINTEXT. */
  interBrokerListenerName?: string;
}

/** `SocketServerConfigs.URI_PARSE_REGEXP`. */
const ENDPOINT = /^(.*):\/\/\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+)$/;

interface ParsedEndpoint {
  name: string;
  /** '' for "every interface" (Kafka: null). */
  host: string;
  port: number;
}

/** `Csv.parseCsvList`. */
function csvList(text: string): string[] {
  return text.trim() === '' ? [] : text.trim().split(/\s*,\s*/).filter((entry) => entry !== '');
}

function parseEndpoints(property: string, text: string): ParsedEndpoint[] {
  return csvList(text).map((entry) => {
    const match = ENDPOINT.exec(entry);
    if (!match) {
      throw new ListenerConfigError(
        `Error creating broker listeners from '${text}': Unable to parse ${entry} to a broker endpoint`,
        `Write each ${property} entry as NAME://host:port, e.g. INTERNAL://0.0.0.0:9092.`,
      );
    }
    const port = Number(match[3]);
    if (port < 0 || port > 65535) {
      throw new ListenerConfigError(`Error creating broker listeners from '${text}': port ${port} of ${entry} is not a port number`, 'Use 0..65535.');
    }
    return { name: normaliseListenerName(match[1]), host: match[2], port };
  });
}

/** `Csv.parseCsvMap` (the last ':' of an entry splits it), as `KafkaConfig.getMap` reports its failures. */
export function parseSecurityProtocolMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of text === '' ? [] : text.split(/\s*,\s*/)) {
    const colon = entry.lastIndexOf(':');
    if (colon < 0) {
      throw new ListenerConfigError(
        `Error parsing configuration property 'listener.security.protocol.map': "${entry}" is not NAME:PROTOCOL`,
        'Write it as INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT.',
      );
    }
    map[entry.slice(0, colon).trim()] = entry.slice(colon + 1).trim();
  }
  return map;
}

/**
 * The listener settings the properties describe, checked as Kafka checks them. `localHostName` stands for an
 * advertised host left blank (`EXTERNAL://:19092`), which Kafka replaces with the machine's canonical host name.
 */
export function listenerSettingsFromProperties(properties: ListenerProperties, localHostName?: string): ListenerSettings {
  const listenersText = properties.listeners ?? 'PLAINTEXT://:9092';
  const securityProtocolMap =
    properties.listenerSecurityProtocolMap === undefined ? { ...DEFAULT_SECURITY_PROTOCOL_MAP } : parseSecurityProtocolMap(properties.listenerSecurityProtocolMap);
  const bound = parseEndpoints('listeners', listenersText);
  if (new Set(bound.map((e) => e.name)).size !== bound.length) {
    throw new ListenerConfigError(`Each listener must have a different name, listeners: ${listenersText}`, 'Name every listener once, e.g. INTERNAL and EXTERNAL.');
  }
  const advertised = properties.advertisedListeners === undefined ? undefined : parseEndpoints('advertised.listeners', properties.advertisedListeners);
  if (advertised) {
    const names = advertised.map((e) => e.name);
    if (new Set(names).size !== names.length) {
      throw new ListenerConfigError(
        `Each listener must have a different name, listeners: ${properties.advertisedListeners}`,
        'Advertise every listener once.',
      );
    }
    const boundNames = new Set(bound.map((e) => e.name));
    if (!names.every((name) => boundNames.has(name))) {
      throw new ListenerConfigError(
        'advertised.listeners listener names must be equal to or a subset of the ones defined in listeners. ' +
          `Found ${names.join(',')}. The valid options based on the current configuration are ${[...boundNames].join(',')}`,
        'Advertise only listeners that listeners= binds (KAFKA_LISTENERS and KAFKA_ADVERTISED_LISTENERS use the same names).',
      );
    }
  }
  const blank = (host: string) => (host === '' && localHostName !== undefined ? localHostName : host);
  const listeners: ListenerOptions[] = bound.map((endpoint) => {
    const options: ListenerOptions = { name: endpoint.name, host: endpoint.host === '' ? '0.0.0.0' : endpoint.host, port: endpoint.port };
    if (!advertised) {
      options.advertisedHost = blank(endpoint.host);
      return options;
    }
    const entry = advertised.find((e) => e.name === endpoint.name);
    options.advertisedHost = entry ? blank(entry.host) : null;
    if (entry && entry.port !== 0) options.advertisedPort = entry.port;
    return options;
  });
  const settings: ListenerSettings = { listeners, securityProtocolMap };
  if (properties.interBrokerListenerName !== undefined) settings.interBrokerListenerName = properties.interBrokerListenerName;
  // Fail here, naming the properties, rather than when the broker starts.
  resolveListeners(settings);
  return settings;
}
