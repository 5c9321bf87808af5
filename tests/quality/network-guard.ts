/**
 * Loaded with `node --import` into a build the tests run: any socket the build opens to a
 * host other than loopback (or a local socket) is refused and reported on stderr, so a build
 * that reaches the network fails the test that watches for the marker.
 */
import net from 'node:net';

export const NETWORK_MARKER = 'OGP-NETWORK-REQUEST';

const loopback = (host: string): boolean =>
  host === '' ||
  host === 'localhost' ||
  host === '::1' ||
  host === '[::1]' ||
  /^127\./.test(host) ||
  host === '0.0.0.0';

const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]): net.Socket {
  const [first, second] = args;
  let host = 'localhost';
  let local = false;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    if (options.path !== undefined) local = true;
    else host = options.host ?? 'localhost';
  } else if (typeof first === 'string' && !/^\d+$/.test(first)) local = true;
  else if (typeof second === 'string') host = second;
  if (!local && !loopback(host)) {
    process.stderr.write(`${NETWORK_MARKER} ${host}\n`);
    throw new Error(`${NETWORK_MARKER}: the build tried to reach ${host}`);
  }
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
