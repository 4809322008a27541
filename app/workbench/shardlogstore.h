// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <deque>

namespace mrp {

// A bounded list of lines: appending past `capacity` lines or `maxChars` characters drops the
// oldest lines.
class LogRingBuffer
{
public:
    explicit LogRingBuffer(int capacity = 1000, qint64 maxChars = 256 * 1024);
    void append(const QString &line);
    QStringList lines() const;        // oldest first
    int size() const { return int(m_lines.size()); }
    qint64 chars() const { return m_chars; }
    qint64 dropped() const { return m_dropped; }
    int capacity() const { return m_capacity; }

private:
    int m_capacity;
    qint64 m_maxChars;
    std::deque<QString> m_lines;
    qint64 m_chars = 0;
    qint64 m_dropped = 0;
};

// The Run page's logs: one ring buffer per shard (index -1 = run-level lines) holding the
// engine's lines about the shard and the shard's own stdout/stderr as it runs. Memory stays
// bounded whatever the run size and output volume: at most linesPerShard lines and
// charsPerShard characters per shard (the last 256 KiB of text by default), and at most
// totalChars over all shards — past that the logs of the shards seen first are dropped.
// GUI thread only.
class ShardLogStore
{
public:
    explicit ShardLogStore(int linesPerShard = 1000, int maxShardsWithLogs = 20000, qint64 charsPerShard = 256 * 1024,
                           qint64 totalChars = 64 * 1024 * 1024);
    void append(int shardIndex, const QString &line);
    // Output of a running shard (stream 1 stdout, 2 stderr), in chunks as they come: complete
    // lines are appended (and returned, for a view showing the shard); a line's unfinished end
    // waits for its next chunk or flushOutput().
    QStringList appendOutput(int shardIndex, int stream, const QByteArray &chunk);
    // The unfinished last lines of a shard's streams, once it ended (returned as appended).
    QStringList flushOutput(int shardIndex);
    QStringList lines(int shardIndex) const;
    qint64 dropped(int shardIndex) const;
    void clear();

private:
    LogRingBuffer &buffer(int shardIndex);

    int m_linesPerShard;
    int m_maxShards;
    qint64 m_charsPerShard;
    qint64 m_totalChars;
    qint64 m_chars = 0;
    QHash<int, LogRingBuffer> m_buffers;
    QList<int> m_order;               // first-seen order, to evict the oldest shard's log
    QHash<qint64, QByteArray> m_partial;   // (shard << 2 | stream) -> an unfinished line
};

} // namespace mrp
