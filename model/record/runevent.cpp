// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "record/runevent.h"

#include <QCoreApplication>

namespace mrp {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::RunEvent)
};

// The sentence of each kind, once: English as written here, translated under mrp::RunEvent.
const char *sentence(RunEvent::Kind kind)
{
    using K = RunEvent::Kind;
    switch (kind) {
    case K::Message:
        return "%1";
    case K::CompileWarning:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "compile: %1");
    case K::Compiling:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "compiling %1");
    case K::ApiKeyFromEnvironment:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "Daytona API key from the environment (DAYTONA_API_KEY)");
    case K::ApiKeyFromKeychain:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "Daytona API key from the keychain");
    case K::ApiKeyInMemory:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "Daytona API key kept in memory for this session");
    case K::SweepBeforeListFailed:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "sweep before the run: could not list sandboxes: %1");
    case K::SweepAfterListFailed:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "sweep after the map phase: could not list sandboxes: %1");
    case K::SweptBefore:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "sweep before the run: sandbox %1 of run %2, shard %3 (%4, created %5): %6");
    case K::SweptAfter:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "sweep after the map phase: sandbox %1 of run %2, shard %3 (%4, created %5): %6");
    case K::PlanFilesNotWritten:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "warning: plan files not written: %1");
    case K::Unisolated:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "WARNING: shards run UNISOLATED: %1");
    case K::RunStarted:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "run %1 started: %2 shards on %3 (%4)");
    case K::RunResumed:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "resuming run %1: %2 of %3 shards already done");
    case K::CancelRequested:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "cancel requested");
    case K::CancellingAttempts:
        return QT_TRANSLATE_N_NOOP("mrp::RunEvent", "cancel requested: stopping dispatch, cancelling %n attempt(s) in flight");
    case K::AttemptDispatched:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "%1: attempt %2 dispatched (slot %3)");
    case K::BackupDispatched:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "%1: attempt %2 (backup) dispatched (slot %3)");
    case K::AttemptOk:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "%1: attempt %2 ok in %3 ms (output %4)");
    case K::AttemptFailed:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "%1: attempt %2 failed: %3: %4");
    case K::RetryScheduled:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "%1: retry %2 of %3 in %4 ms");
    case K::ShardNotStarted:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "%1: %2 (%3)");
    case K::QuotaRequeued:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "%1: no sandbox within the quota (%2); queued again at concurrency %3");
    case K::ConcurrencyChanged:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "concurrency now %1 of %2: %3");
    case K::StragglerBackup:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "%1: straggler (running > %2 ms, median %3 ms): starting a backup attempt");
    case K::SandboxNotDestroyed:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "sandbox %1 could not be destroyed: %2 (left for `mrp sweep`)");
    case K::SandboxNotConfirmedGone:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "sandbox %1 could not be confirmed gone: %2 (left for `mrp sweep`)");
    case K::RunJsonNotWritten:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "warning: cannot write run.json: %1");
    case K::Reducing:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "reducing %1 outputs (%2)");
    case K::Reduced:
        return QT_TRANSLATE_NOOP("mrp::RunEvent", "reduce ok: %1");
    }
    return "%1";
}

// %1…%9 from args and %n from count, in one pass: an argument that itself holds "%1" stays as it is.
QString fill(const QString &sentence, const QStringList &args, qint64 count)
{
    QString out;
    out.reserve(sentence.size() + 64);
    for (qsizetype i = 0; i < sentence.size(); ++i) {
        const QChar c = sentence.at(i);
        if (c == u'%' && i + 1 < sentence.size()) {
            const QChar next = sentence.at(i + 1);
            if (next == u'n' && count >= 0) {
                out += QString::number(count);
                ++i;
                continue;
            }
            const int n = next.digitValue();
            if (n >= 1 && n <= args.size()) {
                out += args.at(n - 1);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace

QString RunEvent::text() const
{
    return fill(QString::fromLatin1(sentence(kind)), args, count);
}

QString RunEvent::translatedText() const
{
    if (kind == Kind::Message)
        return args.value(0);
    const char *source = sentence(kind);
    return fill(count >= 0 ? Tr::tr(source, nullptr, int(count)) : Tr::tr(source), args, -1);
}

} // namespace mrp
