// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/shardwriter.h"

#include "data/canonicaljson.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryFile>

Q_LOGGING_CATEGORY(lcShardWriter, "mrp.model.shardwriter", QtWarningMsg)

namespace mrp {

namespace {
constexpr qsizetype FlushThreshold = 1 << 20;
constexpr qsizetype DirectThreshold = 64 << 10;

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::ShardWriter)
};
} // namespace

ShardWriter::ShardWriter(const QString &shardDir)
    : m_dir(shardDir)
{
}

ShardWriter::~ShardWriter() = default;

QString ShardWriter::shardId(int index)
{
    return QStringLiteral("shard-%1").arg(index, 5, 10, QLatin1Char('0'));
}

bool ShardWriter::writeThrough(QByteArrayView bytes)
{
    m_hash.addData(bytes);
    m_bytes += bytes.size();
    if (m_file && m_file->write(bytes.constData(), bytes.size()) != bytes.size()) {
        m_error = Tr::tr("cannot write a shard payload in %1: %2").arg(m_dir, m_file->errorString());
        return false;
    }
    return true;
}

bool ShardWriter::flushBuffer()
{
    if (m_buffer.isEmpty())
        return true;
    const bool ok = writeThrough(m_buffer);
    m_buffer.resize(0);   // keeps the allocation: no fresh pages for every block written
    return ok;
}

bool ShardWriter::write(QByteArrayView bytes)
{
    // Small pieces (brackets, commas, single records) gather in the buffer; a long run of
    // records is hashed and written from where it is, without a copy.
    if (bytes.size() >= DirectThreshold)
        return flushBuffer() && writeThrough(bytes);
    m_buffer.append(bytes);
    return m_buffer.size() < FlushThreshold || flushBuffer();
}

bool ShardWriter::open()
{
    m_open = true;
    m_records = 0;
    m_bytes = 0;
    m_hash.reset();
    m_buffer.resize(0);
    if (!m_dir.isEmpty()) {
        if (!QDir().mkpath(m_dir)) {
            m_error = Tr::tr("cannot create the shard folder %1").arg(m_dir);
            return false;
        }
        m_file = std::make_unique<QTemporaryFile>(m_dir + QStringLiteral("/.shard-XXXXXX.tmp"));
        if (!m_file->open()) {
            m_error = Tr::tr("cannot create a shard payload in %1: %2").arg(m_dir, m_file->errorString());
            return false;
        }
    }
    return write("[");
}

bool ShardWriter::addCanonical(QByteArrayView canonicalRecords, qint64 count)
{
    if (!m_open) {
        if (!open())
            return false;
    } else if (!write(",")) {
        return false;
    }
    m_records += count;
    return write(canonicalRecords);
}

bool ShardWriter::add(const QJsonValue &record)
{
    m_scratch.resize(0);
    appendCanonicalJson(m_scratch, record);
    return addCanonical(m_scratch);
}

bool ShardWriter::close(ShardPlan *out)
{
    if (!m_open && !open())
        return false;
    if (!write("]") || !flushBuffer())
        return false;
    out->index = m_closed;
    out->id = shardId(m_closed);
    out->digest = m_hash.hexResult();
    out->recordCount = m_records;
    out->payloadBytes = m_bytes;
    out->payloadPath.clear();
    if (m_file) {
        const QString target = m_dir + u'/' + out->digest + QStringLiteral(".json");
        out->payloadPath = target;
        if (!m_file->flush()) {
            m_error = Tr::tr("cannot write a shard payload in %1: %2").arg(m_dir, m_file->errorString());
            return false;
        }
        if (!QFile::exists(target)) {
            m_file->setAutoRemove(false);
            if (!m_file->rename(target)) {
                m_error = Tr::tr("cannot store the shard payload %1: %2").arg(target, m_file->errorString());
                m_file->setAutoRemove(true);
                return false;
            }
            m_created.append(target);
        }
        // If the target existed it already holds these bytes; the temporary file goes away.
        m_file.reset();
    }
    qCDebug(lcShardWriter) << out->id << out->digest << out->recordCount << "records";
    ++m_closed;
    m_open = false;
    return true;
}

} // namespace mrp
