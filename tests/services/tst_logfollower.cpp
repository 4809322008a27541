// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// LogFollower's demultiplexer: lines labelled 01 01 01 / 02 02 02, markers split anywhere
// across frames, a stream switching mid-frame.

#include "daytona/logfollower.h"

#include <QTest>

using namespace mrp;
using namespace Qt::StringLiterals;

class TestLogFollower : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demuxAcrossFrames_data()
    {
        QTest::addColumn<int>("frameSize");
        for (int n : {1, 2, 3, 4, 5, 7, 1024})
            QTest::newRow(qPrintable(u"frames of %1"_s.arg(n))) << n;
    }

    void demuxAcrossFrames()
    {
        QFETCH(int, frameSize);
        const QByteArray log = QByteArray("\x01\x01\x01" "one\n" "\x02\x02\x02" "err one\n" "\x01\x01\x01" "two\n"
                                          "\x01\x01\x01" "three\n" "\x02\x02\x02" "err two\n", 3 + 4 + 3 + 8 + 3 + 4 + 3 + 6 + 3 + 8);
        LogFollower f(QNetworkRequest(QUrl(u"http://127.0.0.1:1/logs"_s)));
        QByteArray out, err;
        for (qsizetype at = 0; at < log.size(); at += frameSize) {
            for (const LogFollower::Piece &p : f.feed(log.mid(at, frameSize))) {
                QVERIFY(p.stream == 1 || p.stream == 2);
                (p.stream == 1 ? out : err) += p.data;
            }
        }
        QCOMPARE(out, QByteArray("one\ntwo\nthree\n"));
        QCOMPARE(err, QByteArray("err one\nerr two\n"));
    }
};

QTEST_GUILESS_MAIN(TestLogFollower)
#include "tst_logfollower.moc"
