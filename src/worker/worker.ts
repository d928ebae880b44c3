import { DEPENDENCY_FILE_NAMES, parseDependencyFile } from '../engine/deps/index';
import { Dispatcher } from './dispatcher';
import type { EngineRequests } from './protocol';
import { clearCaches, readPackageFile } from './packageFiles';
import { forgetScanners, isPackageList, isScanSettings, isSettledStatus, lookupKnownMalware, scannerFor } from './scanHandlers';

const KINDS = new Set<string>(Object.values(DEPENDENCY_FILE_NAMES).concat(['yarn-berry']));

/**
 * Engine work off the extension host thread: a large lockfile must never freeze the editor.
 * One `register` line per request type (its types: `EngineRequests` in protocol.ts). The validator
 * checks the untrusted fields; a request that fails it is answered E_PROTOCOL.
 */
const dispatcher = new Dispatcher<EngineRequests>();

dispatcher.register(
  'parseDependencyFile',
  (r) => parseDependencyFile(r.kind, r.text, { ...(r.maxBytes ? { maxBytes: r.maxBytes } : {}), ...(r.manifests ? { manifests: new Map(Object.entries(r.manifests)) } : {}) }),
  (r) => typeof r.kind === 'string' && KINDS.has(r.kind) && typeof r.text === 'string' && (r.maxBytes === undefined || typeof r.maxBytes === 'number') && (r.manifests === undefined || (typeof r.manifests === 'object' && r.manifests !== null)),
);

dispatcher.register(
  'scanRegistry',
  (r) => scannerFor(r.settings).scanRegistry(r.name, r.spec, { ...(r.integrity ? { integrity: r.integrity } : {}), ...(r.previousVersion ? { previousVersion: r.previousVersion } : {}), ...(r.knownMalware ? { knownMalware: r.knownMalware } : {}) }),
  (r) => typeof r.name === 'string' && r.name.length <= 214 && typeof r.spec === 'string' && r.spec.length <= 1024 && (r.integrity === undefined || typeof r.integrity === 'string') && (r.previousVersion === undefined || (typeof r.previousVersion === 'string' && r.previousVersion.length <= 256)) && (r.knownMalware === undefined || isSettledStatus(r.knownMalware)) && isScanSettings(r.settings),
);

dispatcher.register(
  'scanLocal',
  (r) => (/\.(?:tgz|tar\.gz)$/i.test(r.path) ? scannerFor(r.settings).scanTarballFile(r.path) : scannerFor(r.settings).scanDirectory(r.path)),
  (r) => typeof r.path === 'string' && isScanSettings(r.settings),
);

dispatcher.register(
  'lookupKnownMalware',
  (r) => lookupKnownMalware(r.packages, r.settings),
  (r) => isPackageList(r.packages) && isScanSettings(r.settings),
);

dispatcher.register(
  'readPackageFile',
  (r) => readPackageFile(r),
  (r) => typeof r.name === 'string' && r.name.length <= 214 && typeof r.version === 'string' && r.version.length <= 256 && typeof r.path === 'string' && r.path.length <= 4096 && (r.source === undefined || typeof r.source === 'string') && (r.maxChars === undefined || typeof r.maxChars === 'number') && isScanSettings(r.settings),
);

dispatcher.register('clearCaches', (r) => clearCaches(r.settings, forgetScanners), (r) => isScanSettings(r.settings));

dispatcher.listen();
