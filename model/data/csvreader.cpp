// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/csvreader.h"

#include "data/canonicaljson.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <numeric>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::CsvReader)
};

bool isPlainNumber(QByteArrayView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    if (i < n && s[i] == '-')
        ++i;
    if (i >= n)
        return false;
    if (s[i] == '0') {
        ++i;
    } else if (s[i] >= '1' && s[i] <= '9') {
        while (i < n && s[i] >= '0' && s[i] <= '9')
            ++i;
    } else {
        return false;
    }
    if (i < n && s[i] == '.') {
        ++i;
        const qsizetype start = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == start)
            return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            ++i;
        const qsizetype start = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == start)
            return false;
    }
    return i == n;
}

// The first comma, CR or LF in [p, end), or end; 16 bytes at a time where the processor has SSE2.
const char *skipUnquotedBytes(const char *p, const char *end)
{
#ifdef __SSE2__
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (const int mask = _mm_movemask_epi8(stop); mask != 0)
            return p + __builtin_ctz(unsigned(mask));
        p += 16;
    }
#endif
    while (p < end && *p != ',' && *p != '\n' && *p != '\r')
        ++p;
    return p;
}

// Room enough for any field's canonical form: every byte escaped (\u00XX), or a number.
qsizetype fieldRoom(QByteArrayView text)
{
    return std::max<qsizetype>(6 * text.size() + 2, 32);
}

char *copyTo(char *w, QByteArrayView bytes)
{
    std::memcpy(w, bytes.data(), size_t(bytes.size()));
    return w + bytes.size();
}

// The canonical string of a text field, in one pass, written at w (fieldRoom(text) bytes of
// room); returns the end. Well-formed UTF-8 (Unicode Table 3-7) without a noncharacter or
// U+FEFF is the same bytes decoded and encoded again, so it is copied, with its control
// characters, quotes and backslashes escaped. nullptr for anything else: the caller takes the
// QString way.
char *writeWellFormedText(char *w, QByteArrayView text)
{
    const char *const end = text.data() + text.size();
    *w++ = '"';
    for (const char *p = text.data(); p < end;) {
        const char *plain = skipPlainJsonStringBytes(p, end);
        w = copyTo(w, QByteArrayView(p, plain - p));
        p = plain;
        if (p >= end)
            break;
        const auto *s = reinterpret_cast<const unsigned char *>(p);
        const unsigned char b0 = s[0];
        if (b0 < 0x80) {
            w = writeJsonEscape(w, b0);
            ++p;
            continue;
        }
        char32_t cp = 0;
        const qsizetype len = wellFormedUtf8Sequence(s, end - p, &cp);
        if (len == 0 || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE || cp == 0xFEFF)
            return nullptr;
        w = copyTo(w, QByteArrayView(p, len));
        p += len;
    }
    *w++ = '"';
    return w;
}

// The first byte of text that is not part of well-formed UTF-8, or -1.
qsizetype firstMalformedUtf8(QByteArrayView text)
{
    const auto *s = reinterpret_cast<const unsigned char *>(text.data());
    for (qsizetype i = 0; i < text.size();) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        const qsizetype len = wellFormedUtf8Sequence(s + i, text.size() - i, &cp);
        if (len == 0)
            return i;
        i += len;
    }
    return -1;
}

// Why a field cannot be a record's text (its bytes are not UTF-8: a file saved in another
// encoding, which decoding would silently change); empty when it can. The same words on the
// one-by-one and the parallel way.
QString malformedText(const QString &column, QByteArrayView text)
{
    const qsizetype at = firstMalformedUtf8(text);
    if (at < 0)
        return {};
    return Tr::tr("the field '%1' is not UTF-8 (byte 0x%2 at its position %3); save the file as UTF-8")
        .arg(column)
        .arg(uint(uchar(text[at])), 2, 16, QLatin1Char('0'))
        .arg(at + 1);
}

// What fieldValue() gives, in canonical JSON, written at w (fieldRoom(text) bytes of room);
// returns the end, or nullptr for text that is not UTF-8 (malformedText()). Without the
// QJsonValue where that is exact: integers in plain decimal, decimals already canonical as they
// are, well-formed text as it is or escaped.
char *writeCanonicalField(char *w, QByteArrayView text, bool quoted)
{
    const auto has = [&](char c) { return std::memchr(text.data(), c, size_t(text.size())) != nullptr; };
    if (!quoted && isPlainNumber(text)) {
        // The very conversions of fieldValue(), on the bytes in place.
        const bool exponent = has('e') || has('E');
        if (!exponent && decimalIsCanonical(text))
            return copyTo(w, text);
        if (!exponent && !has('.')) {
            // The grammar is checked: from_chars fails only beyond qint64, as toLongLong does.
            qint64 v = 0;
            if (std::from_chars(text.data(), text.data() + text.size(), v).ec == std::errc())
                return std::to_chars(w, w + 24, v).ptr;   // canonical JSON of any qint64
        }
        bool ok = false;
        const double d = QByteArray::fromRawData(text.data(), text.size()).toDouble(&ok);
        if (ok && std::isfinite(d))
            return copyTo(w, canonicalJson(QJsonValue(d)));
    }
    if (char *end = writeWellFormedText(w, text))
        return end;
    if (firstMalformedUtf8(text) >= 0)
        return nullptr;
    // Well-formed with a noncharacter or U+FEFF: through QString, as fieldValue() does.
    const QByteArray json = canonicalJson(QJsonValue(QString::fromUtf8(text)));
    Q_ASSERT(json.size() <= fieldRoom(text));
    return copyTo(w, json);
}

} // namespace

QJsonValue CsvReader::fieldValue(const QByteArray &text, bool quoted)
{
    if (!quoted && isPlainNumber(text)) {
        if (!text.contains('.') && !text.contains('e') && !text.contains('E')) {
            bool ok = false;
            const qint64 v = text.toLongLong(&ok);
            if (ok)
                return QJsonValue(v);
        }
        bool ok = false;
        const double d = text.toDouble(&ok);
        if (ok && std::isfinite(d))
            return QJsonValue(d);
    }
    return QJsonValue(QString::fromUtf8(text));
}

// The fields of one record's text (no line end outside quotes): quoted ones without their
// quotes and with "" as ", the others as they are. A quote inside an unquoted field, or text
// after a closing quote, makes the record bad; bad says the first such problem. A quote opens
// a field only at its start.
void CsvReader::splitFields(QByteArrayView text, Fields *f)
{
    const char *p = text.data();
    const qsizetype n = text.size();
    qsizetype i = 0;
    for (;;) {
        if (i < n && p[i] == '"') {
            const qsizetype from = i + 1;
            qsizetype j = from;
            bool doubled = false;
            qsizetype close = n;
            while (j < n) {
                const void *q = std::memchr(p + j, '"', size_t(n - j));
                if (!q)
                    break;
                const qsizetype k = static_cast<const char *>(q) - p;
                if (k + 1 < n && p[k + 1] == '"') {
                    doubled = true;
                    j = k + 2;
                    continue;
                }
                close = k;
                break;
            }
            if (doubled) {
                if (f->unescaped.capacity() < n)
                    f->unescaped.reserve(n);   // once: views into it stay valid
                const qsizetype start = f->unescaped.size();
                for (qsizetype k = from; k < close;) {
                    // Up to and with the next quote, then past the second of the doubled pair.
                    const void *q = std::memchr(p + k, '"', size_t(close - k));
                    const qsizetype end = q ? static_cast<const char *>(q) - p + 1 : close;
                    f->unescaped.append(p + k, end - k);
                    k = q ? end + 1 : close;
                }
                f->views.append(QByteArrayView(f->unescaped.constData() + start, f->unescaped.size() - start));
            } else {
                f->views.append(QByteArrayView(p + from, close - from));
            }
            f->quoted.append(true);
            i = std::min(close + 1, n);
            if (i < n && p[i] != ',') {
                if (f->bad.isEmpty())
                    f->bad = Tr::tr("text after a closing quote (double the quote to write one inside a field)");
                const void *comma = std::memchr(p + i, ',', size_t(n - i));
                i = comma ? static_cast<const char *>(comma) - p : n;
            }
        } else {
            const void *comma = std::memchr(p + i, ',', size_t(n - i));
            const qsizetype end = comma ? static_cast<const char *>(comma) - p : n;
            if (f->bad.isEmpty() && std::memchr(p + i, '"', size_t(end - i)))
                f->bad = Tr::tr("a quote inside an unquoted field (quote the whole field and double the quote)");
            f->views.append(QByteArrayView(p + i, end - i));
            f->quoted.append(false);
            i = end;
        }
        if (i >= n)
            return;
        ++i;   // the comma: another field follows, perhaps an empty one at the end
    }
}

int CsvReader::peek()
{
    if (m_pos >= m_buf.size() && !fill())
        return -1;
    return static_cast<unsigned char>(m_buf.at(m_pos));
}

int CsvReader::get()
{
    const int c = peek();
    if (c >= 0) {
        ++m_pos;
        if (c == '\n')
            ++m_line;
    }
    return c;
}

RecordReader::Status CsvReader::readHeader(DatasetRecord *rec)
{
    m_started = true;
    while (m_buf.size() - m_pos < 3 && fill()) { }
    if (m_buf.size() - m_pos >= 3 && std::memcmp(m_buf.constData() + m_pos, "\xEF\xBB\xBF", 3) == 0)
        m_pos += 3;
    QByteArrayView text;
    const Status st = scanRecord(rec, &text);
    if (st == Status::End) {
        rec->error = Tr::tr("the file is empty: a header row is required");
        return Status::Error;
    }
    if (st != Status::Record) {
        rec->error = Tr::tr("bad header row: %1").arg(rec->error);
        return Status::Error;
    }
    Fields fields;
    splitFields(text, &fields);
    if (!fields.bad.isEmpty()) {
        rec->error = Tr::tr("bad header row: %1").arg(fields.bad);
        return Status::Error;
    }
    QSet<QString> seen;
    for (const QByteArrayView f : std::as_const(fields.views)) {
        const QString name = QString::fromUtf8(f);
        if (name.isEmpty() || seen.contains(name)) {
            rec->error = name.isEmpty() ? Tr::tr("the header row has an empty column name")
                                        : Tr::tr("the header row names the column '%1' twice").arg(name);
            return Status::Error;
        }
        seen.insert(name);
        m_header.append(name);
    }
    // Canonical JSON sorts keys by UTF-16 code units, as QString's operator< does.
    m_keyOrder.resize(size_t(m_header.size()));
    std::iota(m_keyOrder.begin(), m_keyOrder.end(), 0);
    std::sort(m_keyOrder.begin(), m_keyOrder.end(), [this](int a, int b) { return m_header.at(a) < m_header.at(b); });
    for (const int column : m_keyOrder) {
        QByteArray key;
        appendCanonicalJson(key, QJsonValue(m_header.at(column)));
        key += ':';
        m_keyBytesTotal += key.size();
        m_keyBytes.append(key);
    }
    return Status::Record;
}

RecordReader::Status CsvReader::next(DatasetRecord *rec)
{
    QByteArrayView text;
    if (const Status st = nextText(rec, &text); st != Status::Record)
        return st;
    Fields fields;
    QString error;
    if (!checkFields(text, &fields, &error)) {
        rec->error = error;
        return Status::BadRecord;
    }
    QJsonObject o;
    for (qsizetype i = 0; i < fields.views.size(); ++i) {
        if (const QString why = malformedText(m_header.at(i), fields.views[i]); !why.isEmpty()) {
            rec->error = why;
            return Status::BadRecord;
        }
        o.insert(m_header.at(i), fieldValue(fields.views[i].toByteArray(), fields.quoted[i]));
    }
    rec->value = o;
    return Status::Record;
}

RecordReader::Status CsvReader::nextText(DatasetRecord *rec, QByteArrayView *text)
{
    if (!rec->file.isSharedWith(m_file))   // once per file, not an atomic count per record
        rec->file = m_file;
    if (!m_started) {
        if (const Status st = readHeader(rec); st != Status::Record)
            return st;
    }
    return scanRecord(rec, text);
}

RecordReader::Status CsvReader::scanRecord(DatasetRecord *rec, QByteArrayView *text)
{
    // Blank lines before the record (and the line end of the one before) are not part of it.
    while (peek() == '\n' || peek() == '\r')
        get();
    rec->line = m_line;
    rec->byteOffset = m_bufferOffset + m_pos;
    // The states of the field split (splitFields()), only to find the line end that ends the
    // record: a quote opens a field only at its start, and a line end inside an open quote
    // belongs to the field. Nothing is copied.
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    qsizetype at = 0;             // scanned so far, from m_pos (fill() keeps m_pos's bytes)
    qint64 newlines = 0;          // inside quoted fields
    for (;;) {
        const char *p = m_buf.constData() + m_pos;
        const qsizetype n = std::min<qsizetype>(m_buf.size() - m_pos, MaxRecordBytes);
        while (at < n) {
            if (state == State::Quoted) {
                const void *q = std::memchr(p + at, '"', size_t(n - at));
                const qsizetype end = q ? static_cast<const char *>(q) - p : n;
                newlines += std::count(p + at, p + end, '\n');
                at = end;
                if (!q)
                    break;
                state = State::QuoteInQuoted;
                ++at;
                continue;
            }
            const char c = p[at];
            if (c == '\n' || c == '\r') {
                *text = QByteArrayView(p, at);
                m_pos += at;
                m_line += newlines;
                return Status::Record;
            }
            switch (state) {
            case State::FieldStart:
            case State::QuoteInQuoted:
                state = c == '"' ? State::Quoted : c == ',' ? State::FieldStart : State::Unquoted;
                break;
            case State::Unquoted:
                if (c == ',') {
                    state = State::FieldStart;
                } else {
                    // Up to the next comma or line end: nothing else matters in this state.
                    at = skipUnquotedBytes(p + at + 1, p + n) - p;
                    continue;
                }
                break;
            case State::Quoted:
                break;
            }
            ++at;
        }
        if (at >= MaxRecordBytes) {
            rec->error = Tr::tr("the record is larger than %1 MiB").arg(MaxRecordBytes >> 20);
            return Status::Error;
        }
        if (fill())
            continue;
        if (!m_ioError.isEmpty()) {
            rec->error = m_ioError;
            return Status::Error;
        }
        if (state == State::Quoted) {
            rec->error = Tr::tr("a quoted field opened on line %1 is never closed").arg(rec->line);
            return Status::Error;
        }
        if (at == 0)
            return Status::End;
        *text = QByteArrayView(m_buf.constData() + m_pos, at);
        m_pos += at;
        m_line += newlines;
        return Status::Record;
    }
}

bool CsvReader::checkFields(QByteArrayView text, Fields *fields, QString *error) const
{
    splitFields(text, fields);
    if (!fields->bad.isEmpty()) {
        *error = fields->bad;
        return false;
    }
    if (fields->views.size() != m_header.size()) {
        *error = Tr::tr("expected %1 fields (as in the header row), found %2").arg(m_header.size()).arg(fields->views.size());
        return false;
    }
    return true;
}

bool CsvReader::appendCanonical(QByteArray &out, QByteArrayView text, QString *error) const
{
    // One per thread, emptied for each record: no allocation per record.
    thread_local Fields fields;
    fields.views.clear();
    fields.quoted.clear();
    fields.unescaped.resize(0);
    fields.bad.clear();
    if (!checkFields(text, &fields, error))
        return false;
    // Written in place: room for the worst case, then cut to what was written (resize grows
    // the batch geometrically and never shrinks its capacity).
    qsizetype room = 2 + m_keyBytesTotal + qsizetype(m_keyOrder.size());
    for (const QByteArrayView f : std::as_const(fields.views))
        room += fieldRoom(f);
    const qsizetype at = out.size();
    out.resize(at + room);
    char *const begin = out.data();
    char *w = begin + at;
    *w++ = '{';
    for (size_t k = 0; k < m_keyOrder.size(); ++k) {
        if (k > 0)
            *w++ = ',';
        w = copyTo(w, m_keyBytes.at(qsizetype(k)));
        const int column = m_keyOrder[k];
        w = writeCanonicalField(w, fields.views[column], fields.quoted[column]);
        if (!w) {
            // Named as the one-by-one way names it: the first such field in column order.
            QString why;
            for (qsizetype i = 0; i < fields.views.size() && why.isEmpty(); ++i)
                why = malformedText(m_header.at(i), fields.views[i]);
            if (error)
                *error = why;
            out.resize(at);
            return false;
        }
    }
    *w++ = '}';
    Q_ASSERT(w - begin <= at + room);
    out.resize(w - begin);
    return true;
}

} // namespace mrp
