// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "multipart.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace mrp::emu {

namespace {

// Value of `key="..."` (or key=token) inside a header value.
QByteArray paramOf(const QByteArray &header, const QByteArray &key)
{
    const QList<QByteArray> items = header.split(';');
    for (const QByteArray &raw : items) {
        const QByteArray item = raw.trimmed();
        const qsizetype eq = item.indexOf('=');
        if (eq <= 0 || item.left(eq).trimmed().toLower() != key)
            continue;
        QByteArray v = item.mid(eq + 1).trimmed();
        if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"'))
            v = v.mid(1, v.size() - 2);
        return v;
    }
    return {};
}

} // namespace

QByteArray boundaryOf(const QByteArray &contentType)
{
    if (!contentType.toLower().trimmed().startsWith("multipart/"))
        return {};
    return paramOf(contentType, "boundary");
}

bool parseMultipart(const QByteArray &body, const QByteArray &boundary, QList<FormPart> *parts, QString *error)
{
    if (boundary.isEmpty()) {
        *error = u"no multipart boundary"_s;
        return false;
    }
    const QByteArray delim = "--" + boundary;
    qsizetype pos = body.indexOf(delim);
    if (pos < 0) {
        *error = u"boundary not found in body"_s;
        return false;
    }
    while (true) {
        pos += delim.size();
        if (body.mid(pos, 2) == "--")
            return true;                       // closing delimiter
        if (body.mid(pos, 2) != "\r\n") {
            *error = u"malformed delimiter line"_s;
            return false;
        }
        pos += 2;
        const qsizetype headerEnd = body.indexOf("\r\n\r\n", pos);
        if (headerEnd < 0) {
            *error = u"part without header end"_s;
            return false;
        }
        FormPart part;
        const QList<QByteArray> lines = body.mid(pos, headerEnd - pos).split('\n');
        for (QByteArray line : lines) {
            line = line.trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-disposition") {
                part.name = paramOf(value, "name");
                part.fileName = paramOf(value, "filename");
            } else if (name == "content-type") {
                part.contentType = value;
            }
        }
        const qsizetype bodyStart = headerEnd + 4;
        const qsizetype next = body.indexOf(QByteArray("\r\n" + delim), bodyStart);
        if (next < 0) {
            *error = u"unterminated part"_s;
            return false;
        }
        part.body = body.mid(bodyStart, next - bodyStart);
        parts->append(part);
        pos = next + 2;
    }
}

QByteArray writeMultipart(const QList<FormPart> &parts, const QByteArray &boundary)
{
    QByteArray out;
    for (const FormPart &p : parts) {
        out += "--" + boundary + "\r\n";
        out += "Content-Disposition: form-data; name=\"" + p.name + '"';
        if (!p.fileName.isEmpty()) {
            QByteArray quoted = p.fileName;
            quoted.replace('"', "%22");
            out += "; filename=\"" + quoted + "\"; filename*=utf-8''" + QUrl::toPercentEncoding(QString::fromUtf8(p.fileName));
        }
        out += "\r\nContent-Type: " + (p.contentType.isEmpty() ? QByteArray("application/octet-stream") : p.contentType);
        out += "\r\nContent-Length: " + QByteArray::number(p.body.size()) + "\r\n\r\n";
        out += p.body + "\r\n";
    }
    out += "--" + boundary + "--\r\n";
    return out;
}

} // namespace mrp::emu
