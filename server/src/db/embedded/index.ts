import { publishAddress, withdrawAddress } from './durability/address.js';
import { DurableStore } from './durability/store.js';
import { Engine } from './engine.js';
import { TTL_INTERVAL_MS, expireDocuments } from './ttl.js';
import { WireServer } from './wire/server.js';

export interface EmbeddedEngineOptions {
  /** Directory for the journal and snapshots (created, and locked against other processes); omit for in-memory. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Journal bytes after which a snapshot is written in the background (default 64 MiB). */
  compactAfterBytes?: number;
  /** Journal bytes from which close() writes a snapshot first, so the next start replays nothing (default 1 MiB). */
  checkpointAtCloseBytes?: number;
  /** Receives warnings such as a torn journal record dropped at start. */
  warn?: (message: string) => void;
  /**
   * Open without building the data directory's indexes other than unique ones (building them from every document
   * is most of an open at 100,000 listings): until `buildIndexes()` has built them, a query scans instead of using
   * them (the same answers, each costing a scan) and writes skip them. `_id` lookups never wait (the documents are
   * kept by `_id`), nor does a unique check.
   */
  deferIndexes?: boolean;
}

/** A running engine: connect any MongoDB client (mongoose included) to `uri`. */
export interface EmbeddedEngine {
  uri: string;
  port: number;
  /** Writes a snapshot now and trims the journal (no-op in memory). */
  compact(): Promise<void>;
  /** Runs the TTL monitor now (it also runs every 60 s); returns how many documents expired. */
  expire(): Promise<number>;
  /**
   * Builds the indexes `deferIndexes` left unbuilt, a slice of documents at a time between other work (a write to
   * a collection finishes its index under way first); resolves once all are built, or the engine closes.
   */
  buildIndexes(): Promise<void>;
  /**
   * Stops accepting connections, writes a snapshot when the journal has grown since the last (a checkpoint),
   * flushes the journal and releases the data directory.
   */
  close(): Promise<void>;
}

/** Starts the embedded MongoDB-wire-compatible engine on 127.0.0.1, recovering `dataDir` first when given. */
export async function startEmbeddedEngine(options: EmbeddedEngineOptions = {}): Promise<EmbeddedEngine> {
  const engine = new Engine();
  let store: DurableStore | undefined;
  if (options.dataDir) {
    store = await DurableStore.open(options.dataDir, engine.catalog, {
      compactAfterBytes: options.compactAfterBytes,
      checkpointAtCloseBytes: options.checkpointAtCloseBytes,
      warn: options.warn,
      deferIndexes: options.deferIndexes,
    });
    const durable = store;
    engine.persist = (ops) => durable.persist(ops);
  }
  const server = new WireServer((db, cmd, connectionId) => engine.execute(db, cmd, connectionId));
  let port: number;
  try {
    ({ port } = await server.listen(options.port ?? 0));
  } catch (err) {
    await store?.close();
    throw err;
  }
  engine.address = `127.0.0.1:${port}`;
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  // `npm run backup` finds a running engine through this file (the LOCK says only who holds the directory).
  if (options.dataDir) publishAddress(options.dataDir, { pid: process.pid, port, uri });
  const ttl = setInterval(() => {
    expireDocuments(engine).catch((err) => options.warn?.(`TTL expiry failed: ${String(err)}`));
  }, TTL_INTERVAL_MS);
  ttl.unref();
  let closing: Promise<void> | undefined;
  return {
    uri,
    port,
    compact: async () => store?.compact(),
    expire: () => expireDocuments(engine),
    buildIndexes: () => buildDeferredIndexes(engine, () => closing !== undefined),
    close() {
      closing ??= (async () => {
        clearInterval(ttl);
        if (options.dataDir) withdrawAddress(options.dataDir);
        await server.close();
        engine.close();
        await store?.close();
      })();
      return closing;
    },
  };
}

/** Documents an unbuilt index reads per slice of `buildIndexes` (a few milliseconds' work between other work). */
const BUILD_SLICE_DOCS = 2000;

async function buildDeferredIndexes(engine: Engine, closed: () => boolean): Promise<void> {
  for (;;) {
    const collection = engine.catalog.allCollections().find((c) => c.hasUnbuiltIndexes);
    if (!collection || closed()) return;
    while (collection.buildStep(BUILD_SLICE_DOCS) && !closed()) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
