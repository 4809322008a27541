// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Every item model of the workbench under QAbstractItemModelTester, plus the behaviour the Run
// page relies on: throttled dataChanged, filtering by state, sorting by duration, accessible
// summaries, and the run-record → timeline conversion.

#include "views/datasetpreviewmodel.h"
#include "views/runhistorymodel.h"
#include "record/runrecord.h"
#include "views/sampledata.h"
#include "views/shardfiltermodel.h"
#include "views/shardtablemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mrp;

namespace {

// Live updates reach the model one way, as the engine reports them: a shard's whole timeline
// through replaceShard(). These build such timelines step by step.
void openPhase(ShardTimeline &s, ShardPhase phase, qint64 tMs, bool newAttempt = false)
{
    if (newAttempt || s.attempts.isEmpty() || s.attempts.constLast().finished)
        s.attempts.append(ShardAttempt{});
    ShardAttempt &a = s.attempts.last();
    if (!a.phases.isEmpty() && a.phases.constLast().isOpen())
        a.phases.last().endMs = std::max(tMs, a.phases.constLast().startMs);
    a.phases.append(PhaseSpan{phase, tMs, -1});
    s.state = phase == ShardPhase::Queue ? (s.attempts.size() > 1 ? ShardState::Retrying : ShardState::Queued)
                                         : stateOfPhase(phase);
}

void finishAttempt(ShardTimeline &s, qint64 tMs, int exitCode, ErrorClass cls, const QString &message = {})
{
    if (s.attempts.isEmpty())
        s.attempts.append(ShardAttempt{});
    ShardAttempt &a = s.attempts.last();
    if (!a.phases.isEmpty() && a.phases.constLast().isOpen())
        a.phases.last().endMs = std::max(tMs, a.phases.constLast().startMs);
    a.exitCode = exitCode;
    a.errorClass = cls;
    a.message = message;
    a.finished = true;
}

template<typename Change>
void report(ShardTableModel &model, int row, Change change)
{
    ShardTimeline s = model.shard(row);
    change(s);
    model.replaceShard(s);
}

} // namespace

class TestViews : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shardTableModelUnderTester()
    {
        ShardTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.resetShards(makeSampleShards(50, 4, 7), 0);
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.columnCount(), int(ShardTableModel::ColumnCount));
        report(model, 3, [](ShardTimeline &s) { openPhase(s, ShardPhase::Exec, 100); });
        report(model, 3, [](ShardTimeline &s) { finishAttempt(s, 200, 3, ErrorClass::OperatorError, QStringLiteral("boom")); });
        report(model, 3, [](ShardTimeline &s) { openPhase(s, ShardPhase::Queue, 250); });
        model.setNow(5000);
        model.flush();
        model.resetShards({}, 0);
        QCOMPARE(model.rowCount(), 0);
    }

    void liveUpdatesAreThrottled()
    {
        ShardTableModel model;
        model.setFlushInterval(50);
        QList<ShardTimeline> shards(100);
        for (int i = 0; i < shards.size(); ++i)
            shards[i].id = QStringLiteral("shard-%1").arg(i);
        model.resetShards(shards);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        for (int i = 10; i < 20; ++i) {
            report(model, i, [i](ShardTimeline &s) { openPhase(s, ShardPhase::Create, i); });
            report(model, i, [i](ShardTimeline &s) { openPhase(s, ShardPhase::Exec, i + 5); });
        }
        report(model, 50, [](ShardTimeline &s) { openPhase(s, ShardPhase::Create, 1); });
        QCOMPARE(changed.count(), 0);   // nothing until the timer fires
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 2000);   // rows 10..19 and row 50
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 10);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 19);
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 50);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.countInState(ShardState::Running), 10);
        QCOMPARE(model.countInState(ShardState::Provisioning), 1);
    }

    // "Now" moving is one nowChanged per flush, not a dataChanged over every open row; real
    // row changes still arrive as dataChanged for just those rows.
    void nowIsCoalescedNotPerRow()
    {
        ShardTableModel model;
        model.setFlushInterval(50);
        QList<ShardTimeline> shards(1000);
        for (int i = 0; i < shards.size(); ++i) {
            shards[i].id = QStringLiteral("shard-%1").arg(i);
            ShardAttempt a;
            a.phases.append(PhaseSpan{ShardPhase::Queue, 0, -1});
            shards[i].attempts.append(a);
        }
        model.resetShards(shards, 0);
        QCOMPARE(model.openRowCount(), 1000);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy now(&model, &ShardTableModel::nowChanged);
        QSignalSpy range(&model, &ShardTableModel::rangeChanged);
        model.setNow(100);
        model.setNow(200);
        report(model, 7, [](ShardTimeline &s) { openPhase(s, ShardPhase::Create, 150); });
        QCOMPARE(now.count(), 0);   // throttled
        QTRY_COMPARE_WITH_TIMEOUT(now.count(), 1, 2000);
        QCOMPARE(now.at(0).at(0).toLongLong(), 200);
        QCOMPARE(changed.count(), 1);   // only the row that changed
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 7);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 7);
        QVERIFY(range.count() >= 1);
        QCOMPARE(range.constLast().at(1).toLongLong(), 200);
        // Open spans read "now" on demand.
        QCOMPARE(model.index(3, 0).data(ShardTableModel::EndTimeRole).toLongLong(), 200);
        QCOMPARE(model.index(3, 0).data(ShardTableModel::DurationRole).toLongLong(), 200);

        // Nothing open: no nowChanged, but the range still follows "now".
        for (int i = 0; i < 1000; ++i)
            report(model, i, [](ShardTimeline &s) { finishAttempt(s, 250, 0, ErrorClass::None); });
        model.flush();
        QCOMPARE(model.openRowCount(), 0);
        now.clear();
        model.setNow(400);
        model.flush();
        QCOMPARE(now.count(), 0);
        QCOMPARE(model.rangeEnd(), 400);
        QCOMPARE(range.constLast().at(1).toLongLong(), 400);
    }

    void retryAndFailure()
    {
        ShardTableModel model;
        QList<ShardTimeline> shards(1);
        shards[0].id = QStringLiteral("shard-00000");
        model.resetShards(shards);
        report(model, 0, [](ShardTimeline &s) { openPhase(s, ShardPhase::Queue, 0); });
        report(model, 0, [](ShardTimeline &s) { openPhase(s, ShardPhase::Exec, 100); });
        report(model, 0, [](ShardTimeline &s) { finishAttempt(s, 400, 3, ErrorClass::OperatorError, QStringLiteral("ValueError")); });
        report(model, 0, [](ShardTimeline &s) { openPhase(s, ShardPhase::Queue, 600); });
        QCOMPARE(model.shard(0).attempts.size(), 2);
        QCOMPARE(model.shard(0).state, ShardState::Retrying);
        QCOMPARE(model.countInState(ShardState::Retrying), 1);
        report(model, 0, [](ShardTimeline &s) { openPhase(s, ShardPhase::Exec, 700); });
        report(model, 0, [](ShardTimeline &s) {
            finishAttempt(s, 900, 0, ErrorClass::None);
            s.state = ShardState::Done;
        });
        model.flush();
        const QModelIndex idx = model.index(0, ShardTableModel::TimelineColumn);
        QCOMPARE(idx.data(ShardTableModel::DurationRole).toLongLong(), 900);
        QCOMPARE(idx.data(ShardTableModel::ExitCodeRole).toInt(), 0);
        const QString summary = idx.data(Qt::AccessibleTextRole).toString();
        QVERIFY2(summary.contains(QLatin1String("shard-00000")) && summary.contains(QLatin1String("2 attempts")), qPrintable(summary));
        const QString details = idx.data(Qt::AccessibleDescriptionRole).toString();
        QVERIFY2(details.contains(QLatin1String("operator_error")) && details.contains(QLatin1String("ValueError")), qPrintable(details));
    }

    void filterAndSort()
    {
        ShardTableModel model;
        ShardFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.resetShards(makeSampleShards(300, 8, 11));
        const int failed = model.countInState(ShardState::Failed);
        QVERIFY(failed > 0);
        proxy.setStates({ShardState::Failed});
        QCOMPARE(proxy.rowCount(), failed);
        proxy.setStates({});
        QCOMPARE(proxy.rowCount(), 300);
        proxy.sort(ShardTableModel::DurationColumn, Qt::DescendingOrder);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const qint64 d = proxy.index(r, 0).data(ShardTableModel::DurationRole).toLongLong();
            QVERIFY(d <= previous);
            previous = d;
        }
        proxy.setIdFilter(QStringLiteral("shard-0001"));
        QCOMPARE(proxy.rowCount(), 10);
        // Live updates go through the proxy too.
        proxy.setIdFilter({});
        proxy.setStates({ShardState::Running});
        QCOMPARE(proxy.rowCount(), 0);
        report(model, 5, [](ShardTimeline &s) { openPhase(s, ShardPhase::Exec, 10); });
        model.flush();
        QCOMPARE(proxy.rowCount(), 1);
    }

    // The proxy reads a ShardTableModel directly; the order must be the one SortRole gives.
    void sortMatchesSortRole_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        for (int c = 0; c < ShardTableModel::ColumnCount; ++c) {
            QTest::addRow("column %d ascending", c) << c << int(Qt::AscendingOrder);
            QTest::addRow("column %d descending", c) << c << int(Qt::DescendingOrder);
        }
    }

    void sortMatchesSortRole()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        ShardTableModel model;
        model.resetShards(makeSampleShards(500, 16, 5, 4000), 4000);
        ShardFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(column, Qt::SortOrder(order));
        QCOMPARE(proxy.rowCount(), 500);
        for (int r = 1; r < proxy.rowCount(); ++r) {
            const QVariant a = proxy.index(r - 1, column).data(ShardTableModel::SortRole);
            const QVariant b = proxy.index(r, column).data(ShardTableModel::SortRole);
            const auto cmp = QVariant::compare(a, b);
            QVERIFY2(order == Qt::AscendingOrder ? cmp != QPartialOrdering::Greater : cmp != QPartialOrdering::Less,
                     qPrintable(QStringLiteral("row %1: %2 then %3").arg(r).arg(a.toString(), b.toString())));
        }
        if (column == ShardTableModel::IdColumn && order == Qt::AscendingOrder) {
            for (int r = 0; r < proxy.rowCount(); ++r)
                QCOMPARE(proxy.mapToSource(proxy.index(r, 0)).row(), r);   // the source order
        }
    }

    void timelineFromRecord()
    {
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, QTimeZone::UTC);
        ShardRecord r;
        r.index = 2;
        r.shardId = QStringLiteral("shard-00002");
        r.state = ShardState::Running;
        AttemptRecord a1;
        a1.start = t0.addMSecs(100);
        a1.end = t0.addMSecs(1100);
        a1.phases.queueMs = 100;
        a1.phases.createMs = 200;
        a1.phases.uploadMs = 50;
        a1.phases.execMs = 700;
        a1.exitCode = 3;
        a1.errorClass = ErrorClass::OperatorError;
        AttemptRecord a2;
        a2.number = 2;
        a2.start = t0.addMSecs(1500);
        a2.phases.queueMs = 400;
        a2.phases.createMs = 100;
        a2.phases.uploadMs = 20;
        a2.openPhase = ShardPhase::Exec;   // the scheduler says which phase is open
        r.attempts = {a1, a2};
        const ShardTimeline t = shardTimelineFromRecord(r, t0);
        QCOMPARE(t.attempts.size(), 2);
        const auto &p1 = t.attempts.at(0).phases;
        QCOMPARE(p1.size(), 4);
        QCOMPARE(p1.at(0), (PhaseSpan{ShardPhase::Queue, 0, 100}));
        QCOMPARE(p1.at(1), (PhaseSpan{ShardPhase::Create, 100, 300}));
        QCOMPARE(p1.at(3).phase, ShardPhase::Exec);
        QCOMPARE(p1.at(3).endMs, 1100);
        QVERIFY(t.attempts.at(0).finished);
        const auto &p2 = t.attempts.at(1).phases;
        QCOMPARE(p2.constLast().phase, ShardPhase::Exec);
        QCOMPARE(p2.constLast().startMs, 1620);
        QVERIFY(p2.constLast().isOpen());
        QCOMPARE(t.startMs(), 0);
        QCOMPARE(t.endMs(2000), 2000);
    }

    void datasetPreviewModel()
    {
        DatasetPreviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendRecords({QJsonObject{{QStringLiteral("id"), 1}, {QStringLiteral("text"), QStringLiteral("a")}}}, {1});
        model.appendRecords({QJsonObject{{QStringLiteral("id"), 2}, {QStringLiteral("label"), true}}, QJsonValue(5)}, {2, 3});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columns(), (QStringList{QStringLiteral("id"), QStringLiteral("text"), QStringLiteral("label"), QStringLiteral("value")}));
        QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("true"));
        QCOMPARE(model.index(2, 3).data().toString(), QStringLiteral("5"));
        QCOMPARE(model.headerData(2, Qt::Vertical).toString(), QStringLiteral("3"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void runHistoryModel()
    {
        RunHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunHistoryEntry a;
        a.runId = QStringLiteral("r1");
        a.createdAt = QDateTime::fromSecsSinceEpoch(1000, QTimeZone::UTC);
        RunHistoryEntry b;
        b.runId = QStringLiteral("r2");
        b.createdAt = QDateTime::fromSecsSinceEpoch(2000, QTimeZone::UTC);
        model.setRuns({a, b});
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("r2"));   // newest first
        model.removeRun(QStringLiteral("r2"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("r1")), 0);
    }
};

QTEST_GUILESS_MAIN(TestViews)
#include "tst_views.moc"
