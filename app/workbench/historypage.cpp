// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "historypage.h"

#include "runcomparison.h"
#include "run/reducer.h"
#include "store/runstore.h"
#include "views/runhistorymodel.h"

#include <QDir>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace mrp {

namespace {
struct Loaded {
    QList<RunHistoryEntry> runs;
    QString error;
};

struct LoadedRecords {
    QList<RunRecord> records;
    QString error;
};

LoadedRecords loadRecords(const QString &dataDir, const QStringList &ids)
{
    LoadedRecords out;
    RunStore store(dataDir);
    if (!store.open(&out.error))
        return out;
    for (const QString &id : ids) {
        QString error;
        if (auto r = store.loadRun(id, &error))
            out.records.append(*r);
        else
            out.error = error;
    }
    return out;
}
} // namespace

HistoryPage::HistoryPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunHistoryModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_comparison(new QPlainTextEdit(this))
    , m_open(new QPushButton(tr("&Open Run"), this))
    , m_compare(new QPushButton(tr("&Compare Two Runs"), this))
    , m_delete(new QPushButton(tr("&Delete Run…"), this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunHistoryModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunHistoryModel::StartedColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Past runs"));
    m_comparison->setReadOnly(true);
    m_comparison->setAccessibleName(tr("Comparison of two runs"));
    m_comparison->setPlaceholderText(tr("Select two runs and press Compare to see what changed."));
    auto *refresh = new QPushButton(tr("Refre&sh"), this);

    connect(refresh, &QPushButton::clicked, this, &HistoryPage::refresh);
    connect(m_open, &QPushButton::clicked, this, &HistoryPage::openSelected);
    connect(m_view, &QTableView::activated, this, &HistoryPage::openSelected);
    connect(m_compare, &QPushButton::clicked, this, &HistoryPage::compareSelected);
    m_delete->setObjectName(QStringLiteral("deleteRunButton"));
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QStringList ids = selectedRunIds();
        if (ids.size() != 1)
            return;
        // Window-modal and asynchronous (open(), not exec()): no nested event loop.
        const QString runId = ids.constFirst();
        auto *box = new QMessageBox(QMessageBox::Question, tr("Delete Run"),
                                    tr("Delete run %1 and its files? This cannot be undone.").arg(runId),
                                    QMessageBox::Yes | QMessageBox::No, this);
        box->setObjectName(QStringLiteral("deleteRunConfirmation"));
        box->setDefaultButton(QMessageBox::No);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this, box, runId] {
            if (box->standardButton(box->clickedButton()) == QMessageBox::Yes)
                deleteRun(runId);
        });
        box->open();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HistoryPage::updateButtons);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(refresh);
    buttons->addWidget(m_open);
    buttons->addWidget(m_compare);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_comparison);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);
    updateButtons();
}

QStringList HistoryPage::selectedRunIds() const
{
    QStringList ids;
    const auto rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows)
        ids << i.data(RunHistoryModel::RunIdRole).toString();
    return ids;
}

void HistoryPage::updateButtons()
{
    const int n = int(selectedRunIds().size());
    m_open->setEnabled(n == 1);
    m_compare->setEnabled(n == 2);
    m_delete->setEnabled(n == 1);
}

void HistoryPage::selectRuns(const QStringList &runIds)
{
    m_view->selectionModel()->clearSelection();
    for (const QString &id : runIds) {
        const int row = m_model->rowOf(id);
        if (row >= 0)
            m_view->selectionModel()->select(m_proxy->mapFromSource(m_model->index(row, 0)),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

QString HistoryPage::comparisonText() const
{
    return m_comparison->toPlainText();
}

void HistoryPage::refresh()
{
    const QString dataDir = m_dataDir;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Loaded l = watcher->result();
        m_model->setRuns(l.runs);
        // Every column as wide as its text (long in some languages), the last one takes the rest.
        m_view->resizeColumnsToContents();
        updateButtons();
        if (!l.error.isEmpty())
            Q_EMIT statusMessage(tr("Could not read the run store: %1").arg(l.error));
        Q_EMIT refreshed();
    });
    watcher->setFuture(QtConcurrent::run([dataDir] {
        Loaded l;
        RunStore store(dataDir);
        if (!store.open(&l.error))
            return l;
        const QList<RunSummary> runs = store.listRuns(&l.error);
        for (const RunSummary &s : runs) {
            RunHistoryEntry e;
            e.runId = s.runId;
            e.jobName = s.jobName;
            e.status = s.status;
            e.backend = s.backend;
            e.profile = s.profile;
            e.createdAt = s.createdAt;
            e.finishedAt = s.finishedAt;
            e.shards = s.shardCount;
            e.done = s.done;
            e.failed = s.failed;
            e.costUsd = s.costUsd;
            e.runJsonPath = QDir(store.runDir(s.runId)).filePath(QStringLiteral("run.json"));
            l.runs.append(e);
        }
        return l;
    }));
}

void HistoryPage::openSelected()
{
    const QStringList ids = selectedRunIds();
    if (ids.size() != 1)
        return;
    const QString dataDir = m_dataDir;
    auto *watcher = new QFutureWatcher<LoadedRecords>(this);
    connect(watcher, &QFutureWatcher<LoadedRecords>::finished, this, [this, watcher, dataDir] {
        watcher->deleteLater();
        const LoadedRecords l = watcher->result();
        if (l.records.isEmpty()) {
            Q_EMIT statusMessage(tr("Could not open the run: %1").arg(l.error));
            return;
        }
        RunStore store(dataDir);
        Q_EMIT openRequested(l.records.constFirst(), store.runDir(l.records.constFirst().runId));
    });
    watcher->setFuture(QtConcurrent::run(loadRecords, dataDir, ids));
}

void HistoryPage::compareSelected()
{
    const QStringList ids = selectedRunIds();
    if (ids.size() != 2)
        return;
    const QString dataDir = m_dataDir;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_comparison->setPlainText(watcher->result());
        Q_EMIT compared();
    });
    watcher->setFuture(QtConcurrent::run([dataDir, ids]() -> QString {
        const LoadedRecords l = loadRecords(dataDir, ids);
        if (l.records.size() != 2)
            return HistoryPage::tr("Could not load both runs: %1").arg(l.error);
        // Older run first, so "→" reads as "then → now".
        RunRecord a = l.records.at(0);
        RunRecord b = l.records.at(1);
        if (b.createdAt < a.createdAt)
            std::swap(a, b);
        QString text = HistoryPage::tr("Comparing %1 (earlier) with %2 (later):").arg(a.runId, b.runId) + QLatin1Char('\n')
            + compareRuns(a, b).summary();
        RunStore store(dataDir);
        const QStringList passAtK = comparePassAtK(passAtKOverall(a, store), passAtKOverall(b, store));
        if (!passAtK.isEmpty())
            text += QLatin1Char('\n') + HistoryPage::tr("pass@k (mean over groups):") + QLatin1Char('\n') + passAtK.join(QLatin1Char('\n'));
        return text;
    }));
}

void HistoryPage::deleteRun(const QString &runId)
{
    // RunStore::deleteRun removes the rows (one transaction) and the run folder, off the GUI thread.
    const QString dataDir = m_dataDir;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, runId] {
        watcher->deleteLater();
        const QString error = watcher->result();
        if (error.isEmpty()) {
            m_model->removeRun(runId);
            Q_EMIT statusMessage(tr("Deleted run %1.").arg(runId));
        } else {
            Q_EMIT statusMessage(tr("Could not delete run %1: %2").arg(runId, error));
            refresh();   // show what the store holds now
        }
        updateButtons();
        Q_EMIT deleted(runId, error.isEmpty());
    });
    watcher->setFuture(QtConcurrent::run([dataDir, runId] {
        QString error;
        RunStore store(dataDir);
        if (!store.open(&error) || !store.deleteRun(runId, &error))
            return error.isEmpty() ? QStringLiteral("unknown error") : error;
        return QString();
    }));
}

} // namespace mrp
