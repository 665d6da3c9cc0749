/**
 * The SDK's error registry: every error a plugin author can see has a stable `FH_SDK_*` code.
 */
export class FenghuoError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(code: string, status: number, message: string, details?: unknown) {
    super(message);
    this.name = 'FenghuoError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const sdkErrors = {} as const;
