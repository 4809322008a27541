// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/apierror.h"

#include "daytona/daytonareplies.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMetaEnum>
#include <QUrl>

using namespace Qt::StringLiterals;

#include <algorithm>
#include <limits>

namespace mrp {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::ApiError)
};

// A 404 that names no missing thing: not the API's JSON error (an empty body or a web page from a
// web server or proxy), or the API framework's reply for a route it does not have ("Cannot POST
// /sandbox", docs/daytona-api.md §6.1).
bool isNoRoute(const QByteArray &body, const QString &serverMessage, const QByteArray &verb)
{
    return !body.trimmed().startsWith('{') || serverMessage.startsWith(u"Cannot %1 "_s.arg(QString::fromLatin1(verb)));
}

} // namespace

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimited:
        // A toolbox 408 is the command's own timeout, not a transport hiccup.
        return httpStatus != 408;
    case Kind::Server:
        return httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
    case Kind::None:
    case Kind::Auth:
    case Kind::Client:
    case Kind::Parse:
    case Kind::Cancelled:
        return false;
    }
    return false;
}

ErrorClass ApiError::errorClass() const
{
    switch (kind) {
    case Kind::None:
        return ErrorClass::None;
    case Kind::Network:
        return ErrorClass::Network;
    case Kind::Timeout:
        // 408 from the toolbox = the command ran out of time; anything else is the
        // infrastructure not answering in time (retryable).
        return httpStatus == 408 ? ErrorClass::Timeout : ErrorClass::Network;
    case Kind::Auth:
        return ErrorClass::Auth;
    case Kind::RateLimited:
        return ErrorClass::RateLimited;
    case Kind::Server:
        return ErrorClass::ServerError;
    case Kind::Client:
        return (httpStatus == 400 && daytona::looksLikeQuota(serverMessage)) ? ErrorClass::Quota
                                                                          : ErrorClass::ClientError;
    case Kind::Parse:
        return ErrorClass::Infrastructure;
    case Kind::Cancelled:
        return ErrorClass::Cancelled;
    }
    return ErrorClass::Infrastructure;
}

SandboxError ApiError::toSandboxError() const
{
    SandboxError e;
    e.cls = errorClass();
    e.message = userMessage;
    e.details = details;
    e.httpStatus = httpStatus;
    e.retryAfterMs = retryAfterMs;
    e.unreached = !maybeReached;
    return e;
}

QString ApiError::kindName(Kind k)
{
    return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(k)));
}

namespace daytona {

bool looksLikeQuota(const QString &m)
{
    return m.contains("limit exceeded"_L1, Qt::CaseInsensitive)
        || m.contains("quota"_L1, Qt::CaseInsensitive)
        || m.contains("No available runners"_L1, Qt::CaseInsensitive);
}

int parseRetryAfter(const QByteArray &value)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const double secs = v.toDouble(&ok);
    // A long wait is still what the server asked (a blocked organisation may say a day or more):
    // kept, capped to what an int of milliseconds holds, so that callers report it, not ignore it.
    constexpr double maxMs = double(std::numeric_limits<int>::max());
    if (ok) {
        if (!(secs >= 0))
            return -1;
        return int(std::min(secs * 1000.0, maxMs));
    }
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(when);
    return int(qBound<qint64>(0, ms, qint64(maxMs)));
}

int retryAfterFromHeaders(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    int best = -1;
    for (const auto &[name, value] : headers) {
        const QByteArray n = name.toLower();
        if (n == "retry-after" || n.startsWith("retry-after-"))
            best = qMax(best, parseRetryAfter(value));
    }
    return best;
}

QString noApiMessage(const QString &what, const QUrl &apiRoot, int status)
{
    return Tr::tr("Could not %1: the server has no Daytona API at %2 (%3); the API URL usually ends in /api. "
                  "Check it in Settings or DAYTONA_API_URL.")
        .arg(what, apiRoot.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery))
        .arg(status);
}

ApiError makeError(ApiError::Kind kind, const QString &userMessage, const QString &details)
{
    ApiError e;
    e.kind = kind;
    e.userMessage = userMessage;
    e.details = details;
    return e;
}

ApiError makeHttpError(const QString &what, const QByteArray &verb, const QUrl &url, int status,
                       QNetworkReply::NetworkError netError, const QString &netErrorString,
                       const QByteArray &body, const QString &requestId, const QUrl &apiRoot)
{
    using Kind = ApiError::Kind;
    ApiError e;
    e.httpStatus = status;
    e.requestId = requestId;
    const ErrorBody eb = status > 0 ? parseErrorBody(body) : ErrorBody{};
    e.serverMessage = eb.message;
    e.serverCode = eb.code;

    const QString where = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    const QString server = eb.message.isEmpty() ? QString() : u" — \"%1\""_s.arg(eb.message.left(300));
    if (status > 0) {
        e.details = u"%1 %2 → HTTP %3%4; request id %5"_s.arg(QString::fromLatin1(verb), where)
                        .arg(status).arg(server, requestId.isEmpty() ? u"-"_s : requestId);
    } else {
        e.details = u"%1 %2 → %3 (QNetworkReply error %4); request id %5"_s
                        .arg(QString::fromLatin1(verb), where, netErrorString)
                        .arg(int(netError)).arg(requestId.isEmpty() ? u"-"_s : requestId);
    }

    if (status == 0) {
        switch (netError) {
        case QNetworkReply::TimeoutError:
            e.kind = Kind::Timeout;
            e.userMessage = Tr::tr("Could not %1: the Daytona API did not answer in time. Check your "
                               "connection and try again.").arg(what);
            break;
        case QNetworkReply::OperationCanceledError:
            e.kind = Kind::Cancelled;
            e.userMessage = Tr::tr("Cancelled: %1.").arg(what);
            break;
        default:
            e.kind = Kind::Network;
            e.userMessage = Tr::tr("Could not %1: the Daytona API at %2 could not be reached (%3). Check "
                               "your connection and the API URL (DAYTONA_API_URL).")
                                .arg(what, url.host(), netErrorString);
            // Refused or not found: the connection never opened, the request was not sent.
            e.maybeReached = netError != QNetworkReply::ConnectionRefusedError && netError != QNetworkReply::HostNotFoundError;
            break;
        }
        return e;
    }

    if (status == 401) {
        e.kind = Kind::Auth;
        e.userMessage = Tr::tr("Could not %1: the Daytona API key was rejected (401). Update it with "
                           "`mrp key set` or in Settings → Account.").arg(what);
    } else if (status == 403) {
        e.kind = Kind::Auth;
        e.userMessage = Tr::tr("Could not %1: the Daytona API key is not allowed to do this (403). Check "
                           "the key's permissions in the Daytona dashboard.").arg(what);
    } else if (status == 408 || status == 504) {
        e.kind = Kind::Timeout;
        e.userMessage = status == 408
            ? Tr::tr("Could not %1: the command ran out of time (408).").arg(what)
            : Tr::tr("Could not %1: the Daytona gateway timed out (504). Try again later.").arg(what);
    } else if (status == 429) {
        e.kind = Kind::RateLimited;
        e.userMessage = Tr::tr("Could not %1: Daytona is rate limiting requests (429). Lower the "
                           "concurrency or try again later.").arg(what);
    } else if (status >= 500) {
        e.kind = Kind::Server;
        e.userMessage = Tr::tr("Could not %1: the Daytona service had a problem (%2). Try again later.")
                            .arg(what).arg(status);
    } else if (status >= 400) {
        e.kind = Kind::Client;
        if (status == 400 && looksLikeQuota(eb.message))
            e.userMessage = Tr::tr("Could not %1: your Daytona quota is exhausted (%2). Lower the "
                               "concurrency, delete unused sandboxes (`mrp sweep`) or raise the quota.")
                                .arg(what, eb.message.left(200));
        else if (status == 404 && !apiRoot.isEmpty() && isNoRoute(body, eb.message, verb))
            e.userMessage = noApiMessage(what, apiRoot, status);
        else if (status == 404)
            e.userMessage = Tr::tr("Could not %1: not found on the server (404).").arg(what);
        else
            e.userMessage = Tr::tr("Could not %1: the request was refused (%2%3).")
                                .arg(what).arg(status)
                                .arg(eb.message.isEmpty() ? QString() : u": "_s + eb.message.left(200));
    } else {
        e.kind = Kind::Client;
        e.userMessage = Tr::tr("Could not %1: unexpected reply (%2).").arg(what).arg(status);
    }
    return e;
}

} // namespace daytona

QDebug operator<<(QDebug dbg, const ApiError &e)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "ApiError(" << ApiError::kindName(e.kind) << ", " << e.httpStatus << ", "
                  << e.details << ')';
    return dbg;
}

} // namespace mrp
