import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { TrustProxy } from '@most/shared';

/**
 * Which X-Forwarded-For entries to believe (TRUST_PROXY): none (false, the default), the last
 * `n` hops appended by our own proxies, or only hops whose address is in a list (IPs or CIDRs).
 * `true` means one hop (tests and older callers).
 */
export type TrustProxySetting = TrustProxy | boolean;

function trustedAddresses(list: string[]): BlockList {
  const block = new BlockList();
  for (const entry of list) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (prefix !== undefined) block.addSubnet(address!, Number(prefix), family);
    else block.addAddress(address!, family);
  }
  return block;
}

const plain = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/** Builds the one function that tells a request's client address. */
export function clientIpResolver(setting: TrustProxySetting | undefined): (c: Context) => string {
  const trust = setting === true ? 1 : (setting ?? false);
  const list = Array.isArray(trust) ? trustedAddresses(trust) : null;
  const isTrusted = (address: string) => {
    if (!list) return false;
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (c) => {
    let socket = 'unknown';
    try {
      socket = plain(getConnInfo(c).remote.address ?? 'unknown');
    } catch {
      // in-process requests (tests) have no socket
    }
    if (trust === false || trust === 0) return socket;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((part) => plain(part.trim()))
      .filter(Boolean);
    // The chain as our side saw it: client … proxies, then the socket peer.
    const chain = [...forwarded, socket];
    if (typeof trust === 'number') return (chain[Math.max(0, chain.length - 1 - trust)] ?? socket).slice(0, 100);
    let index = chain.length - 1;
    while (index > 0 && isTrusted(chain[index]!)) index -= 1;
    return chain[index]!.slice(0, 100);
  };
}

/** Sets `clientIp` on the context once per request; everything that needs the address reads it there. */
export function clientIpMiddleware(setting: TrustProxySetting | undefined): MiddlewareHandler {
  const resolve = clientIpResolver(setting);
  return async (c, next) => {
    c.set('clientIp' as never, resolve(c) as never);
    await next();
  };
}

export const clientIp = (c: Context): string => (c.get('clientIp' as never) as string | undefined) ?? 'unknown';
