// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/connectioncheck.h"

#include "sandbox/installid.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QPointer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcConnectionCheck, "mrp.services.connectioncheck")

namespace mrp {

ConnectionCheck::ConnectionCheck(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<mrp::ConnectionCheck::StepResult>();
    qRegisterMetaType<mrp::ConnectionCheck::Result>();
}

ConnectionCheck::~ConnectionCheck()
{
    ++m_generation;   // the backend's futures finish Cancelled as it goes: nobody listens
    if (!m_sandboxId.isEmpty())
        qCWarning(lcConnectionCheck) << "destroyed before sandbox" << m_sandboxId << "was deleted; it stops by itself in 5 minutes";
}

QString ConnectionCheck::stepName(Step step)
{
    switch (step) {
    case Step::ApiKey:
        return tr("API key");
    case Step::ApiUrl:
        return tr("API URL");
    case Step::ReachApi:
        return tr("reach API");
    case Step::CreateSandbox:
        return tr("create sandbox");
    case Step::RunHelloWorld:
        return tr("run hello-world");
    case Step::DeleteSandbox:
        return tr("delete sandbox");
    }
    return QString();
}

template<typename T, typename F>
void ConnectionCheck::whenDone(const QFuture<T> &future, F fn)
{
    auto *watcher = new QFutureWatcher<T>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, fn] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        if (watcher->future().resultCount() == 0) {
            // A future cancelled without an answer (the backend promises one; be safe).
            qCWarning(lcConnectionCheck) << "a backend operation ended without a result";
            return finish(m_cancelled ? Result::Cancelled : Result::Failed);
        }
        fn(watcher->result());
    });
    watcher->setFuture(future);
}

void ConnectionCheck::start()
{
    if (m_running)
        return;
    ++m_generation;
    m_running = true;
    m_cancelled = false;
    m_deleting = false;
    m_results.clear();
    m_sandboxId.clear();
    m_backend.reset();
    m_clock.start();

    const QString envKey = qEnvironmentVariable("DAYTONA_API_KEY");
    if (!envKey.isEmpty() || !m_store) {
        // Same answer resolveApiKey() gives, without a store to ask; still asynchronous.
        QMetaObject::invokeMethod(this, [this, envKey, generation = m_generation] {
            if (generation == m_generation)
                onKey(envKey, envKey.isEmpty() ? QString() : QStringLiteral("environment"));
        }, Qt::QueuedConnection);
        return;
    }
    QPointer<ConnectionCheck> self(this);
    const quint64 generation = m_generation;
    resolveApiKey(m_store, m_profile, [self, generation](const ApiKeyLookup &l) {
        if (self && generation == self->m_generation)
            self->onKey(l.key, l.source);
    });
}

void ConnectionCheck::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (m_deleting)
        return;   // the delete in flight finishes the check
    if (!m_sandboxId.isEmpty()) {
        // The exec in flight finishes Cancelled; its handler then deletes the sandbox.
        m_backend->cancel(m_sandboxId);
        return;
    }
    const bool createInFlight = !m_results.isEmpty() && m_results.constLast().step == Step::ReachApi && m_results.constLast().ok;
    if (createInFlight)
        return;   // the create's handler deletes what it made, then finishes Cancelled
    ++m_generation;   // drop the answer of the step in flight: there is nothing to clean up
    finish(Result::Cancelled);
}

void ConnectionCheck::step(Step s, bool ok, const QString &detail)
{
    StepResult r;
    r.step = s;
    r.ok = ok;
    r.ms = m_clock.elapsed();
    r.detail = detail;
    m_results.append(r);
    m_clock.restart();
    Q_EMIT stepFinished(r);
}

void ConnectionCheck::finish(Result result)
{
    m_running = false;
    if (m_backend)
        m_backend.release()->deleteLater();   // we may be inside one of its own callbacks
    Q_EMIT finished(result);
}

void ConnectionCheck::onKey(const QString &key, const QString &source)
{
    if (m_cancelled)
        return finish(Result::Cancelled);
    if (key.isEmpty()) {
        step(Step::ApiKey, false, tr("none set: run `mrp key set` or set DAYTONA_API_KEY"));
        return finish(Result::Refused);
    }
    step(Step::ApiKey, true, tr("found (%1)").arg(source));
    DaytonaConfig cfg;
    cfg.apiUrl = m_apiUrl.isEmpty() ? DaytonaConfig::apiUrlFromEnvironment() : m_apiUrl;
    cfg.apiKey = key;
    m_backend = std::make_unique<DaytonaBackend>(cfg, DaytonaBackend::Options{});
    const QString cfgError = m_backend->client()->configError();
    if (!cfgError.isEmpty()) {
        step(Step::ApiUrl, false, cfgError);
        return finish(Result::Refused);
    }
    step(Step::ApiUrl, true, m_backend->client()->config().apiUrl.toString());
    reachApi();
}

void ConnectionCheck::reachApi()
{
    whenDone(m_backend->list({{QStringLiteral("mrp.owner"), installId()}}), [this](const Outcome<QList<SandboxInfo>> &listed) {
        if (m_cancelled)
            return finish(Result::Cancelled);
        if (!listed.ok()) {
            step(Step::ReachApi, false, listed.error.message);
            return finish(Result::Failed);
        }
        step(Step::ReachApi, true, tr("%n sandbox(es) of ours exist", nullptr, int(listed.value.size())));
        createSandbox();
    });
}

void ConnectionCheck::createSandbox()
{
    SandboxSpec spec;
    spec.runId = QStringLiteral("doctor-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    spec.ownerId = installId();
    spec.autoStopMinutes = 5;
    spec.autoDeleteMinutes = 0;
    whenDone(m_backend->create(spec), [this](const Outcome<SandboxInfo> &created) {
        if (!created.ok()) {
            step(Step::CreateSandbox, false, created.error.message);
            return finish(m_cancelled ? Result::Cancelled : Result::Failed);
        }
        m_sandboxId = created.value.id;
        step(Step::CreateSandbox, true, m_sandboxId);
        if (m_cancelled)
            return deleteSandbox(Result::Cancelled);
        runHelloWorld();
    });
}

void ConnectionCheck::runHelloWorld()
{
    ExecRequest req;
    req.argv = {QStringLiteral("python3"), QStringLiteral("-c"), QStringLiteral("print('hello from mrp')")};
    req.timeoutSec = 60;
    whenDone(m_backend->exec(m_sandboxId, req), [this](const Outcome<ExecResult> &ran) {
        const bool ok = ran.ok() && ran.value.exitCode == 0 && ran.value.stdoutData.trimmed() == "hello from mrp";
        step(Step::RunHelloWorld, ok,
             !ran.ok() ? ran.error.message
                       : tr("exit %1: %2").arg(ran.value.exitCode).arg(QString::fromUtf8(ran.value.stdoutData + ran.value.stderrData).trimmed().left(200)));
        deleteSandbox(m_cancelled ? Result::Cancelled : ok ? Result::Ok : Result::Failed);
    });
}

void ConnectionCheck::deleteSandbox(Result after)
{
    m_deleting = true;
    whenDone(m_backend->destroy(m_sandboxId), [this, after](const SandboxError &e) {
        m_deleting = false;
        step(Step::DeleteSandbox, e.ok(), e.ok() ? tr("gone (404 confirmed)") : e.message);
        if (e.ok())
            m_sandboxId.clear();
        finish(after == Result::Ok && !e.ok() ? Result::Failed : after);
    });
}

} // namespace mrp
