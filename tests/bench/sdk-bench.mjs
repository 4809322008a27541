// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The official TypeScript SDK (@daytonaio/sdk) running the orchestration benchmark's shards:
// SHARDS shards at CONCURRENCY, each one create (waits for `started`), upload the payload,
// run the shard command, download the output, delete. DAYTONA_API_URL / DAYTONA_API_KEY point
// at the emulator. Written the way the SDK's documentation shows, with a plain worker pool.
// Prints one JSON line: {"shards","concurrency","failures","makespanMs","cpuMs","peakRssKib"}.
import { Daytona } from '@daytonaio/sdk';
import { readFileSync } from 'node:fs';

const shards = Number(process.env.SHARDS ?? 2000);
const concurrency = Number(process.env.CONCURRENCY ?? 64);
const command = process.env.SHARD_COMMAND;
const payload = readFileSync(process.env.PAYLOAD);
const daytona = new Daytona({ apiKey: process.env.DAYTONA_API_KEY, apiUrl: process.env.DAYTONA_API_URL });

let next = 0;
let failures = 0;
let done = 0;
const firstError = [];

async function runShard(index) {
    const sandbox = await daytona.create({ labels: { 'mrp.bench': 'sdk', 'mrp.shard': String(index) } }, { timeout: 120 });
    try {
        await sandbox.fs.uploadFile(payload, 'mrp-work/payload.json');
        const r = await sandbox.process.executeCommand(command, 'mrp-work', undefined, 60);
        if (r.exitCode !== 0)
            throw new Error(`exit ${r.exitCode}: ${r.result}`);
        const out = await sandbox.fs.downloadFile('mrp-work/output.json');
        if (!Buffer.isBuffer(out) || out.length === 0)
            throw new Error('empty output');
    } finally {
        await sandbox.delete();
    }
}

async function worker() {
    while (next < shards) {
        const index = next++;
        try {
            await runShard(index);
            done += 1;
        } catch (e) {
            failures += 1;
            if (firstError.length === 0)
                firstError.push(String(e?.message ?? e));
        }
    }
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const makespanMs = Math.round(performance.now() - t0);
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({
    shards, concurrency, done, failures, makespanMs,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssKib: process.resourceUsage().maxRSS,
    firstError: firstError[0] ?? null,
}));
// The SDK keeps sockets open (keep-alive agent): end explicitly.
process.exit(failures === 0 ? 0 : 1);
