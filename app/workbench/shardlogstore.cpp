// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "shardlogstore.h"

#include "sandbox/runcontract.h"

namespace mrp {

namespace {
// A line without a newline for this long is shown anyway (a progress bar drawing with \r).
constexpr qsizetype MaxPartialLine = 16 * 1024;

qint64 partialKey(int shardIndex, int stream)
{
    return (qint64(shardIndex) << 2) | (stream & 3);
}

// The runner's digest and error lines on stdout are protocol between the runner and the engine, not the
// operator's output: they are not shown.
bool isProtocolLine(int stream, QByteArrayView bytes)
{
    return stream == 1 && runcontract::isProtocolLine(bytes);
}

QString decodeLine(QByteArrayView bytes)
{
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}
} // namespace

LogRingBuffer::LogRingBuffer(int capacity, qint64 maxChars)
    : m_capacity(std::max(1, capacity))
    , m_maxChars(std::max<qint64>(1, maxChars))
{
}

void LogRingBuffer::append(const QString &line)
{
    m_lines.push_back(line);
    m_chars += line.size();
    while (m_lines.size() > 1 && (int(m_lines.size()) > m_capacity || m_chars > m_maxChars)) {
        m_chars -= m_lines.front().size();
        m_lines.pop_front();
        ++m_dropped;
    }
}

QStringList LogRingBuffer::lines() const
{
    return QStringList(m_lines.begin(), m_lines.end());
}

ShardLogStore::ShardLogStore(int linesPerShard, int maxShardsWithLogs, qint64 charsPerShard, qint64 totalChars)
    : m_linesPerShard(linesPerShard)
    , m_maxShards(maxShardsWithLogs)
    , m_charsPerShard(charsPerShard)
    , m_totalChars(totalChars)
{
}

LogRingBuffer &ShardLogStore::buffer(int shardIndex)
{
    auto it = m_buffers.find(shardIndex);
    if (it == m_buffers.end()) {
        if (m_order.size() >= m_maxShards) {
            const int evicted = m_order.takeFirst();
            m_chars -= m_buffers.value(evicted).chars();
            m_buffers.remove(evicted);
        }
        it = m_buffers.insert(shardIndex, LogRingBuffer(m_linesPerShard, m_charsPerShard));
        m_order.append(shardIndex);
    }
    return *it;
}

void ShardLogStore::append(int shardIndex, const QString &line)
{
    LogRingBuffer &b = buffer(shardIndex);
    const qint64 before = b.chars();
    b.append(line);
    m_chars += b.chars() - before;
    // Over the total: drop whole logs of the shards seen first (never the one just written).
    while (m_chars > m_totalChars && m_order.size() > 1 && m_order.constFirst() != shardIndex) {
        const int evicted = m_order.takeFirst();
        m_chars -= m_buffers.value(evicted).chars();
        m_buffers.remove(evicted);
    }
}

QStringList ShardLogStore::appendOutput(int shardIndex, int stream, const QByteArray &chunk)
{
    QStringList added;
    QByteArray &partial = m_partial[partialKey(shardIndex, stream)];
    partial += chunk;
    qsizetype start = 0;
    for (qsizetype nl = partial.indexOf('\n'); nl >= 0; nl = partial.indexOf('\n', start)) {
        const QByteArrayView line = QByteArrayView(partial).sliced(start, nl - start);
        if (!isProtocolLine(stream, line))
            added.append(decodeLine(line));
        start = nl + 1;
    }
    partial.remove(0, start);
    if (partial.size() > MaxPartialLine) {
        added.append(decodeLine(partial));
        partial.clear();
    }
    if (partial.isEmpty())
        m_partial.remove(partialKey(shardIndex, stream));
    for (const QString &line : std::as_const(added))
        append(shardIndex, line);
    return added;
}

QStringList ShardLogStore::flushOutput(int shardIndex)
{
    QStringList added;
    for (int stream = 1; stream <= 2; ++stream) {
        const QByteArray rest = m_partial.take(partialKey(shardIndex, stream));
        if (!rest.isEmpty() && !isProtocolLine(stream, rest))
            added.append(decodeLine(rest));
    }
    for (const QString &line : std::as_const(added))
        append(shardIndex, line);
    return added;
}

QStringList ShardLogStore::lines(int shardIndex) const
{
    const auto it = m_buffers.constFind(shardIndex);
    return it == m_buffers.cend() ? QStringList() : it->lines();
}

qint64 ShardLogStore::dropped(int shardIndex) const
{
    const auto it = m_buffers.constFind(shardIndex);
    return it == m_buffers.cend() ? 0 : it->dropped();
}

void ShardLogStore::clear()
{
    m_buffers.clear();
    m_order.clear();
    m_partial.clear();
    m_chars = 0;
}

} // namespace mrp
