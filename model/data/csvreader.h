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
// quote at the end of the file is an Error.

#include "data/datasetreader.h"

#include <QByteArrayList>
#include <QStringList>

namespace mrp {

class CsvReader : public RecordReader
{
public:
    using RecordReader::RecordReader;
    Status next(DatasetRecord *rec) override;

    // The header row (valid after the first call to next()).
    QStringList header() const { return m_header; }
    // The JSON value of one field, as described above.
    static QJsonValue fieldValue(const QByteArray &text, bool quoted);

private:
    enum class Row { Ok, Bad, End, Error };
    Row readRow(QByteArrayList *fields, QList<bool> *quoted, QString *error);
    int peek();                   // next byte or -1 at the end; does not consume
    int get();

    QStringList m_header;
    bool m_started = false;
    qint64 m_line = 1;            // line of the next byte
};

} // namespace mrp
