// Two releases of an inert fixture package: 1.1.0 adds what a hijacked release typically adds (a
// postinstall, a binding.gyp that runs a command, a dependency nothing uses, and a new script that
// evals a decoded string). The decoded string is `console.log("inert test fixture")`.

export const NAME = 'tidy-diff-demo';

export const V1 = {
  packageJson: { name: NAME, version: '1.0.0', main: 'index.js', license: 'MIT', dependencies: { 'left-pad': '^1.3.0', ms: '^2.1.0' } },
  files: {
    'index.js': "const pad = require('left-pad');\nconst ms = require('ms');\nmodule.exports = (s) => pad(s, ms('1s'));\n",
    'README.md': '# tidy-diff-demo\n',
    'CHANGELOG.md': '## 1.0.0\n',
  } as Record<string, string>,
};

export const V2 = {
  packageJson: {
    ...V1.packageJson,
    version: '1.1.0',
    scripts: { postinstall: 'node scripts/setup.js' },
    gypfile: true,
    dependencies: { ...V1.packageJson.dependencies, 'color-helper-utils': '^1.0.0' },
  },
  files: {
    'index.js': "const pad = require('left-pad');\nconst ms = require('ms');\nmodule.exports = (s, n = 10) => pad(s, n) + ms('1s');\n",
    'README.md': '# tidy-diff-demo\n',
    'binding.gyp': "{\n  'targets': [{\n    'target_name': 'demo',\n    'sources': ['src/demo.cc'],\n    'variables': { 'cfg': '<!(node -p \"require(\\'./scripts/setup\\')\")' }\n  }]\n}\n",
    'src/demo.cc': '// empty\n',
    'scripts/setup.js': "'use strict';\nconst p = 'Y29uc29sZS5sb2coImluZXJ0IHRlc3QgZml4dHVyZSIp';\neval(Buffer.from(p, 'base64').toString());\n",
  } as Record<string, string>,
};

/** package.json as `publish()` / `packFiles` write it. */
export function packageJsonText(pj: Record<string, unknown>): string {
  return `${JSON.stringify(pj, null, 2)}\n`;
}

/** What the diff of 1.0.0 -> 1.1.0 must list (patches aside). */
export const EXPECTED = {
  added: [
    { path: 'binding.gyp', size: 157, binary: false, newRules: ['gyp-command'] },
    { path: 'scripts/setup.js', size: 115, binary: false, newRules: ['decode-data', 'dynamic-code-decoded', 'dynamic-code-eval'] },
    { path: 'src/demo.cc', size: 9, binary: false, newRules: [] },
  ],
  removed: [{ path: 'CHANGELOG.md', size: 9, binary: false }],
  changed: [
    { path: 'index.js', sizeBefore: 101, sizeAfter: 113, binary: false, newRules: [] },
    { path: 'package.json', sizeBefore: 165, sizeAfter: 283, binary: false, newRules: ['install-script', 'phantom-dependency'] },
  ],
  unchangedCount: 1,
  totals: { added: 3, removed: 1, changed: 2 },
};
