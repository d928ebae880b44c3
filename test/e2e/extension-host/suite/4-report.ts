/**
 * Report to OSV submitted from inside VS Code against the fake GitHub (test/support/fakeGitHub.ts,
 * started by extensionHost.test.ts; the extension reaches it through TAKEDOWN_TEST_GITHUB_API, read
 * only in extension test mode). GitHub sign-in does not exist in code-server, so this suite registers
 * its own `github` authentication provider handing out a fake token; the shim answers VS Code's
 * "wants to sign in" consent for that provider as a person would. The confirmation modal and the
 * checklist are answered through `takedown.submitReport`'s automation argument.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { blobSha, type GitHubCall } from '../../../support/fakeGitHub';
import { EXISTING_RECORD, EXISTING_RECORD_PATH, EXISTING_RECORD_TEXT, FAKE_GITHUB_LOGIN, FAKE_GITHUB_TOKEN } from '../../reportFixtures';
import { describe, EXTENSION_ID, fixtures, takedownLog } from '../helpers';

const UP = '/repos/ossf/malicious-packages';
const FORK = `/repos/${FAKE_GITHUB_LOGIN}/malicious-packages`;
const PR_URL = 'https://github.com/ossf/malicious-packages/pull/4242';
const ALL_TICKED = [true, true, true, true];
/** The label the shim looks for in VS Code's consent dialog (test/e2e/extension-host/shim.ts). */
const PROVIDER_LABEL = 'GitHub (Takedown tests)';

interface SubmitOutcome {
  status: string;
  url?: string;
  number?: number;
  path?: string;
  mode?: string;
  reason?: string;
}

function githubUrl(): string {
  const url = process.env.TAKEDOWN_E2E_GITHUB;
  if (!url) throw new Error('TAKEDOWN_E2E_GITHUB is not set: run these tests through test/e2e/extensionHost.test.ts');
  return url;
}

async function githubCalls(): Promise<GitHubCall[]> {
  return (await (await fetch(`${githubUrl()}/_fake/calls`)).json()) as GitHubCall[];
}

async function clearCalls(): Promise<void> {
  await fetch(`${githubUrl()}/_fake/calls`, { method: 'DELETE' });
}

const seq = (calls: GitHubCall[]) => calls.map((c) => `${c.method} ${c.path}`);

/** A `github` provider with one account: no session until one is created, every session carrying the fake token. */
class FakeGitHubAuth implements vscode.AuthenticationProvider {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private readonly sessions: vscode.AuthenticationSession[] = [];
  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    return this.sessions.filter((s) => (scopes ?? []).every((scope) => s.scopes.includes(scope)));
  }
  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const session = { id: `fake-${this.sessions.length + 1}`, accessToken: FAKE_GITHUB_TOKEN, account: { id: '1', label: FAKE_GITHUB_LOGIN }, scopes: [...scopes] };
    this.sessions.push(session);
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }
  async removeSession(): Promise<void> {}
}

/**
 * Makes sure Takedown holds a scan result for the package (Report to OSV drafts from it). The command
 * also opens the package's view; a failure of that view is another suite's subject, so only the
 * result matters here: Report to OSV says "no scan result" otherwise, and the test fails on it.
 */
async function scanned(spec: string): Promise<void> {
  await vscode.commands.executeCommand('takedown.scanPackage', spec).then(undefined, (error: unknown) => console.warn(`takedown.scanPackage ${spec}: ${String(error)}`));
}

/** Closes the editors this suite opened (drafts, records), leaving other suites' views alone. */
async function closeEditors(match: (uri: vscode.Uri) => boolean): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && match(t.input.uri));
  await vscode.window.tabGroups.close(tabs);
}
const reportEditors = (uri: vscode.Uri) => uri.scheme === 'takedown-record' || uri.path.includes('/reports/');

suite('Report submission', () => {
  const f = fixtures();
  const auth = new FakeGitHubAuth();
  let registration: vscode.Disposable | undefined;

  suiteSetup(async () => {
    // Registered before anything asks for a GitHub session: the built-in GitHub provider, which the
    // first request activates in this same extension host, then fails to register over it.
    registration = vscode.authentication.registerAuthenticationProvider('github', PROVIDER_LABEL, auth, { supportsMultipleAccounts: false });
    // Signing in as a person does without a modal (VS Code refuses modal dialogs in extension tests):
    // a quiet request puts "Sign in with GitHub to use Takedown (1)" in the Accounts menu, and that
    // entry's command creates the session and grants Takedown access to it.
    assert.equal(await vscode.authentication.getSession('github', ['public_repo']), undefined);
    await vscode.commands.executeCommand(`github:${EXTENSION_ID}:signIn0`);
    const session = await vscode.authentication.getSession('github', ['public_repo'], { silent: true });
    assert.equal(session?.account.label, FAKE_GITHUB_LOGIN);
  });

  suiteTeardown(() => registration?.dispose());

  test('Submit opens the pull request on the fake GitHub, the token going nowhere else', async () => {
    await scanned(`${f.beacon}@1.0.0`);
    await clearCalls();
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('takedown.reportToOsv', { name: f.beacon, version: '1.0.0', credit: 'e2e-tester' });
    assert.ok(uri, `a draft file; log:\n${takedownLog().split('\n').slice(-5).join('\n')}`);
    const draft = readFileSync(uri.fsPath, 'utf8');
    const dir = `osv/malicious/npm/${f.beacon}`;
    const path = `${dir}/MAL-0000-takedown-demo-env-beacon-1-0-0.json`;

    // the existing-record check read the repository's directory without any token
    const check = await githubCalls();
    assert.deepEqual(seq(check), [`GET ${UP}/contents/${dir}`]);
    assert.equal(check[0]!.authorization, undefined);
    assert.equal(check[0]!.query.ref, 'main');

    // an unticked checklist item stops the submission before GitHub is asked anything
    const refused = await vscode.commands.executeCommand<SubmitOutcome>('takedown.submitReport', { uri, confirm: true, checklist: [true, false, true, true] });
    assert.deepEqual(refused, { status: 'cancelled', reason: 'checklist not confirmed' });
    assert.equal((await githubCalls()).length, 1);

    await clearCalls();
    const outcome = await vscode.commands.executeCommand<SubmitOutcome>('takedown.submitReport', { uri, confirm: true, checklist: ALL_TICKED });
    assert.deepEqual(outcome, { status: 'opened', url: PR_URL, number: 4242, path, mode: 'new' }, `log:\n${takedownLog().split('\n').filter((l) => l.includes('report:')).join('\n')}`);

    const calls = await githubCalls();
    assert.deepEqual(seq(calls), [
      'GET /user',
      `GET ${UP}`,
      `GET ${UP}/git/ref/heads/main`,
      `POST ${UP}/forks`,
      // GitHub creates the fork asynchronously: 404 twice, then there
      `GET ${FORK}`,
      `GET ${FORK}`,
      `GET ${FORK}`,
      `POST ${FORK}/git/refs`,
      `GET ${FORK}/contents/${path}`,
      `PUT ${FORK}/contents/${path}`,
      `POST ${UP}/pulls`,
    ]);
    for (const call of calls) assert.equal(call.authorization, `token ${FAKE_GITHUB_TOKEN}`, `${call.method} ${call.path}`);
    assert.deepEqual(calls[7]!.body, { ref: 'refs/heads/takedown/takedown-demo-env-beacon-1-0-0', sha: 'a'.repeat(40) });
    const put = calls[9]!.body as { content: string; branch: string; message: string; sha?: string };
    assert.equal(Buffer.from(put.content, 'base64').toString('utf8'), draft);
    assert.equal(put.branch, 'takedown/takedown-demo-env-beacon-1-0-0');
    assert.equal(put.sha, undefined);
    const pr = calls[10]!.body as { title: string; head: string; base: string; body: string };
    assert.equal(pr.title, `Report malicious package: ${f.beacon} (npm)`);
    assert.equal(pr.head, `${FAKE_GITHUB_LOGIN}:takedown/takedown-demo-env-beacon-1-0-0`);
    assert.equal(pr.base, 'main');
    assert.ok(pr.body.startsWith(`New report for the npm package \`${f.beacon}\` (1.0.0): \`${path}\`.`), pr.body.slice(0, 200));
    assert.match(pr.body, /### Contributor checklist\n\n- \[x\] I read this report and verified the evidence myself; it was not submitted unread\.\n- \[x\] The required fields are accurate: package name, versions, timestamps\.\n- \[x\] The details contain no filler text: why the package is malicious, what it does, how it triggers\.\n- \[x\] I will answer reviewers’ questions on this pull request\./);

    // the token is in no file the extension wrote: the draft, the log
    assert.ok(!readFileSync(uri.fsPath, 'utf8').includes(FAKE_GITHUB_TOKEN));
    const log = takedownLog();
    assert.match(log, /report: pull request #4242 opened on ossf\/malicious-packages/);
    assert.ok(!log.includes(FAKE_GITHUB_TOKEN), 'the token is not in the log');
    await closeEditors(reportEditors);
  });

  test('a package with a record in the repository: the record is shown and the update replaces its file', async () => {
    await scanned(`${f.evil}@1.0.0`);
    await clearCalls();
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('takedown.reportToOsv', { name: f.evil, version: '1.0.0', credit: 'e2e-tester', existingRecord: 'update' });
    assert.ok(uri, 'a draft file');
    assert.match(uri.path, /\/reports\/update~MAL-2026-90002(~\d+)?\.json$/);

    // the existing record was opened read-only, as the repository stores it
    const shown = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'takedown-record');
    assert.ok(shown, `a takedown-record document among ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')}`);
    assert.equal(shown.uri.path, `/${EXISTING_RECORD_PATH}`);
    assert.equal(shown.getText(), EXISTING_RECORD_TEXT);

    // the draft is the existing record plus what the new report adds
    const draftText = readFileSync(uri.fsPath, 'utf8');
    const draft = JSON.parse(draftText) as typeof EXISTING_RECORD & { credits: { name: string }[] };
    assert.equal(draft.id, 'MAL-2026-90002');
    assert.equal(draft.summary, EXISTING_RECORD.summary);
    assert.equal(draft.details, EXISTING_RECORD.details);
    assert.deepEqual(draft.affected[0]!.versions, ['0.9.0', '1.0.0']);
    assert.deepEqual(draft.credits.map((c) => c.name), ['first-finder', 'e2e-tester']);
    assert.equal(draft.published, EXISTING_RECORD.published);
    // validated as an existing record at its own path: clean, and live (a broken field shows, then clears)
    const osv = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Takedown OSV');
    const until = async (done: () => boolean, what: string) => {
      const started = Date.now();
      while (!done() && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 100));
      assert.ok(done(), `${what}: ${describe(osv())}`);
    };
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const line = editor.document.getText().split('\n').findIndex((l) => l.includes('"published"'));
    assert.ok(await editor.edit((e) => e.replace(editor.document.lineAt(line).range, '  "published": "yesterday",')));
    await until(() => osv().some((d) => d.code === 'bad-timestamp'), 'the broken timestamp is flagged');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await until(() => osv().length === 0, 'the restored record validates clean');
    assert.equal(editor.document.getText(), draftText);

    const dir = `osv/malicious/npm/${f.evil}`;
    const check = await githubCalls();
    assert.deepEqual(seq(check), [`GET ${UP}/contents/${dir}`, `GET ${UP}/contents/${EXISTING_RECORD_PATH}`]);
    assert.ok(check.every((c) => c.authorization === undefined), 'the check sends no token');

    await clearCalls();
    const outcome = await vscode.commands.executeCommand<SubmitOutcome>('takedown.submitReport', { uri, confirm: true, checklist: ALL_TICKED });
    assert.deepEqual(outcome, { status: 'opened', url: PR_URL, number: 4242, path: EXISTING_RECORD_PATH, mode: 'update' });
    const calls = await githubCalls();
    // the fork is there from the first report: no polling; the branch is new
    assert.deepEqual(seq(calls), [
      'GET /user',
      `GET ${UP}`,
      `GET ${UP}/git/ref/heads/main`,
      `POST ${UP}/forks`,
      `GET ${FORK}`,
      `POST ${FORK}/git/refs`,
      `GET ${FORK}/contents/${EXISTING_RECORD_PATH}`,
      `PUT ${FORK}/contents/${EXISTING_RECORD_PATH}`,
      `POST ${UP}/pulls`,
    ]);
    const put = calls[7]!.body as { content: string; message: string; sha?: string };
    assert.equal(put.sha, blobSha(EXISTING_RECORD_TEXT), 'the update names the blob it replaces');
    assert.equal(put.message, `Update MAL-2026-90002: ${f.evil} (npm)`);
    assert.equal(Buffer.from(put.content, 'base64').toString('utf8'), draftText);
    const pr = calls[8]!.body as { title: string; body: string };
    assert.equal(pr.title, `Report malicious package: ${f.evil} (npm)`);
    assert.ok(pr.body.startsWith(`Updates the existing record MAL-2026-90002 (\`${EXISTING_RECORD_PATH}\`) for the npm package \`${f.evil}\`: 0.9.0, 1.0.0.`), pr.body.slice(0, 300));
    assert.match(pr.body, /- \[x\] I will answer reviewers’ questions on this pull request\./);
    assert.ok(!takedownLog().includes(FAKE_GITHUB_TOKEN), 'the token is not in the log');
    await closeEditors(reportEditors);
  });
});
