// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// examples/cloud_toy.yaml on Daytona (the emulator) and on the local backend: `mrp run`
// gives byte-identical reduce/produce outputs, and no sandbox is left behind. Also runs the
// RunEngine through daytonaBackendFactory() directly.

#include "../emulator/emulatorprocess.h"
#include "run/sweeper.h"

#include <QDir>
#include <QDirIterator>
#include <QSettings>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp::test;
using namespace Qt::StringLiterals;

class TestDaytonaCloudToy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    QJsonObject run(const QStringList &extra, const QString &dataDir, const QUrl &api, QByteArray *errOut)
    {
        return runJobJson(QStringLiteral(MRP_SOURCE_DIR "/examples/cloud_toy.yaml"), extra, dataDir, m_tmp.filePath(u"home"_s), api,
                          u"dtn_cloudtoy_key"_s, 90000, errOut);
    }

    static QByteArray read(const QString &dir, const QString &name) { return readOrMissing(dir, name); }

private Q_SLOTS:
    void cloudAndLocalAgree()
    {
        QVERIFY(m_tmp.isValid());
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({u"--create-latency-ms"_s, u"30"_s, u"--call-latency-ms"_s, u"5"_s, u"--delete-latency-ms"_s, u"20"_s}, &why),
                 qPrintable(why));
        QByteArray err;
        const QJsonObject cloud = run({}, m_tmp.filePath(u"cloud"_s), emu.apiUrl(), &err);
        QVERIFY2(cloud.value(u"__exit"_s).toInt() == 0, err.constData());
        const QJsonObject local = run({u"--backend"_s, u"local"_s, u"--profile"_s, u"local"_s}, m_tmp.filePath(u"local"_s), emu.apiUrl(), &err);
        QVERIFY2(local.value(u"__exit"_s).toInt() == 0, err.constData());

        const QString cloudOut = cloud.value(u"output_dir"_s).toString();
        const QString localOut = local.value(u"output_dir"_s).toString();
        QVERIFY(!cloudOut.isEmpty() && !localOut.isEmpty());
        for (const QString &f : {u"word_counts.csv"_s, u"summary.json"_s}) {
            const QByteArray a = read(cloudOut, f), b = read(localOut, f);
            QVERIFY2(!a.startsWith("<missing"), qPrintable(f));
            QCOMPARE(a, b);
        }
        const QJsonObject stats = emu.stats();
        qInfo() << "emulator after the cloud run:" << QJsonDocument(stats).toJson(QJsonDocument::Compact);
        QVERIFY(stats.value(u"created"_s).toInt() > 0);     // it really ran on the emulator
        // Every map output (small) came back with its command's reply: no download call.
        QCOMPARE(stats.value(u"downloads"_s).toInt(), 0);
        QCOMPARE(stats.value(u"liveSandboxes"_s).toInt(), 0);
    }

    // docs/design.md §7.6: a cloud run first sweeps this installation's leftovers — the sandboxes of
    // a killed run go, those of a run still held by a live process and other owners' stay —
    // and says what they were in its log.
    void runSweepsLeftoversOfDeadRunsOnly()
    {
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({}, &why), qPrintable(why));
        const QString dataDir = m_tmp.filePath(u"sweep"_s);
        // The install id mrp keeps in its settings under this test's HOME (made by the first run
        // of this test case or by this one).
        QByteArray err;
        QJsonObject first = run({}, dataDir, emu.apiUrl(), &err);
        QVERIFY2(first.value(u"__exit"_s).toInt() == 0, err.constData());
        QString owner;
        for (QDirIterator it(m_tmp.filePath(u"home"_s), {u"*.conf"_s}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
            const QString id = QSettings(it.next(), QSettings::IniFormat).value(u"daytona/installId"_s).toString();
            if (!id.isEmpty())
                owner = id;
        }
        QVERIFY(!owner.isEmpty());

        QNetworkAccessManager nam;
        auto create = [&](const QJsonObject &labels) {
            QNetworkRequest req(QUrl(emu.apiUrl().toString() + u"/sandbox"_s));
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            req.setRawHeader("Authorization", "Bearer dtn_cloudtoy_key");
            QNetworkReply *reply = nam.post(req, QJsonDocument(QJsonObject{{u"labels"_s, labels}}).toJson());
            QSignalSpy spy(reply, &QNetworkReply::finished);
            spy.wait(10000);
            const QString id = QJsonDocument::fromJson(reply->readAll()).object().value(u"id"_s).toString();
            delete reply;
            return id;
        };
        const QString dead = create({{u"mrp.owner"_s, owner}, {u"mrp.run"_s, u"run-dead"_s}, {u"mrp.shard"_s, u"shard-7"_s}});
        const QString live = create({{u"mrp.owner"_s, owner}, {u"mrp.run"_s, u"run-live"_s}, {u"mrp.shard"_s, u"shard-1"_s}});
        const QString foreign = create({{u"mrp.owner"_s, u"someone-else"_s}, {u"mrp.run"_s, u"run-dead"_s}});
        QVERIFY(!dead.isEmpty() && !live.isEmpty() && !foreign.isEmpty());
        mrp::RunLock liveLock;
        QVERIFY(liveLock.acquire(dataDir, u"run-live"_s));    // held by this (live) process

        const QJsonObject second = run({}, dataDir, emu.apiUrl(), &err);
        QVERIFY2(second.value(u"__exit"_s).toInt() == 0, err.constData());
        QCOMPARE(emu.stats().value(u"liveSandboxes"_s).toInt(), 2);   // the live run's and the foreign one

        QFile log(QFileInfo(second.value(u"run_json"_s).toString()).dir().filePath(u"log.jsonl"_s));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QStringList swept;
        while (!log.atEnd()) {
            const QJsonObject e = QJsonDocument::fromJson(log.readLine()).object();
            if (e.value(u"event"_s).toString() == u"sandbox_swept")
                swept << e.value(u"sandbox_id"_s).toString() + u' ' + e.value(u"action"_s).toString() + u' '
                             + e.value(u"run"_s).toString() + u' ' + e.value(u"shard"_s).toString();
        }
        QCOMPARE(swept, QStringList{dead + u" deleted run-dead shard-7"_s});

        // Once that run's process is gone, the next run sweeps it as well.
        liveLock.release();
        const QJsonObject third = run({}, dataDir, emu.apiUrl(), &err);
        QVERIFY2(third.value(u"__exit"_s).toInt() == 0, err.constData());
        QCOMPARE(emu.stats().value(u"liveSandboxes"_s).toInt(), 1);   // only the foreign one
    }
};

QTEST_GUILESS_MAIN(TestDaytonaCloudToy)
#include "tst_daytona_cloudtoy.moc"
