// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "shardlogstore.h"

namespace mrp {

LogRingBuffer::LogRingBuffer(int capacity)
    : m_capacity(std::max(1, capacity))
{
}

void LogRingBuffer::append(const QString &line)
{
    if (m_lines.size() < m_capacity) {
        m_lines.append(line);
        return;
    }
    m_lines[m_head] = line;
    m_head = (m_head + 1) % m_capacity;
    ++m_dropped;
}

QStringList LogRingBuffer::lines() const
{
    QStringList out;
    out.reserve(m_lines.size());
    for (int i = 0; i < m_lines.size(); ++i)
        out.append(m_lines.at((m_head + i) % m_lines.size()));
    return out;
}

ShardLogStore::ShardLogStore(int linesPerShard, int maxShardsWithLogs)
    : m_linesPerShard(linesPerShard)
    , m_maxShards(maxShardsWithLogs)
{
}

void ShardLogStore::append(int shardIndex, const QString &line)
{
    auto it = m_buffers.find(shardIndex);
    if (it == m_buffers.end()) {
        if (m_order.size() >= m_maxShards) {
            m_buffers.remove(m_order.takeFirst());
        }
        it = m_buffers.insert(shardIndex, LogRingBuffer(m_linesPerShard));
        m_order.append(shardIndex);
    }
    it->append(line);
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
}

} // namespace mrp
