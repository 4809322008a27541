// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The one vocabulary for where a shard is (docs/design.md §3): its state, the phases of an
// attempt, the time spent in each phase, and the stable names that reach run.json, log.jsonl,
// the run store and CSV reports. Every layer uses these; nothing keeps a copy.
//
// A shard is Queued until the scheduler dispatches an attempt; the attempt walks the phases
// Create (or Reset of a reused sandbox) -> Upload -> Exec -> Download, and the shard's state
// follows from the phase the scheduler opened (stateOfPhase). A failed attempt that will be
// retried leaves the shard Retrying; the final states are Done, Failed and Cancelled.
//
// Both enums are dense and their order is the order of a shard's life: never reorder, add at
// the end of the group that fits and extend the name tables in shardstate.cpp.

#include <QMetaType>
#include <QString>

namespace mrp {

enum class ShardState {
    Queued,        // waiting for a slot
    Provisioning,  // creating or resetting a sandbox, uploading the package
    Running,       // exec in progress
    Collecting,    // downloading the output and making it durable
    Retrying,      // an attempt failed; another one is scheduled
    Done,
    Failed,
    Cancelled,
};
constexpr int ShardStateCount = int(ShardState::Cancelled) + 1;

enum class ShardPhase {
    Queue,         // from becoming eligible to dispatch
    Create,        // sandbox create
    Reset,         // reset of a reused sandbox (instead of Create)
    Upload,
    Exec,
    Download,      // download, digest check and durable commit
};
constexpr int ShardPhaseCount = int(ShardPhase::Download) + 1;

// Milliseconds spent per phase of one attempt; -1 = the phase did not happen.
struct PhaseTimes {
    qint64 queueMs = -1;
    qint64 createMs = -1;
    qint64 uploadMs = -1;
    qint64 execMs = -1;
    qint64 downloadMs = -1;
    qint64 resetMs = -1;      // instead of createMs when the attempt reused a sandbox

    qint64 of(ShardPhase p) const;
    void set(ShardPhase p, qint64 ms);
    friend bool operator==(const PhaseTimes &, const PhaseTimes &) = default;
};

// Stable names: "queued", "provisioning", ..., "cancelled".
QString shardStateName(ShardState s);
bool shardStateFromName(const QString &name, ShardState *out);
inline bool isFinalState(ShardState s)
{
    return s == ShardState::Done || s == ShardState::Failed || s == ShardState::Cancelled;
}

// Stable names: "queue", "create", "reset", "upload", "exec", "download" (also the stem of the
// phase keys in run.json: "create_ms", ...).
QString shardPhaseName(ShardPhase p);
bool shardPhaseFromName(const QString &name, ShardPhase *out);

// The state a shard is in while an attempt is in `phase` (Queue: Queued).
ShardState stateOfPhase(ShardPhase phase);

} // namespace mrp

Q_DECLARE_METATYPE(mrp::ShardState)
Q_DECLARE_METATYPE(mrp::ShardPhase)
