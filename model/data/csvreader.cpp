// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/csvreader.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSet>

#include <cmath>
#include <cstring>

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::CsvReader)
};

bool isPlainNumber(const QByteArray &s)
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

CsvReader::Row CsvReader::readRow(QByteArrayList *fields, QList<bool> *quoted, QString *error)
{
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    QByteArray field;
    bool fieldQuoted = false;
    bool bad = false;
    qint64 size = 0;
    const qint64 quoteLine = m_line;
    const auto push = [&] {
        fields->append(field);
        quoted->append(fieldQuoted);
        field.clear();
        fieldQuoted = false;
    };
    for (;;) {
        const int c = get();
        if (++size > MaxRecordBytes) {
            *error = Tr::tr("the record is larger than %1 MiB").arg(MaxRecordBytes >> 20);
            return Row::Error;
        }
        if (c < 0) {
            if (!m_ioError.isEmpty()) {
                *error = m_ioError;
                return Row::Error;
            }
            if (state == State::Quoted) {
                *error = Tr::tr("a quoted field opened on line %1 is never closed").arg(quoteLine);
                return Row::Error;
            }
            if (state == State::FieldStart && fields->isEmpty())
                return Row::End;
            push();
            return bad ? Row::Bad : Row::Ok;
        }
        const bool lineEnd = c == '\n' || c == '\r';
        if (lineEnd && state != State::Quoted) {
            if (c == '\r' && peek() == '\n')
                get();
            if (state == State::FieldStart && fields->isEmpty())
                continue;   // blank line
            push();
            return bad ? Row::Bad : Row::Ok;
        }
        switch (state) {
        case State::FieldStart:
            if (c == '"') {
                state = State::Quoted;
                fieldQuoted = true;
            } else if (c == ',') {
                push();
            } else {
                field += char(c);
                state = State::Unquoted;
            }
            break;
        case State::Unquoted:
            if (c == ',') {
                push();
                state = State::FieldStart;
            } else {
                if (c == '"' && !bad) {
                    bad = true;
                    *error = Tr::tr("a quote inside an unquoted field (quote the whole field and double the quote)");
                }
                field += char(c);
            }
            break;
        case State::Quoted:
            if (c == '"')
                state = State::QuoteInQuoted;
            else
                field += char(c);
            break;
        case State::QuoteInQuoted:
            if (c == '"') {
                field += '"';
                state = State::Quoted;
            } else if (c == ',') {
                push();
                state = State::FieldStart;
            } else {
                if (!bad) {
                    bad = true;
                    *error = Tr::tr("text after a closing quote (double the quote to write one inside a field)");
                }
                field += char(c);
                state = State::Unquoted;
            }
            break;
        }
    }
}

RecordReader::Status CsvReader::next(DatasetRecord *rec)
{
    rec->file = m_file;
    if (!m_started) {
        m_started = true;
        while (m_buf.size() - m_pos < 3 && fill()) { }
        if (m_buf.size() - m_pos >= 3 && std::memcmp(m_buf.constData() + m_pos, "\xEF\xBB\xBF", 3) == 0)
            m_pos += 3;
        QByteArrayList fields;
        QList<bool> quoted;
        QString error;
        rec->line = m_line;
        rec->byteOffset = m_bufferOffset + m_pos;
        const Row r = readRow(&fields, &quoted, &error);
        if (r == Row::End) {
            rec->error = Tr::tr("the file is empty: a header row is required");
            return Status::Error;
        }
        if (r != Row::Ok) {
            rec->error = Tr::tr("bad header row: %1").arg(error);
            return Status::Error;
        }
        QSet<QString> seen;
        for (const QByteArray &f : std::as_const(fields)) {
            const QString name = QString::fromUtf8(f);
            if (name.isEmpty() || seen.contains(name)) {
                rec->error = name.isEmpty() ? Tr::tr("the header row has an empty column name")
                                            : Tr::tr("the header row names the column '%1' twice").arg(name);
                return Status::Error;
            }
            seen.insert(name);
            m_header.append(name);
        }
    }
    for (;;) {
        QByteArrayList fields;
        QList<bool> quoted;
        QString error;
        // Skip blank lines before taking the record's position.
        while (peek() == '\n' || peek() == '\r')
            get();
        rec->line = m_line;
        rec->byteOffset = m_bufferOffset + m_pos;
        const Row r = readRow(&fields, &quoted, &error);
        switch (r) {
        case Row::End:
            return Status::End;
        case Row::Error:
            rec->error = error;
            return Status::Error;
        case Row::Bad:
            rec->error = error;
            return Status::BadRecord;
        case Row::Ok:
            break;
        }
        if (fields.size() != m_header.size()) {
            rec->error = Tr::tr("expected %1 fields (as in the header row), found %2").arg(m_header.size()).arg(fields.size());
            return Status::BadRecord;
        }
        QJsonObject o;
        for (qsizetype i = 0; i < fields.size(); ++i)
            o.insert(m_header.at(i), fieldValue(fields.at(i), quoted.at(i)));
        rec->value = o;
        return Status::Record;
    }
}

} // namespace mrp
