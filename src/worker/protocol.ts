import type { DependencyFile, DependencyFileKind } from '../engine/deps/model';

/**
 * Messages between the extension host and the engine worker, one typed name per message (as in
 * vscode-eslint's shared protocol file). Requests carry an id; the worker answers each exactly once.
 */
export interface ParseDependencyFileRequest {
  type: 'parseDependencyFile';
  id: number;
  kind: DependencyFileKind;
  text: string;
  maxBytes?: number;
}

export type WorkerRequest = ParseDependencyFileRequest;

export interface WorkerSuccess<T> {
  type: 'result';
  id: number;
  result: T;
}

export interface WorkerFailure {
  type: 'error';
  id: number;
  code: 'E_WORKER' | 'E_PROTOCOL';
  message: string;
}

export interface WorkerLog {
  type: 'log';
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

export type WorkerResponse = WorkerSuccess<DependencyFile> | WorkerFailure | WorkerLog;

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'parseDependencyFile' && typeof v.id === 'number' && typeof v.kind === 'string' && typeof v.text === 'string';
}
