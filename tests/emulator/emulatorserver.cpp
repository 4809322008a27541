// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The emulator core: request intake, auth, fault injection, in-flight accounting and the main
// API (/api/sandbox...). The toolbox lives in emulatortoolbox.cpp.
#include "emulatorserver.h"
#include "emulatorserver_p.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

#include <ctime>
#include <limits>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEmu, "mrp.emulator")

namespace mrp::emu {

EmulatorServer::EmulatorServer(const EmulatorOptions &options, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_options(options)
    , m_rng(options.seed)
{
    m_clock.start();
    m_runtime = new EmulatorRuntime(options.baseDir, options.localRuntime, options.sandboxNiceness, this);
}

QString EmulatorServer::runtimeDescription() const
{
    return m_runtime->description();
}

EmulatorServer::~EmulatorServer()
{
    qDeleteAll(m_sandboxes);
}

bool EmulatorServer::listen(quint16 port)
{
    m_tcp = new SandboxTcpServer(this);
    if (!m_tcp->listen(QHostAddress::LocalHost, port))
        return false;
    setUpLogStreaming();
    return bind(m_tcp);
}

QUrl EmulatorServer::apiUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/api"_s.arg(m_tcp ? m_tcp->serverPort() : 0));
}

static QJsonValue limitJson(const ThrottleConfig &c)
{
    if (!c.enabled())
        return QJsonValue::Null;
    return QJsonObject{{u"limit"_s, c.limit}, {u"windowMs"_s, c.windowMs}};
}

QJsonObject EmulatorServer::stats() const
{
    return QJsonObject{
        {u"requests"_s, m_requests},
        {u"downloads"_s, m_downloads},
        {u"inFlight"_s, m_inFlight},
        {u"maxInFlight"_s, m_maxInFlight},
        {u"liveSandboxes"_s, liveCount()},
        {u"created"_s, m_created},
        {u"deleted"_s, m_deleted},
        {u"runningCommands"_s, m_runtime->running()},
        {u"spawnMsTotal"_s, m_runtime->spawnNsTotal() / 1000000},
        {u"spawnMsMax"_s, double(m_runtime->spawnNsMax()) / 1e6},
        {u"execTiming"_s, QJsonObject{{u"count"_s, m_runtime->timing().count},
                                      {u"queueMs"_s, m_runtime->timing().queueMs},
                                      {u"spawnMs"_s, m_runtime->timing().spawnMs},
                                      {u"runMs"_s, m_runtime->timing().runMs},
                                      {u"deliverMs"_s, m_runtime->timing().deliverMs}}},
        {u"injected5xx"_s, m_injected5xx},
        {u"injected429"_s, m_injected429},
        {u"drops"_s, m_drops},
        {u"hungExecs"_s, m_hangs},
        {u"createFailures"_s, m_createFails},
        {u"quotaRefusals"_s, m_quotaHits},
        {u"quotaRefusalsBy"_s, QJsonObject{{u"cpu"_s, m_quotaByKind.value("cpu")},
                                           {u"memory"_s, m_quotaByKind.value("memory")},
                                           {u"disk"_s, m_quotaByKind.value("disk")}}},
        {u"throttled"_s, QJsonObject{{QLatin1StringView(kThrottleAuthenticated), m_throttled.value(kThrottleAuthenticated)},
                                     {QLatin1StringView(kThrottleCreate), m_throttled.value(kThrottleCreate)},
                                     {QLatin1StringView(kThrottleLifecycle), m_throttled.value(kThrottleLifecycle)}}},
        {u"limits"_s, QJsonObject{
            {QLatin1StringView(kThrottleAuthenticated), limitJson(m_options.authLimit)},
            {QLatin1StringView(kThrottleCreate), limitJson(m_options.createLimit)},
            {QLatin1StringView(kThrottleLifecycle), limitJson(m_options.lifecycleLimit)},
            {u"cpu"_s, m_options.resourceQuota.cpu},
            {u"memoryGiB"_s, m_options.resourceQuota.memoryGiB},
            {u"diskGiB"_s, m_options.resourceQuota.diskGiB}}},
        {u"redirects"_s, m_redirects},
        {u"truncatedReplies"_s, m_truncated},
        {u"cutCreateReplies"_s, m_cutCreates},
        {u"logStreams"_s, m_logStreams},
        // The emulator's own processor time (POSIX: user + system of this process).
        {u"cpuMs"_s, qint64(double(std::clock()) * 1000.0 / CLOCKS_PER_SEC)},
    };
}

bool EmulatorServer::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    auto p = std::make_shared<Pending>(std::move(responder));
    p->method = request.method();
    p->url = request.url();
    p->query = request.query();
    p->body = request.body();
    p->headers = request.headers();
    p->peerPort = request.remotePort();
    const QByteArray version = p->header("X-Daytona-SDK-Version");
    if (version.isEmpty()) {
        p->modernShapes = p->header("X-Daytona-Split-Output") == "true";
    } else {
        const QList<QByteArray> v = version.split('.');
        p->modernShapes = version.contains("dev")
            || (v.size() >= 2 && (v[0].toInt() > 0 || v[1].toInt() >= 167));
    }
    ++m_requests;
    ++m_inFlight;
    m_maxInFlight = qMax(m_maxInFlight, m_inFlight);
    reap();
    dispatch(p);
    return true;
}

void EmulatorServer::missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder)
{
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

void EmulatorServer::later(int ms, std::function<void()> fn)
{
    if (ms <= 0)
        fn();
    else
        QTimer::singleShot(ms, this, std::move(fn));
}

void EmulatorServer::reply(const PendingPtr &p, int status, const QByteArray &body, const QByteArray &contentType,
                           const QHttpHeaders &extra)
{
    if (p->done)
        return;
    p->done = true;
    --m_inFlight;
    QHttpHeaders h = p->rateHeaders;
    for (qsizetype i = 0; i < extra.size(); ++i)
        h.append(extra.nameAt(i), extra.valueAt(i).toByteArray());
    if (!contentType.isEmpty())
        h.append(QHttpHeaders::WellKnownHeader::ContentType, contentType);
    const QByteArray rid = p->header("X-Request-ID");
    if (!rid.isEmpty())
        h.append("X-Request-ID", rid);
    if (maybeTruncate(p, status, body, h))
        return;
    QByteArray sent = body;
    if (m_options.cutCreateRate > 0 && status == 200 && p->method == QHttpServerRequest::Method::Post
        && p->url.path() == "/api/sandbox"_L1 && m_rng.generateDouble() < m_options.cutCreateRate) {
        // A complete reply (its Content-Length matches) whose JSON stops halfway: the sandbox
        // exists, but the client cannot read its id from the reply.
        sent = body.left(body.size() / 2);
        ++m_cutCreates;
    }
    p->responder.write(sent, h, QHttpServerResponder::StatusCode(status));
    // Release the responder now: while one is alive, its connection serves no next request.
    QHttpServerResponder released = std::move(p->responder);
}

void EmulatorServer::replyJson(const PendingPtr &p, int status, const QJsonValue &json, const QHttpHeaders &extra)
{
    const QByteArray body = json.isArray() ? QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact)
                                           : QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact);
    reply(p, status, body, "application/json; charset=utf-8", extra);
}

static QString reasonPhrase(int status)
{
    switch (status) {
    case 301: return u"Moved Permanently"_s;
    case 302: return u"Found"_s;
    case 303: return u"See Other"_s;
    case 307: return u"Temporary Redirect"_s;
    case 308: return u"Permanent Redirect"_s;
    case 400: return u"Bad Request"_s;
    case 401: return u"Unauthorized"_s;
    case 403: return u"Forbidden"_s;
    case 404: return u"Not Found"_s;
    case 408: return u"Request Timeout"_s;
    case 409: return u"Conflict"_s;
    case 429: return u"Too Many Requests"_s;
    case 502: return u"Bad Gateway"_s;
    case 503: return u"Service Unavailable"_s;
    default: return u"Internal Server Error"_s;
    }
}

void EmulatorServer::apiError(const PendingPtr &p, int status, const QString &message, const QHttpHeaders &extra)
{
    // Like the server's exception filter: `path` is the request's URL, query included.
    replyJson(p, status, QJsonObject{
        {u"path"_s, QString::fromLatin1(p->url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment))},
        {u"timestamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"statusCode"_s, status},
        {u"error"_s, reasonPhrase(status)},
        {u"message"_s, message},
    }, extra);
}

void EmulatorServer::toolboxError(const PendingPtr &p, int status, const QString &message, const QByteArray &code)
{
    QString path = p->url.path();
    const qsizetype at = path.indexOf(u'/', u"/toolbox/"_s.size());
    if (at > 0)
        path = path.mid(at);
    replyJson(p, status, QJsonObject{
        {u"statusCode"_s, status},
        {u"message"_s, message},
        {u"code"_s, QString::fromLatin1(code)},
        {u"timestamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"path"_s, path},
        {u"method"_s, QString::fromLatin1(p->verb())},
    });
}

void EmulatorServer::drop(const PendingPtr &p)
{
    ++m_drops;
    p->done = true;
    --m_inFlight;
    if (QTcpSocket *s = m_tcp->socketForPeerPort(p->peerPort))
        s->abort();
}

void EmulatorServer::dispatch(const PendingPtr &p)
{
    const QStringList segs = p->url.path().split(u'/', Qt::SkipEmptyParts);
    if (segs.size() >= 2 && segs[0] == "api"_L1 && segs[1] == "emulator"_L1) {
        if (segs.size() == 4 && segs[3] == "reset"_L1) {
            m_maxInFlight = m_inFlight;
            m_requests = 0;
            m_downloads = 0;
        }
        if (segs.size() == 4 && segs[2] == "faults"_L1 && segs[3] == "off"_L1) {
            // The injected faults stop (the server's own rules stay): what a run left behind
            // can then be cleaned up as a user would, once the service behaves again.
            m_options.fail5xxRate = 0;
            m_options.burst429 = 0;
            m_options.dropRate = 0;
            m_options.hangExecRate = 0;
            m_options.slowStartMs = 0;
            m_options.createFailRate = 0;
            m_options.redirectCreate = 0;
            m_options.redirectDelete = 0;
            m_options.truncateRate = 0;
            m_options.cutCreateRate = 0;
        }
        replyJson(p, 200, stats());
        return;
    }
    const bool api = !segs.isEmpty() && segs[0] == "api"_L1;
    const bool toolbox = !segs.isEmpty() && segs[0] == "toolbox"_L1;
    if (!api && !toolbox) {
        reply(p, 404, {}, {});
        return;
    }
    const QByteArray auth = p->header("Authorization");
    if (!auth.startsWith("Bearer ") || auth.mid(7).trimmed().isEmpty()) {
        if (api)
            apiError(p, 401, u"Invalid credentials"_s);
        else
            toolboxError(p, 401, u"unauthorized: authentication failed: missing bearer token"_s, "UNAUTHORIZED");
        return;
    }
    p->org = QString::fromUtf8(auth.mid(7).trimmed());

    // Faults, drawn in a fixed order from the seeded generator.
    ++m_faultable;
    if (m_options.dropRate > 0 && m_rng.generateDouble() < m_options.dropRate) {
        drop(p);
        return;
    }
    if (m_options.burst429 > 0) {
        if (m_burstLeft == 0 && m_faultable % qMax(1, m_options.burstEvery) == 0)
            m_burstLeft = m_options.burst429;
        if (m_burstLeft > 0) {
            --m_burstLeft;
            ++m_injected429;
            const char *name = api ? throttlerFor(p, segs) : nullptr;
            const QByteArray bucket = name ? name : kThrottleAuthenticated;
            // A refused call carries only Retry-After-<name>, like the server's.
            QHttpHeaders h;
            h.append("Retry-After-" + bucket, QByteArray::number(m_options.retryAfterS));
            if (api)
                apiError(p, 429, u"ThrottlerException: Too Many Requests"_s, h);
            else
                replyJson(p, 429, QJsonObject{{u"statusCode"_s, 429}, {u"message"_s, u"too many requests"_s}, {u"code"_s, u"TOO_MANY_REQUESTS"_s}}, h);
            return;
        }
    }
    if (m_options.fail5xxRate > 0 && m_rng.generateDouble() < m_options.fail5xxRate) {
        ++m_injected5xx;
        const int status = (m_injected5xx % 2) ? 503 : 502;
        if (api)
            apiError(p, status, u"Injected failure"_s);
        else
            toolboxError(p, status, u"bad gateway: injected failure"_s, "BAD_GATEWAY");
        return;
    }

    if (api) {
        if (maybeRedirect(p))
            return;
        // Guards run before the route's own checks: a refused call never reaches them.
        if (!throttle(p, segs))
            return;
        handleApi(p, segs.mid(1));
        return;
    }
    // /toolbox/{id}/...
    if (segs.size() < 3) {
        toolboxError(p, 400, u"bad request: malformed toolbox path"_s, "BAD_REQUEST");
        return;
    }
    Sandbox *sb = m_sandboxes.value(segs[1]);
    if (!sb || stateOf(*sb) == "destroyed"_L1) {
        toolboxError(p, 404, u"not found: sandbox not found"_s, "NOT_FOUND");
        return;
    }
    if (stateOf(*sb) != "started"_L1) {
        toolboxError(p, 409, u"conflict: sandbox is not started (%1)"_s.arg(stateOf(*sb)), "CONFLICT");
        return;
    }
    const QString id = sb->id;
    const QStringList rest = segs.mid(2);
    later(m_options.callLatencyMs, [this, p, id, rest] {
        Sandbox *s = m_sandboxes.value(id);
        if (!s || stateOf(*s) != "started"_L1) {
            toolboxError(p, 404, u"not found: sandbox not found"_s, "NOT_FOUND");
            return;
        }
        handleToolbox(p, s, rest);
    });
}

const char *EmulatorServer::throttlerFor(const PendingPtr &p, const QStringList &segs)
{
    // Which throttler guards the route (apps/api/src/sandbox/controllers/sandbox.controller.ts:
    // create and fork declare `sandbox-create`, the lifecycle calls `sandbox-lifecycle`, both
    // skip `authenticated`; every other sandbox route counts against `authenticated`).
    using M = QHttpServerRequest::Method;
    if (segs.size() < 2 || segs[0] != "api"_L1 || segs[1] != "sandbox"_L1)
        return nullptr;
    static const QStringList lifecycleActions{u"start"_s, u"stop"_s, u"pause"_s, u"resize"_s, u"archive"_s, u"recover"_s};
    if ((segs.size() == 2 && p->method == M::Post) || (segs.size() == 4 && segs[3] == "fork"_L1 && p->method == M::Post))
        return kThrottleCreate;
    if ((segs.size() == 3 && p->method == M::Delete)
        || (segs.size() == 4 && p->method == M::Post && lifecycleActions.contains(segs[3])))
        return kThrottleLifecycle;
    return kThrottleAuthenticated;
}

bool EmulatorServer::throttle(const PendingPtr &p, const QStringList &segs)
{
    const char *name = throttlerFor(p, segs);
    if (!name)
        return true;
    const ThrottleConfig *config = name == kThrottleCreate ? &m_options.createLimit
        : name == kThrottleLifecycle                       ? &m_options.lifecycleLimit
                                                           : &m_options.authLimit;
    if (!config->enabled())
        return true;
    const ThrottleOutcome o = m_throttles[QByteArray(name)][p->org].hit(m_clock.elapsed(), *config);
    const QByteArray suffix = QByteArray("-") + name;
    if (o.blocked) {
        m_throttled[QByteArray(name)] += 1;
        QHttpHeaders h;
        h.append("Retry-After" + suffix, QByteArray::number(headerSeconds(o.timeToBlockExpireMs)));
        apiError(p, 429, u"ThrottlerException: Too Many Requests"_s, h);
        return false;
    }
    p->rateHeaders.append("X-RateLimit-Limit" + suffix, QByteArray::number(config->limit));
    p->rateHeaders.append("X-RateLimit-Remaining" + suffix, QByteArray::number(qMax<qint64>(0, config->limit - o.totalHits)));
    p->rateHeaders.append("X-RateLimit-Reset" + suffix, QByteArray::number(headerSeconds(o.timeToExpireMs)));
    return true;
}

ResourceUsage EmulatorServer::usageOf(const QString &org, const Sandbox *except) const
{
    // apps/api/src/organization/constants/sandbox-states-consuming-{compute,disk}.constant.ts:
    // creating and started use compute and disk, stopped only disk; destroying, error and
    // destroyed nothing.
    ResourceUsage u;
    for (const Sandbox *sb : m_sandboxes) {
        if (sb == except || sb->org != org)
            continue;
        const QString state = stateOf(*sb);
        const bool compute = state == "creating"_L1 || state == "started"_L1;
        if (compute) {
            u.cpu += sb->cpu;
            u.memoryGiB += sb->memoryGiB;
        }
        if (compute || state == "stopped"_L1)
            u.diskGiB += sb->diskGiB;
    }
    return u;
}

bool EmulatorServer::checkQuota(const PendingPtr &p, const ResourceUsage &usage)
{
    QString message;
    const QByteArray kind = quotaExceeded(m_options.resourceQuota, usage, m_options.dashboardUrl, &message);
    if (kind.isEmpty())
        return true;
    ++m_quotaHits;
    m_quotaByKind[kind] += 1;
    apiError(p, 400, message);
    return false;
}

bool EmulatorServer::maybeRedirect(const PendingPtr &p)
{
    using M = QHttpServerRequest::Method;
    const QStringList segs = p->url.path().split(u'/', Qt::SkipEmptyParts);
    if (segs.size() < 2 || segs[1] != "sandbox"_L1 || p->query.hasQueryItem(u"redirected"_s))
        return false;
    int status = 0;
    if (segs.size() == 2 && p->method == M::Post)
        status = m_options.redirectCreate;
    else if (segs.size() == 3 && p->method == M::Delete)
        status = m_options.redirectDelete;
    if (status <= 0 || m_rng.generateDouble() >= m_options.redirectRate)
        return false;
    // To the same call, marked so that it is served when followed.
    QUrl target = apiUrl();
    target.setPath(p->url.path());
    QUrlQuery q = p->query;
    q.addQueryItem(u"redirected"_s, u"1"_s);
    target.setQuery(q);
    ++m_redirects;
    QHttpHeaders h;
    h.append(QHttpHeaders::WellKnownHeader::Location, target.toEncoded());
    apiError(p, status, u"Redirected to %1"_s.arg(QString::fromLatin1(target.toEncoded())), h);
    return true;
}

bool EmulatorServer::maybeTruncate(const PendingPtr &p, int status, const QByteArray &body, const QHttpHeaders &headers)
{
    if (m_options.truncateRate <= 0 || body.size() < 2 || p->url.path().startsWith(u"/api/emulator"_s)
        || m_rng.generateDouble() >= m_options.truncateRate)
        return false;
    QTcpSocket *s = m_tcp->socketForPeerPort(p->peerPort);
    if (!s)
        return false;
    // The headers announce the whole body; half of it goes out, then the connection closes.
    QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status).toLatin1() + "\r\n";
    for (qsizetype i = 0; i < headers.size(); ++i)
        raw += headers.nameAt(i).toString().toLatin1() + ": " + headers.valueAt(i).toByteArray() + "\r\n";
    raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    raw += body.left(body.size() / 2);
    ++m_truncated;
    s->write(raw);
    s->flush();
    s->disconnectFromHost();
    return true;
}

QString EmulatorServer::stateOf(const Sandbox &sb) const
{
    const qint64 now = m_clock.elapsed();
    if (sb.deleteAtMs >= 0)
        return now >= sb.goneAtMs ? u"destroyed"_s : u"destroying"_s;
    if (sb.stopped)
        return u"stopped"_s;
    if (!sb.runtimeError.isEmpty())
        return u"error"_s;
    if (now < sb.startAtMs || !sb.ready)
        return u"creating"_s;
    return sb.fails ? u"error"_s : u"started"_s;
}

int EmulatorServer::liveCount() const
{
    int n = 0;
    for (const Sandbox *sb : m_sandboxes)
        n += sb->deleteAtMs < 0 ? 1 : 0;
    return n;
}

void EmulatorServer::reap()
{
    const qint64 now = m_clock.elapsed();
    for (auto it = m_sandboxes.begin(); it != m_sandboxes.end();) {
        Sandbox *sb = it.value();
        if (sb->deleteAtMs >= 0 && now >= sb->goneAtMs) {
            m_runtime->removeSandbox(sb->id);
            ++m_deleted;
            delete sb;
            it = m_sandboxes.erase(it);
        } else {
            ++it;
        }
    }
}

EmulatorServer::Sandbox *EmulatorServer::find(const QString &idOrName)
{
    if (Sandbox *sb = m_sandboxes.value(idOrName))
        return stateOf(*sb) == "destroyed"_L1 ? nullptr : sb;
    for (Sandbox *sb : std::as_const(m_sandboxes)) {
        if (sb->name == idOrName && stateOf(*sb) != "destroyed"_L1)
            return sb;
    }
    return nullptr;
}

QJsonObject EmulatorServer::dto(const Sandbox &sb, bool full) const
{
    const QString state = stateOf(sb);
    QJsonObject o{
        {u"id"_s, sb.id},
        {u"organizationId"_s, u"00000000-0000-4000-8000-000000000001"_s},
        {u"name"_s, sb.name},
        {u"snapshot"_s, sb.request.value(u"snapshot"_s).toString(u"daytona-small"_s)},
        {u"user"_s, u"daytona"_s},
        {u"labels"_s, sb.labels},
        {u"public"_s, false},
        {u"networkBlockAll"_s, sb.request.value(u"networkBlockAll"_s).toBool(false)},
        {u"target"_s, sb.request.value(u"target"_s).toString(u"us"_s)},
        {u"cpu"_s, sb.cpu}, {u"gpu"_s, 0}, {u"memory"_s, sb.memoryGiB}, {u"disk"_s, sb.diskGiB},
        {u"state"_s, state},
        {u"desiredState"_s, sb.deleteAtMs >= 0 ? u"destroyed"_s : sb.stopped ? u"stopped"_s : u"started"_s},
        {u"recoverable"_s, false},
        {u"backupState"_s, u"None"_s},
        {u"autoStopInterval"_s, sb.request.value(u"autoStopInterval"_s).toInt(15)},
        {u"autoArchiveInterval"_s, sb.request.value(u"autoArchiveInterval"_s).toInt(10080)},
        {u"autoDeleteInterval"_s, sb.request.value(u"autoDeleteInterval"_s).toInt(-1)},
        {u"createdAt"_s, sb.createdAt},
        {u"updatedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"lastActivityAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {u"sandboxClass"_s, u"container"_s},
        {u"daemonVersion"_s, u"0.190.0"_s},
        {u"runnerId"_s, u"emulator-runner"_s},
        {u"toolboxProxyUrl"_s, u"http://127.0.0.1:%1/toolbox"_s.arg(m_tcp->serverPort())},
    };
    if (sb.request.contains(u"networkAllowList"_s))
        o.insert(u"networkAllowList"_s, sb.request.value(u"networkAllowList"_s));
    if (state == "error"_L1)
        o.insert(u"errorReason"_s, sb.runtimeError.isEmpty() ? u"Injected create failure (emulator)"_s : sb.runtimeError);
    if (full) {
        o.insert(u"env"_s, sb.env);
        o.insert(u"volumes"_s, QJsonArray());
    }
    return o;
}

void EmulatorServer::handleApi(const PendingPtr &p, const QStringList &segs)
{
    using M = QHttpServerRequest::Method;
    if (segs.isEmpty()) {
        apiError(p, 404, u"Cannot %1 %2"_s.arg(QString::fromLatin1(p->verb()), p->url.path()));
        return;
    }
    if (segs[0] == "config"_L1) {
        replyJson(p, 200, QJsonObject{{u"version"_s, u"0.190.0-emulator"_s}});
        return;
    }
    if (segs[0] != "sandbox"_L1) {
        apiError(p, 404, u"Cannot %1 %2"_s.arg(QString::fromLatin1(p->verb()), p->url.path()));
        return;
    }

    if (segs.size() == 1 && p->method == M::Post) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(p->body.isEmpty() ? QByteArray("{}") : p->body, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            apiError(p, 400, u"Invalid request body"_s);
            return;
        }
        const QJsonObject body = doc.object();
        const QString name = body.value(u"name"_s).toString();
        for (const char *k : {"cpu", "memory", "disk", "gpu"}) {
            if (body.value(QLatin1StringView(k)).toDouble() != 0 && !body.contains(u"buildInfo"_s)) {
                apiError(p, 400, u"Cannot specify Sandbox resources when using a snapshot"_s);
                return;
            }
        }
        if (!body.value(u"labels"_s).isUndefined() && !body.value(u"labels"_s).isObject()) {
            apiError(p, 400, u"labels must be an object"_s);
            return;
        }
        // A snapshot brings its resources (the default one 1 vCPU, 1 GiB, 3 GiB); a build may
        // ask for its own (apps/api/src/sandbox/services/sandbox.service.ts, DEFAULT_CPU...).
        int cpu = 1, memory = 1, disk = 3;
        if (body.contains(u"buildInfo"_s)) {
            cpu = body.value(u"cpu"_s).toInt() > 0 ? body.value(u"cpu"_s).toInt() : cpu;
            memory = body.value(u"memory"_s).toInt() > 0 ? body.value(u"memory"_s).toInt() : memory;
            disk = body.value(u"disk"_s).toInt() > 0 ? body.value(u"disk"_s).toInt() : disk;
        }
        // The totals count what runs or is being made, the new sandbox included.
        ResourceUsage usage = usageOf(p->org);
        usage.cpu += cpu;
        usage.memoryGiB += memory;
        usage.diskGiB += disk;
        if (!checkQuota(p, usage))
            return;
        // A taken name shows only when the row is inserted, after the quota.
        if (!name.isEmpty() && find(name)) {
            apiError(p, 409, u"Sandbox with name %1 already exists"_s.arg(name));
            return;
        }
        auto *sb = new Sandbox;
        sb->org = p->org;
        sb->cpu = cpu;
        sb->memoryGiB = memory;
        sb->diskGiB = disk;
        sb->id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        sb->name = name.isEmpty() ? sb->id : name;
        sb->labels = body.value(u"labels"_s).toObject();
        sb->env = body.value(u"env"_s).toObject();
        sb->request = body;
        sb->createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        sb->seq = ++m_seq;
        const bool slow = m_options.slowStartMs > 0 && m_rng.generateDouble() < m_options.slowStartRate;
        sb->fails = m_options.createFailRate > 0 && m_rng.generateDouble() < m_options.createFailRate;
        if (sb->fails)
            ++m_createFails;
        // Like the server (sandbox.controller.ts, createSandbox and waitForSandboxStarted): the
        // call is held until the sandbox has started — then the reply carries the DTO captured
        // before the wait, `creating` — or failed to start (400 "Sandbox failed to start: …",
        // the sandbox left in `error`), or until the wait (30 s) ends; a start that takes longer
        // goes on after that reply. The start time is set when the reply goes out, so that
        // timer rounding never leaves a sandbox `creating` after a reply that waited for it.
        sb->startAtMs = std::numeric_limits<qint64>::max();
        const qint64 startMs = m_options.startLatencyMs + (slow ? m_options.slowStartMs : 0);
        const qint64 waitMs = qMax(0, m_options.createWaitMs);
        m_sandboxes.insert(sb->id, sb);
        const QString newId = sb->id;
        m_runtime->createSandbox(newId, memory, disk, [this, newId](bool ok, const QString &why) {
            if (Sandbox *s = m_sandboxes.value(newId)) {
                s->ready = ok;
                if (!ok)
                    s->runtimeError = why.isEmpty() ? u"local sandbox could not be created"_s : why;
                if (s->answerCreate)
                    std::exchange(s->answerCreate, {})();
            }
        });
        ++m_created;
        QJsonObject captured = dto(*sb, true);
        captured.insert(u"state"_s, u"creating"_s);
        auto answer = std::make_shared<std::function<void(bool)>>();
        *answer = [this, p, captured, newId, startMs, waitMs](bool waitEnded) {
            Sandbox *s = m_sandboxes.value(newId);
            if (!s) {
                replyJson(p, 200, captured);
                return;
            }
            s->answerCreate = {};
            s->startAtMs = m_clock.elapsed() + (waitEnded ? qMax<qint64>(0, startMs - waitMs) : 0);
            if (!waitEnded && (s->fails || !s->runtimeError.isEmpty())) {
                apiError(p, 400, u"Sandbox failed to start: %1"_s.arg(dto(*s, true).value(u"errorReason"_s).toString()));
                return;
            }
            replyJson(p, 200, captured);
        };
        later(m_options.createLatencyMs + int(qMin(startMs, waitMs)), [this, newId, answer, startMs, waitMs] {
            Sandbox *s = m_sandboxes.value(newId);
            if (!s || startMs >= waitMs || s->ready || !s->runtimeError.isEmpty()) {
                (*answer)(startMs >= waitMs);
                return;
            }
            // Started once the local sandbox exists, or the wait ends first.
            s->answerCreate = [answer] { (*answer)(false); };
            later(int(waitMs - startMs), [this, newId, answer] {
                if (Sandbox *held = m_sandboxes.value(newId); held && held->answerCreate)
                    (*answer)(true);
            });
        });
        return;
    }

    if (segs.size() == 1 && p->method == M::Get) {
        QJsonObject filter;
        const QString labels = p->query.queryItemValue(u"labels"_s, QUrl::FullyDecoded);
        if (!labels.isEmpty()) {
            QJsonParseError pe;
            const QJsonDocument d = QJsonDocument::fromJson(labels.toUtf8(), &pe);
            if (pe.error != QJsonParseError::NoError || !d.isObject()) {
                apiError(p, 400, u"Invalid labels JSON format"_s);
                return;
            }
            filter = d.object();
        }
        // Validated, not clamped (apps/api/src/common/decorators/page-limit.decorator.ts).
        int limit = 100;
        if (const QString text = p->query.queryItemValue(u"limit"_s); !text.isEmpty()) {
            bool isInt = false;
            limit = text.toInt(&isInt);
            const QString problem = !isInt ? u"limit must be an integer number"_s
                : limit < 1               ? u"limit must not be less than 1"_s
                : limit > 200             ? u"limit must not be greater than 200"_s
                                          : QString();
            if (!problem.isEmpty()) {
                apiError(p, 400, problem);
                return;
            }
        }
        const QString cursorText = p->query.queryItemValue(u"cursor"_s, QUrl::FullyDecoded);
        qint64 before = std::numeric_limits<qint64>::max();
        if (!cursorText.isEmpty()) {
            const QByteArray raw = QByteArray::fromBase64(cursorText.toLatin1());
            bool ok = false;
            before = raw.startsWith("seq:") ? raw.mid(4).toLongLong(&ok) : 0;
            if (!ok) {
                apiError(p, 400, u"Invalid cursor"_s);
                return;
            }
        }
        QList<Sandbox *> matches;
        for (Sandbox *sb : std::as_const(m_sandboxes)) {
            // The organization's own, never `destroyed` ones
            // (apps/api/src/sandbox/adapters/sandbox-typeorm-search.adapter.ts).
            if (sb->org != p->org || stateOf(*sb) == "destroyed"_L1 || sb->seq >= before)
                continue;
            bool ok = true;
            for (auto it = filter.begin(); it != filter.end() && ok; ++it)
                ok = sb->labels.value(it.key()) == it.value();
            if (ok)
                matches.append(sb);
        }
        std::sort(matches.begin(), matches.end(), [](Sandbox *a, Sandbox *b) { return a->seq > b->seq; });
        QJsonArray items;
        if (m_options.legacyList) {
            for (Sandbox *sb : std::as_const(matches))
                items.append(dto(*sb, true));
            later(m_options.apiLatencyMs, [this, p, items] { replyJson(p, 200, items); });
            return;
        }
        QJsonValue next = QJsonValue::Null;
        for (Sandbox *sb : std::as_const(matches)) {
            if (items.size() == limit) {
                next = QString::fromLatin1(QByteArray("seq:" + QByteArray::number(items.last().toObject().value(u"__seq"_s).toInteger())).toBase64());
                break;
            }
            QJsonObject o = dto(*sb, false);
            o.insert(u"__seq"_s, sb->seq);
            items.append(o);
        }
        for (qsizetype i = 0; i < items.size(); ++i) {
            QJsonObject o = items[i].toObject();
            o.remove(u"__seq"_s);
            items[i] = o;
        }
        const QJsonObject page{{u"items"_s, items}, {u"nextCursor"_s, next}};
        later(m_options.apiLatencyMs, [this, p, page] { replyJson(p, 200, page); });
        return;
    }

    Sandbox *sb = find(segs[1]);
    if (!sb) {
        apiError(p, 404, u"Sandbox with ID or name %1 not found"_s.arg(segs[1]));
        return;
    }
    const QString id = sb->id;
    if (segs.size() == 2 && p->method == M::Get) {
        later(m_options.apiLatencyMs, [this, p, id] {
            Sandbox *s = find(id);
            if (!s)
                apiError(p, 404, u"Sandbox with ID or name %1 not found"_s.arg(id));
            else
                replyJson(p, 200, dto(*s, true));
        });
        return;
    }
    if (segs.size() == 3 && segs[2] == "toolbox-proxy-url"_L1 && p->method == M::Get) {
        replyJson(p, 200, QJsonObject{{u"url"_s, u"http://127.0.0.1:%1/toolbox"_s.arg(m_tcp->serverPort())}});
        return;
    }
    if (segs.size() == 2 && p->method == M::Delete) {
        const QString state = stateOf(*sb);
        if (state == "creating"_L1) {
            apiError(p, 409, u"Sandbox state change in progress"_s);
            return;
        }
        if (sb->deleteAtMs < 0) {
            sb->deleteAtMs = m_clock.elapsed();
            sb->goneAtMs = sb->deleteAtMs + m_options.deleteLatencyMs;
            sb->name = sb->id + u"-deleted-"_s + QString::number(QDateTime::currentMSecsSinceEpoch());
            QTimer::singleShot(m_options.deleteLatencyMs + 1, this, [this] { reap(); });
        }
        replyJson(p, 200, dto(*sb, true));
        return;
    }
    if (segs.size() == 3 && segs[2] == "stop"_L1 && p->method == M::Post) {
        sb->stopped = true;
        replyJson(p, 200, dto(*sb, true));
        return;
    }
    if (segs.size() == 3 && segs[2] == "start"_L1 && p->method == M::Post) {
        if (sb->stopped) {
            // Starting counts the sandbox's compute again; its disk is already counted and
            // the server leaves it out of the check.
            ResourceUsage usage = usageOf(p->org, sb);
            usage.cpu += sb->cpu;
            usage.memoryGiB += sb->memoryGiB;
            if (!checkQuota(p, usage))
                return;
        }
        sb->stopped = false;
        replyJson(p, 200, dto(*sb, true));
        return;
    }
    apiError(p, 404, u"Cannot %1 %2"_s.arg(QString::fromLatin1(p->verb()), p->url.path()));
}

} // namespace mrp::emu
