import { parentPort } from 'node:worker_threads';
import { DEPENDENCY_FILE_NAMES, parseDependencyFile } from '../engine/deps/index';
import { isWorkerRequest, type WorkerResponse } from './protocol';

const KINDS = new Set(Object.values(DEPENDENCY_FILE_NAMES).concat(['yarn-berry']));

/** Engine work off the extension host thread: a large lockfile must never freeze the editor. */
function handle(message: unknown): WorkerResponse {
  if (!isWorkerRequest(message) || !KINDS.has(message.kind)) {
    const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1;
    return { type: 'error', id, code: 'E_PROTOCOL', message: 'malformed request' };
  }
  try {
    const options = message.maxBytes ? { maxBytes: message.maxBytes } : undefined;
    return { type: 'result', id: message.id, result: parseDependencyFile(message.kind, message.text, options) };
  } catch (error) {
    return { type: 'error', id: message.id, code: 'E_WORKER', message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (message: unknown) => parentPort?.postMessage(handle(message)));
