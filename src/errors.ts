// The one closed set of error codes clients can rely on, and how each maps onto HTTP. Services throw AppError;
// anything else that reaches the edge is unexpected: it is logged with its cause and masked as INTERNAL.
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A dependency (database, Redis, queue) cannot be reached right now: retry after `retryAfter` seconds. */
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Safe, client-facing details (e.g. which argument, which accepted values). */
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: string, details?: Record<string, unknown>) =>
  new AppError(ErrorCode.NOT_FOUND, message, details);

/** A dependency is down for now; `retryAfter` (seconds) tells clients when trying again makes sense. */
export const unavailable = (message: string, retryAfter: number, details?: Record<string, unknown>) =>
  new AppError(ErrorCode.UNAVAILABLE, message, { ...details, retryAfter });

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
