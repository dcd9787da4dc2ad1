/** MongoDB error codes the engine answers with, by codeName (see MongoDB's error_codes.yml). */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  IllegalOperation: 20,
  LockTimeout: 24,
  NamespaceNotFound: 26,
  PathNotViable: 28,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  CommandNotSupported: 115,
  InvalidPipelineOperator: 168,
  NotImplemented: 238,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  TransactionTooOld: 225,
  ConflictingOperationInProgress: 117,
  ConversionFailure: 241,
  OperationNotSupportedInTransaction: 263,
  TransactionExceededLifetimeLimitSeconds: 290,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
} as const;

export type CodeName = keyof typeof ErrorCodes;

const namesByCode = new Map<number, string>(Object.entries(ErrorCodes).map(([name, code]) => [code, name]));

/** An error that becomes `{ ok: 0, errmsg, code, codeName }` (plus extra fields) on the wire. */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  constructor(
    codeName: CodeName,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly errorLabels: string[] = [],
  ) {
    super(message);
    this.name = 'CommandError';
    this.code = ErrorCodes[codeName];
    this.codeName = codeName;
  }

  /** The reply document for this error. */
  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...this.extra,
    };
    if (this.errorLabels.length > 0) reply.errorLabels = this.errorLabels;
    return reply;
  }

  /** The entry of a write command's `writeErrors` for this error. */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

/** The codeName MongoDB uses for a numeric code, when the engine knows it. */
export function codeNameOf(code: number): string {
  return namesByCode.get(code) ?? 'UnknownError';
}

/** Refuses a feature outside the engine's supported subset, naming it. */
export function unsupported(what: string): CommandError {
  return new CommandError(
    'NotImplemented',
    `${what} is not supported by the embedded database engine; use a real MongoDB (set MONGODB_URI) if you need it`,
  );
}

export function badValue(message: string): CommandError {
  return new CommandError('BadValue', message);
}

/** Turns anything thrown while running a command (mingo errors included) into a CommandError. */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CommandError('BadValue', message);
}
