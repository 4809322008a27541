// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// RatePacer on a clock of its own (the nowMs overloads): which calls count against which
// throttler, a budget learnt from the headers and spent to the last token, the wait for the next
// window, a Retry-After that blocks, and the AIMD fallback without headers.

#include "daytona/ratepacer.h"

#include <QTest>

using namespace mrp;
using namespace Qt::StringLiterals;

namespace {
using Headers = QList<QPair<QByteArray, QByteArray>>;

Headers budget(const char *name, int limit, int remaining, int resetS)
{
    return {{"X-RateLimit-Limit-" + QByteArray(name), QByteArray::number(limit)},
            {"X-RateLimit-Remaining-" + QByteArray(name), QByteArray::number(remaining)},
            {"X-RateLimit-Reset-" + QByteArray(name), QByteArray::number(resetS)}};
}
} // namespace

class TestRatePacer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void throttlerOfEachCall_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("throttler");
        QTest::newRow("create") << QByteArray("POST") << u"https://app.daytona.io/api/sandbox"_s << u"sandbox-create"_s;
        QTest::newRow("fork") << QByteArray("POST") << u"https://h/api/sandbox/abc/fork"_s << u"sandbox-create"_s;
        QTest::newRow("delete") << QByteArray("DELETE") << u"https://h/api/sandbox/abc"_s << u"sandbox-lifecycle"_s;
        QTest::newRow("stop") << QByteArray("POST") << u"https://h/api/sandbox/abc/stop"_s << u"sandbox-lifecycle"_s;
        QTest::newRow("poll") << QByteArray("GET") << u"https://h/api/sandbox/abc"_s << u"authenticated"_s;
        QTest::newRow("list") << QByteArray("GET") << u"https://h/api/sandbox?labels=x"_s << u"authenticated"_s;
        QTest::newRow("toolbox url") << QByteArray("GET") << u"https://h/api/sandbox/abc/toolbox-proxy-url"_s
                                     << u"authenticated"_s;
        QTest::newRow("toolbox") << QByteArray("POST") << u"https://proxy/toolbox/abc/process/execute"_s << QString();
    }
    void throttlerOfEachCall()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, url);
        QFETCH(QString, throttler);
        QCOMPARE(RatePacer::throttlerFor(verb, QUrl(url)), throttler);
    }

    void spendsTheWindowThenWaitsForTheNext()
    {
        RatePacer p;
        const QString c = u"sandbox-create"_s;
        QCOMPARE(p.reserve(c, 0), 0);   // nothing known yet: go
        p.observe(c, budget("sandbox-create", 5, 3, 10), 200, 100);   // window ends at 10,100 ms
        QCOMPARE(p.reserve(c, 200), 0);
        QCOMPARE(p.reserve(c, 300), 0);
        QCOMPARE(p.reserve(c, 350), 0);
        const qint64 wait = p.reserve(c, 400);   // the 3 remaining were taken: wait for the window's end
        QVERIFY2(wait >= 10'100 - 400 && wait <= 10'100 - 400 + 100, qPrintable(QString::number(wait)));
        // A reply reporting fewer remaining (another client of the organisation) is believed.
        p.observe(c, budget("sandbox-create", 5, 0, 9), 200, 1'100);
        QVERIFY(p.reserve(c, 1'200) > 0);
        // After the window a new one opens with the full budget.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(p.reserve(c, 10'300 + i), 0);
        QVERIFY(p.reserve(c, 10'310) > 0);
        QVERIFY(p.stats(c).paced >= 3);
        // Throttlers are independent.
        QCOMPARE(p.reserve(u"authenticated"_s, 10'310), 0);
        QCOMPARE(p.reserve(QString(), 10'310), 0);   // not throttled by the API
    }

    // Reset is whole seconds rounded up: every reply bounds the window's end from above, and the
    // pacer waits for the earliest bound, not for the first reply's (up to a second late).
    void windowEndIsTheEarliestBound()
    {
        RatePacer p;
        const QString c = u"sandbox-create"_s;
        QCOMPARE(p.reserve(c, 0), 0);
        p.observe(c, budget("sandbox-create", 3, 2, 10), 200, 100);    // ends by 10,100
        p.observe(c, budget("sandbox-create", 3, 1, 10), 200, 950);    // by 10,950: nothing new
        p.observe(c, budget("sandbox-create", 3, 0, 9), 200, 1'020);   // by 10,020: closer
        QCOMPARE(p.reserve(c, 2'000), 10'020 + 50 - 2'000);
        QCOMPARE(p.reserve(c, 10'070), 0);   // the next window, at the closest bound
    }

    void retryAfterBlocksTheThrottler()
    {
        RatePacer p;
        const QString c = u"sandbox-create"_s;
        p.observe(c, {{"Retry-After-sandbox-create", "30"}}, 429, 1'000);
        const qint64 wait = p.reserve(c, 1'000);
        QVERIFY2(wait >= 30'000, qPrintable(QString::number(wait)));   // never before Retry-After
        QVERIFY(p.reserve(c, 30'999) > 0);
        QCOMPARE(p.stats(c).refused, 1);
        // A day and more is still a wait, not "no wait".
        p.observe(u"authenticated"_s, {{"Retry-After-authenticated", "100000"}}, 429, 0);
        QVERIFY(p.reserve(u"authenticated"_s, 1) >= 100'000'000 - 1);
    }

    void withoutHeadersBacksOffAndRecovers()
    {
        RatePacer p;
        const QString a = u"authenticated"_s;
        QCOMPARE(p.reserve(a, 0), 0);
        QCOMPARE(p.reserve(a, 0), 0);   // no spacing before any refusal
        p.observe(a, {}, 429, 0);       // refused, no Retry-After, no budget: slow down
        p.observe(a, {}, 429, 0);
        QCOMPARE(p.reserve(a, 0), 0);
        const qint64 spaced = p.reserve(a, 1);
        QVERIFY2(spaced >= 10, qPrintable(QString::number(spaced)));   // calls are spaced now
        for (int i = 0; i < 100; ++i)
            p.observe(a, {}, 200, 100);                                   // successes shorten it again
        QCOMPARE(p.reserve(a, 10'000), 0);
        QCOMPARE(p.reserve(a, 10'000), 0);
    }
};

QTEST_GUILESS_MAIN(TestRatePacer)
#include "tst_ratepacer.moc"
