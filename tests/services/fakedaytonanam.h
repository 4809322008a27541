// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// A DaytonaAccessManager whose createRequest() returns scripted replies instead of touching
// the network: success payloads, any HTTP status with headers, transport errors, and replies
// that never finish. Requests are decorated exactly as on the wire (decorate()) and recorded.

#include "daytona/daytonaaccessmanager.h"

#include <QBuffer>
#include <QList>
#include <QNetworkReply>
#include <QTimer>

#include <functional>

namespace mrp::test {

struct Script {
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QNetworkReply::NetworkError netError = QNetworkReply::NoError;
    bool hang = false;           // never finishes (until aborted)
    int delayMs = 0;

    static Script ok(const QByteArray &json) { return Script{200, json, {}, QNetworkReply::NoError, false, 0}; }
    static Script http(int status, const QByteArray &body = {}, QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        return Script{status, body, headers, QNetworkReply::NoError, false, 0};
    }
    static Script net(QNetworkReply::NetworkError e) { return Script{0, {}, {}, e, false, 0}; }
    static Script hanging() { return Script{0, {}, {}, QNetworkReply::NoError, true, 0}; }
};

class FakeReply : public QNetworkReply
{
    Q_OBJECT
public:
    FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request, const Script &script, QObject *parent)
        : QNetworkReply(parent)
        , m_script(script)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        if (!script.hang)
            QTimer::singleShot(script.delayMs, this, &FakeReply::respond);
    }

    void abort() override
    {
        if (isFinished())
            return;
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        setFinished(true);
        Q_EMIT errorOccurred(OperationCanceledError);
        Q_EMIT finished();
    }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxlen) override
    {
        const qint64 n = qMin<qint64>(maxlen, m_data.size() - m_pos);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    void respond()
    {
        if (isFinished())
            return;
        if (m_script.netError != NoError) {
            setError(m_script.netError, QStringLiteral("scripted network error"));
            setFinished(true);
            Q_EMIT errorOccurred(m_script.netError);
            Q_EMIT finished();
            return;
        }
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_script.status);
        for (const auto &[k, v] : m_script.headers)
            setRawHeader(k, v);
        m_data = m_script.body;
        Q_EMIT metaDataChanged();
        if (m_script.status >= 400) {
            // What QNetworkReplyHttpImpl does for error statuses.
            const NetworkError e = m_script.status == 401 ? AuthenticationRequiredError
                : m_script.status == 404 ? ContentNotFoundError
                : m_script.status >= 500 ? InternalServerError : UnknownContentError;
            setError(e, QStringLiteral("HTTP error %1").arg(m_script.status));
            Q_EMIT errorOccurred(e);
        }
        if (!m_data.isEmpty()) {
            Q_EMIT readyRead();
            Q_EMIT downloadProgress(m_data.size(), m_data.size());
        }
        setFinished(true);
        Q_EMIT finished();
    }

    Script m_script;
    QByteArray m_data;
    qint64 m_pos = 0;
};

struct Recorded {
    QByteArray verb;
    QNetworkRequest request;
    QByteArray body;
};

class FakeAccessManager : public DaytonaAccessManager
{
    Q_OBJECT
public:
    using DaytonaAccessManager::DaytonaAccessManager;

    QList<Script> scripts;       // consumed in order; when empty, `fallback` answers
    Script fallback = Script::http(500, "{\"message\":\"no script\"}");
    QList<Recorded> recorded;
    std::function<Script(const Recorded &)> responder;   // when set, answers instead of the lists

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override
    {
        const QNetworkRequest wire = decorate(request);
        QByteArray verb;
        switch (op) {
        case GetOperation: verb = "GET"; break;
        case PostOperation: verb = "POST"; break;
        case PutOperation: verb = "PUT"; break;
        case DeleteOperation: verb = "DELETE"; break;
        case HeadOperation: verb = "HEAD"; break;
        case CustomOperation: verb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray(); break;
        case UnknownOperation: verb = "?"; break;
        }
        recorded.append({verb, wire, outgoingData ? outgoingData->readAll() : QByteArray()});
        const Script s = responder ? responder(recorded.last()) : scripts.isEmpty() ? fallback : scripts.takeFirst();
        return new FakeReply(op, wire, s, this);
    }
};

} // namespace mrp::test
