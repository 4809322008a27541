// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

#include "views/timelinemapping.h"

#include <QTest>

using namespace mrp;

class TestTimelineMapping : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void xForTime_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<int>("width");
        QTest::addColumn<double>("t");
        QTest::addColumn<double>("x");
        QTest::newRow("start") << qint64(0) << qint64(1000) << 100 << 0.0 << 0.0;
        QTest::newRow("end") << qint64(0) << qint64(1000) << 100 << 1000.0 << 100.0;
        QTest::newRow("middle") << qint64(0) << qint64(1000) << 200 << 500.0 << 100.0;
        QTest::newRow("offset range") << qint64(2000) << qint64(3000) << 100 << 2250.0 << 25.0;
        QTest::newRow("before the range") << qint64(0) << qint64(1000) << 100 << -100.0 << -10.0;
        QTest::newRow("long run") << qint64(0) << qint64(3'600'000) << 1800 << 1'800'000.0 << 900.0;
    }
    void xForTime()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(int, width);
        QFETCH(double, t);
        QFETCH(double, x);
        const TimelineMapping m(start, end, width);
        QCOMPARE(m.xForTime(t), x);
        // And back.
        QCOMPARE(m.timeForX(x), t);
    }

    void zoom_data()
    {
        QTest::addColumn<double>("factor");
        QTest::addColumn<double>("anchorX");
        QTest::addColumn<double>("viewStart");
        QTest::addColumn<double>("viewEnd");
        // Range 0..1000 ms on 100 px.
        QTest::newRow("2x at left edge") << 2.0 << 0.0 << 0.0 << 500.0;
        QTest::newRow("2x at centre") << 2.0 << 50.0 << 250.0 << 750.0;
        QTest::newRow("2x at right edge") << 2.0 << 100.0 << 500.0 << 1000.0;
        QTest::newRow("4x at 25%") << 4.0 << 25.0 << 187.5 << 437.5;
        QTest::newRow("zoom out saturates at the range") << 0.5 << 50.0 << 0.0 << 1000.0;
        QTest::newRow("zoom in saturates at the minimum span") << 1e9 << 50.0 << 495.0 << 505.0;
        QTest::newRow("nonsense factor is ignored") << -1.0 << 50.0 << 0.0 << 1000.0;
    }
    void zoom()
    {
        QFETCH(double, factor);
        QFETCH(double, anchorX);
        QFETCH(double, viewStart);
        QFETCH(double, viewEnd);
        const TimelineMapping m = TimelineMapping(0, 1000, 100).zoomedBy(factor, anchorX);
        QCOMPARE(m.viewStart(), viewStart);
        QCOMPARE(m.viewEnd(), viewEnd);
        QCOMPARE(m.isZoomed(), viewEnd - viewStart < 1000.0);
    }

    void zoomKeepsAnchorTime()
    {
        const TimelineMapping m(0, 10'000, 500);
        const double before = m.timeForX(123);
        const TimelineMapping z = m.zoomedBy(3.0, 123);
        QVERIFY(qAbs(z.timeForX(123) - before) < 1e-6);
    }

    void pan_data()
    {
        QTest::addColumn<double>("dx");
        QTest::addColumn<double>("viewStart");
        // Zoomed 2x at the centre: view 250..750 on 100 px (5 ms per px).
        QTest::newRow("right 10 px") << 10.0 << 300.0;
        QTest::newRow("left 10 px") << -10.0 << 200.0;
        QTest::newRow("clamped at the start") << -1000.0 << 0.0;
        QTest::newRow("clamped at the end") << 1000.0 << 500.0;
        QTest::newRow("nothing") << 0.0 << 250.0;
    }
    void pan()
    {
        QFETCH(double, dx);
        QFETCH(double, viewStart);
        const TimelineMapping m = TimelineMapping(0, 1000, 100).zoomedBy(2.0, 50).pannedBy(dx);
        QCOMPARE(m.viewStart(), viewStart);
        QCOMPARE(m.viewSpan(), 500.0);
    }

    void followsGrowingRange()
    {
        TimelineMapping m(0, 1000, 100);
        m = m.withRange(0, 2000);
        QCOMPARE(m.viewEnd(), 2000.0);
        // Zoomed: the window stays where the user put it.
        m = m.zoomedBy(2.0, 0);
        m = m.withRange(0, 5000);
        QCOMPARE(m.viewStart(), 0.0);
        QCOMPARE(m.viewEnd(), 1000.0);
        QCOMPARE(m.reset().viewEnd(), 5000.0);
    }

    void degenerateRange()
    {
        const TimelineMapping m(500, 500, 0);
        QVERIFY(m.rangeEnd() > m.rangeStart());
        QVERIFY(m.width() >= 1);
        QVERIFY(qIsFinite(m.xForTime(500)));
    }

    void ticks_data()
    {
        QTest::addColumn<qint64>("end");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("spacing");
        QTest::addColumn<qint64>("step");
        QTest::addColumn<int>("count");
        QTest::newRow("1 s over 1000 px, 100 px apart") << qint64(1000) << 1000 << 100 << qint64(100) << 11;
        QTest::newRow("1 s over 1000 px, 90 px apart") << qint64(1000) << 1000 << 90 << qint64(100) << 11;
        QTest::newRow("1 min over 600 px") << qint64(60'000) << 600 << 100 << qint64(10'000) << 7;
        QTest::newRow("7 s over 700 px, 150 px apart") << qint64(7000) << 700 << 150 << qint64(2000) << 4;
        QTest::newRow("tiny range: at least 1 ms") << qint64(10) << 1000 << 10 << qint64(1) << 11;
    }
    void ticks()
    {
        QFETCH(qint64, end);
        QFETCH(int, width);
        QFETCH(int, spacing);
        QFETCH(qint64, step);
        QFETCH(int, count);
        const TimelineMapping m(0, end, width);
        QCOMPARE(m.tickStep(spacing), step);
        const QList<qint64> ticks = m.ticks(spacing);
        QCOMPARE(ticks.size(), count);
        for (int i = 1; i < ticks.size(); ++i)
            QVERIFY(m.xForTime(double(ticks.at(i))) - m.xForTime(double(ticks.at(i - 1))) >= spacing - 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestTimelineMapping)
#include "tst_timelinemapping.moc"
