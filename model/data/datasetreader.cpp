// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/datasetreader.h"

#include "data/canonicaljson.h"
#include "data/csvreader.h"
#include "data/jsonarrayreader.h"
#include "data/jsonlreader.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace mrp {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::RecordReader)
};
} // namespace

RecordReader::RecordReader(QIODevice *device, const QString &file)
    : m_device(device)
    , m_file(file)
{
}

RecordReader::~RecordReader() = default;

QString RecordReader::digest() const
{
    // Sha256::result() does not end the running state, so this is repeatable.
    return m_hash.hexResult();
}

bool RecordReader::fill()
{
    if (m_eof)
        return false;
    // Drop what was consumed so the buffer holds at most one block plus one partial record.
    if (m_pos > 0) {
        m_buf.remove(0, m_pos);
        m_bufferOffset += m_pos;
        m_pos = 0;
    }
    // Read a block, or less when the device says less is left (small inputs stay cheap).
    const qint64 left = m_device->isSequential() ? BlockSize : m_device->bytesAvailable();
    const qint64 want = std::clamp<qint64>(left, 4096, BlockSize);
    const qsizetype old = m_buf.size();
    m_buf.resize(old + want);
    const qint64 n = m_device->read(m_buf.data() + old, want);
    if (n <= 0) {
        m_buf.resize(old);
        m_eof = true;
        if (n < 0)
            m_ioError = Tr::tr("cannot read %1: %2").arg(m_file, m_device->errorString());
        return false;
    }
    m_buf.resize(old + n);
    m_hash.addData(QByteArrayView(m_buf.constData() + old, n));
    m_bytesRead += n;
    return true;
}

namespace {

int hexValue(QByteArrayView b, qsizetype at)
{
    if (at + 4 > b.size())
        return -1;
    bool ok = false;
    const int v = QByteArray(b.data() + at, 4).toInt(&ok, 16);
    return ok ? v : -1;
}

// The byte offset (0-based) of a \uD800-\uDFFF escape that is not half of a surrogate pair,
// or -1. Qt's parser would replace it with U+FFFD, silently changing the record.
qsizetype loneSurrogate(QByteArrayView b)
{
    for (qsizetype i = 0; i + 1 < b.size(); ++i) {
        if (b[i] != '\\')
            continue;
        if (b[i + 1] != 'u') {
            ++i;   // an escaped character, e.g. \\ or \"
            continue;
        }
        const int v = hexValue(b, i + 2);
        if (v >= 0xD800 && v <= 0xDBFF) {
            const bool paired = i + 11 < b.size() && b[i + 6] == '\\' && b[i + 7] == 'u'
                && hexValue(b, i + 8) >= 0xDC00 && hexValue(b, i + 8) <= 0xDFFF;
            if (!paired)
                return i;
            i += 11;
        } else if (v >= 0xDC00 && v <= 0xDFFF) {
            return i;
        } else {
            i += 5;
        }
    }
    return -1;
}

} // namespace

RecordReader::Status JsonTextReader::next(DatasetRecord *rec)
{
    QByteArrayView text;
    const Status st = nextText(rec, &text);
    if (st != Status::Record)
        return st;
    QString error;
    if (parseJsonValue(text, &rec->value, &error))
        return Status::Record;
    rec->error = error;
    return Status::BadRecord;
}

bool JsonTextReader::appendCanonical(QByteArray &out, QByteArrayView text, QString *error) const
{
    if (appendCanonicalJsonText(out, text))
        return true;
    QJsonValue v;
    if (!parseJsonValue(text, &v, error))
        return false;
    appendCanonicalJson(out, v);
    return true;
}

bool parseJsonValue(QByteArrayView bytes, QJsonValue *out, QString *error)
{
    if (const qsizetype at = loneSurrogate(bytes); at >= 0) {
        if (error)
            *error = Tr::tr("a lone surrogate escape '%1' at byte %2 of the record: it is not a character, and reading it would change the data")
                         .arg(QString::fromLatin1(bytes.sliced(at, qMin<qsizetype>(6, bytes.size() - at))))
                         .arg(at + 1);
        return false;
    }
    qsizetype i = 0;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
        ++i;
    QJsonParseError pe;
    if (i < bytes.size() && (bytes[i] == '{' || bytes[i] == '[')) {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(bytes.data(), bytes.size()), &pe);
        if (pe.error == QJsonParseError::NoError) {
            *out = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
            return true;
        }
        if (error)
            *error = Tr::tr("invalid JSON at byte %1 of the record: %2")
                         .arg(pe.offset + 1)
                         .arg(pe.errorString());
        return false;
    }
    // QJsonDocument takes only objects and arrays at the top level: wrap scalars in an array.
    QByteArray wrapped;
    wrapped.reserve(bytes.size() + 2);
    wrapped += '[';
    wrapped += bytes;
    wrapped += ']';
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &pe);
    if (pe.error == QJsonParseError::NoError && doc.isArray() && doc.array().size() == 1) {
        *out = doc.array().at(0);
        return true;
    }
    if (error) {
        if (pe.error == QJsonParseError::NoError)
            *error = Tr::tr("expected exactly one JSON value");
        else
            *error = Tr::tr("invalid JSON at byte %1 of the record: %2")
                         .arg(std::max<qint64>(1, pe.offset))
                         .arg(pe.errorString());
    }
    return false;
}

std::unique_ptr<TextRecordReader> createRecordReader(const QString &format, QIODevice *device, const QString &file)
{
    if (format == u"jsonl")
        return std::make_unique<JsonlReader>(device, file);
    if (format == u"csv")
        return std::make_unique<CsvReader>(device, file);
    if (format == u"json")
        return std::make_unique<JsonArrayReader>(device, file);
    return nullptr;
}

} // namespace mrp
