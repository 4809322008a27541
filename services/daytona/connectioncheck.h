// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// ConnectionCheck: the Daytona setup checked end to end, one timed step at a time — the API
// key, the API URL, reaching the API, creating a sandbox, running hello-world in it, deleting
// it (confirmed gone). `mrp doctor` prints the steps; the Settings dialog's "Test connection"
// lists them.
//
// Asynchronous: start() returns at once; each step reports through stepFinished() on the
// object's thread, then finished() once. No waitFor*, no nested event loops. cancel() stops
// after the step in flight; a sandbox already created is still deleted (that step is reported)
// before finished(Cancelled). Step times are wall-clock milliseconds from the previous step's
// end (the first from start()).
//
// Threading: one thread (the one it lives on). The secret store, when set, is not owned and
// must outlive the check.

#include "daytona/daytonabackend.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace mrp {

class SecretStore;

class ConnectionCheck : public QObject
{
    Q_OBJECT
public:
    enum class Step {
        ApiKey,
        ApiUrl,
        ReachApi,
        CreateSandbox,
        RunHelloWorld,
        DeleteSandbox,
    };
    Q_ENUM(Step)

    enum class Result {
        Ok,         // every step passed
        Refused,    // no API key, or an API URL that may not be used (nothing was sent)
        Failed,     // a step failed (the sandbox, if any, was deleted)
        Cancelled,  // cancel() was called
    };
    Q_ENUM(Result)

    struct StepResult {
        Step step = Step::ApiKey;
        bool ok = false;
        qint64 ms = 0;
        QString detail;   // translated; never the API key
    };

    explicit ConnectionCheck(QObject *parent = nullptr);
    ~ConnectionCheck() override;

    // Where the key comes from: DAYTONA_API_KEY, else `store` under the profile's key name.
    void setSecretStore(SecretStore *store) { m_store = store; }
    void setProfile(const QString &profile) { m_profile = profile; }
    // Empty = DaytonaConfig::apiUrlFromEnvironment().
    void setApiUrl(const QUrl &url) { m_apiUrl = url; }

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    QList<StepResult> results() const { return m_results; }

    // "API key", "reach API", "create sandbox"... (translated).
    static QString stepName(Step step);

Q_SIGNALS:
    void stepFinished(const mrp::ConnectionCheck::StepResult &result);
    void finished(mrp::ConnectionCheck::Result result);

private:
    void onKey(const QString &key, const QString &source);
    void reachApi();
    void createSandbox();
    void runHelloWorld();
    void deleteSandbox(Result after);
    void step(Step s, bool ok, const QString &detail);
    void finish(Result result);
    template<typename T, typename F>
    void whenDone(const QFuture<T> &future, F fn);

    SecretStore *m_store = nullptr;
    QString m_profile = QStringLiteral("daytona");
    QUrl m_apiUrl;
    std::unique_ptr<DaytonaBackend> m_backend;
    QString m_sandboxId;
    QList<StepResult> m_results;
    QElapsedTimer m_clock;
    quint64 m_generation = 0;   // answers of an earlier start() are dropped
    bool m_running = false;
    bool m_cancelled = false;
    bool m_deleting = false;
};

} // namespace mrp

Q_DECLARE_METATYPE(mrp::ConnectionCheck::StepResult)
