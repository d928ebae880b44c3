import type { DependencyFile, DependencyFileKind, ManifestDeclarations } from '../engine/deps/model';
import type { KnownMalwareLookup, KnownMalwareStatus, PackageVersion } from '../engine/intel/types';
import type { ScanResult } from '../engine/scan/result';
import type { ScanSettings } from './scanHandlers';
import type { PackageFileText, ReadPackageFileParams } from './packageFiles';

/**
 * Messages between the extension host and the engine worker, one typed name per message (as in
 * vscode-eslint's shared protocol file). Requests carry an id; the worker answers each exactly once
 * (`result` or `error`), may send `progress` for it before that, and may send `log` at any time;
 * it sends `ready` once on start. The host may send `cancel` for a request in flight.
 *
 * Wire shape of a request: flat, `{ type, id, ...params }`.
 */

// ---- Request catalogue ------------------------------------------------------------------------

/** What one request type carries, answers and reports while it runs. */
export interface RequestSpec {
  params: object;
  result: unknown;
  progress: unknown;
}

/** A catalogue of request types (an interface whose every member is a {@link RequestSpec}). */
export type RequestMap<M> = { [K in keyof M]: RequestSpec };

/**
 * The product worker's requests. Adding one: a line here, a `dispatcher.register(...)` line in
 * worker.ts. Test-only requests (sleep, crash) live in test/, never here.
 */
export interface EngineRequests {
  parseDependencyFile: {
    /** `manifests`: package.json declarations per workspace path ('' = root), for lockfiles that do not record direct dependencies. */
    params: { kind: DependencyFileKind; text: string; maxBytes?: number; manifests?: Record<string, ManifestDeclarations> };
    result: DependencyFile;
    progress: never;
  };
  /** Fetch name@spec from the registry and analyse it. */
  scanRegistry: {
    /**
     * `previousVersion`: the baseline lockfile's version, diffed against instead of the semver-previous one.
     * `knownMalware`: the host's batch answer for this exact version (`hit` or `none`), so the scan does
     * not look it up again (each worker keeps its own lookup cache).
     */
    params: { name: string; spec: string; integrity?: string; previousVersion?: string; knownMalware?: KnownMalwareStatus; settings: ScanSettings };
    result: ScanResult;
    progress: never;
  };
  /** Look every locked package up as known malware (OSV online, or a local folder of records). */
  lookupKnownMalware: {
    params: { packages: PackageVersion[]; settings: ScanSettings };
    result: KnownMalwareLookup;
    progress: never;
  };
  /** Analyse a local package folder or .tgz (researchers' "Scan Package…"). */
  scanLocal: {
    params: { path: string; settings: ScanSettings };
    result: ScanResult;
    progress: never;
  };
  /** One file of a package as text (capped), from its tarball or the local source: the editor's read-only evidence document. */
  readPackageFile: {
    params: ReadPackageFileParams;
    result: PackageFileText;
    progress: never;
  };
  /** Clear Cache: this worker's memory caches and the disk verdict cache. */
  clearCaches: {
    params: { settings: ScanSettings };
    result: { cleared: string[] };
    progress: never;
  };
}

export type RequestType<M> = keyof M & string;
type Spec<M, K extends keyof M> = M[K] extends RequestSpec ? M[K] : never;
export type RequestParams<M, K extends keyof M> = Spec<M, K>['params'];
export type RequestResult<M, K extends keyof M> = Spec<M, K>['result'];
export type RequestProgress<M, K extends keyof M> = Spec<M, K>['progress'];

/** A request as a caller hands it to the pool (the pool assigns the id). */
export type JobRequest<M, K extends RequestType<M>> = { type: K } & RequestParams<M, K>;
/** A request on the wire. */
export type RequestMessage<M, K extends RequestType<M>> = { type: K; id: number } & RequestParams<M, K>;

/** Host -> worker: stop request `id` (its handler's AbortSignal fires); the worker still answers it. */
export interface CancelMessage {
  type: 'cancel';
  id: number;
}

// ---- Worker -> host ---------------------------------------------------------------------------

export interface WorkerSuccess<T> {
  type: 'result';
  id: number;
  result: T;
}

/** E_WORKER: the handler threw; E_PROTOCOL: malformed or unknown request; E_CANCELLED: stopped on request. */
export type WorkerErrorCode = 'E_WORKER' | 'E_PROTOCOL' | 'E_CANCELLED';

export interface WorkerFailure {
  type: 'error';
  id: number;
  code: WorkerErrorCode;
  message: string;
  /** The handler error's own `code` (e.g. `E_TOO_LARGE`), when it had a string one. */
  cause?: string;
}

export interface WorkerProgress<P = unknown> {
  type: 'progress';
  id: number;
  progress: P;
}

/** Sent once when the worker has loaded its script and listens: job time limits start from here. */
export interface WorkerReady {
  type: 'ready';
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface WorkerLog {
  type: 'log';
  level: LogLevel;
  message: string;
}

/** Everything a worker may send. */
export type WorkerMessage<R = unknown, P = unknown> = WorkerSuccess<R> | WorkerFailure | WorkerProgress<P> | WorkerLog | WorkerReady;

// ---- Request shapes ---------------------------------------------------------------------------

/** Any request envelope: an object with a string `type` and a numeric `id`. */
export function isRequestEnvelope(value: unknown): value is { type: string; id: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === 'string' && typeof v.id === 'number' && Number.isFinite(v.id);
}
