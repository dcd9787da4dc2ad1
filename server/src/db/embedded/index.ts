import { Engine } from './engine.js';
import { WireServer } from './wire/server.js';

export interface EmbeddedEngineOptions {
  /** Directory for the journal and snapshots; omitted means in memory only. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

/** A running engine: connect any MongoDB client to `uri`. */
export interface EmbeddedEngine {
  uri: string;
  port: number;
  /** Stops accepting connections, flushes the journal and releases the data directory. */
  close(): Promise<void>;
}

/** Starts the embedded MongoDB-wire-compatible engine on 127.0.0.1. */
export async function startEmbeddedEngine(options: EmbeddedEngineOptions = {}): Promise<EmbeddedEngine> {
  const engine = new Engine();
  const server = new WireServer((db, cmd, connectionId) => engine.execute(db, cmd, connectionId));
  const { port } = await server.listen(options.port ?? 0);
  engine.address = `127.0.0.1:${port}`;
  let closed = false;
  return {
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    port,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      engine.close();
    },
  };
}
