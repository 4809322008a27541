// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "job/plan.h"

#include <QFutureWatcher>
#include <QJsonValue>
#include <QTimer>
#include <QWidget>

#include <memory>

class QDoubleSpinBox;
class QLabel;
class QMimeData;
class QPushButton;
class QSpinBox;
class QTableView;
class QPlainTextEdit;

namespace mrp {

class DatasetPreviewModel;
class ShardingProgress;

// What a background scan of a dataset found (a value, made on a worker thread).
struct DatasetScan {
    quint64 generation = 0;
    QString path;
    QString format;
    QList<QJsonValue> preview;        // the first records
    QList<qint64> previewLines;
    qint64 records = -1;              // all records (-1 = unknown)
    int shards = -1;
    qint64 badRecords = 0;
    QList<SkippedRecord> badRecordList;   // where and why (the first of them)
    QStringList warnings;             // other findings, for people
    QString error;
};

// The Dataset page: drop files or folders on it (or pick them), preview the first records in
// a table, and see the shard plan before running: shards, records, estimated time and cost,
// bad-record warnings. Reading happens on a worker thread (streamed; the preview stops after
// previewLimit() records); the plan line counts the MiB read meanwhile. A newer request
// cancels the older one's reading, and the page's end cancels the last.
class DatasetPage : public QWidget
{
    Q_OBJECT
public:
    explicit DatasetPage(QWidget *parent = nullptr);
    ~DatasetPage() override;

    // Starts scanning a file or folder (what the job names; emits nothing).
    void setDatasetPath(const QString &path);
    // No dataset (a new job's is not on disk until it is saved): nothing previewed.
    void clearDataset();
    QString datasetPath() const { return m_path; }
    // Show the job's values (emit nothing).
    void setShardSize(int records);
    void setConcurrency(int slots);
    // Settings' concurrency, which overrides the job's at run time (0: none): the estimate uses
    // it, and the job's value cannot be edited here meanwhile.
    void setConcurrencyOverride(int slots);
    // The job's on_bad_record: skip (true) or fail: what the page says of bad records.
    void setSkipBadRecords(bool skip);
    static int previewLimit() { return 200; }
    // Stops the reading of the scan under way, if any (its result is dropped).
    void cancelScan();

    // Whether the mime data holds local files or folders we can take (for the main window).
    static bool canAccept(const QMimeData *mime);
    // Takes the first local path of a drop; false if there is none.
    bool acceptMime(const QMimeData *mime);

    DatasetPreviewModel *previewModel() const { return m_preview; }
    const DatasetScan &lastScan() const { return m_scan; }
    QString planText() const;

    // progress (optional): bytes read, and the way to stop the reading.
    static DatasetScan scan(const QString &path, int shardSize, int previewLimit,
                            const std::shared_ptr<ShardingProgress> &progress = {});
    static QString formatEstimate(qint64 ms);

Q_SIGNALS:
    // The user chose a dataset (drop, Choose File/Folder), or changed a value: the main window
    // writes them into the job.
    void datasetChosen(const QString &path);
    void shardSizeEdited(int records);
    void concurrencyEdited(int slots);
    void scanFinished();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void chooseDataset(const QString &path);
    void startScan();
    void onScanned(const DatasetScan &scan);
    void updatePlan();
    void pickFile();
    void pickFolder();

    DatasetPreviewModel *m_preview;
    QTableView *m_table;
    QLabel *m_pathLabel;
    QLabel *m_plan;
    QPlainTextEdit *m_warnings;
    QSpinBox *m_shardSize;
    QSpinBox *m_concurrency;
    QDoubleSpinBox *m_secondsPerShard;
    QString m_path;
    DatasetScan m_scan;
    bool m_skipBadRecords = false;
    int m_jobConcurrency = 4;         // the job's (or the default) while Settings override it
    quint64 m_generation = 0;
    QFutureWatcher<DatasetScan> *m_watcher = nullptr;
    std::shared_ptr<ShardingProgress> m_scanProgress;   // of the latest scan
    QTimer m_scanPoll;
};

} // namespace mrp
