// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// ApiJob: one REST call to the Daytona API or toolbox (docs/design.md §10.1).
//
// Lifecycle: construct, connect finished(), start(). start() is queued, so connecting after
// it is fine. Exactly one finished() follows every start(), on every path: success, HTTP
// error, transport error, timeout, parse error, abort() (kind Cancelled), and a refused URL
// (plain HTTP to a non-loopback host). error(), httpStatus(), requestId() and body() are
// valid after finished(). The owner deletes the job (parent it or deleteLater() it in the
// finished handler); replies are always deleteLater()ed by the job.
//
// Retries: bounded (RetryPolicy::maxRetries), exponential backoff with full jitter, honouring
// Retry-After and Daytona's Retry-After-<bucket>. Only for transient failures (connection
// refused/reset/dropped, timeouts, 429, 502/503/504) and only when the call is idempotent
// (GET/DELETE/PUT by default, or when the caller declares it retry-safe, e.g. a create that
// carries a unique name as its idempotency key). A refused connection never reached the
// server, so it is retried for any call. retrying() fires before each new attempt.
//
// Timeouts: every request gets QNetworkRequest::setTransferTimeout (an idle timeout); the job
// also keeps its own idle watchdog so a reply that never progresses ends as Timeout even
// when the network layer is faked.
//
// Thread: the thread of the access manager (GUI/CLI main thread).

#include "daytona/apierror.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace mrp {

struct RetryPolicy {
    int maxRetries = 4;          // extra attempts after the first (so 5 in all)
    int baseDelayMs = 250;       // first backoff ceiling; doubles per attempt
    int maxDelayMs = 8000;       // backoff ceiling
    // The longest the client waits for the API's rate limit (a Retry-After, or the next window
    // of the pacer): a longer wait is reported as RateLimited with what the server asked.
    int maxRetryAfterMs = 5 * 60 * 1000;
};

class ApiJob : public QObject
{
    Q_OBJECT
public:
    ApiJob(QNetworkAccessManager *nam, const QByteArray &verb, const QUrl &url, const QString &what,
           QObject *parent = nullptr);
    ~ApiJob() override;

    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    const RetryPolicy &retryPolicy() const { return m_policy; }
    // Declares the call safe to resend (idempotent, or carrying an idempotency key).
    void setRetrySafe(bool safe) { m_retrySafe = safe; }
    bool isRetrySafe() const { return m_retrySafe; }
    void setTransferTimeoutMs(int ms) { m_transferTimeoutMs = ms; }
    int transferTimeoutMs() const { return m_transferTimeoutMs; }
    void setRequestBody(const QByteArray &body, const QByteArray &contentType);
    // For calls to a path every Daytona API serves: a 404 (or a web page instead of JSON) then
    // says that no API answers at apiUrl (daytona::noApiMessage).
    void setApiRoot(const QUrl &apiUrl) { m_apiRoot = apiUrl; }

    void start();
    void abort();

    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    QString requestId() const { return m_requestId; }
    QByteArray body() const { return m_body; }            // reply body (non-streaming jobs)
    int attempts() const { return m_attempts; }
    QList<ApiError> retriedErrors() const { return m_retried; }
    QByteArray verb() const { return m_verb; }
    QString throttler() const { return m_throttler; }   // the API rate limit it counts against
    QUrl url() const { return m_url; }
    QString what() const { return m_what; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

    // Whether plain HTTP may be used for this URL: only for loopback hosts.
    static bool isAllowedUrl(const QUrl &url, QString *why);

Q_SIGNALS:
    void finished(mrp::ApiJob *job, QPrivateSignal);
    void retrying(mrp::ApiJob *job, const mrp::ApiError &error, int delayMs);
    // A reply was 429 (retried or not): the server asked for retryAfterMs (-1 when it did not say).
    void rateLimited(mrp::ApiJob *job, int retryAfterMs);
    // The call waits for the API's rate-limit budget (RatePacer) before it is sent.
    void paced(mrp::ApiJob *job, const QString &throttler, qint64 waitMs);
    void transferProgress(qint64 done, qint64 total);

protected:
    virtual QNetworkRequest buildRequest() const;
    virtual QNetworkReply *send(QNetworkAccessManager *nam, const QNetworkRequest &request);
    // Streaming jobs return true and get consumeData() for 2xx bodies instead of body().
    virtual bool streamsBody() const { return false; }
    virtual void beginAttempt() {}
    virtual void consumeData(const QByteArray &chunk) { Q_UNUSED(chunk); }
    // Called once a 2xx reply ended; may call setParseError().
    virtual void parseReply(const QByteArray &body) { Q_UNUSED(body); }
    // Called after every attempt that did not succeed (also on abort).
    virtual void discardAttempt() {}
    void setParseError(const QString &reason);
    // The reply's status line and headers arrived (contentLength -1 when not announced).
    virtual void headersReceived(int status, qint64 contentLength) { Q_UNUSED(status); Q_UNUSED(contentLength); }
    // Ends the job now with `error`, never retried: the reply is aborted, discardAttempt() is
    // called and finished() follows from the event loop (a streaming job refusing a body).
    void stopWith(const ApiError &error);

    QByteArray m_requestBody;
    QByteArray m_contentType;

private:
    // A JSON or error reply is read whole; a larger 2xx reply stops the job with a clear error
    // (an exec reply stays under it: the command bounds its streams in the sandbox).
    static constexpr qsizetype kMaxReplyBytes = qsizetype(16) << 20;
    // What a streamed reply may hold unread (QNetworkReply::setReadBufferSize).
    static constexpr qint64 StreamBufferBytes = qint64(128) << 10;

    void sendAttempt();
    void onReadyRead();
    void onReplyFinished();
    void finishWith(const ApiError &error);
    bool shouldRetry(const ApiError &e, QNetworkReply::NetworkError netError) const;
    int backoffMs(const ApiError &e) const;
    void armWatchdog();
    void releaseReply();

    QNetworkAccessManager *m_nam;
    QByteArray m_verb;
    QUrl m_url;
    QUrl m_apiRoot;
    QString m_what;
    RetryPolicy m_policy;
    bool m_retrySafe = false;
    bool m_maybeReached = false;   // an attempt so far may have reached the server
    int m_transferTimeoutMs = 30000;

    QPointer<QNetworkReply> m_reply;
    QTimer m_watchdog;
    QTimer m_retryTimer;
    QTimer m_paceTimer;
    QString m_throttler;
    QElapsedTimer m_clock;
    QByteArray m_body;
    QString m_requestId;
    QString m_parseError;
    ApiError m_error;
    QList<ApiError> m_retried;
    int m_httpStatus = 0;
    int m_attempts = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_aborted = false;
    bool m_timedOut = false;
};

QDebug operator<<(QDebug dbg, const ApiJob *job);

} // namespace mrp
