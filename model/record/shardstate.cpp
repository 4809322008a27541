// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "record/shardstate.h"

namespace mrp {

namespace {
// The enum value whose stable name is `name`, for a dense enum of `count` values.
template<typename Enum>
bool fromName(const QString &name, int count, QString (*nameOf)(Enum), Enum *out)
{
    for (int i = 0; i < count; ++i) {
        if (nameOf(Enum(i)) == name) {
            if (out)
                *out = Enum(i);
            return true;
        }
    }
    return false;
}
} // namespace

qint64 PhaseTimes::of(ShardPhase p) const
{
    switch (p) {
    case ShardPhase::Queue: return queueMs;
    case ShardPhase::Create: return createMs;
    case ShardPhase::Reset: return resetMs;
    case ShardPhase::Upload: return uploadMs;
    case ShardPhase::Exec: return execMs;
    case ShardPhase::Download: return downloadMs;
    }
    return -1;
}

void PhaseTimes::set(ShardPhase p, qint64 ms)
{
    switch (p) {
    case ShardPhase::Queue: queueMs = ms; return;
    case ShardPhase::Create: createMs = ms; return;
    case ShardPhase::Reset: resetMs = ms; return;
    case ShardPhase::Upload: uploadMs = ms; return;
    case ShardPhase::Exec: execMs = ms; return;
    case ShardPhase::Download: downloadMs = ms; return;
    }
}

QString shardStateName(ShardState s)
{
    switch (s) {
    case ShardState::Queued: return QStringLiteral("queued");
    case ShardState::Provisioning: return QStringLiteral("provisioning");
    case ShardState::Running: return QStringLiteral("running");
    case ShardState::Collecting: return QStringLiteral("collecting");
    case ShardState::Retrying: return QStringLiteral("retrying");
    case ShardState::Done: return QStringLiteral("done");
    case ShardState::Failed: return QStringLiteral("failed");
    case ShardState::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

bool shardStateFromName(const QString &name, ShardState *out)
{
    return fromName(name, ShardStateCount, &shardStateName, out);
}

QString shardPhaseName(ShardPhase p)
{
    switch (p) {
    case ShardPhase::Queue: return QStringLiteral("queue");
    case ShardPhase::Create: return QStringLiteral("create");
    case ShardPhase::Reset: return QStringLiteral("reset");
    case ShardPhase::Upload: return QStringLiteral("upload");
    case ShardPhase::Exec: return QStringLiteral("exec");
    case ShardPhase::Download: return QStringLiteral("download");
    }
    return QStringLiteral("unknown");
}

bool shardPhaseFromName(const QString &name, ShardPhase *out)
{
    return fromName(name, ShardPhaseCount, &shardPhaseName, out);
}

ShardState stateOfPhase(ShardPhase phase)
{
    switch (phase) {
    case ShardPhase::Queue: return ShardState::Queued;
    case ShardPhase::Create:
    case ShardPhase::Reset:
    case ShardPhase::Upload: return ShardState::Provisioning;
    case ShardPhase::Exec: return ShardState::Running;
    case ShardPhase::Download: return ShardState::Collecting;
    }
    return ShardState::Queued;
}

} // namespace mrp
