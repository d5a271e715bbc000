// Where a webhook may connect (SSRF): the URL's host, resolved to every address it has, must be on the
// public internet — never this machine, a private or carrier-grade NAT network, link-local (the cloud
// metadata address 169.254.169.254), unspecified, multicast or broadcast, nor IPv4 of those hidden in IPv6
// (::ffff:127.0.0.1, ::127.0.0.1, 64:ff9b::a00:1). WHATWG URL has already turned every IPv4 spelling
// (127.1, 2130706433, 0x7f000001, 0177.0.0.1) into dotted form, so one check sees them all. Hosts an
// operator lists in TODOKU_WEBHOOK_ALLOW_HOSTS skip the check (an internal system they trust).
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { Bilingual } from '../core/errors.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name has (as node's dns.lookup with all: true answers). */
export type LookupAll = (host: string) => Promise<ResolvedAddress[]>;

export interface TargetPolicy {
  /** Host names (or addresses) the operator allows even when internal, and over plain http. */
  allowHosts: readonly string[];
  /** DNS, replaceable in tests; default node:dns lookup, all addresses. */
  lookup?: LookupAll | undefined;
}

const IPV4_BLOCKED: readonly [string, number][] = [
  ['0.0.0.0', 8], // unspecified, "this network"
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

const IPV6_BLOCKED: readonly [string, number][] = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form (::127.0.0.1)
  ['100::', 64], // discard
  ['fc00::', 7], // unique local (ULA)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // the former site-local
  ['ff00::', 8], // multicast
];

/** An IPv4 subnet as the same subnet inside an IPv6 /96 prefix ('::ffff:' mapped, '64:ff9b::' NAT64). */
function embedded(prefix: string, [v4, bits]: readonly [string, number]): [string, number] {
  const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
  const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
  return [`${prefix}${hex(a, b)}:${hex(c, d)}`, 96 + bits];
}

const BLOCKED = new BlockList();
for (const [net, bits] of IPV4_BLOCKED) {
  BLOCKED.addSubnet(net, bits, 'ipv4');
  for (const prefix of ['::ffff:', '64:ff9b::']) {
    const [v6, v6bits] = embedded(prefix, [net, bits]);
    BLOCKED.addSubnet(v6, v6bits, 'ipv6');
  }
}
for (const [net, bits] of IPV6_BLOCKED) BLOCKED.addSubnet(net, bits, 'ipv6');

/** True for an address a webhook must never reach (see the header). Anything not an IP is refused too. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL's host as compared with the allow list: lower case, IPv6 without brackets, IPv4 dotted. */
function hostKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/u, '$1');
}

function normaliseAllowed(entry: string): string | null {
  const trimmed = entry.trim();
  if (!trimmed) return null;
  try {
    const host = /^[0-9a-f:]+$/iu.test(trimmed) && trimmed.includes(':') ? `[${trimmed}]` : trimmed;
    return hostKey(new URL(`http://${host}/`).hostname);
  } catch {
    return null;
  }
}

/** Whether the operator listed this URL's host in TODOKU_WEBHOOK_ALLOW_HOSTS. */
export function isAllowedHost(url: URL, allowHosts: readonly string[]): boolean {
  const key = hostKey(url.hostname);
  return allowHosts.some((entry) => normaliseAllowed(entry) === key);
}

const defaultLookup: LookupAll = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export type TargetCheck =
  | { ok: true; allowed: boolean; addresses: ResolvedAddress[] }
  | { ok: false; reason: 'forbidden' | 'unresolved'; problem: Bilingual };

const forbidden: Bilingual = {
  ja: '内部ネットワーク（ループバック・プライベート・リンクローカル等）のアドレスには送れません（許可する場合は TODOKU_WEBHOOK_ALLOW_HOSTS に名前を指定）',
  en: 'internal addresses (loopback, private, link-local …) are not allowed (an operator can list the host in TODOKU_WEBHOOK_ALLOW_HOSTS)',
};

/**
 * Resolves the URL's host and checks every address; the addresses come back so the connection goes to
 * one of them and not to what a second DNS answer (a rebind) might say.
 */
export async function checkTarget(url: URL, policy: TargetPolicy): Promise<TargetCheck> {
  const host = hostKey(url.hostname);
  const allowed = isAllowedHost(url, policy.allowHosts);
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.lookup ?? defaultLookup)(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) return { ok: false, reason: 'unresolved', problem: { ja: 'ホスト名を解決できません', en: 'the host name does not resolve' } };
  }
  if (!allowed && addresses.some((a) => isForbiddenAddress(a.address))) return { ok: false, reason: 'forbidden', problem: forbidden };
  return { ok: true, allowed, addresses };
}
