// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/apijob.h"

#include "daytona/daytonaaccessmanager.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>

#include <limits>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcApiJob, "mrp.services.daytona.job", QtInfoMsg)

namespace mrp {

ApiJob::ApiJob(QNetworkAccessManager *nam, const QByteArray &verb, const QUrl &url,
               const QString &what, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_verb(verb)
    , m_url(url)
    , m_what(what)
{
    m_watchdog.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        if (!m_reply)
            return;
        m_timedOut = true;
        m_reply->abort();
    });
    // Precise: a coarse timer may fire up to 5 % early, i.e. before a Retry-After has passed.
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiJob::sendAttempt);
    m_paceTimer.setSingleShot(true);
    m_paceTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_paceTimer, &QTimer::timeout, this, &ApiJob::sendAttempt);
    m_throttler = RatePacer::throttlerFor(verb, url);
}

ApiJob::~ApiJob()
{
    releaseReply();
}

void ApiJob::setRequestBody(const QByteArray &body, const QByteArray &contentType)
{
    m_requestBody = body;
    m_contentType = contentType;
}

bool ApiJob::isAllowedUrl(const QUrl &url, QString *why)
{
    if (!url.isValid() || url.host().isEmpty()) {
        if (why)
            *why = ApiJob::tr("the URL \"%1\" is not valid")
                       .arg(url.toDisplayString());
        return false;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == "https"_L1)
        return true;
    if (scheme == "http"_L1) {
        const QString host = url.host();
        const QHostAddress addr(host);
        if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0 || (!addr.isNull() && addr.isLoopback()))
            return true;
    }
    if (why)
        *why = ApiJob::tr("refusing to send the API key to %1 over %2: use https:// (plain http is allowed "
                   "only for loopback addresses such as 127.0.0.1).")
                   .arg(url.host(), scheme.isEmpty() ? u"an unknown scheme"_s : scheme);
    return false;
}

void ApiJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_clock.start();
    QMetaObject::invokeMethod(this, &ApiJob::sendAttempt, Qt::QueuedConnection);
}

void ApiJob::abort()
{
    if (m_finished || m_aborted)
        return;
    m_aborted = true;
    m_retryTimer.stop();
    m_paceTimer.stop();
    m_watchdog.stop();
    if (m_reply)
        discardAttempt();
    releaseReply();
    // Queued so that abort() never re-enters the caller through finished().
    QMetaObject::invokeMethod(this, [this] {
        finishWith(daytona::makeError(ApiError::Kind::Cancelled,
                                      ApiJob::tr("Cancelled: %1.").arg(m_what),
                                      u"%1 %2 cancelled"_s.arg(QString::fromLatin1(m_verb), m_url.toDisplayString())));
    }, Qt::QueuedConnection);
}

QNetworkRequest ApiJob::buildRequest() const
{
    QNetworkRequest r(m_url);
    if (!m_contentType.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, m_contentType);
    return r;
}

QNetworkReply *ApiJob::send(QNetworkAccessManager *nam, const QNetworkRequest &request)
{
    if (m_requestBody.isEmpty() && m_verb != "POST" && m_verb != "PUT")
        return nam->sendCustomRequest(request, m_verb);
    return nam->sendCustomRequest(request, m_verb, m_requestBody);
}

void ApiJob::setParseError(const QString &reason)
{
    if (m_parseError.isEmpty())
        m_parseError = reason;
}

void ApiJob::stopWith(const ApiError &error)
{
    if (m_finished || m_aborted)
        return;
    m_aborted = true;   // whatever the reply still reports is ignored
    m_retryTimer.stop();
    m_paceTimer.stop();
    m_watchdog.stop();
    discardAttempt();
    releaseReply();
    QMetaObject::invokeMethod(this, [this, error] { finishWith(error); }, Qt::QueuedConnection);
}

void ApiJob::sendAttempt()
{
    if (m_finished || m_aborted)
        return;
    QString why;
    if (!isAllowedUrl(m_url, &why)) {
        finishWith(daytona::makeError(ApiError::Kind::Client,
                                      ApiJob::tr("Could not %1: %2").arg(m_what, why),
                                      u"%1 %2 refused before sending"_s.arg(QString::fromLatin1(m_verb), m_url.toDisplayString())));
        return;
    }
    // The rate-limit budget first: never send into a window that is used up or blocked.
    if (auto *dam = qobject_cast<DaytonaAccessManager *>(m_nam)) {
        const qint64 wait = dam->pacer().reserve(m_throttler);
        if (wait > m_policy.maxRetryAfterMs) {
            ApiError e = daytona::makeError(
                ApiError::Kind::RateLimited,
                ApiJob::tr("Could not %1: the Daytona API's %2 rate limit allows the next call in %3 s (at %4), longer "
                           "than the %5 s this run waits.")
                    .arg(m_what, m_throttler).arg((wait + 999) / 1000)
                    .arg(QDateTime::currentDateTime().addMSecs(wait).toString(u"HH:mm:ss"_s))
                    .arg(m_policy.maxRetryAfterMs / 1000),
                u"%1 %2 paced %3 ms (throttler %4)"_s.arg(QString::fromLatin1(m_verb), m_url.toDisplayString()).arg(wait).arg(m_throttler));
            e.retryAfterMs = int(qMin<qint64>(wait, std::numeric_limits<int>::max()));
            finishWith(e);
            return;
        }
        if (wait > 0) {
            Q_EMIT paced(this, m_throttler, wait);
            m_paceTimer.start(int(wait));
            return;
        }
    }
    ++m_attempts;
    m_body.clear();
    m_parseError.clear();
    m_timedOut = false;
    m_httpStatus = 0;

    QNetworkRequest request = buildRequest();
    request.setTransferTimeout(m_transferTimeoutMs);
    beginAttempt();
    m_reply = send(m_nam, request);
    if (!m_reply) {
        finishWith(daytona::makeError(ApiError::Kind::Network,
                                      ApiJob::tr("Could not %1: the request could not be sent.").arg(m_what),
                                      u"%1 %2: no reply object"_s.arg(QString::fromLatin1(m_verb), m_url.toDisplayString())));
        return;
    }
    m_requestId = QString::fromLatin1(m_reply->request().rawHeader("X-Request-ID"));
    // A streamed body passes through a bounded buffer: the socket is read only as fast as the
    // job consumes, so a large download never piles up in memory — and Qt's network thread
    // hands this thread at most that much per reply ahead of what it has read. With 64
    // downloads at 1 MiB each, the GUI thread met up to 64 MiB of queued data in one turn of
    // its event loop (gaps of 53 ms of its own CPU, tests/bench/tst_bench_gui_watchdog.cpp).
    if (streamsBody())
        m_reply->setReadBufferSize(StreamBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        if (!m_reply)
            return;
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        headersReceived(m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                        length.isValid() ? length.toLongLong() : -1);
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 done, qint64 total) {
        armWatchdog();
        Q_EMIT transferProgress(done, total);
    });
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64, qint64) { armWatchdog(); });
    armWatchdog();
    qCDebug(lcApiJob) << "sending" << this;
}

void ApiJob::armWatchdog()
{
    if (m_transferTimeoutMs > 0)
        m_watchdog.start(m_transferTimeoutMs);
}

void ApiJob::onReadyRead()
{
    if (!m_reply)
        return;
    armWatchdog();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray chunk = m_reply->readAll();
    if (streamsBody() && status >= 200 && status < 300)
        consumeData(chunk);
    else if (m_body.size() + chunk.size() <= kMaxReplyBytes)   // error bodies and JSON replies
        m_body.append(chunk);
    else if (status >= 200 && status < 300)   // a reply this large is not one we can use
        stopWith(daytona::makeError(ApiError::Kind::Parse,
                                    ApiJob::tr("Could not %1: the server's reply is larger than %2 MiB, the most we read.")
                                        .arg(m_what).arg(kMaxReplyBytes >> 20),
                                    u"%1 %2 → HTTP %3, reply over %4 bytes; request id %5"_s.arg(QString::fromLatin1(m_verb),
                                        m_url.toDisplayString(QUrl::RemoveQuery)).arg(status).arg(kMaxReplyBytes).arg(m_requestId)));
}

void ApiJob::releaseReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

void ApiJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_watchdog.stop();
    onReadyRead();   // whatever arrived with finished()
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QNetworkReply::NetworkError netError = reply->error();
    const QString netErrorString = reply->errorString();
    const auto headers = reply->rawHeaderPairs();
    if (auto *dam = qobject_cast<DaytonaAccessManager *>(m_nam); dam && status > 0)
        dam->pacer().observe(m_throttler, headers, status);
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    if (m_aborted)
        return;   // abort() already queued the Cancelled finish
    // Transport errors (< 200 in QNetworkReply's numbering) win over a status line that did
    // arrive: the body is incomplete.
    const bool transport = netError != QNetworkReply::NoError && int(netError) < 200;
    const int effectiveStatus = transport ? 0 : status;
    m_httpStatus = status;
    if (m_timedOut && transport)
        netError = QNetworkReply::TimeoutError;

    if (!transport && status >= 200 && status < 300) {
        parseReply(m_body);
        if (!m_parseError.isEmpty()) {
            discardAttempt();
            // A web page where the API should answer: the API URL points elsewhere (its root).
            const bool webPage = !m_apiRoot.isEmpty() && m_body.trimmed().startsWith('<');
            ApiError e = daytona::makeError(ApiError::Kind::Parse,
                webPage ? daytona::noApiMessage(m_what, m_apiRoot, status)
                        : ApiJob::tr("Could not %1: the server sent a reply we do not understand.").arg(m_what),
                u"%1 %2 → HTTP %3 but %4; request id %5"_s.arg(QString::fromLatin1(m_verb), m_url.toDisplayString(QUrl::RemoveQuery))
                    .arg(status).arg(m_parseError, m_requestId));
            e.httpStatus = status;
            e.requestId = m_requestId;
            finishWith(e);
            return;
        }
        finishWith(ApiError{});
        return;
    }

    discardAttempt();
    ApiError e = daytona::makeHttpError(m_what, m_verb, m_url, effectiveStatus, netError, netErrorString,
                                        m_body, m_requestId, m_apiRoot);
    if (effectiveStatus == 0 && status > 0)
        e.httpStatus = status;
    e.retryAfterMs = daytona::retryAfterFromHeaders(headers);
    if (status == 429)
        Q_EMIT rateLimited(this, e.retryAfterMs);
    m_maybeReached = m_maybeReached || e.maybeReached;
    if (shouldRetry(e, netError)) {
        const int delay = backoffMs(e);
        m_retried.append(e);
        qCInfo(lcApiJob) << "retrying in" << delay << "ms:" << this << e;
        Q_EMIT retrying(this, e, delay);
        m_retryTimer.start(delay);
        return;
    }
    finishWith(e);
}

bool ApiJob::shouldRetry(const ApiError &e, QNetworkReply::NetworkError netError) const
{
    if (m_aborted || m_attempts > m_policy.maxRetries)
        return false;
    if (e.retryAfterMs > m_policy.maxRetryAfterMs)
        return false;
    // Never reached the server: safe to resend whatever the call.
    if (netError == QNetworkReply::ConnectionRefusedError && e.httpStatus == 0)
        return true;
    if (!e.isTransient())
        return false;
    return m_retrySafe;
}

int ApiJob::backoffMs(const ApiError &e) const
{
    auto *rng = QRandomGenerator::global();
    if (e.retryAfterMs >= 0)
        return e.retryAfterMs + int(rng->bounded(qMax(1, qMin(250, m_policy.baseDelayMs))));
    const int exponent = qBound(0, m_attempts - 1, 16);
    const qint64 ceiling = qMin<qint64>(m_policy.maxDelayMs, qint64(m_policy.baseDelayMs) << exponent);
    // Full jitter, with a small floor so that a burst of failures does not retry at once.
    const int floor = m_policy.baseDelayMs / 4;
    return floor + int(rng->bounded(quint32(qMax<qint64>(1, ceiling - floor))));
}

void ApiJob::finishWith(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    // Unreached only when no attempt of the call can have been: a retry after a lost reply
    // that then meets a refused connection may still have created something.
    m_error.maybeReached = error.maybeReached || m_maybeReached;
    if (m_error.requestId.isEmpty())
        m_error.requestId = m_requestId;
    if (!m_error.ok())
        qCDebug(lcApiJob) << "failed" << this << m_error;
    else
        qCDebug(lcApiJob) << "done" << this;
    Q_EMIT finished(this, QPrivateSignal());
}

QDebug operator<<(QDebug dbg, const ApiJob *job)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace();
    if (!job)
        return dbg << "ApiJob(nullptr)";
    // Never the key (it lives only in the access manager's headers) and never a body.
    dbg << job->metaObject()->className() << '(' << job->verb().constData() << ' '
        << job->url().toDisplayString(QUrl::RemoveUserInfo) << ", status " << job->httpStatus()
        << ", request id " << job->requestId() << ", attempt " << job->attempts();
    if (job->isFinished())
        dbg << ", " << ApiError::kindName(job->error().kind);
    return dbg << ')';
}

} // namespace mrp
