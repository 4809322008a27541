// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace mrp {

struct RunRecord;

// What changed between two runs (History → Compare): code, data, parameters (job and plan
// digests, map code, backend, profile) and which shard outputs differ. Pure; any thread.
struct RunComparison {
    QStringList changes;          // one sentence per difference in inputs/settings
    QStringList changedShards;    // shard ids whose output digest differs
    QStringList onlyInA;          // shard ids present in A only (by shard digest)
    QStringList onlyInB;
    int sameShards = 0;
    QString summary() const;      // a readable report
};

RunComparison compareRuns(const RunRecord &a, const RunRecord &b);

} // namespace mrp
