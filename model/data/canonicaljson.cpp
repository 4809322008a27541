// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/canonicaljson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace mrp {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

bool needsEscape(const QString &s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == u'"' || u == u'\\')
            return true;
    }
    return false;
}

void appendString(QByteArray &out, const QString &s)
{
    if (!needsEscape(s)) {   // the common case: one bulk conversion
        out += '"';
        out += s.toUtf8();
        out += '"';
        return;
    }
    const QByteArray utf8 = s.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out += '"';
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += hexDigits[c >> 4];
                out += hexDigits[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void appendNumber(QByteArray &out, const QJsonValue &v)
{
    const double d = v.toDouble();
    constexpr double maxExact = 9007199254740992.0;   // 2^53
    if (std::fabs(d) < maxExact) {
        if (d == std::trunc(d)) {
            out += QByteArray::number(static_cast<qint64>(d));   // also turns -0 into 0
            return;
        }
    } else {
        // Beyond 2^53 a value read as an integer is kept exact (QJsonValue stores it as qint64).
        const QVariant var = v.toVariant();
        if (var.typeId() == QMetaType::LongLong || var.typeId() == QMetaType::Int) {
            out += QByteArray::number(var.toLongLong());
            return;
        }
        if (!std::isfinite(d)) {
            out += "null";
            return;
        }
    }
    out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

} // namespace

void appendCanonicalJson(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        return;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QJsonValue::Double:
        appendNumber(out, value);
        return;
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Array: {
        const QJsonArray a = value.toArray();
        out += '[';
        bool first = true;
        for (const QJsonValue &e : a) {
            if (!first)
                out += ',';
            first = false;
            appendCanonicalJson(out, e);
        }
        out += ']';
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        // QJsonObject iterates in its own key order, which is UTF-16 order in Qt 6; we check it
        // as we go and sort explicitly should it ever differ.
        bool sorted = true;
        QString prevKey;
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            QString key = it.key();
            if (it != o.constBegin() && !(prevKey < key)) {
                sorted = false;
                break;
            }
            prevKey = std::move(key);
        }
        out += '{';
        bool first = true;
        if (sorted) {
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                if (!first)
                    out += ',';
                first = false;
                appendString(out, it.key());
                out += ':';
                appendCanonicalJson(out, it.value());
            }
        } else {
            QStringList keys = o.keys();
            std::sort(keys.begin(), keys.end());   // UTF-16 code unit order
            for (const QString &k : std::as_const(keys)) {
                if (!first)
                    out += ',';
                first = false;
                appendString(out, k);
                out += ':';
                appendCanonicalJson(out, o.value(k));
            }
        }
        out += '}';
        return;
    }
    }
}

QByteArray canonicalJson(const QJsonValue &value)
{
    QByteArray out;
    appendCanonicalJson(out, value);
    return out;
}

} // namespace mrp
