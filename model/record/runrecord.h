// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The run record (run.json, docs/run-record.md): what ran, where, how often, with which
// result. Plain values, cheap to copy, safe to hand to other threads. The scheduler fills the
// shard and attempt parts, the engine the rest; the GUI and `mrp show` read it.
//
// JSON: toJson() writes the versioned schema (schema_version = RunRecord::SchemaVersion);
// fromJson() accepts it back and refuses documents of a newer major version. The API key has
// no field here and never appears in a record.

#include "record/errorclass.h"
#include "record/shardstate.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace mrp {

struct AttemptRecord {
    int number = 1;                    // 1-based per shard, continues across resumes
    bool backup = false;               // a straggler backup attempt
    QDateTime start;                   // UTC, when the attempt left the queue
    QDateTime end;                     // UTC, invalid while in flight
    PhaseTimes phases;
    ShardPhase openPhase = ShardPhase::Queue;   // while in flight: the phase the scheduler has open (not stored)
    int exitCode = -1;                 // runner exit code, -1 when it did not exit
    ErrorClass errorClass = ErrorClass::None;
    QString message;                   // for people: why it failed (empty when ok)
    QString stdoutDigest;              // SHA-256 hex of the kept (capped) stdout
    QString stderrDigest;
    qint64 stdoutBytes = 0;            // total produced, including what the cap dropped
    qint64 stderrBytes = 0;
    QString stdoutTail;                // capped text (last few KiB) for display; not in run.json
    QString stderrTail;
    QString sandboxId;
    double costUsd = 0;                // sandbox-seconds of this attempt x profile price
    bool ok() const { return errorClass == ErrorClass::None && end.isValid(); }
    QJsonObject toJson() const;
    static AttemptRecord fromJson(const QJsonObject &o);
};

struct ShardRecord {
    int index = 0;
    QString shardId;
    QString shardDigest;
    qint64 recordCount = 0;            // records in the shard's payload (0: unknown, older runs)
    ShardState state = ShardState::Queued;
    QString sandboxId;                 // of the winning (or last) attempt
    QList<AttemptRecord> attempts;
    QString outputDigest;              // SHA-256 of the stored canonical output; empty unless Done
    qint64 outputBytes = 0;
    double costUsd = 0;                // sum of attempt costs
    bool reused = false;               // Done from a previous session of this run (resume)
    QJsonObject toJson() const;
    static ShardRecord fromJson(const QJsonObject &o);
};

struct ProducedFile {
    QString format;                    // csv | json | jsonl
    QString path;                      // relative to the run's output folder
    QString sha256;
    qint64 bytes = 0;
};

// The service's limits as a run met them (cloud backends): what was refused, how long calls
// waited for the rate-limit budget, and each change of concurrency under a quota. Every event
// is also a line of log.jsonl; these are the totals, and the concurrency changes themselves.
struct Throttling {
    struct CapacityChange {
        qint64 atMs = 0;           // since the run's start
        int capacity = 0;          // attempts allowed in flight from then on
        QString reason;            // what the service said
        friend bool operator==(const CapacityChange &, const CapacityChange &) = default;
    };
    int rateLimited = 0;           // 429 replies
    int paced = 0;                 // calls held back to stay within the rate-limit budget
    qint64 pacedMs = 0;            // the sum of those waits
    qint64 longestWaitMs = 0;      // the longest single wait asked for or taken
    int quotaRefused = 0;          // creates refused for quota (the shard was queued again)
    QList<CapacityChange> capacity;
    bool isEmpty() const { return rateLimited == 0 && paced == 0 && quotaRefused == 0 && capacity.isEmpty(); }
    QJsonObject toJson() const;
    static Throttling fromJson(const QJsonObject &o);
    friend bool operator==(const Throttling &, const Throttling &) = default;
};

struct RunRecord {
    static constexpr int SchemaVersion = 1;

    QString runId;
    QString status;                    // running | ok | failed | cancelled | refused | infrastructure | invalid
    QString message;                   // why it ended that way (for refusals, budget stops...)
    QDateTime createdAt;
    QDateTime finishedAt;
    int sessions = 1;                  // 1 + number of resumes

    QString jobPath;
    QString jobName;
    QString jobDigest;
    QString planDigest;
    QString mapCodeDigest;

    QString backend;                   // local | cloud_sandbox
    QString backendName;               // the backend implementation: local | daytona
    QString profileName;
    QString profileVersion;
    bool isolated = true;
    QString isolation;                 // human description ("bubblewrap: no network, ..." or "unisolated: ...")

    QList<ShardRecord> shards;

    QString reduceKind;                // builtin name or "operator"
    QString reduceInputOrderDigest;
    QString reduceOutputDigest;
    QList<ProducedFile> produce;

    QString egressAllowlistVersion;
    QString sandboxProfileVersion;
    double costEstimatedUsd = 0;
    double costActualUsd = 0;
    qint64 sandboxSeconds = 0;
    QMap<QString, QString> toolVersions;   // mrp, qt, python3, bwrap
    Throttling throttling;
    QStringList leakedSandboxes;       // may still exist (not confirmed gone): for `mrp sweep`

    int countInState(ShardState s) const;
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, RunRecord *out, QString *error);
};

} // namespace mrp
