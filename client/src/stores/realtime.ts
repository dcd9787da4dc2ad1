import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { z } from 'zod';
import {
  messageReadEventSchema,
  messageSchema,
  notificationEventSchema,
  presenceEventSchema,
  typingEventSchema,
  type ServerToClientEvents,
} from '@app/shared';
import { openSocket, type RealtimeSocket } from '@/api/socket.js';

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];
type Listener<E extends EventName> = (payload: Payload<E>) => void;

/** A type is not a check: every event from the server is validated before any listener sees it. */
const serverEventSchemas: Partial<Record<EventName, z.ZodType>> = {
  'message:new': z.object({ message: messageSchema }),
  'message:read': messageReadEventSchema,
  typing: typingEventSchema,
  notification: notificationEventSchema,
  presence: presenceEventSchema,
};

export type RealtimeStatus = 'off' | 'connecting' | 'connected' | 'reconnecting';

/**
 * The one Socket.IO connection of a signed-in user. Components subscribe with `on` (before or after the socket
 * exists) and hear `onConnect` after every (re)connection, which is when they catch up on what they missed.
 */
export const useRealtimeStore = defineStore('realtime', () => {
  const socket = shallowRef<RealtimeSocket | null>(null);
  const status = ref<RealtimeStatus>('off');
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectListeners = new Set<() => void>();
  let opening: Promise<RealtimeSocket> | null = null;

  function dispatch(event: string, payload: unknown): void {
    const schema = serverEventSchemas[event as EventName];
    if (!schema) return;
    const checked = schema.safeParse(payload);
    if (!checked.success) return; // an event that breaks the contract is dropped, not half-shown
    for (const listener of listeners.get(event) ?? []) listener(checked.data);
  }

  async function connect(): Promise<RealtimeSocket> {
    if (socket.value) return socket.value;
    opening ??= openSocket().then((s) => {
      socket.value = s;
      status.value = s.connected ? 'connected' : 'connecting';
      s.onAny((event: string, payload: unknown) => dispatch(event, payload));
      s.on('connect', () => {
        status.value = 'connected';
        for (const listener of connectListeners) listener();
      });
      s.on('disconnect', () => {
        status.value = 'reconnecting';
      });
      s.on('connect_error', () => {
        status.value = 'reconnecting';
      });
      return s;
    });
    return opening;
  }

  function disconnect(): void {
    socket.value?.disconnect();
    socket.value = null;
    opening = null;
    status.value = 'off';
  }

  /** Listens to one server event; returns the function that stops listening. */
  function on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  /** Runs after every successful connection (the first and each reconnection); returns the unsubscribe. */
  function onConnect(listener: () => void): () => void {
    connectListeners.add(listener);
    return () => connectListeners.delete(listener);
  }

  return { socket, status, connect, disconnect, on, onConnect };
});
