// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Streaming dataset readers (docs/job-format.md, "Datasets"). A reader pulls records one at a
// time from a QIODevice in fixed-size blocks, so peak memory depends on the largest record,
// never on the dataset size. It also hashes every byte it reads (SHA-256), which gives the
// manifest digest without a second pass. Not thread-safe; one reader per thread.

#include "data/digest.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <memory>

class QIODevice;

namespace mrp {

struct DatasetRecord {
    QJsonValue value;             // the record (Record only)
    QString file;                 // the file it came from (as given to the reader)
    qint64 line = 0;              // 1-based line where the record starts; 0 = unknown
    qint64 byteOffset = -1;       // byte offset where the record starts
    QString error;                // BadRecord / Error: what is wrong (translated)
};

class RecordReader
{
public:
    enum class Status {
        Record,                   // *rec holds the next record
        BadRecord,                // this record is malformed (rec->error, position); reading may go on
        End,                      // no more records; digest() is final
        Error,                    // unrecoverable (I/O, broken structure); rec->error says why
    };

    // device: open for reading, not owned, must outlive the reader. file names it in records.
    RecordReader(QIODevice *device, const QString &file);
    virtual ~RecordReader();
    RecordReader(const RecordReader &) = delete;
    RecordReader &operator=(const RecordReader &) = delete;

    virtual Status next(DatasetRecord *rec) = 0;

    QString file() const { return m_file; }
    qint64 bytesRead() const { return m_bytesRead; }
    // SHA-256 hex of every byte read so far (all of the device after End).
    QString digest() const;

    static constexpr qint64 BlockSize = 1 << 20;
    // Records larger than this are bad records (keeps memory bounded on garbage input).
    static constexpr qint64 MaxRecordBytes = 256ll << 20;

protected:
    // Reads the next block into the buffer (appending). False at end of data or on error
    // (m_ioError set).
    bool fill();

    QIODevice *m_device;
    QString m_file;
    QByteArray m_buf;             // unconsumed bytes start at m_pos
    qsizetype m_pos = 0;
    qint64 m_bufferOffset = 0;    // file offset of m_buf[0]
    qint64 m_bytesRead = 0;
    bool m_eof = false;
    QString m_ioError;

private:
    Sha256 m_hash;
};

// A reader whose records are spans of text that can be canonicalised each on its own (JSON
// Lines, the elements of a JSON array, CSV rows). nextText() hands out each record's bytes as
// they are in the file, found without parsing them, so the sharder canonicalises them on other
// threads with appendCanonical(); both give exactly the bytes of canonicalJson() of what next()
// returns for the record.
class TextRecordReader : public RecordReader
{
public:
    using RecordReader::RecordReader;
    // Like next(), but a Record leaves rec->value alone and sets *text to the record's text
    // instead (valid until the next call). A malformed record may still come as a Record:
    // appendCanonical() finds it out.
    virtual Status nextText(DatasetRecord *rec, QByteArrayView *text) = 0;
    // Appends to out the canonical JSON of one record's text from nextText(). A bad record:
    // false and *error says why (the words next() uses); out may then hold a part of it.
    // Thread-safe once the first nextText() returned: many threads may call it at once.
    virtual bool appendCanonical(QByteArray &out, QByteArrayView text, QString *error) const = 0;
};

// A reader whose records are JSON texts (JSON Lines, the elements of a JSON array).
class JsonTextReader : public TextRecordReader
{
public:
    using TextRecordReader::TextRecordReader;
    Status next(DatasetRecord *rec) override;
    // The exact subset goes straight from the text (appendCanonicalJsonText); the rest through
    // QJsonValue, which also words the error of a malformed record.
    bool appendCanonical(QByteArray &out, QByteArrayView text, QString *error) const override;
};

// Parses one JSON value of any type (object, array, string, number, literal) from bytes.
// False + *error (Qt's message and offset) if it is not exactly one JSON value.
bool parseJsonValue(QByteArrayView bytes, QJsonValue *out, QString *error);

// The reader for a format: "jsonl", "csv", "json" (a top-level array). nullptr otherwise.
std::unique_ptr<TextRecordReader> createRecordReader(const QString &format, QIODevice *device,
                                                 const QString &file);

} // namespace mrp
