// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Writes content-addressed shard payloads. A payload is the canonical JSON array of a shard's
// records; shard_digest = SHA-256 of exactly those bytes; the file is <shardDir>/<digest>.json.
// Records are streamed to a temporary file while hashed, so memory stays flat whatever the
// shard size; the file is renamed to its digest when the shard is closed (an existing file
// with that name already holds the same bytes and is kept). With an empty shardDir nothing is
// written, only digests are computed. Not thread-safe.

#include "data/digest.h"
#include "job/plan.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryFile;

namespace mrp {

class ShardWriter
{
public:
    explicit ShardWriter(const QString &shardDir);
    ~ShardWriter();
    ShardWriter(const ShardWriter &) = delete;
    ShardWriter &operator=(const ShardWriter &) = delete;

    // Appends one record to the open shard (opening one if needed). False + error() on I/O failure.
    bool add(const QJsonValue &record);
    // Appends count records already in canonical JSON form, joined by commas.
    bool addCanonical(QByteArrayView canonicalRecords, qint64 count = 1);
    qint64 openRecordCount() const { return m_open ? m_records : 0; }
    // Closes the open shard (even an empty one: "[]") into *out with index/id set from the
    // number of shards closed so far. False + error() on I/O failure.
    bool close(ShardPlan *out);
    QString error() const { return m_error; }
    // The payload files close() created (not those that were there already), oldest first.
    QStringList createdFiles() const { return m_created; }

    static QString shardId(int index);   // "shard-00000"

private:
    bool open();
    bool write(QByteArrayView bytes);
    bool writeThrough(QByteArrayView bytes);   // hashed and written now, in order
    bool flushBuffer();

    QString m_dir;
    QString m_error;
    QStringList m_created;
    std::unique_ptr<QTemporaryFile> m_file;
    Sha256 m_hash;
    QByteArray m_buffer;
    QByteArray m_scratch;
    qint64 m_records = 0;
    qint64 m_bytes = 0;
    bool m_open = false;
    int m_closed = 0;
};

} // namespace mrp
