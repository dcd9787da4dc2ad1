import type { z } from 'zod';
import { ERROR_STATUS, type ErrorCode, type ErrorDetail, type Locale } from '@app/shared';
import { issuesToDetails } from './messages/issues.js';
import {
  thingNames,
  translate,
  type Message,
  type MessageKey,
  type MessageParams,
  type ThingName,
} from './messages/index.js';

/** One field's problem as a service states it: the message is translated when the answer is written. */
export interface DetailInput {
  /** A dotted path, or its segments (as the base contract's rule details give it). */
  path?: string | string[];
  message: Message;
  code?: string;
}

/**
 * The one error type services throw; the error handler turns it into the API's error body in the reader's
 * language. `message` (the Error's) is the English text, for logs.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly text: Message,
    readonly detailInputs?: DetailInput[],
    /** Zod's issues of a refused input, with the input they were found in. */
    readonly issues?: { list: readonly z.core.$ZodIssue[]; input: unknown },
  ) {
    super(translate(text, 'en'));
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }

  /** The message in the reader's language. */
  messageIn(locale: Locale): string {
    return translate(this.text, locale);
  }

  /** The details in the reader's language. */
  detailsIn(locale: Locale): ErrorDetail[] | undefined {
    if (this.issues) return issuesToDetails(this.issues.list, locale, this.issues.input);
    return this.detailInputs?.map((d) => ({ ...d, message: translate(d.message, locale) }));
  }

  /** The details in English (the socket layer's and the logs' view). */
  get details(): ErrorDetail[] | undefined {
    return this.detailsIn('en');
  }
}

const keyed = (key: MessageKey, params?: MessageParams): Message => (params ? { key, params } : key);

export const validationFailed = (key: MessageKey, details?: DetailInput[], params?: MessageParams) =>
  new AppError('validation_failed', keyed(key, params), details);
export const unauthenticated = (key: MessageKey = 'auth.signInFirst') => new AppError('unauthenticated', key);
export const forbidden = (key: MessageKey = 'auth.notAllowed', params?: MessageParams) =>
  new AppError('forbidden', keyed(key, params));
export const notFound = (what: ThingName = 'Resource') =>
  new AppError('not_found', { key: 'request.notFound', params: { thing: thingNames[what] } });
export const conflict = (key: MessageKey, params?: MessageParams, details?: DetailInput[]) =>
  new AppError('conflict', keyed(key, params), details);
export const rateLimited = (key: MessageKey = 'request.tooMany') => new AppError('rate_limited', key);
export const payloadTooLarge = (key: MessageKey = 'request.tooLarge', params?: MessageParams) =>
  new AppError('payload_too_large', keyed(key, params));
