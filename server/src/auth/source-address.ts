import net from 'node:net';

/** Leading 16-bit groups of an IPv6 address that name one network: a /64, what one subscriber is given. */
const IPV6_NETWORK_GROUPS = 4;

/**
 * The source of a request as sign-in attempts are counted: an IPv4 address, or the /64
 * network of an IPv6 one, since one subscriber holds a whole /64 and could otherwise
 * take a fresh address for every attempt.
 */
export function sourceAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (net.isIPv6(ip)) return `${expandIpv6(ip).slice(0, IPV6_NETWORK_GROUPS).join(':')}::/64`;
  return ip;
}

/** The eight groups of an IPv6 address, '::' filled in (a zone index such as %eth0 dropped). */
function expandIpv6(ip: string): string[] {
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
