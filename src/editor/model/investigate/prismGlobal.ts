/**
 * prism.js assigns `global.Prism` so that its language components (which name `Prism` as a free
 * variable) can find it. This module is imported before prismjs so `highlight.ts` can put back
 * whatever the shared extension-host global held before, once the grammars are loaded.
 */
const holder = globalThis as { Prism?: unknown };

export const globalBeforePrism = { had: Object.prototype.hasOwnProperty.call(holder, 'Prism'), value: holder.Prism };
