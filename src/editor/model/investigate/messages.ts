import type { ActionName, PageMessage } from './protocol';
import { CAP } from './shownText';

/** Every action the page may ask for; anything else is dropped. */
export const ACTION_NAMES: readonly ActionName[] = ['report', 'allow', 'openNpm', 'rescan', 'copyIndicators'];

// The model shows names and paths capped (CAP) and then escaped, each invisible character as up to
// ten characters (`\u{e01ef}`); what the page sends back is that shown form.
const MAX_KEY = 10 * (CAP.name + CAP.version + 1);
const MAX_PATH = 10 * CAP.path;
const MAX_LINE = 10_000_000;
const LINK_ID = /^[a-z0-9-]{1,64}$/i;

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(message: Fields, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(message, name) ? message[name] : undefined;
}

function key(message: Fields): string | undefined {
  const value = own(message, 'key');
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_KEY ? value : undefined;
}

function path(message: Fields): string | undefined {
  const value = own(message, 'path');
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_PATH && !value.includes('\0') ? value : undefined;
}

/**
 * A message from the Investigate page, or undefined when any field is missing, of the wrong type
 * or out of bounds. The page shows attacker-controlled text, so the host trusts none of what it
 * sends: the result is a fresh object holding only the fields the message type defines.
 */
export function parsePageMessage(value: unknown): PageMessage | undefined {
  if (!isRecord(value)) return undefined;
  const type = own(value, 'type');
  if (type === 'ready') return { type };
  const k = key(value);
  if (k === undefined) return undefined;
  switch (type) {
    case 'openLink': {
      const id = own(value, 'id');
      return typeof id === 'string' && LINK_ID.test(id) ? { type, key: k, id } : undefined;
    }
    case 'openFile': {
      const p = path(value);
      if (p === undefined) return undefined;
      const line = own(value, 'line');
      if (line === undefined) return { type, key: k, path: p };
      return typeof line === 'number' && Number.isInteger(line) && line >= 1 && line <= MAX_LINE ? { type, key: k, path: p, line } : undefined;
    }
    case 'requestPatch': {
      const p = path(value);
      return p === undefined ? undefined : { type, key: k, path: p };
    }
    case 'action': {
      const action = own(value, 'action');
      return typeof action === 'string' && (ACTION_NAMES as readonly string[]).includes(action) ? { type, key: k, action: action as ActionName } : undefined;
    }
    default:
      return undefined;
  }
}
