// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The official TypeScript SDK (@daytonaio/sdk) against the emulator: create, exec, codeRun,
// upload, download, list by label, sessions, delete. DAYTONA_API_URL / DAYTONA_API_KEY point
// at the emulator. Prints one line per step and exits non-zero on the first failure.
import { Daytona } from '@daytonaio/sdk';

let passed = 0;
function check(cond, what, detail) {
    if (!cond) {
        console.log(`FAIL ${what}: ${detail ?? ''}`);
        console.log(`${passed} passed, 1 failed`);
        process.exit(1);
    }
    passed += 1;
    console.log(`ok   ${what}`);
}

const started = Date.now();
const daytona = new Daytona({ apiKey: process.env.DAYTONA_API_KEY, apiUrl: process.env.DAYTONA_API_URL });
const label = `conf-${process.pid}-${Date.now()}`;

const sandbox = await daytona.create({ labels: { 'mrp.conformance': label }, language: 'python' }, { timeout: 60 });
check(sandbox.id && sandbox.state === 'started', 'create waits for started', JSON.stringify(sandbox.state));
check(sandbox.labels['mrp.conformance'] === label && sandbox.labels['code-toolbox-language'] === 'python',
      'labels echoed', JSON.stringify(sandbox.labels));

const exec = await sandbox.process.executeCommand('echo hello; echo oops >&2; exit 3');
check(exec.exitCode === 3 && exec.result.includes('hello') && exec.result.includes('oops'), 'executeCommand', JSON.stringify(exec));

const env = await sandbox.process.executeCommand('printf "%s" "$GREETING"', undefined, { GREETING: 'hi there' }, 10);
check(env.exitCode === 0 && env.result === 'hi there', 'executeCommand with env', JSON.stringify(env));

let timedOut = false;
try {
    await sandbox.process.executeCommand('sleep 5', undefined, undefined, 1);
} catch (e) {
    timedOut = /timeout/i.test(String(e?.message)) || e?.statusCode === 408;
}
check(timedOut, 'executeCommand timeout answers 408');

const code = await sandbox.process.codeRun('import sys\nprint(6*7)\nprint(sys.argv[1:])', { argv: ['a', 'b'] });
check(code.exitCode === 0 && code.result.includes('42') && code.result.includes("['a', 'b']"), 'codeRun', JSON.stringify(code));

await sandbox.fs.uploadFile(Buffer.from('payload-data\n'), 'conf/in/data.txt');
check(true, 'uploadFile (bulk-upload multipart)');
const listed = await sandbox.process.executeCommand('cat conf/in/data.txt');
check(listed.result === 'payload-data\n', 'uploaded file visible to commands', JSON.stringify(listed));

const back = await sandbox.fs.downloadFile('conf/in/data.txt');
check(Buffer.isBuffer(back) && back.toString() === 'payload-data\n', 'downloadFile (bulk-download multipart)', String(back));

let missing = false;
try {
    await sandbox.fs.downloadFile('conf/nope.txt');
} catch (e) {
    missing = true;
}
check(missing, 'downloadFile of a missing file fails');

await sandbox.process.createSession('s1');
const sync = await sandbox.process.executeSessionCommand('s1', { command: 'echo out; echo err >&2' });
check(sync.exitCode === 0 && sync.stdout === 'out\n' && sync.stderr === 'err\n', 'session exec (sync)', JSON.stringify(sync));
const bg = await sandbox.process.executeSessionCommand('s1', { command: 'sleep 0.3; echo late', runAsync: true });
check(!!bg.cmdId, 'session exec (async)');
let cmd;
for (let i = 0; i < 50; i++) {
    cmd = await sandbox.process.getSessionCommand('s1', bg.cmdId);
    if (cmd.exitCode !== undefined && cmd.exitCode !== null) break;
    await new Promise(r => setTimeout(r, 100));
}
check(cmd.exitCode === 0, 'session command finishes', JSON.stringify(cmd));
const logs = await sandbox.process.getSessionCommandLogs('s1', bg.cmdId);
check(String(logs.stdout ?? logs.output ?? logs).includes('late'), 'session logs', JSON.stringify(logs));
// With callbacks the SDK follows the logs over a WebSocket (?follow=true) and demuxes them.
const streamed = await sandbox.process.executeSessionCommand('s1', { command: 'echo a; echo b >&2; sleep 0.3; echo c', runAsync: true });
let so = '', se = '';
await sandbox.process.getSessionCommandLogs('s1', streamed.cmdId, (chunk) => { so += chunk; }, (chunk) => { se += chunk; });
check(so === 'a\nc\n' && se === 'b\n', 'session logs streamed (WebSocket, follow)', JSON.stringify({ so, se }));
const stats = await (await fetch(`${process.env.DAYTONA_API_URL}/emulator/stats`)).json();
check(stats.logStreams >= 1, 'the stream came over a WebSocket', JSON.stringify(stats.logStreams));
await sandbox.process.deleteSession('s1');
check(true, 'delete session');

const found = [];
for await (const s of daytona.list({ labels: { 'mrp.conformance': label } }))
    found.push(s.id);
check(found.length === 1 && found[0] === sandbox.id, 'list by label', JSON.stringify(found));

await daytona.delete(sandbox, 60, true);
check(true, 'delete (waits until gone)');
const after = [];
for await (const s of daytona.list({ labels: { 'mrp.conformance': label } }))
    after.push(s.id);
check(after.length === 0, 'nothing left after delete', JSON.stringify(after));

console.log(`SDK conformance finished in ${Date.now() - started} ms`);
console.log(`${passed} passed, 0 failed`);
// The SDK keeps sockets (event stream, keep-alive agent) open: end explicitly.
process.exit(0);
