// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// DaytonaAccessManager: the one QNetworkAccessManager of the Daytona client (docs/design.md §10.1).
//
// createRequest() decorates every request (API and toolbox) with Authorization: Bearer,
// User-Agent, X-Daytona-Source, X-Daytona-SDK-Version (>= 0.167: modern toolbox reply
// shapes), X-Request-ID (generated unless the caller set one) and an HTTP/1.1 configuration
// allowing connectionsPerHost() parallel connections — Qt's default of 6 per host would
// silently cap shard concurrency. It also holds the key's RatePacer, which every ApiJob asks
// before it sends and tells about each reply. Tests subclass it and override createRequest(), calling
// decorate() and returning scripted replies.
//
// Thread: the thread that created it (GUI/CLI main thread). The key is kept in memory only
// and never logged.

#include "daytona/ratepacer.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace mrp {

class DaytonaAccessManager : public QNetworkAccessManager
{
    Q_OBJECT
public:
    explicit DaytonaAccessManager(QObject *parent = nullptr);

    void setApiKey(const QString &key) { m_apiKey = key; }
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }
    void setConnectionsPerHost(int n) { m_connectionsPerHost = qMax(1, n); }
    int connectionsPerHost() const { return m_connectionsPerHost; }

    static QByteArray sdkVersion();   // the X-Daytona-SDK-Version we send
    static QByteArray source();       // the X-Daytona-Source we send

    // The API's rate-limit budget of this key, shared by every job (docs/daytona-api.md §7.2).
    RatePacer &pacer() { return m_pacer; }

    // The request as it goes on the wire (minus the body).
    QNetworkRequest decorate(const QNetworkRequest &request) const;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    QString m_apiKey;
    int m_connectionsPerHost = 64;
    RatePacer m_pacer;
    bool m_networkThreadLowered = false;
};

} // namespace mrp
