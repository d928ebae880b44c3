/** Where each rule's page lives: the CLI's SARIF `helpUri` and the editor's diagnostic `code` link point here. */
export const DOCS_BASE = 'https://github.com/takedown-dev/takedown/blob/main/docs/rules';

/** The page of rule `id`; ids are kebab-case file names, so anything else is refused rather than spliced into a URL. */
export function ruleDocsUrl(id: string): string | undefined {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ? `${DOCS_BASE}/${id}.md` : undefined;
}
