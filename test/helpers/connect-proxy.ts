// A real HTTP CONNECT proxy on loopback, as corporate networks have: it answers CONNECT by
// opening a TCP tunnel to the target (or refuses it with a status), counts what it was asked, and
// checks a Basic credential when given one. Nothing else (plain proxied GETs) is served.
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxyOptions {
  /** `user:password` the proxy requires (407 without it). */
  credential?: string;
  /** Refuse every CONNECT with this status (e.g. 403), after checking the credential. */
  refuse?: number;
}

export interface ConnectProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every CONNECT request: its target (host:port) and the Proxy-Authorization it carried. */
  connects: { target: string; authorization: string | undefined }[];
  /** Tunnels opened (CONNECT answered 200). */
  tunnels(): number;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = {
  403: 'Forbidden',
  407: 'Proxy Authentication Required',
  502: 'Bad Gateway',
};

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const connects: ConnectProxy['connects'] = [];
  const sockets = new Set<Socket>();
  let tunnels = 0;
  const expected =
    options.credential === undefined ? undefined : `Basic ${Buffer.from(options.credential).toString('base64')}`;

  const server = createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('this proxy only tunnels (CONNECT)\n');
  });
  const refuse = (client: Socket, status: number) => {
    const extra = status === 407 ? 'Proxy-Authenticate: Basic realm="test"\r\n' : '';
    client.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\n${extra}Content-Length: 0\r\n\r\n`);
  };
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => {});
    const target = req.url ?? '';
    const authorization = req.headers['proxy-authorization'];
    connects.push({ target, authorization });
    if (expected !== undefined && authorization !== expected) return refuse(client, 407);
    if (options.refuse !== undefined) return refuse(client, options.refuse);
    const [host, port] = splitTarget(target);
    const upstream = connect({ host, port }, () => {
      tunnels++;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => refuse(client, 502));
    client.once('close', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    tunnels: () => tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// host:port, with [v6]:port.
function splitTarget(target: string): [string, number] {
  const match = /^\[?([^\]]+)\]?:(\d+)$/.exec(target);
  if (!match) return [target, 443];
  return [match[1]!, Number(match[2])];
}
