// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "record/shardtimeline.h"

#include "record/runrecord.h"

#include <algorithm>
#include <utility>

namespace mrp {

qint64 ShardAttempt::endMs(qint64 nowMs) const
{
    qint64 end = -1;
    for (const PhaseSpan &p : phases)
        end = std::max(end, p.isOpen() ? std::max(nowMs, p.startMs) : p.endMs);
    return end;
}

qint64 ShardTimeline::startMs() const
{
    for (const ShardAttempt &a : attempts) {
        if (!a.phases.isEmpty())
            return a.startMs();
    }
    return -1;
}

qint64 ShardTimeline::endMs(qint64 nowMs) const
{
    qint64 end = -1;
    for (const ShardAttempt &a : attempts)
        end = std::max(end, a.endMs(nowMs));
    return end;
}

qint64 ShardTimeline::durationMs(qint64 nowMs) const
{
    const qint64 s = startMs();
    return s < 0 ? 0 : std::max<qint64>(0, endMs(nowMs) - s);
}

qint64 ShardTimeline::busyMs(qint64 nowMs) const
{
    qint64 busy = 0;
    for (const ShardAttempt &a : attempts) {
        for (const PhaseSpan &p : a.phases) {
            if (p.phase != ShardPhase::Queue)
                busy += std::max<qint64>(0, (p.isOpen() ? std::max(nowMs, p.startMs) : p.endMs) - p.startMs);
        }
    }
    return busy;
}

bool ShardTimeline::isFinalState() const
{
    return mrp::isFinalState(state);
}

ShardTimeline shardTimelineFromRecord(const ShardRecord &record, const QDateTime &runStart)
{
    ShardTimeline t;
    t.index = record.index;
    t.id = record.shardId;
    t.state = record.state;
    t.recordCount = record.recordCount;
    t.costUsd = record.costUsd;
    t.sandboxId = record.sandboxId;
    t.attempts.reserve(record.attempts.size());
    // Epoch milliseconds once: QDateTime::msecsTo per attempt is a large part of opening a
    // 100,000-shard run.
    const qint64 t0 = runStart.isValid() ? runStart.toMSecsSinceEpoch() : 0;
    for (int i = 0; i < record.attempts.size(); ++i) {
        const AttemptRecord &ar = record.attempts.at(i);
        const bool last = i == record.attempts.size() - 1;
        ShardAttempt a;
        a.exitCode = ar.exitCode;
        a.errorClass = ar.errorClass;
        a.message = ar.message;
        a.finished = ar.end.isValid();
        if (!ar.start.isValid()) {
            t.attempts.append(a);
            continue;
        }
        const qint64 start = runStart.isValid() ? ar.start.toMSecsSinceEpoch() - t0 : 0;
        if (ar.phases.queueMs >= 0)
            a.phases.append(PhaseSpan{ShardPhase::Queue, std::max<qint64>(0, start - ar.phases.queueMs), start});
        qint64 cursor = start;
        const std::pair<ShardPhase, qint64> durations[] = {
            {ShardPhase::Create, ar.phases.createMs},
            {ShardPhase::Reset, ar.phases.resetMs},
            {ShardPhase::Upload, ar.phases.uploadMs},
            {ShardPhase::Exec, ar.phases.execMs},
            {ShardPhase::Download, ar.phases.downloadMs},
        };
        for (const auto &[phase, ms] : durations) {
            if (ms < 0)
                continue;
            a.phases.append(PhaseSpan{phase, cursor, cursor + ms});
            cursor += ms;
        }
        if (a.finished) {
            // Whatever the phase durations do not account for (retry bookkeeping, digest checks)
            // is drawn as part of the last phase so the attempt ends where the record says.
            const qint64 end = runStart.isValid() ? ar.end.toMSecsSinceEpoch() - t0 : cursor;
            if (!a.phases.isEmpty() && a.phases.constLast().endMs < end && a.phases.constLast().phase != ShardPhase::Queue)
                a.phases.last().endMs = end;
        } else if (last && !isFinalState(record.state) && ar.openPhase != ShardPhase::Queue) {
            a.phases.append(PhaseSpan{ar.openPhase, cursor, -1});
        }
        t.attempts.append(a);
    }
    return t;
}

} // namespace mrp
