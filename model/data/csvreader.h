// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// CSV after RFC 4180: comma-separated, fields optionally in double quotes (quotes doubled inside,
// commas and line breaks allowed inside), records end in "\r\n", "\n" or "\r". The first record
// is the header row and names the fields; a UTF-8 BOM before it is skipped; blank lines are
// ignored. Each record becomes a JSON object {header: value}: an unquoted value that is a JSON
// number written plainly (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, so "007" stays text)
// becomes a number, everything else, and every quoted value, stays text. A record with the wrong
// number of fields, or stray quotes, is a BadRecord (line of its first character); an unclosed
// quote at the end of the file, or a record of 256 MiB, is an Error.
//
// One scan finds where a record ends (nextText(): the split's quote rules, nothing copied) and
// one split reads its fields: next() makes a QJsonObject of them, appendCanonical() canonical
// JSON directly (keys in canonical order, worked out once from the header), on any thread.

#include "data/datasetreader.h"

#include <QByteArrayList>
#include <QStringList>
#include <QVarLengthArray>

#include <vector>

namespace mrp {

class CsvReader : public TextRecordReader
{
public:
    using TextRecordReader::TextRecordReader;
    Status next(DatasetRecord *rec) override;
    Status nextText(DatasetRecord *rec, QByteArrayView *text) override;
    bool appendCanonical(QByteArray &out, QByteArrayView text, QString *error) const override;

    // The header row (valid after the first call to next() or nextText()).
    QStringList header() const { return m_header; }
    // The JSON value of one field, as described above.
    static QJsonValue fieldValue(const QByteArray &text, bool quoted);

private:
    // One record's fields as they are read: quoted ones without their quotes and "" as ", the
    // others as they are; bad: the first problem that makes the record bad, empty if none.
    struct Fields {
        QVarLengthArray<QByteArrayView, 32> views;
        QVarLengthArray<bool, 32> quoted;
        QByteArray unescaped;     // the fields that held doubled quotes
        QString bad;
    };
    static void splitFields(QByteArrayView text, Fields *fields);
    // splitFields() and the header's field count: false and *error for a bad record.
    bool checkFields(QByteArrayView text, Fields *fields, QString *error) const;
    // The next record's text (blank lines skipped), found with the split's quote rules.
    Status scanRecord(DatasetRecord *rec, QByteArrayView *text);
    // Reads the header row once (an Error status when it is missing or bad).
    Status readHeader(DatasetRecord *rec);
    int peek();                   // next byte or -1 at the end; does not consume
    int get();

    QStringList m_header;
    // For appendCanonical(): the columns in canonical key order and each one's `"key":` bytes.
    std::vector<int> m_keyOrder;
    QByteArrayList m_keyBytes;
    qsizetype m_keyBytesTotal = 0;
    bool m_started = false;
    qint64 m_line = 1;            // line of the next byte
};

} // namespace mrp
