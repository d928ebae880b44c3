import popularData from '../../data/popular-npm.json';
import type { MetadataSettings, PopularPackages } from '../types';
import { bareName, stringRecord } from './delivery-manifest';

/** The most downloaded npm packages (see src/engine/data/popular-npm.json for its source and date). */
export const DEFAULT_POPULAR: PopularPackages = { names: popularData.names, established: popularData.established };

export const DEFAULT_COOL_DOWN_HOURS = 48;

export function defaultMetadataSettings(now: Date = new Date()): MetadataSettings {
  return { privateScopes: [], internalNamePatterns: [], coolDownHours: DEFAULT_COOL_DOWN_HOURS, now: now.toISOString(), popular: DEFAULT_POPULAR };
}

/** `bin` as npm installs it: a string bin is named after the package; paths without `./`. */
export function binsOf(manifest: Record<string, unknown>, packageName: string): Record<string, string> {
  const normalise = (p: string) => p.trim().replace(/^(?:\.\/)+/, '').replace(/\\/g, '/');
  if (typeof manifest.bin === 'string') return { [bareName(packageName)]: normalise(manifest.bin) };
  const out: Record<string, string> = {};
  for (const [name, target] of Object.entries(stringRecord(manifest.bin))) out[bareName(name)] = normalise(target);
  return out;
}

/** Runtime dependencies as npm installs them: `optionalDependencies` are folded into `dependencies`. */
export function runtimeDependencies(manifest: Record<string, unknown>): Record<string, string> {
  return { ...stringRecord(manifest.dependencies), ...stringRecord(manifest.optionalDependencies) };
}

/** Hours between two ISO times (negative when `at` is after `now`). */
export function hoursBetween(at: string, now: string): number {
  return (Date.parse(now) - Date.parse(at)) / 3_600_000;
}

/** `3 minutes`, `5 hours`, `2 days`, for messages. */
export function formatAge(hours: number): string {
  const h = Math.max(0, hours);
  if (h < 1) return `${Math.max(1, Math.round(h * 60))} minute(s)`;
  if (h < 48) return `${Math.round(h)} hour(s)`;
  return `${Math.round(h / 24)} day(s)`;
}
