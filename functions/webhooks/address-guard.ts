import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be delivered: no request of ours may reach this system's own network or
 * the cloud's metadata service (server-side request forgery). Checked at registration and again
 * at every delivery, after resolving the name each time, and the connection is made to the very
 * address that was checked (webhook-sender.ts), so a name that changes its answer between the two
 * (DNS rebinding) gains nothing.
 */
export class AddressRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressRefusedError';
  }
}

/** `allowLoopbackHttp`: npm start and the tests only (functions/config.ts), never in the cloud. */
export interface AddressPolicy {
  allowLoopbackHttp: boolean;
}

/** Each refused range, named for the message that says why. */
const RANGES: [string, string, number, 'ipv4' | 'ipv6'][] = [
  ['this network', '0.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['shared (carrier-grade NAT)', '100.64.0.0', 10, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link-local (including the cloud metadata service 169.254.169.254)', '169.254.0.0', 16, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['IETF protocol assignments', '192.0.0.0', 24, 'ipv4'],
  ['documentation', '192.0.2.0', 24, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['benchmarking', '198.18.0.0', 15, 'ipv4'],
  ['documentation', '198.51.100.0', 24, 'ipv4'],
  ['documentation', '203.0.113.0', 24, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['unique-local', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
  ['documentation', '2001:db8::', 32, 'ipv6'],
  ['discard-only', '100::', 64, 'ipv6'],
];

const lists = RANGES.map(([name, network, prefix, family]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { name, list };
});

/** An IPv4 address carried inside an IPv6 one (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4). */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const high = Number.parseInt(hex[1]!, 16);
    const low = Number.parseInt(hex[2]!, 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour) {
    const high = Number.parseInt(sixToFour[1]!, 16);
    const low = Number.parseInt(sixToFour[2]!, 16);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return undefined;
}

/** The refused range an address falls in, or undefined when it is a public address. */
export function refusedRange(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const inner = family === 6 ? embeddedIpv4(address) : undefined;
  if (inner) return refusedRange(inner);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return lists.find(({ list }) => list.check(address, type))?.name;
}

function isLoopback(address: string): boolean {
  return refusedRange(address) === 'loopback';
}

/** A bracketed IPv6 literal (`[::1]`) as the address inside it. */
function bare(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * The URL a client registers, checked for what can be told without resolving it: https (http
 * only to 127.0.0.1 under the local policy), no credentials, no fragment, and a literal address
 * outside every refused range. Returns the parsed URL.
 */
export function checkWebhookUrl(raw: string, policy: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AddressRefusedError(
      `"${raw}" is not a URL; give an address like https://example.org/hooks/records`,
    );
  }
  const host = bare(url.hostname);
  const localHttp = policy.allowLoopbackHttp && url.protocol === 'http:' && host === '127.0.0.1';
  if (url.protocol !== 'https:' && !localHttp) {
    throw new AddressRefusedError(
      policy.allowLoopbackHttp
        ? 'webhook addresses must be https:// (or, locally, http://127.0.0.1)'
        : 'webhook addresses must be https://',
    );
  }
  if (url.username || url.password) {
    throw new AddressRefusedError('leave credentials out of the address; verify our signature instead');
  }
  if (url.hash) throw new AddressRefusedError('leave the #fragment out of the address');
  if (isIP(host)) checkAddress(host, policy);
  else if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) {
    throw new AddressRefusedError(`"${host}" names this network, not a public host`);
  }
  return url;
}

/** Refuses an address in a refused range (loopback is allowed under the local policy only). */
export function checkAddress(address: string, policy: AddressPolicy): void {
  const range = refusedRange(address);
  if (!range) return;
  if (policy.allowLoopbackHttp && isLoopback(address)) return;
  throw new AddressRefusedError(`the address ${address} is ${range}, which webhooks may not reach`);
}

/** Resolves a host name to every address it has now. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/**
 * The addresses a delivery may connect to, resolved now: all of them must be allowed (a name
 * that answers with one public and one private address is refused, since the connection could
 * be steered to either).
 */
export async function resolveChecked(
  hostname: string,
  resolve: Resolver,
  policy: AddressPolicy,
): Promise<{ address: string; family: number }> {
  const host = bare(hostname);
  if (isIP(host)) {
    checkAddress(host, policy);
    return { address: host, family: isIP(host) };
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    throw new AddressRefusedError(`the name ${host} did not resolve (${(error as Error).message})`);
  }
  if (addresses.length === 0) throw new AddressRefusedError(`the name ${host} has no address`);
  for (const { address } of addresses) {
    const range = refusedRange(address);
    if (range && !(policy.allowLoopbackHttp && isLoopback(address))) {
      throw new AddressRefusedError(
        `${host} resolves to ${address}, which is ${range}: webhooks may not reach it`,
      );
    }
  }
  return addresses[0]!;
}
