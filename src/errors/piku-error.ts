// The one error class of the platform. Every expected failure is a PikuError created from a
// definition in codes.ts, so its code, message shape and exit status are fixed in one place.

export interface PikuErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
}

export class PikuError extends Error {
  override readonly name = 'PikuError';
  readonly code: string;
  readonly exitCode: number;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, exitCode: number, { cause, details = {} }: PikuErrorOptions = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.exitCode = exitCode;
    this.details = details;
  }
}

export interface ErrorDefinition<A extends unknown[]> {
  (...args: A): PikuError;
  readonly code: string;
  readonly exitCode: number;
  /** Creates the error with a cause or details attached. */
  with(options: PikuErrorOptions, ...args: A): PikuError;
}

// Creates a typed factory for one error code: `throw PIKU_ERR_X(value)`.
export function defineError<A extends unknown[]>(
  code: string,
  exitCode: number,
  createMessage: (...args: A) => string,
): ErrorDefinition<A> {
  const factory = (...args: A) => new PikuError(code, createMessage(...args), exitCode);
  const withOptions = (options: PikuErrorOptions, ...args: A) =>
    new PikuError(code, createMessage(...args), exitCode, options);

  return Object.assign(factory, { code, exitCode, with: withOptions });
}

export function isPikuError(error: unknown): error is PikuError {
  return error instanceof PikuError;
}
