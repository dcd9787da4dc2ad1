import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Document } from 'bson';
import {
  HEADER_SIZE,
  MAX_MESSAGE_SIZE,
  decodeRequest,
  encodeLegacyReply,
  encodeMsgReply,
  type Request,
} from './codec.js';

/** Executes one decoded command for a connection. */
export type CommandHandler = (db: string, command: Document, connectionId: number) => Promise<Document>;

/** A TCP listener that frames wire-protocol messages and answers each in order, per connection. */
export class WireServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private nextConnectionId = 1;

  constructor(private readonly handle: CommandHandler) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  async listen(port: number, host = '127.0.0.1'): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    let queue: Promise<void> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const length = pending.readInt32LE(0);
        if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
          socket.destroy(); // not the wire protocol, or a message we would refuse to buffer
          return;
        }
        if (pending.length < length) break;
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        queue = queue.then(() => this.answer(socket, message, connectionId));
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async answer(socket: net.Socket, message: Buffer, connectionId: number): Promise<void> {
    let request: Request;
    try {
      request = decodeRequest(message);
    } catch {
      socket.destroy();
      return;
    }
    const reply = await this.handle(request.db, request.command, connectionId);
    if (request.moreToCome || socket.destroyed) return;
    const encoded =
      request.kind === 'msg'
        ? encodeMsgReply(request.header.requestId, reply)
        : encodeLegacyReply(request.header.requestId, reply);
    socket.write(encoded);
  }
}
