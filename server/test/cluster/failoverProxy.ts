import net from 'node:net';

export interface FailoverProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy standing in for the load balancer in front of the server processes: each new connection goes to
 * the first target that accepts it, so when one process dies its clients reconnect to another. A connection is
 * closed on both sides as soon as either side closes.
 */
export async function startFailoverProxy(targets: number[]): Promise<FailoverProxy> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.pause();
    const tryTarget = (i: number) => {
      if (i >= targets.length) return client.destroy();
      const upstream = net.connect(targets[i]!, '127.0.0.1');
      const refused = () => tryTarget(i + 1);
      upstream.once('error', refused);
      upstream.once('connect', () => {
        open.add(upstream);
        upstream.off('error', refused);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryTarget(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
