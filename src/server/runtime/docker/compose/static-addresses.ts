import { ComposeFileError } from './compose-file-error.ts';

/** A /8../30 IPv4 network, its gateway (the first address) and one address per service after it. */
export interface StaticSubnet {
  subnet: string;
  gateway: string;
  /** The fixed address of each service, by its position in the file: `.2` for the first. */
  addressOf(position: number): string;
}

/**
 * Fixed container addresses in `subnet` ("172.30.57.0/24"): the gateway takes the first host address,
 * services the following ones by their position in the file, so leaving one out (`--without akhq`)
 * moves no other service. Compose would write this as networks.default.ipam plus ipv4_address.
 */
export function staticSubnet(subnet: string, serviceCount: number): StaticSubnet {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(subnet);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  if (!match || octets.some((octet) => octet > 255) || !(prefix >= 8 && prefix <= 30)) {
    throw new ComposeFileError(['networks', 'default', 'ipam'], `${JSON.stringify(subnet)} is not an IPv4 subnet from /8 to /30`, 'Give it as ADDRESS/PREFIX, for example 172.30.57.0/24.');
  }
  const size = 2 ** (32 - prefix);
  const network = Math.floor(toNumber(octets) / size) * size;
  // The network address, the gateway and the broadcast address are not for containers.
  if (serviceCount > size - 3) {
    throw new ComposeFileError(['networks', 'default', 'ipam'], `subnet ${subnet} has room for ${size - 3} containers, not ${serviceCount}`, 'Use a larger subnet (a smaller prefix, such as /24).');
  }
  return {
    subnet: `${toText(network)}/${prefix}`,
    gateway: toText(network + 1),
    addressOf: (position) => toText(network + 2 + position),
  };
}

function toNumber(octets: number[]): number {
  return octets.reduce((sum, octet) => sum * 256 + octet, 0);
}

function toText(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
