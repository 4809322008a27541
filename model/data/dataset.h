// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// A dataset on disk -> shards (docs/job-format.md, "Datasets" and "Shards"). Streams every
// input file once: records go to a ShardWriter in shard_size groups, every input file gets a
// manifest entry with its SHA-256, bad records are either fatal (a diagnostic each, up to a
// limit) or skipped and recorded. Folders are listed sorted by file name, byte-wise on UTF-8,
// so the order the file system lists them in never matters. Blocking; safe from any thread.

#include "job/diagnostic.h"
#include "job/plan.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace mrp {

// How far a sharding has read its dataset, and the way to stop it. Shared between the thread
// that shards (it writes) and any number that watch (a GUI timer, a terminal); every member
// is thread-safe. The sharder checks isCancelled() between batches of about 1 MiB of input.
class ShardingProgress
{
public:
    qint64 bytesRead() const { return m_read.load(std::memory_order_relaxed); }
    // The dataset's size (the sum of a folder's files); 0 until known.
    qint64 bytesTotal() const { return m_total.load(std::memory_order_relaxed); }
    void cancel() { m_cancelled.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }

    // The sharder's side.
    void setBytesTotal(qint64 bytes) { m_total.store(bytes, std::memory_order_relaxed); }
    void setBytesRead(qint64 bytes) { m_read.store(bytes, std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_read{0};
    std::atomic<qint64> m_total{0};
    std::atomic<bool> m_cancelled{false};
};

struct ShardingOptions {
    QString format = QStringLiteral("auto");  // auto | jsonl | csv | json | folder | shards
    int shardSize = 100;
    bool skipBadRecords = false;              // on_bad_record: skip
    QString shardDir;                         // empty: compute digests only
    QString baseDir;                          // manifest paths are relative to it
    int maxReportedBadRecords = 20;           // further bad records are summarised
    std::shared_ptr<ShardingProgress> progress;   // optional: reports bytes read, can cancel
};

struct ShardingResult {
    QString format;                           // the format used (auto resolved)
    QList<ShardPlan> shards;
    QList<ManifestEntry> inputs;              // role "dataset", sorted by path
    QList<SkippedRecord> skipped;
    QList<Diagnostic> diagnostics;
    qint64 records = 0;
    qint64 badRecords = 0;
    // Stopped by ShardingProgress::cancel(): no shards, and no payload file this call wrote is
    // left in shardDir (files that were there before are kept).
    bool cancelled = false;
    bool ok() const { return !cancelled && !hasErrors(diagnostics); }
};

// "jsonl" for *.jsonl/*.ndjson, "csv" for *.csv, "json" for *.json, "shards" for a folder whose
// visible entries are all *.json files, "folder" for any other folder; empty when unknown.
QString detectDatasetFormat(const QString &path);
// The regular, visible (not dot-) files directly inside folder, by name, byte-wise on UTF-8.
QStringList listFolderSorted(const QString &folder);
// A path relative to baseDir with '/' separators (absolute when it is on another root).
QString relativePath(const QString &baseDir, const QString &path);

ShardingResult shardDataset(const QString &path, const ShardingOptions &opts);

} // namespace mrp
