// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Writes, reads back and deletes a secret through the real keychain (QtKeychain).

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <qt6keychain/keychain.h>

class TestKeychainRoundtrip : public QObject
{
    Q_OBJECT

private:
    const QString m_service = QStringLiteral("org.mrpworkbench.Workbench.test");
    QString m_key;

    // Runs a keychain job to completion on this thread and returns its error.
    static QKeychain::Error runJob(QKeychain::Job *job)
    {
        job->setAutoDelete(false);
        QSignalSpy spy(job, &QKeychain::Job::finished);
        job->start();
        if (!spy.wait(20000))
            return QKeychain::OtherError;
        return job->error();
    }

    static bool backendRequired()
    {
        return qEnvironmentVariable("MRP_DEV_ENV") == u"root";
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_key = QStringLiteral("api-key/roundtrip-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!QKeychain::isAvailable()) {
            if (backendRequired())
                QFAIL("QtKeychain reports no backend, but this build environment has gnome-keyring");
            QSKIP("no keychain backend on this system (QKeychain::isAvailable() is false)");
        }
    }

    void roundTrip()
    {
        const QString secret = QStringLiteral("dtn_test_") + QUuid::createUuid().toString(QUuid::Id128);

        QKeychain::WritePasswordJob write(m_service);
        write.setKey(m_key);
        write.setTextData(secret);
        write.setInsecureFallback(false);
        const auto writeError = runJob(&write);
        if (writeError == QKeychain::NoBackendAvailable && !backendRequired())
            QSKIP(qPrintable(QStringLiteral("no Secret Service backend: %1").arg(write.errorString())));
        QVERIFY2(writeError == QKeychain::NoError, qPrintable(write.errorString()));

        QKeychain::ReadPasswordJob read(m_service);
        read.setKey(m_key);
        read.setInsecureFallback(false);
        QCOMPARE(runJob(&read), QKeychain::NoError);
        QCOMPARE(read.textData(), secret);

        QKeychain::DeletePasswordJob remove(m_service);
        remove.setKey(m_key);
        QCOMPARE(runJob(&remove), QKeychain::NoError);

        QKeychain::ReadPasswordJob readAgain(m_service);
        readAgain.setKey(m_key);
        QCOMPARE(runJob(&readAgain), QKeychain::EntryNotFound);
    }
};

QTEST_GUILESS_MAIN(TestKeychainRoundtrip)
#include "tst_keychain_roundtrip.moc"
