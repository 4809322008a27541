// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "views/sampledata.h"

#include <QRandomGenerator>

#include <limits>
#include <queue>
#include <vector>

namespace mrp {

QList<ShardTimeline> makeSampleShards(int count, int concurrency, quint32 seed, qint64 nowMs)
{
    QRandomGenerator rng(seed);
    QList<ShardTimeline> out;
    out.reserve(count);
    // Slots become free at these times; each shard takes the earliest free slot.
    std::priority_queue<qint64, std::vector<qint64>, std::greater<>> slots;
    for (int i = 0; i < std::max(1, concurrency); ++i)
        slots.push(0);
    for (int i = 0; i < count; ++i) {
        ShardTimeline s;
        s.index = i;
        s.id = QStringLiteral("shard-%1").arg(i, 5, 10, QLatin1Char('0'));
        s.recordCount = 25;
        const int attempts = rng.bounded(100) < 8 ? 2 : 1;
        const bool failsForGood = rng.bounded(100) < 4;
        qint64 t = slots.top();
        slots.pop();
        const qint64 eligible = (i / std::max(1, concurrency)) == 0 ? 0 : std::max<qint64>(0, t - 50);
        bool open = false;
        for (int a = 0; a < attempts && !open; ++a) {
            ShardAttempt att;
            const qint64 queueStart = a == 0 ? std::min(eligible, t) : t;
            const qint64 durations[] = {qint64(rng.bounded(40, 400)), qint64(rng.bounded(20, 120)),
                                        qint64(rng.bounded(300, 3000)), qint64(rng.bounded(10, 150))};
            att.phases.append(PhaseSpan{ShardPhase::Queue, queueStart, t});
            const ShardPhase phases[] = {ShardPhase::Create, ShardPhase::Upload, ShardPhase::Exec, ShardPhase::Download};
            const bool lastAttempt = a == attempts - 1;
            const bool fails = !lastAttempt || failsForGood;
            for (int p = 0; p < 4; ++p) {
                if (fails && phases[p] == ShardPhase::Download)
                    break;
                const qint64 end = t + durations[p];
                if (nowMs >= 0 && end > nowMs) {
                    att.phases.append(PhaseSpan{phases[p], t, -1});
                    open = true;
                    break;
                }
                att.phases.append(PhaseSpan{phases[p], t, end});
                t = end;
            }
            if (!open) {
                att.finished = true;
                att.exitCode = fails ? 3 : 0;
                att.errorClass = fails ? ErrorClass::OperatorError : ErrorClass::None;
                if (fails)
                    att.message = QStringLiteral("ZeroDivisionError: division by zero");
                t += fails ? 200 : 0;   // back-off before the retry
            }
            // About $0.07 per sandbox-hour (1 vCPU, 1 GiB, 3 GiB disk).
            s.costUsd += 0.07 / 3'600'000.0 * (t - att.phases.constFirst().endMs);
            s.attempts.append(att);
        }
        if (open) {
            const ShardPhase p = s.attempts.constLast().phases.constLast().phase;
            s.state = stateOfPhase(p);
        } else {
            s.state = s.attempts.constLast().errorClass == ErrorClass::None ? ShardState::Done : ShardState::Failed;
        }
        if (nowMs >= 0 && s.attempts.constFirst().phases.constFirst().endMs > nowMs) {
            // Not dispatched yet: only its queue time so far.
            s.attempts.clear();
            ShardAttempt waiting;
            waiting.phases.append(PhaseSpan{ShardPhase::Queue, 0, -1});
            s.attempts.append(waiting);
            s.state = ShardState::Queued;
            s.costUsd = 0;
            t = nowMs;
        }
        // A shard still running at `nowMs` holds its slot beyond it.
        slots.push(open ? std::numeric_limits<qint64>::max() / 4 : t);
        out.append(s);
    }
    return out;
}

} // namespace mrp
