// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/logfollower.h"

#include "backgroundpriority.h"

#include <QThreadPool>
#include <QUrl>
#include <QWebSocket>

#include <atomic>

namespace mrp {

namespace {

const QByteArray kOut("\x01\x01\x01", 3);
const QByteArray kErr("\x02\x02\x02", 3);

bool isMarkerByte(char c)
{
    return c == '\x01' || c == '\x02';
}

} // namespace

void LogFollower::prepare()
{
    static std::atomic_bool started{false};
    if (started.exchange(true))
        return;
    QThreadPool::globalInstance()->start([] {
        enterBackgroundPriority();
        QWebSocket warm;
    });
}

LogFollower::LogFollower(const QNetworkRequest &request, QObject *parent)
    : QObject(parent)
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    QNetworkRequest r = request;
    QUrl url = r.url();
    url.setScheme(url.scheme() == QLatin1StringView("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    r.setUrl(url);
    connect(m_socket, &QWebSocket::connected, this, [this] { m_connected = true; });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
        for (const Piece &p : feed(frame))
            Q_EMIT output(p.stream, p.data);
    });
    connect(m_socket, &QWebSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_failed)
            return;
        m_failed = true;
        Q_EMIT failed(m_socket->errorString());
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        if (m_failed)
            return;
        if (m_socket->closeCode() != QWebSocketProtocol::CloseCodeNormal) {
            m_failed = true;
            Q_EMIT failed(QStringLiteral("log stream closed with %1 %2").arg(int(m_socket->closeCode())).arg(m_socket->closeReason()));
            return;
        }
        if (!m_carry.isEmpty())
            Q_EMIT output(m_stream, std::exchange(m_carry, {}));
        Q_EMIT finished();
    });
    m_socket->open(r);
}

LogFollower::~LogFollower()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void LogFollower::close()
{
    m_socket->disconnect(this);
    m_socket->close();
}

QList<LogFollower::Piece> LogFollower::feed(const QByteArray &frame)
{
    QList<Piece> pieces;
    const QByteArray buf = std::exchange(m_carry, {}) + frame;
    auto emitText = [&](qsizetype from, qsizetype to) {
        if (to <= from)
            return;
        if (!pieces.isEmpty() && pieces.last().stream == m_stream)
            pieces.last().data += buf.mid(from, to - from);
        else
            pieces.append({m_stream, buf.mid(from, to - from)});
    };
    qsizetype pos = 0;
    while (pos < buf.size()) {
        const qsizetype o = buf.indexOf(kOut, pos), e = buf.indexOf(kErr, pos);
        const qsizetype next = o < 0 ? e : e < 0 ? o : qMin(o, e);
        if (next < 0)
            break;
        emitText(pos, next);
        m_stream = next == o ? 1 : 2;
        pos = next + 3;
    }
    // Up to two trailing marker bytes may be the start of a marker split across frames.
    qsizetype end = buf.size();
    while (end > pos && buf.size() - end < 2 && isMarkerByte(buf[end - 1]))
        --end;
    emitText(pos, end);
    m_carry = buf.mid(end);
    return pieces;
}

} // namespace mrp
