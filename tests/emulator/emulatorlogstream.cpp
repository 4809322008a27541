// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// WebSocket .../process/session/{sid}/command/{cid}/logs (docs/daytona-api.md §5.5): binary frames of at
// most 1024 bytes with the raw log (stream markers kept for clients that ask for split output,
// removed otherwise); with follow=true the stream stays open until the command has an exit
// code and nothing new came for about a second, then Close 1000; without follow what exists
// is sent and the socket closes. A vanished sandbox or session closes with 1011.
#include "emulatorserver.h"
#include "emulatorserver_p.h"

#include <QElapsedTimer>
#include <QHttpServerWebSocketUpgradeResponse>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace mrp::emu {

namespace {

constexpr int kFrameBytes = 1024;
constexpr int kTickMs = 50;
constexpr int kQuietCloseMs = 1000;

// toolbox/{id}/process/session/{sid}/command/{cid}/logs -> {id, sid, cid}; empty otherwise.
QStringList logsTarget(const QString &path)
{
    const QStringList s = path.split(u'/', Qt::SkipEmptyParts);
    if (s.size() == 8 && s[0] == "toolbox"_L1 && s[2] == "process"_L1 && s[3] == "session"_L1 && s[5] == "command"_L1
        && s[7] == "logs"_L1)
        return {s[1], s[4], s[6]};
    return {};
}

bool wantsMarkers(const QByteArray &version, const QByteArray &split)
{
    if (version.isEmpty())
        return split == "true";
    const QList<QByteArray> v = version.split('.');
    return version.contains("dev") || (v.size() >= 2 && (v[0].toInt() > 0 || v[1].toInt() >= 27));
}

} // namespace

void EmulatorServer::setUpLogStreaming()
{
    addWebSocketUpgradeVerifier(this, [](const QHttpServerRequest &request) {
        if (logsTarget(request.url().path()).isEmpty())
            return QHttpServerWebSocketUpgradeResponse::passToNext();
        const QByteArray auth = request.value("Authorization");
        if (!auth.startsWith("Bearer ") || auth.mid(7).trimmed().isEmpty())
            return QHttpServerWebSocketUpgradeResponse::deny(401, "unauthorized: missing bearer token");
        return QHttpServerWebSocketUpgradeResponse::accept();
    });
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &EmulatorServer::onWebSocketConnections);
}

void EmulatorServer::onWebSocketConnections()
{
    while (hasPendingWebSocketConnections()) {
        QWebSocket *ws = nextPendingWebSocketConnection().release();
        ws->setParent(this);
        connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
        ++m_logStreams;
        const QNetworkRequest handshake = ws->request();
        const QStringList target = logsTarget(ws->requestUrl().path());
        const bool follow = QUrlQuery(ws->requestUrl()).queryItemValue(u"follow"_s) == "true"_L1;
        const bool markers = wantsMarkers(handshake.rawHeader("X-Daytona-SDK-Version"), handshake.rawHeader("X-Daytona-Split-Output"));
        if (target.size() != 3) {
            ws->close(QWebSocketProtocol::CloseCodeAbnormalDisconnection);
            continue;
        }
        const QString sbId = target[0], sid = target[1], cid = target[2];
        auto sent = std::make_shared<qsizetype>(0);
        auto quiet = std::make_shared<QElapsedTimer>();
        quiet->start();
        auto *timer = new QTimer(ws);
        auto tick = [this, ws, timer, sbId, sid, cid, follow, markers, sent, quiet] {
            Sandbox *sb = m_sandboxes.value(sbId);
            Session::Command *c = sb && sb->sessions.contains(sid) ? sb->sessions[sid].command(cid) : nullptr;
            if (!c) {
                timer->stop();
                ws->close(QWebSocketProtocol::CloseCodeAbnormalDisconnection, u"command not found"_s);
                return;
            }
            const QByteArray text = markers ? c->framed : stripMarkers(c->framed);
            if (text.size() > *sent) {
                for (qsizetype at = *sent; at < text.size(); at += kFrameBytes)
                    ws->sendBinaryMessage(text.mid(at, kFrameBytes));
                *sent = text.size();
                quiet->restart();
            }
            if (!follow || (c->finished && quiet->elapsed() >= kQuietCloseMs)) {
                timer->stop();
                ws->close(QWebSocketProtocol::CloseCodeNormal);
            }
        };
        connect(timer, &QTimer::timeout, ws, tick);
        timer->start(kTickMs);
        tick();
    }
}

} // namespace mrp::emu
