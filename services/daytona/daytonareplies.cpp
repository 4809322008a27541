// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/daytonareplies.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace mrp::daytona {

namespace {

bool parseObject(const QByteArray &body, QJsonObject *out, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (error)
            *error = u"invalid JSON at offset %1: %2"_s.arg(pe.offset).arg(pe.errorString());
        return false;
    }
    if (!doc.isObject()) {
        if (error)
            *error = u"expected a JSON object"_s;
        return false;
    }
    *out = doc.object();
    return true;
}

// A JSON value as text when it is a string or a number (labels are strings, but be lenient).
QString scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return {};
}

bool intField(const QJsonObject &o, QLatin1StringView key, int *out)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!(d >= -2147483648.0 && d <= 2147483647.0))   // also rejects NaN
        return false;
    *out = int(d);
    return true;
}

} // namespace

bool sandboxFromJson(const QJsonObject &o, SandboxDto *out, QString *error)
{
    const QJsonValue id = o.value("id"_L1);
    if (!id.isString() || id.toString().isEmpty()) {
        if (error)
            *error = u"sandbox without an \"id\""_s;
        return false;
    }
    SandboxDto dto;
    dto.id = id.toString();
    dto.name = o.value("name"_L1).toString();
    dto.state = o.value("state"_L1).toString();
    dto.desiredState = o.value("desiredState"_L1).toString();
    dto.errorReason = o.value("errorReason"_L1).toString();
    dto.toolboxProxyUrl = o.value("toolboxProxyUrl"_L1).toString();
    dto.createdAt = o.value("createdAt"_L1).toString();
    const QJsonObject labels = o.value("labels"_L1).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        dto.labels.insert(it.key(), scalarText(it.value()));
    *out = dto;
    return true;
}

bool parseSandbox(const QByteArray &body, SandboxDto *out, QString *error)
{
    QJsonObject o;
    if (!parseObject(body, &o, error))
        return false;
    return sandboxFromJson(o, out, error);
}

bool parseSandboxPage(const QByteArray &body, SandboxPage *out, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (error)
            *error = u"invalid JSON at offset %1: %2"_s.arg(pe.offset).arg(pe.errorString());
        return false;
    }
    QJsonArray items;
    SandboxPage page;
    if (doc.isArray()) {
        items = doc.array();   // servers before ~v0.180: a bare array, no pagination
    } else if (doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue v = o.value("items"_L1);
        if (!v.isArray()) {
            if (error)
                *error = u"list reply without an \"items\" array"_s;
            return false;
        }
        items = v.toArray();
        const QJsonValue cursor = o.value("nextCursor"_L1);
        if (cursor.isString())
            page.nextCursor = cursor.toString();
        else if (!cursor.isNull() && !cursor.isUndefined()) {
            if (error)
                *error = u"\"nextCursor\" is neither a string nor null"_s;
            return false;
        }
    } else {
        if (error)
            *error = u"expected a JSON array or object"_s;
        return false;
    }
    for (const QJsonValue &v : std::as_const(items)) {
        SandboxDto dto;
        if (!v.isObject() || !sandboxFromJson(v.toObject(), &dto, error)) {
            if (error && !v.isObject())
                *error = u"list item is not an object"_s;
            return false;
        }
        page.items.append(dto);
    }
    *out = page;
    return true;
}

bool parseExecReply(const QByteArray &body, ExecReply *out, QString *error)
{
    QJsonObject o;
    if (!parseObject(body, &o, error))
        return false;
    ExecReply r;
    if (!intField(o, "exitCode"_L1, &r.exitCode) && !intField(o, "code"_L1, &r.exitCode)) {
        if (error)
            *error = u"exec reply without an integer \"exitCode\""_s;
        return false;
    }
    const QJsonValue result = o.value("result"_L1);
    if (!result.isString() && !result.isNull() && !result.isUndefined()) {
        if (error)
            *error = u"exec reply \"result\" is not a string"_s;
        return false;
    }
    r.result = result.toString();
    *out = r;
    return true;
}

bool parseToolboxProxyUrl(const QByteArray &body, QString *out, QString *error)
{
    QJsonObject o;
    if (!parseObject(body, &o, error))
        return false;
    const QString url = o.value("url"_L1).toString();
    if (url.isEmpty()) {
        if (error)
            *error = u"reply without a \"url\""_s;
        return false;
    }
    *out = url;
    return true;
}

bool parseSessionExec(const QByteArray &body, QString *cmdId, QString *error)
{
    QJsonObject o;
    if (!parseObject(body, &o, error))
        return false;
    const QString id = o.value("cmdId"_L1).toString();
    if (id.isEmpty()) {
        if (error)
            *error = u"session exec reply without \"cmdId\""_s;
        return false;
    }
    *cmdId = id;
    return true;
}

bool parseSessionCommand(const QByteArray &body, SessionCommand *out, QString *error)
{
    QJsonObject o;
    if (!parseObject(body, &o, error))
        return false;
    SessionCommand c;
    c.id = o.value("id"_L1).toString();
    c.hasExitCode = intField(o, "exitCode"_L1, &c.exitCode);
    *out = c;
    return true;
}

SessionLogs demuxLogMarkers(const QByteArray &raw)
{
    static const QByteArray outMarker("\x01\x01\x01", 3);
    static const QByteArray errMarker("\x02\x02\x02", 3);
    SessionLogs logs;
    QByteArray *current = &logs.stdoutData;
    qsizetype pos = 0;
    while (pos < raw.size()) {
        const qsizetype o = raw.indexOf(outMarker, pos);
        const qsizetype e = raw.indexOf(errMarker, pos);
        qsizetype next = -1;
        if (o >= 0 && (e < 0 || o < e))
            next = o;
        else if (e >= 0)
            next = e;
        if (next < 0) {
            current->append(raw.mid(pos));
            break;
        }
        current->append(raw.mid(pos, next - pos));
        current = (next == o) ? &logs.stdoutData : &logs.stderrData;
        pos = next + 3;
    }
    return logs;
}

bool parseSessionLogs(const QByteArray &body, SessionLogs *out, QString *error)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{')) {
        QJsonObject o;
        if (!parseObject(body, &o, error))
            return false;
        const QJsonValue so = o.value("stdout"_L1);
        const QJsonValue se = o.value("stderr"_L1);
        if (so.isString() || se.isString()) {
            out->stdoutData = so.toString().toUtf8();
            out->stderrData = se.toString().toUtf8();
            return true;
        }
        *out = demuxLogMarkers(o.value("output"_L1).toString().toUtf8());
        return true;
    }
    *out = demuxLogMarkers(body);
    return true;
}

ErrorBody parseErrorBody(const QByteArray &body)
{
    ErrorBody e;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue m = o.value("message"_L1);
        if (m.isString()) {
            e.message = m.toString();
        } else if (m.isArray()) {
            QStringList parts;
            const QJsonArray arr = m.toArray();
            for (const QJsonValue &v : arr)
                parts.append(scalarText(v));
            e.message = parts.join(u", "_s);
        }
        if (e.message.isEmpty())
            e.message = scalarText(o.value("error"_L1));
        e.code = scalarText(o.value("code"_L1));
        if (e.code.isEmpty())
            e.code = scalarText(o.value("error_code"_L1));
        e.source = scalarText(o.value("source"_L1));
        return e;
    }
    // Not JSON (or empty, as some file handlers send): keep a short, printable excerpt.
    e.message = QString::fromUtf8(body.left(300)).trimmed();
    return e;
}

} // namespace mrp::daytona
