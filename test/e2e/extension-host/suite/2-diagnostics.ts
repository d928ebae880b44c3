/**
 * Live diagnostics in a real VS Code against the local registry: the workspace starts as a git
 * repository whose commit (no dependencies) is the baseline; the tests run in order, each changing
 * package.json or the lockfile the way an editor does, and read what Takedown shows.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { describe, editAndSave, fixtures, lineOf, packageJson, packageLock, takedownDiagnostics, waitForDiagnostics, waitForIdle, waitForLogLine, workspaceFile } from '../helpers';

/** From saving package.json to the diagnostic: generous for a loaded CI machine; npm run bench:latency measures the real figure. */
const LIMIT_MS = 10_000;

suite('Diagnostics', () => {
  const f = fixtures();
  const manifest = workspaceFile('package.json');
  const lockfile = workspaceFile('package-lock.json');
  const clean = { [f.clean]: '1.0.0' };

  suiteSetup(async () => {
    await waitForIdle();
  });

  test('a clean dependency added to package.json gets no diagnostic', async () => {
    await editAndSave(manifest, packageJson(clean));
    await waitForIdle();
    assert.equal(describe(takedownDiagnostics(manifest)), '[]');
    // it was scanned, not skipped: the verdict is in the log
    assert.match(await waitForLogLine(new RegExp(`\\[scan\\] ${f.clean.replace('/', '\\/')}@1\\.0\\.0: `), 5_000), /: clean$/);
  });

  test(`a malicious dependency added to package.json gets an Error on its line within ${LIMIT_MS / 1000} s`, async () => {
    const text = packageJson({ ...clean, [f.evil]: '1.0.0' });
    const started = Date.now();
    await editAndSave(manifest, text);
    const all = await waitForDiagnostics(manifest, (d) => d.some((x) => x.message.includes(`${f.evil}@`)), LIMIT_MS, `a diagnostic for ${f.evil}`);
    const elapsed = Date.now() - started;
    assert.equal(all.length, 1, `one diagnostic: the clean dependency added before has none; got ${describe(all)}`);
    const [diagnostic] = all;
    assert.ok(diagnostic);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'Takedown');
    assert.ok(diagnostic.message.startsWith(`Malicious: ${f.evil}@1.0.0`), diagnostic.message);
    assert.equal(diagnostic.range.start.line, lineOf(text, `"${f.evil}"`));
    assert.ok(elapsed <= LIMIT_MS, `${elapsed} ms`);
  });

  test('the hover on the flagged dependency names the verdict', async () => {
    const document = await vscode.workspace.openTextDocument(manifest);
    const line = lineOf(document.getText(), `"${f.evil}"`);
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf(f.evil) + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', manifest, position);
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    // Markdown escapes punctuation in text that came from the package
    const text = markdown.replace(/\\(.)/g, '$1');
    assert.match(text, /Takedown: Malicious/);
    assert.ok(text.includes(`${f.evil}@1.0.0`), text);
    assert.ok(text.includes('Downloads https://cdn.takedown-demo.invalid/setup.sh and runs it in a shell'), text);
    assert.match(markdown, /\[Allow this version\]\(command:takedown\.allowVersion\?/);
  });

  test('Allow removes the diagnostic and records name@version in takedown.allow', async () => {
    const diagnostic = takedownDiagnostics(manifest).find((d) => d.message.includes(`${f.evil}@1.0.0`));
    assert.ok(diagnostic, 'the malicious dependency is flagged before it is allowed');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', manifest, diagnostic.range);
    // VS Code adds its own actions (Sort JSON); Takedown's are these five, in this order
    assert.deepEqual(
      actions.map((a) => a.title).filter((t) => t.startsWith('Takedown: ')),
      [
        `Takedown: Investigate ${f.evil}@1.0.0`,
        `Takedown: Report ${f.evil}@1.0.0 to OSV`,
        `Takedown: Allow ${f.evil}@1.0.0 (workspace setting)`,
        `Takedown: Open ${f.evil} on npm`,
        `Takedown: Remove ${f.evil} from dependencies`,
      ],
    );
    const allow = actions.find((a) => a.title.includes(`Allow ${f.evil}@1.0.0`));
    assert.ok(allow?.command, `an Allow quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    await vscode.commands.executeCommand(allow.command.command, ...(allow.command.arguments ?? []));
    await waitForDiagnostics(manifest, (d) => d.length === 0, LIMIT_MS, 'the diagnostic to go');
    const allowed = vscode.workspace.getConfiguration('takedown').inspect<unknown[]>('allow')?.workspaceValue ?? [];
    // entries are `name@version` strings or { package, by, at } records
    assert.deepEqual(allowed.map((e) => (typeof e === 'string' ? e : (e as { package: string }).package)), [`${f.evil}@1.0.0`]);
  });

  test('a dependency added only to the lockfile is flagged on its lockfile line', async () => {
    const direct = [`${f.clean}@1.0.0`];
    const text = packageLock(direct, [`${f.deepEvil}@1.0.0`]);
    await editAndSave(lockfile, text);
    const diagnostics = await waitForDiagnostics(lockfile, (d) => d.some((x) => x.message.includes(f.deepEvil)), LIMIT_MS, `a diagnostic for ${f.deepEvil}`);
    assert.equal(diagnostics.length, 1, describe(diagnostics));
    const [diagnostic] = diagnostics;
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diagnostic!.message.startsWith(`Malicious: ${f.deepEvil}@1.0.0`), diagnostic!.message);
    assert.equal(diagnostic!.range.start.line, lineOf(text, `"node_modules/${f.deepEvil}"`));
  });

  test('a malformed package.json gets an explanatory diagnostic, and Takedown keeps working', async () => {
    const broken = '{\n  "name": "takedown-e2e-workspace",\n  "dependencies": {\n    "left-pad": \n}\n';
    await editAndSave(manifest, broken);
    // the allowed dependency has none; the file's problem names no package
    const [problem] = await waitForDiagnostics(manifest, (d) => d.some((x) => !x.message.includes('@takedown-demo/')), LIMIT_MS, 'a diagnostic for the malformed file');
    assert.ok(problem);
    assert.equal(problem.source, 'Takedown');
    // says what is wrong, where: not a bare "error"
    assert.match(problem.message, /JSON|parse|read/i);
    assert.ok(problem.message.length >= 20, problem.message);
    assert.ok(problem.range.start.line >= 3 && problem.range.start.line <= 4, describe([problem]));

    const fixed = packageJson({ ...clean, [f.beacon]: '1.0.0' });
    await editAndSave(manifest, fixed);
    const [diagnostic] = await waitForDiagnostics(manifest, (d) => d.some((x) => x.message.includes(f.beacon)), LIMIT_MS, `a diagnostic for ${f.beacon}`);
    assert.ok(diagnostic!.message.startsWith(`Malicious: ${f.beacon}@1.0.0`), diagnostic!.message);
    assert.equal(diagnostic!.range.start.line, lineOf(fixed, `"${f.beacon}"`));
    assert.equal(takedownDiagnostics(manifest).length, 1, describe(takedownDiagnostics(manifest)));
  });

  test('a version named by an OSV MAL- record is malicious although its code looks harmless', async () => {
    const text = packageJson({ ...clean, [f.beacon]: '1.0.0', [f.knownBad]: '1.0.0' });
    await editAndSave(manifest, text);
    const diagnostics = await waitForDiagnostics(manifest, (d) => d.some((x) => x.message.includes(`${f.knownBad}@`)), LIMIT_MS, `a diagnostic for ${f.knownBad}`);
    const diagnostic = diagnostics.find((d) => d.message.includes(`${f.knownBad}@`))!;
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diagnostic.message.startsWith(`Malicious: ${f.knownBad}@1.0.0`), diagnostic.message);
    assert.ok(diagnostic.message.includes('MAL-2026-90001'), diagnostic.message);
    assert.equal(diagnostic.range.start.line, lineOf(text, `"${f.knownBad}"`));
  });

  test('Report to OSV opens the draft as a file with live Takedown OSV validation', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('takedown.reportToOsv', { name: f.beacon, version: '1.0.0', credit: 'e2e-tester' });
    assert.ok(uri, 'a draft file');
    assert.equal(uri.scheme, 'file');
    const osv = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Takedown OSV');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.ok(document.getText().includes(`"name": "${f.beacon}"`), document.getText().slice(0, 300));
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(describe(osv()), '[]');
    // live: a broken timestamp is flagged at its value
    const line = lineOf(document.getText(), '"published"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, document.lineAt(line).range, '  "published": "yesterday",');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const started = Date.now();
    while (!osv().some((d) => d.code === 'bad-timestamp') && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 100));
    const bad = osv().find((d) => d.code === 'bad-timestamp');
    assert.ok(bad, describe(osv()));
    assert.equal(bad.range.start.line, line);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
