// octokit on its own: the extension and CLI bundles leave this module out (it is a third of the
// extension's code) and load it from dist/octokitModule.js the first time a report talks to GitHub,
// so activation does not compile it.
export { Octokit } from 'octokit';
