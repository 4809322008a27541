// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Writes, reads back and deletes a secret through the real keychain: raw QtKeychain, then the
// product's QtKeychainSecretStore (and its in-memory test fake, through the same checks).

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <qt6keychain/keychain.h>

#include "secrets/memorysecretstore.h"
#include "secrets/qtkeychainsecretstore.h"

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

    // Runs one SecretStore call to its single answer.
    static mrp::SecretStore::Result call(const std::function<void(mrp::SecretStore::Callback)> &op)
    {
        mrp::SecretStore::Result result;
        int answers = 0;
        op([&](const mrp::SecretStore::Result &r) {
            result = r;
            ++answers;
        });
        if (!QTest::qWaitFor([&] { return answers > 0; }, 20000))
            return {mrp::SecretStore::Status::Error, {}, QStringLiteral("no answer")};
        QTest::qWait(20);
        if (answers != 1)
            return {mrp::SecretStore::Status::Error, {}, QStringLiteral("answered %1 times").arg(answers)};
        return result;
    }

    static void roundTripThrough(mrp::SecretStore *store, const QString &key)
    {
        using S = mrp::SecretStore::Status;
        const QString secret = QStringLiteral("dtn_store_") + QUuid::createUuid().toString(QUuid::Id128);
        auto w = call([&](auto cb) { store->write(key, secret, cb); });
        QVERIFY2(w.ok(), qPrintable(w.message));
        auto r = call([&](auto cb) { store->read(key, cb); });
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.secret, secret);
        auto d = call([&](auto cb) { store->remove(key, cb); });
        QVERIFY2(d.ok(), qPrintable(d.message));
        auto again = call([&](auto cb) { store->read(key, cb); });
        QCOMPARE(again.status, S::NotFound);
    }

private Q_SLOTS:
    void roundTripThroughSecretStore()
    {
        mrp::QtKeychainSecretStore store(m_service, nullptr);
        if (!store.isPersistent() && !backendRequired())
            QSKIP("no keychain backend: QtKeychainSecretStore keeps keys in memory only");
        QVERIFY2(store.isPersistent(), "this environment has gnome-keyring: the store must be persistent");
        QCOMPARE(mrp::SecretStore::apiKeyName(QStringLiteral("p1")), QStringLiteral("api-key/p1"));
        roundTripThrough(&store, mrp::SecretStore::apiKeyName(QStringLiteral("roundtrip-") + QUuid::createUuid().toString(QUuid::Id128)));
        QVERIFY(store.isPersistent());   // never fell back to memory
        // The default service is the application id.
        QCOMPARE(mrp::QtKeychainSecretStore().service(), QStringLiteral(MRP_APP_ID));
    }

    void memoryFakeBehavesTheSame()
    {
        mrp::MemorySecretStore store;
        roundTripThrough(&store, mrp::SecretStore::apiKeyName(QStringLiteral("fake")));
        store.setFailure(mrp::SecretStore::Status::AccessDenied);
        QCOMPARE(call([&](auto cb) { store.read(QStringLiteral("x"), cb); }).status, mrp::SecretStore::Status::AccessDenied);
    }

    void environmentOverridesStore()
    {
        mrp::MemorySecretStore store;
        call([&](auto cb) { store.write(mrp::SecretStore::apiKeyName(QStringLiteral("daytona")), QStringLiteral("from-store"), cb); });
        qputenv("DAYTONA_API_KEY", "from-env");
        mrp::ApiKeyLookup got;
        bool answered = false;
        mrp::resolveApiKey(&store, QStringLiteral("daytona"), [&](const mrp::ApiKeyLookup &l) { got = l; answered = true; });
        QVERIFY(!answered);   // always asynchronous
        QTRY_VERIFY(answered);
        QCOMPARE(got.key, QStringLiteral("from-env"));
        QCOMPARE(got.source, QStringLiteral("environment"));
        qunsetenv("DAYTONA_API_KEY");
        answered = false;
        mrp::resolveApiKey(&store, QStringLiteral("daytona"), [&](const mrp::ApiKeyLookup &l) { got = l; answered = true; });
        QTRY_VERIFY(answered);
        QCOMPARE(got.key, QStringLiteral("from-store"));
        QCOMPARE(got.source, QStringLiteral("memory"));
    }
};

QTEST_GUILESS_MAIN(TestKeychainRoundtrip)
#include "tst_keychain_roundtrip.moc"
