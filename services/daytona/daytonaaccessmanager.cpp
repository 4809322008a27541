// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/daytonaaccessmanager.h"

#include "backgroundpriority.h"

#include <QHttp1Configuration>
#include <QNetworkReply>
#include <QUuid>

namespace mrp {

DaytonaAccessManager::DaytonaAccessManager(QObject *parent)
    : QNetworkAccessManager(parent)
{
    // We do our own bounded retries and never follow redirects with the key attached to
    // another host.
    setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QByteArray DaytonaAccessManager::sdkVersion()
{
    return QByteArrayLiteral("0.218.0");
}

QByteArray DaytonaAccessManager::source()
{
    return QByteArrayLiteral("mrp-workbench");
}

QNetworkRequest DaytonaAccessManager::decorate(const QNetworkRequest &request) const
{
    QNetworkRequest r(request);
    if (!m_apiKey.isEmpty())
        r.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_apiKey.toUtf8());
    r.setRawHeader(QByteArrayLiteral("User-Agent"),
                   QByteArrayLiteral("mrp-workbench/" MRP_VERSION_STRING " (sdk-compatible ") + sdkVersion() + ')');
    r.setRawHeader(QByteArrayLiteral("X-Daytona-Source"), source());
    r.setRawHeader(QByteArrayLiteral("X-Daytona-SDK-Version"), sdkVersion());
    if (!r.hasRawHeader(QByteArrayLiteral("X-Request-ID")))
        r.setRawHeader(QByteArrayLiteral("X-Request-ID"), QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    if (!r.hasRawHeader(QByteArrayLiteral("Accept")))
        r.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    QHttp1Configuration h1;
    h1.setNumberOfConnectionsPerHost(qBound(1, m_connectionsPerHost, 255));
    r.setHttp1Configuration(h1);
    return r;
}

QNetworkReply *DaytonaAccessManager::createRequest(Operation op, const QNetworkRequest &request,
                                                   QIODevice *outgoingData)
{
    QNetworkReply *reply = QNetworkAccessManager::createRequest(op, decorate(request), outgoingData);
    if (!m_networkThreadLowered && reply) {
        // Qt receives the replies on a thread it starts itself with the first request; once a
        // reply has come back that thread runs (and is named), and it is lowered below the GUI
        // thread like all background work (backgroundpriority.h says why).
        const auto lower = [this] {
            if (m_networkThreadLowered)
                return;
            m_networkThreadLowered = true;
            lowerThreadsNamed("QNetworkAccess");
        };
        connect(reply, &QNetworkReply::metaDataChanged, this, lower);
        connect(reply, &QNetworkReply::finished, this, lower);
    }
    return reply;
}

} // namespace mrp
