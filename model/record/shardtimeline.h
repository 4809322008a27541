// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Per-shard timeline values shown by the Run page (docs/design.md §3): every attempt with its
// phase spans, exit code and error class. Plain values, cheap to copy, safe across threads.
// Times are milliseconds relative to the run start; an open span has endMs < 0 ("still going").

#include "record/errorclass.h"
#include "record/shardstate.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace mrp {

struct ShardRecord;

struct PhaseSpan {
    ShardPhase phase = ShardPhase::Queue;
    qint64 startMs = 0;
    qint64 endMs = -1;   // < 0 while the phase is running
    bool isOpen() const { return endMs < 0; }
    friend bool operator==(const PhaseSpan &, const PhaseSpan &) = default;
};

struct ShardAttempt {
    QList<PhaseSpan> phases;
    int exitCode = -1;                       // the runner's exit code when exec finished
    ErrorClass errorClass = ErrorClass::None;
    QString message;                         // short reason for a failed attempt
    bool finished = false;
    qint64 startMs() const { return phases.isEmpty() ? -1 : phases.constFirst().startMs; }
    // End of the last phase; `nowMs` for a phase still running.
    qint64 endMs(qint64 nowMs) const;
    friend bool operator==(const ShardAttempt &, const ShardAttempt &) = default;
};

struct ShardTimeline {
    int index = 0;                // 0-based merge order
    QString id;                   // "shard-00003"
    ShardState state = ShardState::Queued;
    qint64 recordCount = 0;
    double costUsd = 0;
    QString sandboxId;
    QList<ShardAttempt> attempts;

    qint64 startMs() const;                  // first phase of the first attempt; -1 if none
    qint64 endMs(qint64 nowMs) const;        // end of the last attempt (now while open); -1 if none
    qint64 durationMs(qint64 nowMs) const;   // end - start; 0 when nothing happened yet
    // Time in a sandbox: every phase of every attempt except waiting in the queue.
    qint64 busyMs(qint64 nowMs) const;
    bool isFinalState() const;   // Done, Failed or Cancelled
    friend bool operator==(const ShardTimeline &, const ShardTimeline &) = default;
};

// The timeline of a shard from its run-record form (live from the engine, or from the store).
// Phases are laid out from each attempt's start: the queue span ends at `start`, then create,
// (or reset), upload, exec and download follow back to back with their recorded durations. For
// an attempt in flight the phase the scheduler has open (AttemptRecord::openPhase) is an open
// span. `runStart` is time zero.
ShardTimeline shardTimelineFromRecord(const ShardRecord &record, const QDateTime &runStart);

} // namespace mrp

Q_DECLARE_METATYPE(mrp::ShardAttempt)
Q_DECLARE_METATYPE(mrp::PhaseSpan)
