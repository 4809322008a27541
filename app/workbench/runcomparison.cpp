// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "runcomparison.h"

#include "record/runrecord.h"

#include <QCoreApplication>
#include <QHash>

namespace mrp {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::RunComparison)
};
} // namespace

RunComparison compareRuns(const RunRecord &a, const RunRecord &b)
{
    RunComparison c;
    const auto differs = [&](const QString &x, const QString &y, const char *sentence) {
        if (x != y)
            c.changes << Tr::tr(sentence).arg(x.isEmpty() ? Tr::tr("(none)") : x, y.isEmpty() ? Tr::tr("(none)") : y);
    };
    differs(a.jobDigest, b.jobDigest, QT_TRANSLATE_NOOP("mrp::RunComparison", "The job file changed (digest %1 → %2)."));
    differs(a.mapCodeDigest, b.mapCodeDigest, QT_TRANSLATE_NOOP("mrp::RunComparison", "The map operator code changed (digest %1 → %2)."));
    differs(a.planDigest, b.planDigest, QT_TRANSLATE_NOOP("mrp::RunComparison", "The plan changed (digest %1 → %2): data, parameters or code."));
    differs(a.backend, b.backend, QT_TRANSLATE_NOOP("mrp::RunComparison", "The backend changed from %1 to %2."));
    differs(a.profileName, b.profileName, QT_TRANSLATE_NOOP("mrp::RunComparison", "The profile changed from %1 to %2."));
    differs(a.reduceOutputDigest, b.reduceOutputDigest, QT_TRANSLATE_NOOP("mrp::RunComparison", "The reduced result changed (digest %1 → %2)."));

    // Shards are content-addressed: the same payload has the same shard digest in both runs.
    QHash<QString, const ShardRecord *> inB;
    for (const ShardRecord &s : b.shards)
        inB.insert(s.shardDigest, &s);
    QHash<QString, bool> seen;
    for (const ShardRecord &s : a.shards) {
        const ShardRecord *other = inB.value(s.shardDigest);
        if (!other) {
            c.onlyInA << s.shardId;
            continue;
        }
        seen.insert(s.shardDigest, true);
        if (s.outputDigest != other->outputDigest)
            c.changedShards << s.shardId;
        else
            ++c.sameShards;
    }
    for (const ShardRecord &s : b.shards) {
        if (!seen.contains(s.shardDigest))
            c.onlyInB << s.shardId;
    }
    if (c.onlyInA.size() + c.onlyInB.size() > 0)
        c.changes << Tr::tr("The data changed: %1 shard(s) only in the first run, %2 only in the second.")
                         .arg(c.onlyInA.size())
                         .arg(c.onlyInB.size());
    return c;
}

QString RunComparison::summary() const
{
    QStringList lines;
    if (changes.isEmpty())
        lines << Tr::tr("Same job, code, plan and backend.");
    else
        lines << changes;
    lines << Tr::tr("%1 shard(s) have the same output, %2 differ.").arg(sameShards).arg(changedShards.size());
    if (!changedShards.isEmpty())
        lines << Tr::tr("Shards whose output differs: %1").arg(changedShards.join(QStringLiteral(", ")));
    return lines.join(QLatin1Char('\n'));
}

} // namespace mrp
