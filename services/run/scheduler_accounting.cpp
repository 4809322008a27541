// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Scheduler, second half: watchdogs, finishing, budgets, stragglers, back-off, costs and the
// read accessors.
#include "run/scheduler.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcScheduler)

#include <algorithm>
#include <cmath>

namespace mrp {

void Scheduler::onWatchdog(int flightId)
{
    Flight *f = flight(flightId);
    if (!f)
        return;
    QString what;
    ErrorClass cls = ErrorClass::Infrastructure;
    switch (f->phase) {
    case Phase::Create: what = tr("Creating the sandbox took longer than %1 s.").arg(m_cfg.timeouts.create); break;
    case Phase::Reset: what = tr("Resetting the sandbox took longer than %1 s.").arg(m_cfg.timeouts.create); break;
    case Phase::Upload: what = tr("Uploading the package took longer than %1 s.").arg(m_cfg.timeouts.upload); break;
    case Phase::Exec:
        cls = ErrorClass::Timeout;
        what = tr("The operator ran longer than the shard timeout (%1 s) and did not stop.").arg(m_cfg.timeouts.exec);
        break;
    case Phase::Download: what = tr("Downloading the output took longer than %1 s.").arg(m_cfg.timeouts.download); break;
    }
    Entry &e = m_entries[f->index];
    AttemptRecord &a = e.rec.attempts[f->attempt];
    const qint64 ms = f->phaseClock.elapsed();
    switch (f->phase) {
    case Phase::Create:
    case Phase::Reset: a.phases.createMs = ms; break;
    case Phase::Upload: a.phases.uploadMs = ms; break;
    case Phase::Exec: a.phases.execMs = ms; break;
    case Phase::Download: a.phases.downloadMs = ms; break;
    }
    endAttempt(flightId, cls, what);
}

void Scheduler::maybeFinish()
{
    if (m_finished || !m_started)
        return;
    if (!m_flights.isEmpty() || m_outstanding > 0)
        return;
    if (!m_queue.isEmpty() && !m_cancelRequested && m_budgetMessage.isEmpty())
        return;
    if (!m_queue.isEmpty()) {   // retries queued after a budget stop or a cancel
        const QList<int> queued = m_queue;
        m_queue.clear();
        for (int index : queued)
            failQueued(index, m_cancelRequested ? ErrorClass::Cancelled : ErrorClass::PolicyRefused,
                       m_cancelRequested ? tr("Cancelled before it started.") : tr("Not retried: the budget cap was reached."),
                       m_cancelRequested ? ShardState::Cancelled : ShardState::Failed);
    }
    // All shards final: the slots' kept sandboxes go too.
    bool destroying = false;
    for (Slot &s : m_slots) {
        if (!s.sandboxId.isEmpty()) {
            const QString id = s.sandboxId;
            s.sandboxId.clear();
            destroySandbox(id);
            destroying = true;
        }
    }
    if (destroying || m_outstanding > 0)
        return;
    for (const QString &id : std::as_const(m_live))
        destroySandbox(id);
    if (m_outstanding > 0)
        return;
    m_finished = true;
    m_tick.stop();
    m_retryTimer.stop();
    qCDebug(lcScheduler) << "finished: done" << countInState(ShardState::Done) << "failed"
                         << countInState(ShardState::Failed) << "cancelled" << countInState(ShardState::Cancelled);
    QTimer::singleShot(0, this, &Scheduler::finished);
}

void Scheduler::cancelFlightsOf(int index, int exceptFlightId, const QString &why)
{
    const QList<int> ids = m_flights.keys();
    for (int id : ids)
        if (id != exceptFlightId && m_flights.value(id).index == index)
            endAttempt(id, ErrorClass::Cancelled, why);
}

bool Scheduler::checkBudget()
{
    const double rate = costPerSecondUsd();
    const qint64 median = medianAttemptMs();
    const double estSec = median > 0 ? median / 1000.0 : m_cfg.initialEstimateSec;
    const double cost = costSoFarUsd();
    const double secs = m_finishedSeconds + [this] {
        double s = 0;
        for (const Flight &f : std::as_const(m_flights))
            s += f.attemptClock.elapsed() / 1000.0;
        return s;
    }();
    if (m_cfg.maxCostUsd >= 0) {
        if (!m_warnedCost && cost >= 0.8 * m_cfg.maxCostUsd) {
            m_warnedCost = true;
            Q_EMIT budgetWarning(tr("Cost so far $%1 has reached 80 % of the cap ($%2).")
                                     .arg(cost, 0, 'f', 4).arg(m_cfg.maxCostUsd, 0, 'f', 2));
        }
        if (cost + estSec * rate > m_cfg.maxCostUsd) {
            m_budgetMessage = tr("Stopped dispatching: the next shard (estimated $%1) would pass the cost cap of $%2 "
                                 "($%3 spent). Raise policy.budget.max_cost_usd to run the rest.")
                                  .arg(estSec * rate, 0, 'f', 4).arg(m_cfg.maxCostUsd, 0, 'f', 2).arg(cost, 0, 'f', 4);
        }
    }
    if (m_budgetMessage.isEmpty() && m_cfg.maxSandboxSeconds >= 0) {
        if (!m_warnedSeconds && secs >= 0.8 * double(m_cfg.maxSandboxSeconds)) {
            m_warnedSeconds = true;
            Q_EMIT budgetWarning(tr("Sandbox time so far (%1 s) has reached 80 % of the cap (%2 s).")
                                     .arg(qint64(secs)).arg(m_cfg.maxSandboxSeconds));
        }
        if (secs + estSec > double(m_cfg.maxSandboxSeconds)) {
            m_budgetMessage = tr("Stopped dispatching: the next shard (estimated %1 s) would pass the sandbox-time cap "
                                 "of %2 s (%3 s used). Raise policy.budget.max_sandbox_seconds to run the rest.")
                                  .arg(estSec, 0, 'f', 1).arg(m_cfg.maxSandboxSeconds).arg(secs, 0, 'f', 1);
        }
    }
    if (m_budgetMessage.isEmpty())
        return true;
    Q_EMIT budgetWarning(m_budgetMessage);
    Q_EMIT logLine(-1, m_budgetMessage);
    const QList<int> queued = m_queue;
    m_queue.clear();
    for (int index : queued)
        failQueued(index, ErrorClass::PolicyRefused, tr("Not started: the budget cap was reached."),
                   ShardState::Cancelled);
    return false;
}

void Scheduler::checkStragglers()
{
    if (!m_queue.isEmpty() || int(m_flights.size()) >= m_cfg.concurrency)
        return;
    if (m_durations.size() < m_cfg.minSamplesForStraggler)
        return;
    const qint64 median = medianAttemptMs();
    const qint64 limit = std::max<qint64>(m_cfg.stragglerMinMs, qint64(m_cfg.stragglerFactor * double(median)));
    QList<int> candidates;
    for (const Flight &f : std::as_const(m_flights)) {
        const Entry &e = m_entries[f.index];
        if (!e.backupStarted && !e.rec.attempts[f.attempt].backup && f.attemptClock.elapsed() > limit)
            candidates.append(f.index);
    }
    std::sort(candidates.begin(), candidates.end());
    for (int index : candidates) {
        if (int(m_flights.size()) >= m_cfg.concurrency || !checkBudget())
            break;
        Q_EMIT logLine(index, QStringLiteral("%1: straggler (running > %2 ms, median %3 ms): starting a backup attempt")
                                  .arg(m_entries[index].rec.shardId).arg(limit).arg(median));
        dispatchOne(index, true);
    }
}

qint64 Scheduler::medianAttemptMs() const
{
    return m_median;
}

qint64 Scheduler::backoffMs(int failedAttempts, int retryAfterMs)
{
    const double cap = std::min<double>(m_cfg.backoffMaxMs, m_cfg.backoffBaseMs * std::pow(2.0, failedAttempts - 1));
    const qint64 jitter = cap > 0 ? qint64(m_rng.bounded(cap)) : 0;   // full jitter
    return std::max<qint64>(jitter, retryAfterMs);
}

double Scheduler::costPerSecondUsd() const
{
    const ResourceSpec &r = m_cfg.resources;
    const PriceSpec &p = m_cfg.prices;
    return (r.cpu * p.vcpuPerHour + r.memoryGib * p.memoryGibPerHour + r.diskGib * p.diskGibPerHour) / 3600.0;
}

double Scheduler::accruedCost(const Flight &f) const
{
    return (f.attemptClock.elapsed() / 1000.0) * costPerSecondUsd();
}

double Scheduler::costSoFarUsd() const
{
    double c = m_finishedCost;
    for (const Flight &f : std::as_const(m_flights))
        c += accruedCost(f);
    return c;
}

qint64 Scheduler::sandboxSecondsSoFar() const
{
    double s = m_finishedSeconds;
    for (const Flight &f : std::as_const(m_flights))
        s += f.attemptClock.elapsed() / 1000.0;
    return qint64(std::ceil(s));
}

double Scheduler::estimatedTotalCostUsd() const
{
    const qint64 median = medianAttemptMs();
    const double estSec = median > 0 ? median / 1000.0 : m_cfg.initialEstimateSec;
    return estSec * costPerSecondUsd() * double(m_entries.size());
}

qint64 Scheduler::etaMs() const
{
    const qint64 median = medianAttemptMs();
    if (median < 0)
        return -1;
    const qint64 remaining = qint64(m_entries.size()) - countInState(ShardState::Done) - countInState(ShardState::Failed)
        - countInState(ShardState::Cancelled);
    return qint64(std::ceil(double(remaining) / m_cfg.concurrency)) * median;
}

QList<int> Scheduler::indexes() const
{
    return m_entries.keys();
}

ShardRecord Scheduler::shard(int index) const
{
    return m_entries.value(index).rec;
}

int Scheduler::countInState(ShardState s) const
{
    return m_stateCounts[int(s)];
}

int Scheduler::runningCount() const
{
    return countInState(ShardState::Provisioning) + countInState(ShardState::Running)
        + countInState(ShardState::Collecting);
}

QStringList Scheduler::liveSandboxes() const
{
    return QStringList(m_live.begin(), m_live.end());
}

QStringList Scheduler::leakedSandboxes() const
{
    return m_leaked;
}

} // namespace mrp
