// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

namespace mrp {

// One line of a run's log as the engine and the scheduler report it (RunEngine::logEvent,
// docs/design.md §9.4): what happened (kind) and its values (args), never prose. The sentence
// of each kind is written once, in runevent.cpp, and read in two ways: text() in English, stable
// for tools (`mrp run --verbose`, debug output), and translatedText() in the user's language
// (the workbench's Run page). Arguments are inserted as they are: ids, numbers, stable names
// (error classes, sweep actions) and messages that were translated where they were made.
struct RunEvent {
    Q_GADGET
public:
    enum class Kind {
        Message,                  // %1: a whole message, translated where it was made
        CompileWarning,           // %1: a warning of the compile (file:line: ...), translated where it was made
        Compiling,                // %1 job file
        ApiKeyFromEnvironment,
        ApiKeyFromKeychain,
        ApiKeyInMemory,
        SweepBeforeListFailed,    // %1 error
        SweepAfterListFailed,     // %1 error
        SweptBefore,              // %1 sandbox, %2 run, %3 shard, %4 state, %5 created at, %6 action
        SweptAfter,               // as SweptBefore
        PlanFilesNotWritten,      // %1 error
        Unisolated,               // %1 isolation
        RunStarted,               // %1 run, %2 shards, %3 backend, %4 isolation
        RunResumed,               // %1 run, %2 shards done, %3 shards
        CancelRequested,
        CancellingAttempts,       // %n attempts in flight
        AttemptDispatched,        // %1 shard, %2 attempt, %3 slot
        BackupDispatched,         // %1 shard, %2 attempt, %3 slot
        AttemptOk,                // %1 shard, %2 attempt, %3 ms, %4 output digest
        AttemptFailed,            // %1 shard, %2 attempt, %3 error class, %4 message
        RetryScheduled,           // %1 shard, %2 retry, %3 retries allowed, %4 ms
        ShardNotStarted,          // %1 shard, %2 message, %3 error class
        QuotaRequeued,            // %1 shard, %2 server's message, %3 concurrency
        ConcurrencyChanged,       // %1 concurrency, %2 configured, %3 why
        StragglerBackup,          // %1 shard, %2 ms limit, %3 ms median
        SandboxNotDestroyed,      // %1 sandbox, %2 error
        SandboxNotConfirmedGone,  // %1 sandbox or name, %2 why
        RunJsonNotWritten,        // %1 error
        Reducing,                 // %1 outputs, %2 reduce kind
        Reduced,                  // %1 output digest
    };
    Q_ENUM(Kind)

    Kind kind = Kind::Message;
    int shardIndex = -1;    // -1: about the run as a whole
    QStringList args;       // %1, %2, … of the kind's sentence
    qint64 count = -1;      // %n of a sentence with a plural

    QString text() const;             // English
    QString translatedText() const;   // in the language of the installed translators
};

} // namespace mrp

Q_DECLARE_METATYPE(mrp::RunEvent)
