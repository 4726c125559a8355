import { networkInterfaces } from 'node:os';

/**
 * The names this server answers to. A browser sends the name it resolved in `Host:`, so a page on
 * `evil.example` whose DNS later points at 127.0.0.1 (DNS rebinding) still says `Host: evil.example`
 * and is refused. Allowed: the loopback names, the address the server is bound to and, for a
 * workshop server, the names the operator lists (`--allowed-host`); a server bound to every address
 * (0.0.0.0 / ::) also answers to the machine's own interface addresses, which no rebinding can claim.
 */
export class AllowedHosts {
  readonly #names: ReadonlySet<string>;

  constructor(names: Iterable<string>) {
    this.#names = new Set([...names].map(normalizeHostname));
  }

  /** The allowlist for a server bound to `bindHost`, plus the operator's `extra` names. */
  static forBinding(bindHost: string, extra: readonly string[] = []): AllowedHosts {
    const names = ['localhost', '127.0.0.1', '::1', bindHost, ...extra];
    if (bindHost === '0.0.0.0' || bindHost === '::') {
      for (const addresses of Object.values(networkInterfaces())) {
        for (const address of addresses ?? []) names.push(address.address);
      }
    }
    return new AllowedHosts(names);
  }

  /** True when `hostname` (without port; IPv6 with or without brackets) is one of the allowed names. */
  allows(hostname: string): boolean {
    return this.#names.has(normalizeHostname(hostname));
  }

  get names(): string[] {
    return [...this.#names];
  }
}

/** `LOCALHOST.` → `localhost`, `[::1]` → `::1`. */
export function normalizeHostname(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** Splits a `Host:` header value (`localhost:4321`, `[::1]:4321`, `127.0.0.1`) into name and port. */
export function parseHostHeader(value: string): { hostname: string; port: string } | null {
  try {
    const url = new URL(`http://${value}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    return { hostname: normalizeHostname(url.hostname), port: url.port || '80' };
  } catch {
    return null;
  }
}
