// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// A cloud run from the workbench against the Daytona emulator (real HTTP on loopback): the key
// comes from the secret store the Settings dialog writes to, and the Run page's timeline fills
// with the shards' phases as they run.

#include "../emulator/emulatorprocess.h"

#include "mainwindow.h"
#include "memorysecretstore.h"
#include "runpage.h"
#include "shardtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mrp;

class TestWorkbenchEmulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cloudRunFeedsTimeline()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir data;
        QVERIFY(data.isValid());
        qputenv("MRP_DATA_DIR", data.path().toUtf8());
        qunsetenv("DAYTONA_API_KEY");   // the key must come from the secret store

        test::EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({QStringLiteral("--create-latency-ms"), QStringLiteral("30"), QStringLiteral("--call-latency-ms"),
                            QStringLiteral("5")},
                           &why),
                 qPrintable(why));
        qputenv("DAYTONA_API_URL", emu.apiUrl().toString().toUtf8());

        MemorySecretStore secrets;
        bool written = false;
        secrets.write(SecretStore::apiKeyName(QStringLiteral("daytona")), QStringLiteral("dtn_workbench_key"),
                      [&](const SecretStore::Result &r) { written = r.ok(); });
        QTRY_VERIFY(written);

        MainWindow w;
        w.setDataDir(data.path());
        RunPage *run = w.runPage();
        run->setSecretStore(&secrets);
        QAbstractItemModelTester tester(run->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(run->model(), &QAbstractItemModel::dataChanged);
        QSignalSpy finished(run, &RunPage::runFinished);
        QVERIFY(run->startRun(QStringLiteral(MRP_SOURCE_DIR "/examples/jobs/cloud_toy.yaml"), QStringLiteral("cloud_sandbox")));
        QVERIFY(finished.wait(90000));
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("ok"));
        QVERIFY(run->model()->rowCount() > 0);
        QVERIFY(changed.count() > 0);
        for (int r = 0; r < run->model()->rowCount(); ++r) {
            const ShardTimeline &s = run->model()->shard(r);
            QCOMPARE(s.state, ShardState::Done);
            QVERIFY(!s.attempts.isEmpty());
            // Create, upload, exec and download all took place in a sandbox.
            QVERIFY(s.attempts.constLast().phases.size() >= 4);
        }
        const QJsonObject stats = emu.stats();
        QVERIFY2(!stats.isEmpty(), "the emulator answered its stats");
    }
};

QTEST_MAIN(TestWorkbenchEmulator)
#include "tst_workbench_emulator.moc"
