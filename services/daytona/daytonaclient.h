// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// DaytonaClient: makes the jobs for the Daytona REST API (docs/daytona-api.md) over one
// DaytonaAccessManager. It knows URLs, verbs, bodies and which calls are retry-safe; it holds
// no sandbox state (DaytonaBackend does).
//
// Every factory returns a new, not yet started job parented to the client; the caller
// connects finished(), calls start() and deleteLater()s the job when done. Jobs for URLs that
// are neither https:// nor loopback finish with a clear refusal instead of sending the key.
//
// Thread: the thread that created it. The access manager is owned by the client unless one
// is injected (tests inject a fake; it must outlive the client).

#include "daytona/daytonaaccessmanager.h"
#include "daytona/daytonajobs.h"

#include <QJsonObject>
#include <QMap>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>

namespace mrp {

struct DaytonaConfig {
    QUrl apiUrl = QUrl(QStringLiteral("https://app.daytona.io/api"));
    QString apiKey;
    int transferTimeoutMs = 30000;
    int connectionsPerHost = 64;
    int execSlackMs = 15000;     // an execute's idle timeout = its command timeout + this
    RetryPolicy retry;

    // DAYTONA_API_URL (else the default above); the key is not read here.
    static QUrl apiUrlFromEnvironment();
};

class DaytonaClient : public QObject
{
    Q_OBJECT
public:
    explicit DaytonaClient(const DaytonaConfig &config, DaytonaAccessManager *nam = nullptr,
                           QObject *parent = nullptr);
    ~DaytonaClient() override;

    const DaytonaConfig &config() const { return m_config; }
    DaytonaAccessManager *accessManager() const { return m_nam; }
    // Empty when the API URL may be used; otherwise why not (translated).
    QString configError() const;

    // Main API (relative to apiUrl).
    JsonApiJob *createSandbox(const QJsonObject &body, bool retrySafe);
    JsonApiJob *getSandbox(const QString &idOrName);
    JsonApiJob *deleteSandbox(const QString &idOrName);
    JsonApiJob *listSandboxes(const QMap<QString, QString> &labels, const QString &cursor, int limit = 100);
    JsonApiJob *getToolboxProxyUrl(const QString &sandboxId);

    // Toolbox (relative to <toolboxProxyUrl>/<sandboxId>, docs/daytona-api.md §4.2).
    static QUrl toolboxUrl(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &path,
                           const QList<QPair<QString, QString>> &query = {});
    // POST /process/execute with an explicit timeout; the transfer timeout is stretched past it.
    JsonApiJob *execute(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &command,
                        const QMap<QString, QString> &envs, int timeoutSec, bool retrySafe);
    UploadJob *upload(const QString &toolboxProxyUrl, const QString &sandboxId, const QList<UploadJob::File> &files);
    DownloadJob *download(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &remotePath,
                          const QString &localPath, const QString &expectedSha256 = {}, qint64 maxBytes = 0);
    // DELETE /files?path=<p>&recursive=true: the daemon removes a file or a whole tree itself.
    JsonApiJob *deletePath(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &path);
    // Sessions (docs/daytona-api.md §5.5): live output by polling the logs.
    JsonApiJob *createSession(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &sessionId);
    JsonApiJob *sessionExecAsync(const QString &toolboxProxyUrl, const QString &sandboxId,
                                 const QString &sessionId, const QString &command);
    JsonApiJob *sessionCommand(const QString &toolboxProxyUrl, const QString &sandboxId,
                               const QString &sessionId, const QString &cmdId);
    JsonApiJob *sessionLogs(const QString &toolboxProxyUrl, const QString &sandboxId,
                            const QString &sessionId, const QString &cmdId);
    // The same logs followed live over a WebSocket (docs/daytona-api.md §5.5): the handshake request, with
    // this client's headers, for a LogFollower.
    QNetworkRequest sessionLogsStreamRequest(const QString &toolboxProxyUrl, const QString &sandboxId,
                                             const QString &sessionId, const QString &cmdId) const;
    JsonApiJob *deleteSession(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &sessionId);

Q_SIGNALS:
    // The API's rate limits at work, for the run log and the user (docs/daytona-api.md §7.2):
    // a 429 that one of this client's calls got (the server asked for waitMs, -1 unknown), and
    // a call held back by the pacer for waitMs to stay within the budget.
    void rateLimited(const QString &throttler, int waitMs, const QString &what);
    void paced(const QString &throttler, qint64 waitMs, const QString &what);

private:
    QUrl apiEndpoint(const QString &path) const;
    void prepare(ApiJob *job, bool retrySafe);

    DaytonaConfig m_config;
    DaytonaAccessManager *m_nam;
};

} // namespace mrp
