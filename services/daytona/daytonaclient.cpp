// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/daytonaclient.h"

#include "daytona/daytonareplies.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace mrp {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString pathPart(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

// Every value fully percent-encoded: label JSON carries '&', '=', '+' and quotes.
QString encodeQuery(const QList<QPair<QString, QString>> &items)
{
    QStringList parts;
    for (const auto &[k, v] : items)
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v)));
    return parts.join(u'&');
}

} // namespace

QUrl DaytonaConfig::apiUrlFromEnvironment()
{
    const QString env = qEnvironmentVariable("DAYTONA_API_URL");
    if (!env.isEmpty())
        return QUrl(env);
    return QUrl(u"https://app.daytona.io/api"_s);
}

DaytonaClient::DaytonaClient(const DaytonaConfig &config, DaytonaAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_nam(nam ? nam : new DaytonaAccessManager(this))
{
    m_nam->setApiKey(m_config.apiKey);
    m_nam->setConnectionsPerHost(m_config.connectionsPerHost);
}

DaytonaClient::~DaytonaClient() = default;

QString DaytonaClient::configError() const
{
    QString why;
    if (!ApiJob::isAllowedUrl(m_config.apiUrl, &why))
        return tr("The Daytona API URL cannot be used: %1").arg(why);
    if (m_config.apiKey.isEmpty())
        return tr("No Daytona API key is set. Set one with `mrp key set` or DAYTONA_API_KEY.");
    return {};
}

QUrl DaytonaClient::apiEndpoint(const QString &path) const
{
    QUrl u = m_config.apiUrl;
    QString base = u.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    u.setPath(base + path, QUrl::TolerantMode);
    return u;
}

void DaytonaClient::prepare(ApiJob *job, bool retrySafe)
{
    job->setRetryPolicy(m_config.retry);
    job->setTransferTimeoutMs(m_config.transferTimeoutMs);
    job->setRetrySafe(retrySafe);
    connect(job, &ApiJob::rateLimited, this, [this](ApiJob *j, int retryAfterMs) {
        Q_EMIT rateLimited(j->throttler(), retryAfterMs, j->what());
    });
    connect(job, &ApiJob::paced, this, [this](ApiJob *j, const QString &throttler, qint64 waitMs) {
        Q_EMIT paced(throttler, waitMs, j->what());
    });
}

JsonApiJob *DaytonaClient::createSandbox(const QJsonObject &body, bool retrySafe)
{
    auto *job = new JsonApiJob(m_nam, "POST", apiEndpoint(u"/sandbox"_s), tr("create a sandbox"), this);
    job->setJsonBody(compact(body));
    prepare(job, retrySafe);
    job->setApiRoot(m_config.apiUrl);
    // The server blocks up to 30 s waiting for the sandbox to start (docs/daytona-api.md §2.2).
    job->setTransferTimeoutMs(qMax(m_config.transferTimeoutMs, 45000));
    job->setValidator([](const QByteArray &b, QString *e) {
        daytona::SandboxDto dto;
        return daytona::parseSandbox(b, &dto, e);
    });
    return job;
}

JsonApiJob *DaytonaClient::getSandbox(const QString &idOrName)
{
    auto *job = new JsonApiJob(m_nam, "GET", apiEndpoint(u"/sandbox/"_s + pathPart(idOrName)),
                               tr("read the state of sandbox %1").arg(idOrName), this);
    prepare(job, true);
    job->setValidator([](const QByteArray &b, QString *e) {
        daytona::SandboxDto dto;
        return daytona::parseSandbox(b, &dto, e);
    });
    return job;
}

JsonApiJob *DaytonaClient::deleteSandbox(const QString &idOrName)
{
    auto *job = new JsonApiJob(m_nam, "DELETE", apiEndpoint(u"/sandbox/"_s + pathPart(idOrName)),
                               tr("delete sandbox %1").arg(idOrName), this);
    prepare(job, true);
    return job;
}

JsonApiJob *DaytonaClient::listSandboxes(const QMap<QString, QString> &labels, const QString &cursor, int limit)
{
    QUrl url = apiEndpoint(u"/sandbox"_s);
    QList<QPair<QString, QString>> query;
    if (!labels.isEmpty()) {
        QJsonObject o;
        for (auto it = labels.begin(); it != labels.end(); ++it)
            o.insert(it.key(), it.value());
        query.append({u"labels"_s, QString::fromUtf8(compact(o))});
    }
    query.append({u"limit"_s, QString::number(qBound(1, limit, 200))});
    if (!cursor.isEmpty())
        query.append({u"cursor"_s, cursor});
    url.setQuery(encodeQuery(query), QUrl::StrictMode);
    auto *job = new JsonApiJob(m_nam, "GET", url, tr("list sandboxes"), this);
    prepare(job, true);
    job->setApiRoot(m_config.apiUrl);
    job->setValidator([](const QByteArray &b, QString *e) {
        daytona::SandboxPage page;
        return daytona::parseSandboxPage(b, &page, e);
    });
    return job;
}

JsonApiJob *DaytonaClient::getToolboxProxyUrl(const QString &sandboxId)
{
    auto *job = new JsonApiJob(m_nam, "GET", apiEndpoint(u"/sandbox/"_s + pathPart(sandboxId) + u"/toolbox-proxy-url"_s),
                               tr("locate the toolbox of sandbox %1").arg(sandboxId), this);
    prepare(job, true);
    job->setValidator([](const QByteArray &b, QString *e) {
        QString url;
        return daytona::parseToolboxProxyUrl(b, &url, e);
    });
    return job;
}

QUrl DaytonaClient::toolboxUrl(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &path,
                               const QList<QPair<QString, QString>> &query)
{
    QString base = toolboxProxyUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    QUrl url(base + u'/' + pathPart(sandboxId) + path, QUrl::StrictMode);
    if (!query.isEmpty())
        url.setQuery(encodeQuery(query), QUrl::StrictMode);
    return url;
}

JsonApiJob *DaytonaClient::execute(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &command,
                                   const QMap<QString, QString> &envs, int timeoutSec, bool retrySafe)
{
    QJsonObject body{{u"command"_s, command}, {u"timeout"_s, qMax(1, timeoutSec)}};
    if (!envs.isEmpty()) {
        QJsonObject e;
        for (auto it = envs.begin(); it != envs.end(); ++it)
            e.insert(it.key(), it.value());
        body.insert(u"envs"_s, e);
    }
    auto *job = new JsonApiJob(m_nam, "POST", toolboxUrl(toolboxProxyUrl, sandboxId, u"/process/execute"_s),
                               tr("run a command in sandbox %1").arg(sandboxId), this);
    job->setJsonBody(compact(body));
    prepare(job, retrySafe);
    // The reply only comes when the command ends: the idle timeout must outlast it.
    job->setTransferTimeoutMs(qMax(m_config.transferTimeoutMs, timeoutSec * 1000 + m_config.execSlackMs));
    job->setValidator([](const QByteArray &b, QString *e) {
        daytona::ExecReply r;
        return daytona::parseExecReply(b, &r, e);
    });
    return job;
}

UploadJob *DaytonaClient::upload(const QString &toolboxProxyUrl, const QString &sandboxId, const QList<UploadJob::File> &files)
{
    auto *job = new UploadJob(m_nam, toolboxUrl(toolboxProxyUrl, sandboxId, u"/files/bulk-upload"_s), files, this);
    prepare(job, true);
    return job;
}

DownloadJob *DaytonaClient::download(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &remotePath,
                                     const QString &localPath, const QString &expectedSha256, qint64 maxBytes)
{
    auto *job = new DownloadJob(m_nam, toolboxUrl(toolboxProxyUrl, sandboxId, u"/files/download"_s, {{u"path"_s, remotePath}}),
                                localPath, expectedSha256, maxBytes, this);
    prepare(job, true);
    return job;
}

JsonApiJob *DaytonaClient::createSession(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &sessionId)
{
    auto *job = new JsonApiJob(m_nam, "POST", toolboxUrl(toolboxProxyUrl, sandboxId, u"/process/session"_s),
                               tr("open a session in sandbox %1").arg(sandboxId), this);
    job->setJsonBody(compact(QJsonObject{{u"sessionId"_s, sessionId}}));
    prepare(job, false);
    return job;
}

JsonApiJob *DaytonaClient::sessionExecAsync(const QString &toolboxProxyUrl, const QString &sandboxId,
                                            const QString &sessionId, const QString &command)
{
    auto *job = new JsonApiJob(m_nam, "POST",
                               toolboxUrl(toolboxProxyUrl, sandboxId, u"/process/session/"_s + pathPart(sessionId) + u"/exec"_s),
                               tr("start a command in sandbox %1").arg(sandboxId), this);
    job->setJsonBody(compact(QJsonObject{{u"command"_s, command}, {u"runAsync"_s, true}, {u"async"_s, true}}));
    prepare(job, false);
    job->setValidator([](const QByteArray &b, QString *e) {
        QString id;
        return daytona::parseSessionExec(b, &id, e);
    });
    return job;
}

JsonApiJob *DaytonaClient::sessionCommand(const QString &toolboxProxyUrl, const QString &sandboxId,
                                          const QString &sessionId, const QString &cmdId)
{
    auto *job = new JsonApiJob(m_nam, "GET",
                               toolboxUrl(toolboxProxyUrl, sandboxId,
                                          u"/process/session/"_s + pathPart(sessionId) + u"/command/"_s + pathPart(cmdId)),
                               tr("read a command's state in sandbox %1").arg(sandboxId), this);
    prepare(job, true);
    job->setValidator([](const QByteArray &b, QString *e) {
        daytona::SessionCommand c;
        return daytona::parseSessionCommand(b, &c, e);
    });
    return job;
}

QNetworkRequest DaytonaClient::sessionLogsStreamRequest(const QString &toolboxProxyUrl, const QString &sandboxId,
                                                        const QString &sessionId, const QString &cmdId) const
{
    const QUrl url = toolboxUrl(toolboxProxyUrl, sandboxId,
                                u"/process/session/"_s + pathPart(sessionId) + u"/command/"_s + pathPart(cmdId) + u"/logs"_s,
                                {{u"follow"_s, u"true"_s}});
    return m_nam->decorate(QNetworkRequest(url));
}

JsonApiJob *DaytonaClient::sessionLogs(const QString &toolboxProxyUrl, const QString &sandboxId,
                                       const QString &sessionId, const QString &cmdId)
{
    auto *job = new JsonApiJob(m_nam, "GET",
                               toolboxUrl(toolboxProxyUrl, sandboxId,
                                          u"/process/session/"_s + pathPart(sessionId) + u"/command/"_s + pathPart(cmdId) + u"/logs"_s),
                               tr("read a command's output in sandbox %1").arg(sandboxId), this);
    prepare(job, true);
    return job;
}

JsonApiJob *DaytonaClient::deletePath(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &path)
{
    auto *job = new JsonApiJob(m_nam, "DELETE",
                               toolboxUrl(toolboxProxyUrl, sandboxId, u"/files"_s, {{u"path"_s, path}, {u"recursive"_s, u"true"_s}}),
                               tr("remove %1 in sandbox %2").arg(path, sandboxId), this);
    prepare(job, true);
    return job;
}

JsonApiJob *DaytonaClient::deleteSession(const QString &toolboxProxyUrl, const QString &sandboxId, const QString &sessionId)
{
    auto *job = new JsonApiJob(m_nam, "DELETE",
                               toolboxUrl(toolboxProxyUrl, sandboxId, u"/process/session/"_s + pathPart(sessionId)),
                               tr("close a session in sandbox %1").arg(sandboxId), this);
    prepare(job, true);
    return job;
}

} // namespace mrp
