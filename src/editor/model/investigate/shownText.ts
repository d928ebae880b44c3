import { revealInvisible } from './visibleText';

/** Caps on package-supplied strings in the model (UTF-16 units, before invisible characters are escaped). */
export const CAP = {
  name: 300,
  version: 100,
  rule: 100,
  message: 2000,
  path: 1000,
  indicator: 1000,
  reason: 2000,
  label: 200,
  detail: 1000,
  person: 214,
  date: 40,
  repository: 1000,
  integrity: 200,
} as const;

/**
 * Package text on its way into the page: cut to `max` (never inside a surrogate pair) and with
 * invisible and bidi characters written as visible escapes. Not HTML-escaped: the page inserts it
 * with textContent.
 */
export function shown(value: unknown, max: number): string {
  let text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  if (text.length > max) {
    let cut = Math.max(0, max - 1);
    if (cut > 0 && /[\ud800-\udbff]/.test(text.charAt(cut - 1))) cut -= 1;
    text = `${text.slice(0, cut)}…`;
  }
  return revealInvisible(text);
}

/** `shown` for optional fields: absent stays absent. */
export function shownOptional(value: unknown, max: number): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : shown(value, max);
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-negative integer count or size, 0 for anything else. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}

/** A 1-based line or column, undefined for anything else. */
export function position(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}
