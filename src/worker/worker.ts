import { DEPENDENCY_FILE_NAMES, parseDependencyFile } from '../engine/deps/index';
import { Dispatcher } from './dispatcher';
import type { EngineRequests } from './protocol';
import { isScanSettings, scannerFor } from './scanHandlers';

const KINDS = new Set<string>(Object.values(DEPENDENCY_FILE_NAMES).concat(['yarn-berry']));

/**
 * Engine work off the extension host thread: a large lockfile must never freeze the editor.
 * One `register` line per request type (its types: `EngineRequests` in protocol.ts). The validator
 * checks the untrusted fields; a request that fails it is answered E_PROTOCOL.
 */
const dispatcher = new Dispatcher<EngineRequests>();

dispatcher.register(
  'parseDependencyFile',
  (r) => parseDependencyFile(r.kind, r.text, r.maxBytes ? { maxBytes: r.maxBytes } : undefined),
  (r) => typeof r.kind === 'string' && KINDS.has(r.kind) && typeof r.text === 'string' && (r.maxBytes === undefined || typeof r.maxBytes === 'number'),
);

dispatcher.register(
  'scanRegistry',
  (r) => scannerFor(r.settings).scanRegistry(r.name, r.spec, r.integrity ? { integrity: r.integrity } : {}),
  (r) => typeof r.name === 'string' && r.name.length <= 214 && typeof r.spec === 'string' && r.spec.length <= 1024 && (r.integrity === undefined || typeof r.integrity === 'string') && isScanSettings(r.settings),
);

dispatcher.register(
  'scanLocal',
  (r) => (/\.(?:tgz|tar\.gz)$/i.test(r.path) ? scannerFor(r.settings).scanTarballFile(r.path) : scannerFor(r.settings).scanDirectory(r.path)),
  (r) => typeof r.path === 'string' && isScanSettings(r.settings),
);

dispatcher.listen();
