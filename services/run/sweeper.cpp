// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "run/sweeper.h"

#include <QCoreApplication>
#include <QDir>
#include <QPointer>

namespace mrp {

QString SweptSandbox::actionName(Action a)
{
    switch (a) {
    case Action::Deleted: return QStringLiteral("deleted");
    case Action::Failed: return QStringLiteral("failed");
    case Action::KeptLiveRun: return QStringLiteral("kept (live run)");
    case Action::KeptAsked: return QStringLiteral("kept");
    case Action::AlreadyDeleting: return QStringLiteral("already deleting");
    case Action::WouldDelete: return QStringLiteral("would delete");
    }
    return {};
}

Sweeper::Sweeper(SandboxBackend *backend, const QString &ownerId, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_owner(ownerId)
{
}

int Sweeper::count(SweptSandbox::Action action) const
{
    int n = 0;
    for (const SweptSandbox &s : m_result)
        n += s.action == action ? 1 : 0;
    return n;
}

void Sweeper::start()
{
    if (m_started)
        return;
    m_started = true;
    if (m_owner.isEmpty()) {
        m_listError = tr("No owner id: refusing to sweep sandboxes that may belong to someone else.");
        QMetaObject::invokeMethod(this, &Sweeper::done, Qt::QueuedConnection);
        return;
    }
    m_backend->list({{QStringLiteral("mrp.owner"), m_owner}})
        .then(this, [this](const Outcome<QList<SandboxInfo>> &listed) { onListed(listed); });
}

void Sweeper::onListed(const Outcome<QList<SandboxInfo>> &listed)
{
    if (!listed.ok()) {
        m_listError = listed.error.message;
        m_listUnreached = listed.error.unreached;
        done();
        return;
    }
    for (const SandboxInfo &sb : listed.value) {
        SweptSandbox s;
        s.sandbox = sb;
        const QString run = s.run();
        if (m_keep.contains(run))
            s.action = SweptSandbox::Action::KeptAsked;
        else if (m_isLive && !run.isEmpty() && m_isLive(run))
            s.action = SweptSandbox::Action::KeptLiveRun;
        else if (sb.state == QLatin1StringView("destroying") || sb.state == QLatin1StringView("destroyed"))
            s.action = SweptSandbox::Action::AlreadyDeleting;
        else if (m_dryRun)
            s.action = SweptSandbox::Action::WouldDelete;
        else
            s.action = SweptSandbox::Action::Deleted;   // confirmed below
        m_result.append(s);
    }
    for (qsizetype i = 0; i < m_result.size(); ++i) {
        if (m_result[i].action != SweptSandbox::Action::Deleted)
            continue;
        ++m_pending;
        m_backend->destroy(m_result[i].sandbox.id).then(this, [this, i](const SandboxError &e) {
            if (!e.ok()) {
                m_result[i].action = SweptSandbox::Action::Failed;
                m_result[i].error = e.message;
            }
            if (--m_pending == 0)
                done();
        });
    }
    if (m_pending == 0)
        QMetaObject::invokeMethod(this, &Sweeper::done, Qt::QueuedConnection);
}

void Sweeper::done()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace mrp
