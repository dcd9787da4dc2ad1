import { computed, getCurrentScope, onScopeDispose, ref, watch, type Ref } from 'vue';
import { mergeMessages, type Conversation, type Message } from '@app/shared';
import { fetchMessages, markConversationRead, postMessage } from '@/api/conversations.js';
import { ApiError } from '@/api/http.js';
import { useInboxStore } from '@/stores/inbox.js';
import { useRealtimeStore } from '@/stores/realtime.js';
import { useSessionStore } from '@/stores/session.js';

export type SendState = 'sending' | 'sent' | 'failed';

/** A message as the thread shows it: stored ones are `sent`; the user's own may still be on their way. */
export interface ThreadMessage {
  key: string;
  id?: string;
  seq?: number;
  clientId: string;
  senderId: string;
  body: string;
  createdAt: string;
  mine: boolean;
  state: SendState;
  /** Mine and read by someone on the other side. */
  read: boolean;
  error?: unknown;
}

interface Outgoing {
  clientId: string;
  body: string;
  createdAt: string;
  state: 'sending' | 'failed';
  error?: unknown;
}

const SEND_TIMEOUT_MS = 10_000;
const TYPING_SHOWN_MS = 4_000;
const TYPING_EVERY_MS = 2_500;

/** A clientId the server accepts (8-64 of A-Z a-z 0-9 _ -), random enough never to collide. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `c${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * One conversation, live: history with scroll-back, optimistic sending (sending → sent, or failed with retry;
 * a retry reuses the clientId, so the server stores the message once), read receipts both ways, typing, and
 * catch-up after every reconnection by asking for everything after the last message held.
 */
export function useConversation(conversationId: Ref<string>, options: { sendTimeoutMs?: number } = {}) {
  const realtime = useRealtimeStore();
  const inbox = useInboxStore();
  const session = useSessionStore();
  const myId = computed(() => session.user?.id);

  const messages = ref<Message[]>([]);
  const outgoing = ref<Outgoing[]>([]);
  const loading = ref(false);
  const loadError = ref<unknown>(null);
  const hasOlder = ref(false);
  /** Read receipts of the others: user id → the seq they have read up to. */
  const readUpTo = ref(new Map<string, number>());
  const typingUntil = ref(new Map<string, number>());
  const now = ref(Date.now());
  let lastTypingSent = 0;
  let lastReadSent = '';
  const timers: ReturnType<typeof setInterval>[] = [];

  const lastId = () => messages.value.at(-1)?.id;
  const seqOf = (id: string) => messages.value.find((m) => m.id === id)?.seq;
  const othersRead = computed(() => Math.max(0, ...readUpTo.value.values()));

  const thread = computed<ThreadMessage[]>(() => {
    const stored = messages.value.map((m) => ({
      key: m.id,
      id: m.id,
      seq: m.seq,
      clientId: m.clientId,
      senderId: m.senderId,
      body: m.body,
      createdAt: m.createdAt,
      mine: m.senderId === myId.value,
      state: 'sent' as const,
      read: m.senderId === myId.value && m.seq <= othersRead.value,
    }));
    const storedClientIds = new Set(messages.value.map((m) => m.clientId));
    const waiting = outgoing.value
      .filter((o) => !storedClientIds.has(o.clientId))
      .map((o) => ({
        key: o.clientId,
        clientId: o.clientId,
        senderId: myId.value ?? '',
        body: o.body,
        createdAt: o.createdAt,
        mine: true,
        state: o.state,
        read: false,
        error: o.error,
      }));
    return [...stored, ...waiting];
  });

  const typingUsers = computed(() =>
    [...typingUntil.value].filter(([, until]) => until > now.value).map(([userId]) => userId),
  );

  function accept(incoming: readonly Message[]): void {
    const mine = incoming.filter((m) => m.conversationId === conversationId.value);
    if (!mine.length) return;
    messages.value = mergeMessages(messages.value, mine);
    const stored = new Set(mine.map((m) => m.clientId));
    outgoing.value = outgoing.value.filter((o) => !stored.has(o.clientId));
    // Whoever sent a message has read everything before it.
    for (const m of mine) {
      if (m.senderId !== myId.value) {
        typingUntil.value.delete(m.senderId);
        readUpTo.value.set(m.senderId, Math.max(readUpTo.value.get(m.senderId) ?? 0, m.seq));
      }
    }
  }

  /** Tells the others (and the inbox) how far this user has read, once per new last message. */
  function markRead(): void {
    const last = messages.value.at(-1);
    inbox.markSeen(conversationId.value);
    if (!last || last.id === lastReadSent || document.visibilityState === 'hidden') return;
    lastReadSent = last.id;
    const socket = realtime.socket;
    if (socket?.connected)
      // Always with an acknowledgement (the server answers each); a refused receipt goes again with the next message.
      socket.emit('message:read', { conversationId: conversationId.value, upTo: last.id }, (answer) => {
        if (!answer.ok) lastReadSent = '';
      });
    else void markConversationRead(conversationId.value, last.id).catch(() => (lastReadSent = ''));
  }

  function seedReceipts(conversation: Conversation | undefined): void {
    for (const r of conversation?.reads ?? [])
      if (r.userId !== myId.value) readUpTo.value.set(r.userId, r.seq);
  }

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      const page = await fetchMessages(conversationId.value);
      messages.value = mergeMessages([], page.items);
      hasOlder.value = page.hasMore;
      seedReceipts(inbox.items.find((c) => c.id === conversationId.value));
      markRead();
    } catch (err) {
      loadError.value = err;
    } finally {
      loading.value = false;
    }
  }

  async function loadOlder(): Promise<void> {
    const first = messages.value[0];
    if (!first || !hasOlder.value) return;
    const page = await fetchMessages(conversationId.value, { before: first.id });
    accept(page.items);
    hasOlder.value = page.hasMore;
  }

  /** Everything stored after the last message held, page after page: nothing sent while away is lost. */
  async function catchUp(): Promise<void> {
    if (!lastId()) return load();
    let more = true;
    while (more) {
      const page = await fetchMessages(conversationId.value, { after: lastId() });
      accept(page.items);
      more = page.hasMore && page.items.length > 0;
    }
    markRead();
  }

  function fail(clientId: string, error: unknown): void {
    const o = outgoing.value.find((x) => x.clientId === clientId);
    if (o) Object.assign(o, { state: 'failed', error });
  }

  async function deliver(o: Outgoing): Promise<void> {
    Object.assign(o, { state: 'sending', error: undefined });
    const payload = { conversationId: conversationId.value, body: o.body, clientId: o.clientId };
    const socket = realtime.socket;
    if (socket?.connected) {
      socket
        .timeout(options.sendTimeoutMs ?? SEND_TIMEOUT_MS)
        .emit('message:send', payload, (err: Error | null, ack) => {
          if (err) fail(o.clientId, new ApiError(0, 'network', err.message));
          else if (ack.ok) accept([ack.message]);
          else fail(o.clientId, new ApiError(0, ack.error.code, ack.error.message, ack.error.details ?? []));
        });
      return;
    }
    // No socket right now: the REST endpoint stores it just the same.
    try {
      accept([await postMessage(conversationId.value, { body: o.body, clientId: o.clientId })]);
    } catch (err) {
      fail(o.clientId, err);
    }
  }

  function send(body: string): void {
    const o: Outgoing = {
      clientId: newClientId(),
      body,
      createdAt: new Date().toISOString(),
      state: 'sending',
    };
    outgoing.value.push(o);
    void deliver(outgoing.value.at(-1)!);
  }

  function retry(clientId: string): void {
    const o = outgoing.value.find((x) => x.clientId === clientId && x.state === 'failed');
    if (o) void deliver(o);
  }

  /** Called as the user types; tells the others at most every few seconds. */
  function typing(): void {
    const socket = realtime.socket;
    if (!socket?.connected || Date.now() - lastTypingSent < TYPING_EVERY_MS) return;
    lastTypingSent = Date.now();
    socket.emit('typing', { conversationId: conversationId.value }, () => undefined);
  }

  const stops = [
    realtime.on('message:new', ({ message }) => {
      if (message.conversationId !== conversationId.value) return;
      accept([message]);
      if (message.senderId !== myId.value) markRead();
    }),
    realtime.on('message:read', (e) => {
      if (e.conversationId !== conversationId.value || e.userId === myId.value) return;
      const seq = seqOf(e.upTo);
      if (seq !== undefined) readUpTo.value.set(e.userId, Math.max(readUpTo.value.get(e.userId) ?? 0, seq));
    }),
    realtime.on('typing', (e) => {
      if (e.conversationId === conversationId.value && e.userId !== myId.value)
        typingUntil.value.set(e.userId, Date.now() + TYPING_SHOWN_MS);
    }),
    realtime.onConnect(() => {
      realtime.socket?.emit('conversation:join', { conversationId: conversationId.value }, () => undefined);
      void catchUp().catch((err) => (loadError.value = err));
    }),
  ];
  timers.push(setInterval(() => (now.value = Date.now()), 1000));
  const onVisible = () => document.visibilityState === 'visible' && markRead();
  document.addEventListener('visibilitychange', onVisible);

  watch(
    conversationId,
    (id) => {
      inbox.openId = id;
      messages.value = [];
      outgoing.value = [];
      readUpTo.value = new Map();
      typingUntil.value = new Map();
      lastReadSent = '';
      void load();
    },
    { immediate: true },
  );

  if (getCurrentScope())
    onScopeDispose(() => {
      for (const stop of stops) stop();
      for (const timer of timers) clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      if (inbox.openId === conversationId.value) inbox.openId = null;
    });

  return { thread, loading, loadError, hasOlder, typingUsers, load, loadOlder, catchUp, send, retry, typing };
}
