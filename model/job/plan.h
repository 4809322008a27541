// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The compiled plan (docs/design.md §2.1): what the engine runs. Produced by the Compiler from a job
// file; plain values, cheap to copy, safe to hand to other threads.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace mrp {

struct ResourceSpec {
    int cpu = 1;
    double memoryGib = 1.0;
    double diskGib = 3.0;
};

struct OperatorSpec {
    QString language = QStringLiteral("python");
    QString sourcePath;          // absolute path of the operator file; empty for inline `code:`
    QByteArray code;             // the operator source, exactly as read
    QString codeDigest;          // SHA-256 hex of `code`
    QString entrypoint;          // e.g. "map_shard" / "reduce"
    // "program" for the built-in map mode (docs/job-format.md "map.program"): `code` is then the
    // product's :/mrp/runner/program.py with the settings appended, `params` the settings.
    QString builtin;
    QVariantMap params;
    bool isEmpty() const { return code.isEmpty(); }
};

struct ReduceSpec {
    QString builtin;             // concat | sum | count | mean | min | max | merge_counts | histogram | pass_at_k; empty => operator
    QVariantMap params;          // builtin parameters (e.g. field, bins, group_by, k)
    OperatorSpec op;             // a Python reducer, run in the local sandbox
};

struct ProduceSpec {
    QString format;              // csv | json | jsonl
    QString path;                // relative to the run's output folder; never escapes it
    QStringList columns;         // csv: the columns, in order
    QString select;              // optional dotted key of the reduced value to write (docs/job-format.md)
};

struct PriceSpec {               // USD, Daytona's published per-second pricing expressed per hour
    double vcpuPerHour = 0.0504;
    double memoryGibPerHour = 0.0162;
    double diskGibPerHour = 0.000108;
};

struct PhaseTimeouts {           // seconds
    int queue = 3600;
    int create = 120;
    int upload = 120;
    int exec = 60;               // = policy.shard_timeout_s
    int download = 120;
};

struct OperatorPolicy {          // static scan of operators before any shard runs
    bool enabled = false;
    QStringList allowedImports;  // empty => everything not blocked
    QStringList blockedImports;  // e.g. subprocess, socket, ctypes
    QStringList blockedCalls;    // e.g. os.system, eval, exec, __import__
};

struct SandboxSecurityProfile {  // limits every sandbox runs under; versioned into the run record
    QString version;
    int maxCpu = 2;
    double maxMemoryGib = 4.0;
    double maxDiskGib = 10.0;
    int maxProcesses = 256;
    bool network = false;        // no network unless enabled (then only the egress allowlist)
};

struct ProfileSpec {
    QString name;                // "local", "daytona", or a user profile
    QString version;             // carried into the run record
    QString sourcePath;          // ":/mrp/profiles/local.yaml" or the user's override file
    QString backend;             // local | daytona
    QString target;              // Daytona region
    QString snapshot;            // Daytona snapshot
    ResourceSpec resources;
    PhaseTimeouts timeouts;
    int maxRetries = 2;
    int maxConcurrency = 4;
    PriceSpec prices;
    double maxCostUsd = -1;      // < 0: no cap
    bool sandboxReuse = false;   // one sandbox per concurrency slot
    bool stragglerBackup = false;
    double stragglerFactor = 3.0;   // backup when running > factor x median
    OperatorPolicy operatorPolicy;
    QString securityProfileVersion;  // sandbox security profile (limits, no network unless enabled)
    QString egressAllowlistVersion;
    QStringList egressAllowlist;
    SandboxSecurityProfile security;
};

struct PolicySpec {
    int maxConcurrencyMap = 4;
    int shardTimeoutS = 60;
    int maxRetries = 2;
    QString network = QStringLiteral("none");   // none | allowlist
    QStringList egressAllowlist;
    double maxCostUsd = -1;      // < 0: no cap
    qint64 maxSandboxSeconds = -1;
    QString onBadRecord = QStringLiteral("fail");  // fail | skip
    QStringList allowedPaths;    // folders outside the job's folder the user allowed the job to
                                 // read (--allow-path), relative to the job file's folder
};

struct ShardPlan {
    int index = 0;               // 0-based, the merge order
    QString id;                  // stable id, e.g. "shard-00003"
    QString digest;              // SHA-256 hex of the canonical payload
    qint64 recordCount = 0;
    qint64 payloadBytes = 0;
    QString payloadPath;         // absolute path of the canonical payload file (<digest>.json)
};

struct ManifestEntry {
    QString role;                // job | dataset | operator | reducer | profile
    QString path;                // as written in the plan: relative to the job file's folder
    QString sha256;
    qint64 bytes = 0;
};

struct SkippedRecord {
    QString file;
    qint64 line = 0;             // or 0 when only the byte offset is known
    qint64 byteOffset = -1;
    QString reason;
};

struct Plan {
    int schemaVersion = 1;
    QString jobPath;             // absolute
    QString jobName;
    QString jobDigest;           // SHA-256 of the job file bytes
    QString planDigest;          // SHA-256 of the canonical plan (IR + manifest + policy)
    QString backend = QStringLiteral("local");  // local | cloud_sandbox
    ProfileSpec profile;
    OperatorSpec map;
    ResourceSpec resources;
    ReduceSpec reduce;
    QList<ProduceSpec> produce;
    PolicySpec policy;
    QList<ShardPlan> shards;
    QList<ManifestEntry> manifest;
    QList<SkippedRecord> skipped;
    QString datasetFormat;       // jsonl | csv | json | folder | shards
    QString datasetPath;         // as in the manifest: relative to the job file's folder
    int shardSize = 0;
    qint64 recordCount = 0;

    // Canonical JSON documents written by `mrp compile` (ir.json, manifest.json, policy.json)
    // and read back by the engine. Implemented in plan.cpp.
    QJsonObject irJson() const;
    QJsonObject manifestJson() const;
    QJsonObject policyJson() const;
    // Whole plan as one document (plan.json) and back; fromJson returns false on a bad document.
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, Plan *out, QString *error);
    // SHA-256 of canonicalJson({"ir","manifest","policy"}): what planDigest holds.
    QString computePlanDigest() const;
    // Sets every shard's payloadPath to shardDir/<digest>.json (plan files store names only).
    void resolvePayloadPaths(const QString &shardDir);
};

} // namespace mrp
