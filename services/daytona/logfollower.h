// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// LogFollower: follows a session command's log over a WebSocket (docs/daytona-api.md §5.5,
// `.../command/{cid}/logs?follow=true`) and emits it demultiplexed per stream as it arrives.
// The frames carry the raw log, every line labelled 01 01 01 (stdout) or 02 02 02 (stderr);
// a marker may be split across frames, so up to two trailing marker bytes wait for the next.
//
// Used only for live display: the caller still reads the final log over HTTP once the
// command has its exit code, so a lost or refused stream only costs liveness (failed()).
// Threading: the thread it was made on (QWebSocket is not thread-safe).

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>

class QWebSocket;

namespace mrp {

class LogFollower : public QObject
{
    Q_OBJECT
public:
    // request: the toolbox logs URL (http[s]) with the client's headers; opened at once.
    explicit LogFollower(const QNetworkRequest &request, QObject *parent = nullptr);
    ~LogFollower() override;

    // The first QWebSocket of a process costs ~80 ms of one-time set-up (measured): done once
    // on a pool thread ahead of the first follower, so it never stalls the thread that runs a
    // run (the GUI thread in the workbench). Cheap to call again.
    static void prepare();

    bool isStreaming() const { return m_connected && !m_failed; }
    void close();

    // The demultiplexer on its own (tests): feeds one frame, returns (stream, bytes) pieces.
    struct Piece {
        int stream;
        QByteArray data;
    };
    QList<Piece> feed(const QByteArray &frame);

Q_SIGNALS:
    void output(int stream, const QByteArray &chunk);
    void failed(const QString &why);     // could not connect, or closed abnormally
    void finished();                      // the server closed the stream normally

private:
    QWebSocket *m_socket = nullptr;
    QByteArray m_carry;
    int m_stream = 1;
    bool m_connected = false;
    bool m_failed = false;
};

} // namespace mrp
