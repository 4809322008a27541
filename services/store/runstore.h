// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// RunStore: the durable state of every run (docs/design.md §6).
//
// On disk, under the data folder (constructor argument, else $MRP_DATA_DIR, else
// QStandardPaths::AppDataLocation):
//   runs.sqlite            SQLite in WAL mode (synchronous=FULL): tables runs, shards, meta
//   objects/<aa>/<sha256>  content-addressed artifacts (map outputs, reduce outputs), fsynced
//                          then renamed into place: complete or absent
//   runs/<run id>/         run.json, log.jsonl (the run's events), plan/, output/ (produce
//                          writes only there)
//
// Schema version 3 (meta.schema_version): one stored shape per fact. A shard's attempts live
// only in shards.attempts_blob, packed one after the other as recordAttempt() appends them
// (store/attemptcodec.h), so opening a 100,000-shard run is one query over the shards and
// parses no JSON; a shard's cost is the sum of its attempts' costs, computed when read. open()
// migrates version 1 and 2 files in place, in one transaction (see migrate()).
//
// Durability contract: commitShard() returns true only after the output object is on disk and
// the transaction that marks the shard done is committed. A kill -9 at any point leaves
// either a done shard with its object, or a not-done shard (maybe an orphan object, harmless).
//
// Threading: any thread. Each thread gets its own named QSqlDatabase connection (Qt Sql
// connections must not cross threads); the object itself holds no connection state.

#include "record/runrecord.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace mrp {

struct RunSummary {
    QString runId;
    QString jobName;
    QString jobPath;
    QString status;
    QString backend;
    QString profile;
    QDateTime createdAt;
    QDateTime finishedAt;
    int shardCount = 0;
    int done = 0;
    int failed = 0;
    double costUsd = 0;
};

class RunStore
{
public:
    static constexpr int SchemaVersion = 4;

    explicit RunStore(const QString &dataDir = QString());
    ~RunStore();
    RunStore(const RunStore &) = delete;
    RunStore &operator=(const RunStore &) = delete;

    static QString defaultDataDir();   // $MRP_DATA_DIR or AppDataLocation

    // Creates the folders and the schema. False + *error when the store cannot be used.
    bool open(QString *error);
    QString dataDir() const { return m_dataDir; }
    QString databasePath() const;
    QString runDir(const QString &runId) const;
    QString outputDir(const QString &runId) const;
    QString objectPath(const QString &sha256) const;

    // A new, unique, sortable run id: "r<yyyyMMdd-HHmmss>-<6 hex>".
    static QString newRunId();
    static bool isValidRunId(const QString &runId);

    // Artifacts. put* return the SHA-256 (empty + *error on failure) once the object is durable.
    QString putObject(const QByteArray &bytes, QString *error);
    // Moves the file into the store: synced to disk, then renamed into place (copied in blocks
    // when the store is on another file system); the file is gone on success. Never holds the
    // content in memory. `knownSha256` skips hashing it (the caller just did).
    QString moveObjectFile(const QString &path, QString *error, const QString &knownSha256 = QString());
    bool hasObject(const QString &sha256) const;
    // Reads an object and checks its digest; nullopt + *error when missing or corrupt.
    std::optional<QByteArray> readObject(const QString &sha256, QString *error) const;

    // Runs. createRun inserts the run and one queued row per shard in one transaction.
    bool createRun(const RunRecord &record, QString *error);
    // Status, message, finish time, digests and the record document (without shards).
    bool updateRun(const RunRecord &record, QString *error);
    bool runExists(const QString &runId) const;
    std::optional<RunRecord> loadRun(const QString &runId, QString *error) const;
    // Removes the run: its rows in runs and shards (one transaction), then its
    // folder runs/<run id>/ (the store owns it). Content-addressed objects stay: other runs may
    // share them. False + *error when the run is unknown or the transaction fails.
    bool deleteRun(const QString &runId, QString *error);
    // Newest first; a run recorded as running that no live process holds is "interrupted".
    QList<RunSummary> listRuns(QString *error = nullptr) const;
    // What a run's status is now: the stored one, except "interrupted" for a run recorded as
    // running that no live process holds (killed, crashed, or quit before its record was
    // written); resume it. The record itself keeps "running".
    static QString currentStatus(const QString &dataDir, const QString &runId, const QString &storedStatus);
    // Accepts a unique prefix of a run id too ("r2026..." -> the full id); empty when none/ambiguous.
    QString resolveRunId(const QString &prefix) const;

    // Shards and attempts.
    bool setShardState(const QString &runId, int index, ShardState state, QString *error);
    bool recordAttempt(const QString &runId, int index, const AttemptRecord &attempt, QString *error);
    // Makes a map output durable: the object first (the file moved in, fsynced), then one
    // transaction that records the attempt and marks the shard done with its output digest.
    // Returns the output digest. shard.outputDigest, when set, is the file's digest as the
    // caller computed it (not hashed again).
    QString commitShard(const QString &runId, const ShardRecord &shard, const AttemptRecord &attempt,
                        const QString &outputFile, QString *error);
    int countShards(const QString &runId, ShardState state) const;
    int countAttempts(const QString &runId) const;

private:
    QSqlDatabase db() const;
    bool ensureSchema(QString *error);
    bool migrate(QString *error);

    QString m_dataDir;
    QString m_connectionPrefix;
};

} // namespace mrp
