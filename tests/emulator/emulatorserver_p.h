// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Private to the emulator's implementation files.

#include "emulatorserver.h"

#include <QDateTime>
#include <QTcpSocket>

namespace mrp::emu {

// The daemon's log framing (docs/daytona-api.md §5.5) without its stream markers: the "combined" text.
inline QByteArray stripMarkers(QByteArray raw)
{
    raw.replace(QByteArray("\x01\x01\x01", 3), QByteArray());
    raw.replace(QByteArray("\x02\x02\x02", 3), QByteArray());
    return raw;
}

// Tracks accepted sockets by peer port so a request's connection can be dropped on purpose.
class SandboxTcpServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;
    QTcpSocket *socketForPeerPort(quint16 port) const { return m_sockets.value(port); }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *s = new QTcpSocket(this);
        if (!s->setSocketDescriptor(descriptor)) {
            delete s;
            return;
        }
        // Replies go out as status line, headers and body: without this, Nagle holds the last
        // part back until the client's delayed ACK (tens of milliseconds per call).
        s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        const quint16 port = s->peerPort();
        m_sockets.insert(port, s);
        QObject::connect(s, &QTcpSocket::disconnected, this, [this, port, s] {
            if (m_sockets.value(port) == s)
                m_sockets.remove(port);
        });
        addPendingConnection(s);
    }

private:
    QHash<quint16, QPointer<QTcpSocket>> m_sockets;
};

struct EmulatorServer::Pending {
    QHttpServerResponder responder;
    QHttpServerRequest::Method method;
    QUrl url;
    QUrlQuery query;
    QByteArray body;
    QHttpHeaders headers;
    quint16 peerPort = 0;
    bool done = false;
    bool modernShapes = true;   // X-Daytona-SDK-Version >= 0.167
    QString org;                // the organisation: one per API key
    QHttpHeaders rateHeaders;   // X-RateLimit-* of the throttler that let the call through

    Pending(QHttpServerResponder &&r) : responder(std::move(r)) {}
    QByteArray header(QAnyStringView name) const { return headers.value(name).toByteArray(); }
    QByteArray verb() const
    {
        switch (method) {
        case QHttpServerRequest::Method::Get: return "GET";
        case QHttpServerRequest::Method::Post: return "POST";
        case QHttpServerRequest::Method::Put: return "PUT";
        case QHttpServerRequest::Method::Delete: return "DELETE";
        case QHttpServerRequest::Method::Patch: return "PATCH";
        default: return "OTHER";
        }
    }
};

struct EmulatorServer::Session {
    struct Command {
        QString id;
        QString command;
        bool finished = false;
        int exitCode = 0;
        QByteArray out, err, framed;
        QByteArray partialOut, partialErr;   // a line not yet ended, per stream
        quint64 handle = 0;
        // The daemon labels every line with its stream (docs/daytona-api.md §5.5): framed only grows, so a
        // log being followed never changes under its reader.
        void append(int stream, const QByteArray &chunk, bool flush)
        {
            QByteArray &partial = stream == 1 ? partialOut : partialErr;
            const QByteArray marker(stream == 1 ? "\x01\x01\x01" : "\x02\x02\x02", 3);
            (stream == 1 ? out : err) += chunk;
            partial += chunk;
            qsizetype nl;
            while ((nl = partial.indexOf('\n')) >= 0) {
                framed += marker + partial.left(nl + 1);
                partial.remove(0, nl + 1);
            }
            if (flush && !partial.isEmpty()) {
                framed += marker + partial + '\n';
                partial.clear();
            }
        }
    };
    QString id;
    QList<Command> commands;
    Command *command(const QString &cid)
    {
        for (Command &c : commands)
            if (c.id == cid)
                return &c;
        return nullptr;
    }
};

struct EmulatorServer::Sandbox {
    QString id;
    QString name;
    QString org;
    int cpu = 1, memoryGiB = 1, diskGiB = 3;   // the default snapshot's resources
    QJsonObject labels;
    QJsonObject env;
    QJsonObject request;         // the create body, echoed where the DTO has the same field
    QString createdAt;
    qint64 seq = 0;
    qint64 startAtMs = 0;        // m_clock time when it becomes started
    bool fails = false;          // ends in `error`
    bool ready = false;          // the local sandbox exists
    std::function<void()> answerCreate;   // the held create call, once the local sandbox exists
    QString runtimeError;        // it could not be made: `error`
    bool stopped = false;
    qint64 deleteAtMs = -1;      // DELETE received
    qint64 goneAtMs = -1;        // then 404
    QMap<QString, Session> sessions;
};

} // namespace mrp::emu
