// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// ApiError: the typed outcome of one Daytona REST call (docs/design.md §5.2).
//
// kind says what went wrong in a way code can act on; userMessage says it for people
// (translated, actionable: what failed, why, what to do next); details carries the status,
// verb, URL and request id (copyable, never the API key, never a request body).

#include "record/errorclass.h"
#include "sandbox/sandboxbackend.h"

#include <QByteArray>
#include <QDebug>
#include <QList>
#include <QNetworkReply>
#include <QString>

namespace mrp {

struct ApiError {
    Q_GADGET
public:
    enum class Kind {
        None,         // success
        Network,      // refused, reset, dropped, DNS, TLS
        Timeout,      // no progress within the transfer timeout (or HTTP 408/504)
        Auth,         // 401/403
        RateLimited,  // 429
        Server,       // 5xx
        Client,       // other 4xx, or a request we refused to send (plain HTTP to a remote host)
        Parse,        // 2xx with a body we could not understand
        Cancelled,    // abort() or cancel: not an error for the user
    };
    Q_ENUM(Kind)

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString requestId;
    QString userMessage;
    QString details;
    QString serverMessage;   // body "message" (or "error"), when the server sent JSON
    QString serverCode;      // body "code" (toolbox) e.g. REQUEST_TIMEOUT
    int retryAfterMs = -1;   // from Retry-After / Retry-After-<bucket>
    // False when no attempt of the call can have reached the server (connection refused, host
    // not found): nothing happened there, so there is nothing to clean up.
    bool maybeReached = true;

    bool ok() const { return kind == Kind::None; }
    // Whether a transport-level retry of the same request may help (docs/design.md §10.1): connection
    // refused/reset, timeouts, 429, 502/503/504. Idempotency is the job's business.
    bool isTransient() const;
    // The product-wide taxonomy (model/record/errorclass.h). A 400 about quota maps to Quota.
    ErrorClass errorClass() const;
    SandboxError toSandboxError() const;

    static QString kindName(Kind k);
};

namespace daytona {

// Builds the error of a finished HTTP exchange. `what` names the call for the user
// ("create a sandbox"), verb/url/requestId go to details. status 0 = no HTTP response.
// apiRoot: set for calls to a path every Daytona API serves (the sandbox collection); a 404
// without an error of the API's own then means that no API answers at apiRoot (most often an
// API URL without its /api), and the message says so.
ApiError makeHttpError(const QString &what, const QByteArray &verb, const QUrl &url, int status,
                       QNetworkReply::NetworkError netError, const QString &netErrorString,
                       const QByteArray &body, const QString &requestId, const QUrl &apiRoot = {});

ApiError makeError(ApiError::Kind kind, const QString &userMessage, const QString &details);

// Parses a Retry-After style value: delta-seconds (integer or decimal) or an HTTP date.
// Returns milliseconds, or -1 when absent/unparseable.
int parseRetryAfter(const QByteArray &value);

// Retry-After, or any Retry-After-<bucket> header (Daytona's rate-limit buckets); the largest.
int retryAfterFromHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);

// "Could not <what>: the server has no Daytona API at <apiRoot> (<status>); the API URL usually
// ends in /api…" — for a call every API serves that met no API: a 404 without an error of the
// API's own, or a 2xx web page instead of JSON (a dashboard served at the URL's root).
QString noApiMessage(const QString &what, const QUrl &apiRoot, int status);

// Whether a 400 message is one of Daytona's quota exhaustions ("Total CPU limit exceeded").
bool looksLikeQuota(const QString &serverMessage);

} // namespace daytona

QDebug operator<<(QDebug dbg, const ApiError &e);

} // namespace mrp
