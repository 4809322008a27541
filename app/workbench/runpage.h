// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "run/runengine.h"
#include "record/runrecord.h"
#include "shardlogstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QShortcut;
class QTabWidget;
class QTableView;
class QToolButton;

namespace mrp {

class Banner;
class ChartsWidget;
class RunEngine;
class RunStore;
class SecretStore;
class ShardFilterModel;
class ShardTableModel;
class TimelineView;

// The Run page: Run/Cancel, progress, ETA and cost so far, budget warnings in a banner, the
// live per-shard timeline, the shard table (filter by state, sort by any column), the log of
// the selected shard, and the plots. Owns the ShardTableModel of the run it shows.
//
// startRun() creates a RunEngine for the job and feeds its signals into the model; it never
// blocks (the engine works asynchronously). showRecord() shows a finished run from the store.
class RunPage : public QWidget
{
    Q_OBJECT
public:
    explicit RunPage(QWidget *parent = nullptr);
    ~RunPage() override;

    // The main window's actions, shown as buttons on the page.
    void setActions(QAction *run, QAction *cancel, QAction *resume = nullptr);
    // The store runs are recorded in (not owned; nullptr = the engine's default store).
    void setStore(RunStore *store) { m_store = store; }
    // Where cloud runs find the Daytona API key (not owned).
    void setSecretStore(SecretStore *secrets) { m_secrets = secrets; }

    // Starts a run of the job (false if one is running or the engine is not available).
    // settings: concurrency, caps and the unisolated switch from the workbench settings
    // (jobPath and backendOverride are taken from the arguments); settings.resumeRunId set:
    // resumes that run (jobPath may be empty: the run's own job).
    bool startRun(const QString &jobPath, const QString &backendOverride = {}, const RunOptions &settings = {});
    void cancelRun();
    // Shows no run (a new job); nothing while a run is going.
    void clearRun();
    bool isRunning() const;
    QString currentRunId() const { return m_runId; }

    // Shows a run's timeline as it ran (History → Open).
    void showRecord(const RunRecord &record);
    // Shows the demo data (no engine involved); nowMs < 0: finished.
    void showSample(int shardCount, qint64 nowMs = -1);

    ShardTableModel *model() const { return m_model; }
    ShardFilterModel *filterModel() const { return m_proxy; }
    TimelineView *timelineView() const { return m_timeline; }
    QTableView *shardTable() const { return m_table; }
    ChartsWidget *charts() const { return m_charts; }
    Banner *banner() const { return m_banner; }
    QPlainTextEdit *logView() const { return m_log; }
    QString summaryText() const;
    // "Sandboxes: <isolation of the run record>" (what is fenced, what bounds memory and
    // processes: the sandbox as a whole or each process); empty before a run started.
    QString isolationText() const;

Q_SIGNALS:
    void runningChanged(bool running);
    void runFinished(const QString &runId, const QString &status);
    void statusMessage(const QString &text);
    // After a run finished: its record and folder (for the Artifacts page).
    void runRecordReady(const mrp::RunRecord &record, const QString &runDir);

private:
    void onStateFilterChanged();
    void onCurrentShardChanged();
    void onTick();
    void onProgress(int done, int failed, int running, qint64 etaMs, double costUsd);
    void appendLog(int shardIndex, const QString &line);
    void showLogLines(int shardIndex, const QStringList &lines);
    // Forgets what the page showed of the previous run: logs, banner, progress, selection.
    void resetView();
    void updateSummaryFromModel();
    void refreshCharts();
    void appendPassAtK(const RunRecord &record, const QString &dataDir);
    void showIsolation(const QString &isolation);
    // The compile reading the dataset: the bar counts MiB instead of shards.
    void onDatasetProgress(qint64 bytesRead, qint64 bytesTotal);

    ShardTableModel *m_model;
    ShardFilterModel *m_proxy;
    TimelineView *m_timeline;
    QTableView *m_table;
    ChartsWidget *m_charts;
    Banner *m_banner;
    QPlainTextEdit *m_log;
    QLabel *m_logTitle;
    QLabel *m_summary;
    QLabel *m_isolation;
    QProgressBar *m_progress;
    QComboBox *m_stateFilter;
    QLineEdit *m_idFilter;
    QToolButton *m_runButton;
    QToolButton *m_cancelButton;
    QToolButton *m_resumeButton;
    QTabWidget *m_tabs;
    QShortcut *m_escape;          // Esc cancels while the job compiles (reads its dataset)

    ShardLogStore m_logs;
    int m_logShard = -2;
    QPointer<RunEngine> m_engine;
    RunStore *m_store = nullptr;
    SecretStore *m_secrets = nullptr;
    QString m_runId;
    QDateTime m_runStart;
    QElapsedTimer m_clock;
    QTimer m_tick;
    QTimer m_chartTimer;
    // The engine reports progress per shard event; the bar and summary repaint at most every
    // 100 ms (a repaint of the bar is ~1 ms; thousands of them starve a busy GUI thread).
    QTimer m_progressTimer;
    struct PendingProgress {
        int done = 0;
        int failed = 0;
        int running = 0;
        qint64 etaMs = -1;
        double costUsd = 0;
        bool pending = false;
    } m_pendingProgress;
    void applyPendingProgress();
    qint64 m_etaMs = -1;
    double m_costUsd = 0;
};

} // namespace mrp
