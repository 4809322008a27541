// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace mrp {

// A bounded list of lines: appending past capacity drops the oldest line (a ring buffer).
class LogRingBuffer
{
public:
    explicit LogRingBuffer(int capacity = 1000);
    void append(const QString &line);
    QStringList lines() const;        // oldest first
    int size() const { return int(m_lines.size()); }
    qint64 dropped() const { return m_dropped; }
    int capacity() const { return m_capacity; }

private:
    int m_capacity;
    QList<QString> m_lines;
    int m_head = 0;                   // index of the oldest line once full
    qint64 m_dropped = 0;
};

// The Run page's live logs: one ring buffer per shard (index -1 = run-level lines), so memory
// stays bounded whatever the run size and output volume. GUI thread only.
class ShardLogStore
{
public:
    explicit ShardLogStore(int linesPerShard = 1000, int maxShardsWithLogs = 20000);
    void append(int shardIndex, const QString &line);
    QStringList lines(int shardIndex) const;
    qint64 dropped(int shardIndex) const;
    void clear();

private:
    int m_linesPerShard;
    int m_maxShards;
    QHash<int, LogRingBuffer> m_buffers;
    QList<int> m_order;               // first-seen order, to evict the oldest shard's log
};

} // namespace mrp
