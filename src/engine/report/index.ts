// Report to OSV: the engine's API for the editor and the command line. Typical use:
//   1. findExistingRecords(name)  -> 'found' means: offer updateExistingRecord, not a new file
//   2. offerVersions(scans), then buildDraft(scans, choices) -> { record, path }
//   3. validateRecord(record, { filePath: path }) -> diagnostics with JSON paths
//   4. openReportPullRequest({ token, file: { path, content: recordJson(record) }, ... })
//      or, without a session, newFileLink(path, json) and npmMalwareFormUrl(name, version).
export { buildDraft, npmPackageUrl, offerVersions, osvTimestamp, tarballFileName, type Credit, type Draft, type DraftChoices, type VersionOffer } from './draft';
export { evidenceList, scrubPrivate, writeDetails } from './details';
export { findExistingRecords, type ExistingRecord, type ExistingRecordCheck, type ExistingRecordOptions } from './existingRecord';
export { editFileLink, newFileLink, npmMalwareFormUrl, MAX_PREFILL_URL, type NewFileLink } from './fallback';
export { createGitHubClient, describeGitHubError, type GitHubClient, type GitHubClientOptions } from './githubClient';
export { defang, extractIocs, publicIp, reportableDomain, reportableUrl } from './iocs';
export { CONTRIBUTOR_CHECKLIST, openReportPullRequest, pullRequestBody, pullRequestTitle, type PullRequestInput, type PullRequestProgress, type PullRequestResult, type PullRequestStep } from './pullRequest';
export { existingRecordPath, isValidPackageName, newRecordFileName, newRecordPath, recordDirectory } from './repositoryPath';
export { coveredVersions, updateExistingRecord, type RecordUpdate } from './updateRecord';
export { jsonPath, validateRecord, type Diagnostic, type ValidateOptions, type ValidationResult } from './validate';
export * from './types';

/** The record as the repository stores it: two-space JSON with a final newline. */
export function recordJson(record: unknown): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
