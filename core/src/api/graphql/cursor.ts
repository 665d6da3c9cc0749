/**
 * Opaque cursors for keyset pagination: the sort key of the last row of a page, tagged with the list it
 * belongs to so that a cursor of one list is refused by another.
 */
import { coreErrors } from '../../errors.js';

export function encodeCursor(list: string, key: (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

/** The key of a cursor made by `list`; throws FH_API_BAD_CURSOR for anything else. */
export function decodeCursor(list: string, cursor: string, arity: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw coreErrors.API_BAD_CURSOR({ cursor });
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== list ||
    parsed.length !== arity + 1 ||
    !parsed.slice(1).every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    throw coreErrors.API_BAD_CURSOR({ cursor });
  }
  return parsed.slice(1).map(String);
}

export const MAX_PAGE = 500;

/** Check `first` (1…500). */
export function pageSize(first: number | null | undefined): number {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw coreErrors.API_VALIDATION({ reason: `first must be an integer from 1 to ${MAX_PAGE}, got ${n}` });
  }
  return n;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Make a page from `first + 1` fetched rows. */
export function toPage<T>(rows: T[], first: number, cursorOf: (row: T) => string): Page<T> {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { hasNextPage, endCursor: last === undefined ? null : cursorOf(last) } };
}
