// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// A job file as loaded and validated (docs/job-format.md), before compilation. Paths are kept
// as written and also resolved against the job file's folder. Keys the job did not set are
// marked unset (std::optional) so the compiler can fall back to the profile's defaults.
// Plain value, cheap to copy.

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace mrp {

// Where a key or value sits in its file (1-based; 0 = unknown).
struct SourcePos {
    int line = 0;
    int column = 0;
};

struct JobDataset {
    QString path;                 // as written
    QString resolvedPath;         // absolute (or as written when the job has no folder)
    QString format = QStringLiteral("auto");  // auto | jsonl | csv | json | folder | shards
    int shardSize = 100;          // records per shard (ignored by `shards`)
    QString onBadRecord = QStringLiteral("fail");  // fail | skip
};

struct JobOperator {
    QString language = QStringLiteral("python");
    QString operatorPath;         // as written; empty when `code` is inline
    QString resolvedPath;         // absolute
    QByteArray code;              // inline `code:`; the file is read by the compiler
    QString entrypoint;           // map: map_shard; reduce: reduce
};

// `map: { program: ... }`: the built-in map mode that runs one program per record
// (docs/job-format.md "map.program"); set instead of an operator.
struct JobProgram {
    bool enabled = false;
    QString tmpl;                 // `{field}` placeholders; `{{` / `}}` are literal braces
    QStringList fields;           // the fields the template names, in order of first use
    double timeoutS = 3;
    int memoryMib = 512;
    int maxProcesses = 32;
    int outputCapKib = 64;
    QStringList keep;             // record fields copied into each result
};

struct JobResources {
    std::optional<int> cpu;
    std::optional<double> memoryGib;
    std::optional<double> diskGib;
};

struct JobReduce {
    QString builtin;              // concat | sum | count | mean | min | max | merge_counts | histogram | pass_at_k
    QVariantMap params;           // field (string), bins (list of numbers), group_by (string), k (list of integers)
    JobOperator op;               // set when `operator:` or `code:` is given instead of builtin
};

struct JobProduce {
    QString format;               // csv | json | jsonl
    QString path;                 // relative to the run's output folder
    QStringList columns;          // csv only
    QString select;               // optional dotted key of the reduced value to write
};

struct JobPolicy {
    std::optional<int> maxConcurrencyMap;
    std::optional<int> shardTimeoutS;
    std::optional<int> maxRetries;
    QString network = QStringLiteral("none");   // none | allowlist
    QStringList egressAllowlist;
    std::optional<double> maxCostUsd;
    std::optional<qint64> maxSandboxSeconds;
};

struct JobSpec {
    QString path;                 // the job file (absolute when loaded from disk)
    QString baseDir;              // folder relative paths resolve against
    int version = 1;
    QString name;
    JobDataset dataset;
    JobOperator map;
    JobProgram program;           // map.program (then `map` holds no operator)
    JobResources resources;       // map.resources
    JobReduce reduce;
    QList<JobProduce> produce;
    QString executionBackend = QStringLiteral("local");  // local | cloud_sandbox
    QString backendProfile;       // empty: "local" for local, "daytona" for cloud_sandbox
    JobPolicy policy;
    // Position of every key that was present, by dotted path ("map.operator", "produce[1].format").
    QHash<QString, SourcePos> positions;

    SourcePos pos(const QString &keyPath) const { return positions.value(keyPath); }
};

} // namespace mrp
