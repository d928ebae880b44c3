import type { LinkView } from './protocol';

/** Whether `url` is an https URL without credentials: the only kind the page may ask to open. */
export function isSafeLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The links of one model: each URL once, under an id of the form `<prefix>-<n>`. */
export class LinkTable {
  private readonly byUrl = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  readonly links: LinkView[] = [];

  /** The id of `url`, or undefined when it is not a safe https link. */
  add(prefix: string, url: string | undefined): string | undefined {
    if (!url || !isSafeLink(url)) return undefined;
    const known = this.byUrl.get(url);
    if (known) return known;
    const n = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, n + 1);
    const id = `${prefix}-${n}`;
    this.byUrl.set(url, id);
    this.links.push({ id, url });
    return id;
  }
}

const NPM_SEGMENT = /^[^\s/@][^\s/]{0,213}$/;

/**
 * The package's page on npmjs.com (at `version` when given), each name segment percent-encoded but
 * a scope's `@` and separating `/` kept as npm writes them. Undefined for a name npm could not hold.
 */
export function npmPackageUrl(name: string, version?: string): string | undefined {
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name);
  const segments = scoped ? [scoped[1]!, scoped[2]!] : [name];
  if (!segments.every((s) => NPM_SEGMENT.test(s)) || name.length > 214) return undefined;
  const path = scoped ? `@${encodeURIComponent(segments[0]!)}/${encodeURIComponent(segments[1]!)}` : encodeURIComponent(name);
  return `https://www.npmjs.com/package/${path}${version ? `/v/${encodeURIComponent(version)}` : ''}`;
}
