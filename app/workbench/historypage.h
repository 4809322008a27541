// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "record/runrecord.h"

#include <QWidget>

class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace mrp {

class RunHistoryModel;

// The History page: past runs from the run store (newest first); Open shows a run's timeline
// as it ran, Compare reports what changed between two selected runs, Delete removes a run.
// Store access happens on worker threads (RunStore opens a connection per thread).
class HistoryPage : public QWidget
{
    Q_OBJECT
public:
    // dataDir: the store's data folder (empty = the default one).
    explicit HistoryPage(QWidget *parent = nullptr);

    void setDataDir(const QString &dataDir) { m_dataDir = dataDir; }
    QString dataDir() const { return m_dataDir; }
    void refresh();
    RunHistoryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString comparisonText() const;

    // Selects the runs (by id) for Compare / Delete.
    void selectRuns(const QStringList &runIds);
    void openSelected();
    void compareSelected();
    // Deletes without asking (the button asks first): RunStore::deleteRun on a worker thread,
    // then the row goes. deleted() reports the outcome.
    void deleteRun(const QString &runId);

Q_SIGNALS:
    void refreshed();
    void openRequested(const mrp::RunRecord &record, const QString &runDir);
    void compared();
    void deleted(const QString &runId, bool ok);
    void statusMessage(const QString &text);

private:
    QStringList selectedRunIds() const;
    void updateButtons();

    RunHistoryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QPlainTextEdit *m_comparison;
    QPushButton *m_open;
    QPushButton *m_compare;
    QPushButton *m_delete;
    QString m_dataDir;
};

} // namespace mrp
