// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The compiler: job file -> Plan (docs/design.md §2.1). Loads and validates the job, resolves the
// profile, reads the operators, streams the dataset into content-addressed shard payloads
// (<shardDir>/<digest>.json), applies the cloud_sandbox rules and the operator policy, and
// computes plan_digest. Deterministic: the same inputs give the same plan whatever the
// absolute paths or the order a folder is listed in. Blocking (reads the whole dataset): call
// it off the GUI thread, with a ShardingProgress to watch it read and to cancel it. Never throws.

#include "data/dataset.h"
#include "job/diagnostic.h"
#include "job/plan.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mrp {

struct CompileOptions {
    QString shardDir;             // where <digest>.json payloads go; empty: no payload files written
    QString backendOverride;      // local | cloud_sandbox (overrides execution_backend)
    QString profileOverride;      // overrides backend_profile
    int concurrencyOverride = 0;  // > 0 overrides policy.max_concurrency_map
    QStringList profileSearchPaths;  // folders searched for <name>.yaml user overrides, first wins;
                                     // empty: userProfileFolder()
    QStringList allowedPaths;     // folders the job may read besides its own folder (--allow-path);
                                  // recorded in the plan's policy as allowed_paths
    // Optional: how much of the dataset is read; its cancel() stops the compile between two
    // batches of records and leaves no payload of it in shardDir (CompileResult::cancelled).
    std::shared_ptr<ShardingProgress> progress;
};

struct CompileResult {
    Plan plan;                    // complete only when ok()
    QList<Diagnostic> diagnostics;
    bool cancelled = false;       // ShardingProgress::cancel() stopped it: no plan
    bool ok() const { return !cancelled && !hasErrors(diagnostics); }
    // True when the only errors are policy refusals (CLI exit 3 instead of 2).
    bool refusedByPolicy() const { return isPolicyRefusal(diagnostics); }
};

CompileResult compileJob(const QString &jobPath, const CompileOptions &opts);

// Writes ir.json, manifest.json, policy.json and plan.json (canonical JSON, each ending in a
// newline) into dir (created if needed), atomically per file. Returns false and sets *error.
bool writePlanFiles(const Plan &plan, const QString &dir, QString *error);
// Reads plan.json from dir; payload paths resolve against shardDir. False + *error on failure.
bool readPlanFile(const QString &dir, const QString &shardDir, Plan *out, QString *error);

} // namespace mrp
