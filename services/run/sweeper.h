// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Sweeper: finds the sandboxes carrying this installation's owner label and deletes those no
// live run needs (docs/design.md §7.6). Used by the run engine before and after the map phase of a
// cloud run and by `mrp sweep`. What each sandbox was (run, shard, state, age) and what was
// done with it is kept for the report.
//
// Threading: the backend's thread. Every start() ends in exactly one finished(), from the
// event loop.

#include "sandbox/sandboxbackend.h"
#include "store/runlock.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace mrp {

struct SweptSandbox {
    enum class Action { Deleted, Failed, KeptLiveRun, KeptAsked, AlreadyDeleting, WouldDelete };
    SandboxInfo sandbox;
    Action action = Action::WouldDelete;
    QString error;                          // when Failed
    QString run() const { return sandbox.labels.value(QStringLiteral("mrp.run")); }
    QString shard() const { return sandbox.labels.value(QStringLiteral("mrp.shard")); }
    static QString actionName(Action a);    // "deleted", "failed", "kept (live run)", ...
};

class Sweeper : public QObject
{
    Q_OBJECT
public:
    Sweeper(SandboxBackend *backend, const QString &ownerId, QObject *parent = nullptr);

    // Sandboxes of runs for which this returns true are kept (default: none is live).
    void setLiveRunCheck(std::function<bool(const QString &runId)> isLive) { m_isLive = std::move(isLive); }
    void setKeepRuns(const QStringList &runs) { m_keep = runs; }
    void setDryRun(bool dryRun) { m_dryRun = dryRun; }

    void start();

    bool isFinished() const { return m_finished; }
    bool listFailed() const { return !m_listError.isEmpty(); }
    QString listError() const { return m_listError; }
    // The list never reached the service (connection refused, no such host).
    bool listUnreached() const { return m_listUnreached; }
    QList<SweptSandbox> result() const { return m_result; }
    int count(SweptSandbox::Action action) const;

Q_SIGNALS:
    void finished();

private:
    void onListed(const Outcome<QList<SandboxInfo>> &listed);
    void done();

    SandboxBackend *m_backend;
    QString m_owner;
    std::function<bool(const QString &)> m_isLive;
    QStringList m_keep;
    bool m_dryRun = false;
    bool m_started = false;
    bool m_finished = false;
    int m_pending = 0;
    QString m_listError;
    bool m_listUnreached = false;
    QList<SweptSandbox> m_result;
};

} // namespace mrp
