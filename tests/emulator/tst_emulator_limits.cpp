// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The emulator's rate limits, quotas, faults, daemon file semantics and sandbox memory, over
// real HTTP against the emulator process (docs/daytona.md, "The emulator").

#include "emulatorprocess.h"
#include "local/sandboxcgroup.h"

#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using mrp::test::EmulatorProcess;

namespace {

struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QHash<QByteArray, QByteArray> headers;   // names in lower case
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    bool has(const QByteArray &name) const { return headers.contains(name.toLower()); }
    bool hasPrefix(const QByteArray &prefix) const
    {
        for (auto it = headers.cbegin(); it != headers.cend(); ++it) {
            if (it.key().startsWith(prefix.toLower()))
                return true;
        }
        return false;
    }
};

const QString kUpgrade = u"To increase concurrency limits, upgrade your organization's Tier by visiting "
                         u"https://app.daytona.io/dashboard/limits."_s;

} // namespace

class TestEmulatorLimits : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;
    QUrl m_api;

    Reply send(const QByteArray &verb, const QUrl &url, const QByteArray &body = {}, const QString &key = u"key-a"_s,
               QHttpMultiPart *multipart = nullptr, int waitMs = 10000)
    {
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        req.setRawHeader("Authorization", "Bearer " + key.toUtf8());
        if (!body.isEmpty())
            req.setRawHeader("Content-Type", "application/json");
        QNetworkReply *r = multipart ? m_nam.post(req, multipart) : m_nam.sendCustomRequest(req, verb, body);
        if (multipart)
            multipart->setParent(r);
        QSignalSpy spy(r, &QNetworkReply::finished);
        if (!r->isFinished())
            spy.wait(waitMs);
        Reply out;
        out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.error = r->error();
        for (const auto &[name, value] : r->rawHeaderPairs())
            out.headers.insert(name.toLower(), value);
        out.body = r->readAll();
        delete r;
        return out;
    }
    QUrl api(const QString &path) const
    {
        QUrl u = m_api;
        const qsizetype q = path.indexOf(u'?');
        u.setPath(m_api.path() + path.left(q));
        if (q >= 0)
            u.setQuery(path.mid(q + 1));
        return u;
    }
    Reply get(const QString &path, const QString &key = u"key-a"_s) { return send("GET", api(path), {}, key); }
    Reply create(const QByteArray &body = "{}", const QString &key = u"key-a"_s) { return send("POST", api(u"/sandbox"_s), body, key); }
    Reply remove(const QString &id) { return send("DELETE", api(u"/sandbox/"_s + id)); }
    Reply post(const QString &path) { return send("POST", api(path)); }

    bool start(EmulatorProcess &emu, const QStringList &args)
    {
        QString why;
        if (!emu.start(QStringList{u"--runtime"_s, u"process"_s} + args, &why)) {
            qWarning("emulator did not start: %s", qPrintable(why));
            return false;
        }
        m_api = emu.apiUrl();
        return true;
    }

    // Waits until `ms` after `clock` started.
    static void waitUntil(const QElapsedTimer &clock, qint64 ms)
    {
        const qint64 left = ms - clock.elapsed();
        if (left > 0)
            QTest::qWait(int(left));
    }

private Q_SLOTS:
    void headersOnAllowedCalls()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--auth-limit"_s, u"3"_s, u"--auth-window-s"_s, u"2"_s}));
        const Reply a = get(u"/sandbox"_s);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("X-RateLimit-Limit-authenticated"), QByteArray("3"));
        QCOMPARE(a.header("X-RateLimit-Remaining-authenticated"), QByteArray("2"));
        QCOMPARE(a.header("X-RateLimit-Reset-authenticated"), QByteArray("2"));
        QVERIFY(!a.hasPrefix("x-ratelimit-limit-sandbox"));
        const Reply b = get(u"/sandbox"_s);
        QCOMPARE(b.header("X-RateLimit-Remaining-authenticated"), QByteArray("1"));
        // Not configured: no headers for the others, and calls outside the API are not counted.
        const Reply c = create();
        QCOMPARE(c.status, 200);
        QVERIFY(!c.hasPrefix("x-ratelimit-"));
        QCOMPARE(get(u"/sandbox"_s).header("X-RateLimit-Remaining-authenticated"), QByteArray("0"));
    }

    void blockLastsAWindowFromTheRefusedHit()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--auth-limit"_s, u"2"_s, u"--auth-window-s"_s, u"2"_s}));
        QElapsedTimer clock;
        clock.start();   // the window opens with the first hit: [0, 2 s)
        QCOMPARE(get(u"/sandbox"_s).status, 200);
        QCOMPARE(get(u"/sandbox?limit=5"_s).status, 200);

        // Over the limit late in the window: blocked for 2 s from here (until ~3.2 s).
        waitUntil(clock, 1200);
        const Reply refused = get(u"/sandbox?limit=5"_s);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.header("Retry-After-authenticated"), QByteArray("2"));
        QVERIFY(!refused.has("Retry-After"));                  // plain Retry-After: failed logins only
        QVERIFY(!refused.hasPrefix("x-ratelimit-"));           // the refused throttler sets none
        const QJsonObject body = refused.json();
        QCOMPARE(body.value(u"statusCode"_s).toInt(), 429);
        QCOMPARE(body.value(u"error"_s).toString(), u"Too Many Requests"_s);
        QCOMPARE(body.value(u"message"_s).toString(), u"ThrottlerException: Too Many Requests"_s);
        QCOMPARE(body.value(u"path"_s).toString(), u"/api/sandbox?limit=5"_s);
        QVERIFY(!body.value(u"timestamp"_s).toString().isEmpty());

        // The first window is over, the block is not: still refused, with what is left of it.
        waitUntil(clock, 2300);
        const Reply stillBlocked = get(u"/sandbox"_s);
        QCOMPARE(stillBlocked.status, 429);
        QCOMPARE(stillBlocked.header("Retry-After-authenticated"), QByteArray("1"));

        // Once the block is over the call passes, and the hit made while blocked counted.
        waitUntil(clock, 3500);
        const Reply after = get(u"/sandbox"_s);
        QCOMPARE(after.status, 200);
        QCOMPARE(after.header("X-RateLimit-Remaining-authenticated"), QByteArray("0"));
        QCOMPARE(after.header("X-RateLimit-Reset-authenticated"), QByteArray("1"));   // window from 2.3 s
        const Reply again = get(u"/sandbox"_s);
        QCOMPARE(again.status, 429);
        QCOMPARE(again.header("Retry-After-authenticated"), QByteArray("2"));
        QCOMPARE(emu.stats().value(u"throttled"_s).toObject().value(u"authenticated"_s).toInteger(), 3);
    }

    void throttlersAreIndependentAndPerOrganisation()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--auth-limit"_s, u"1"_s, u"--auth-window-s"_s, u"30"_s,
                            u"--create-limit"_s, u"1"_s, u"--create-window-s"_s, u"30"_s,
                            u"--lifecycle-limit"_s, u"1"_s, u"--lifecycle-window-s"_s, u"20"_s}));
        const Reply created = create();
        QCOMPARE(created.status, 200);
        QCOMPARE(created.header("X-RateLimit-Limit-sandbox-create"), QByteArray("1"));
        QCOMPARE(created.header("X-RateLimit-Remaining-sandbox-create"), QByteArray("0"));
        QCOMPARE(created.header("X-RateLimit-Reset-sandbox-create"), QByteArray("30"));
        QVERIFY(!created.has("X-RateLimit-Limit-authenticated"));   // create skips `authenticated`
        const QString id = created.json().value(u"id"_s).toString();

        QCOMPARE(get(u"/sandbox/"_s + id).status, 200);
        const Reply refused = get(u"/sandbox/"_s + id);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.header("Retry-After-authenticated"), QByteArray("30"));
        // Another organisation (API key) has its own counters.
        QCOMPARE(get(u"/sandbox"_s, u"key-b"_s).status, 200);

        // Lifecycle is its own throttler: not refused although `authenticated` is blocked.
        const Reply stopped = post(u"/sandbox/"_s + id + u"/stop"_s);
        QCOMPARE(stopped.status, 200);
        QCOMPARE(stopped.header("X-RateLimit-Limit-sandbox-lifecycle"), QByteArray("1"));
        QCOMPARE(stopped.header("X-RateLimit-Reset-sandbox-lifecycle"), QByteArray("20"));
        QVERIFY(!stopped.has("X-RateLimit-Limit-authenticated"));
        const Reply deleted = remove(id);   // the same throttler for every lifecycle call
        QCOMPARE(deleted.status, 429);
        QCOMPARE(deleted.header("Retry-After-sandbox-lifecycle"), QByteArray("20"));

        const Reply second = create();
        QCOMPARE(second.status, 429);
        QCOMPARE(second.header("Retry-After-sandbox-create"), QByteArray("30"));
        QCOMPARE(create("{}", u"key-b"_s).status, 200);

        const QJsonObject throttled = emu.stats().value(u"throttled"_s).toObject();
        QCOMPARE(throttled.value(u"authenticated"_s).toInteger(), 1);
        QCOMPARE(throttled.value(u"sandbox-create"_s).toInteger(), 1);
        QCOMPARE(throttled.value(u"sandbox-lifecycle"_s).toInteger(), 1);
    }

    void cpuQuotaCountsPendingSandboxesAfterTheThrottler()
    {
        EmulatorProcess emu;
        // Sandboxes stay `creating` (pending) for a minute; the create calls do not wait for them
        // (as when the server's 30 s wait ends first).
        QVERIFY(start(emu, {u"--cpu-quota"_s, u"2"_s, u"--start-latency-ms"_s, u"60000"_s, u"--create-wait-ms"_s, u"0"_s,
                            u"--create-limit"_s, u"4"_s, u"--create-window-s"_s, u"30"_s}));
        const Reply first = create(R"({"name":"one"})");
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(u"state"_s).toString(), u"creating"_s);
        QCOMPARE(create().status, 200);
        QCOMPARE(get(u"/sandbox/one"_s).json().value(u"state"_s).toString(), u"creating"_s);
        // Over the total: 400 with the server's message, before a taken name would show.
        const Reply refused = create(R"({"name":"one"})");
        QCOMPARE(refused.status, 400);
        const QJsonObject body = refused.json();
        QCOMPARE(body.value(u"error"_s).toString(), u"Bad Request"_s);
        QCOMPARE(body.value(u"statusCode"_s).toInt(), 400);
        QCOMPARE(body.value(u"message"_s).toString(), u"Total CPU limit exceeded. Maximum allowed: 2.\n"_s + kUpgrade);
        QCOMPARE(refused.header("X-RateLimit-Remaining-sandbox-create"), QByteArray("1"));
        QCOMPARE(create().status, 400);
        // The throttler comes first: refused with 429, not 400.
        QCOMPARE(create().status, 429);
        const QJsonObject stats = emu.stats();
        QCOMPARE(stats.value(u"quotaRefusals"_s).toInteger(), 2);
        QCOMPARE(stats.value(u"quotaRefusalsBy"_s).toObject().value(u"cpu"_s).toInteger(), 2);
        QCOMPARE(stats.value(u"throttled"_s).toObject().value(u"sandbox-create"_s).toInteger(), 1);
    }

    void memoryQuota()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--memory-quota-gib"_s, u"2"_s, u"--start-latency-ms"_s, u"60000"_s, u"--create-wait-ms"_s, u"0"_s}));
        QCOMPARE(create().status, 200);
        QCOMPARE(create().status, 200);
        const Reply refused = create();
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value(u"message"_s).toString(),
                 u"Total memory limit exceeded. Maximum allowed: 2GiB.\n"_s + kUpgrade);
        QCOMPARE(emu.stats().value(u"quotaRefusalsBy"_s).toObject().value(u"memory"_s).toInteger(), 1);
        // Each organisation has its own totals.
        QCOMPARE(create("{}", u"key-b"_s).status, 200);
    }

    void diskQuotaCountsStoppedSandboxes()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--cpu-quota"_s, u"1"_s, u"--disk-quota-gib"_s, u"7"_s, u"--start-latency-ms"_s, u"60000"_s, u"--create-wait-ms"_s, u"0"_s}));
        const QString a = create().json().value(u"id"_s).toString();
        QVERIFY(!a.isEmpty());
        QCOMPARE(create().status, 400);                               // a pending sandbox holds the vCPU
        QCOMPARE(post(u"/sandbox/"_s + a + u"/stop"_s).status, 200);   // stopped: disk only
        const Reply b = create();
        QCOMPARE(b.status, 200);
        QCOMPARE(post(u"/sandbox/"_s + b.json().value(u"id"_s).toString() + u"/stop"_s).status, 200);
        const Reply refused = create();                               // 3 + 3 + 3 GiB > 7
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value(u"message"_s).toString(),
                 u"Total disk limit exceeded. Maximum allowed: 7GiB.\n"
                 u"Consider archiving your unused Sandboxes to free up available storage.\n"_s + kUpgrade);
        // Starting counts the vCPU again.
        QCOMPARE(post(u"/sandbox/"_s + a + u"/start"_s).status, 200);
        const Reply startRefused = post(u"/sandbox/"_s + b.json().value(u"id"_s).toString() + u"/start"_s);
        QCOMPARE(startRefused.status, 400);
        QVERIFY(startRefused.json().value(u"message"_s).toString().startsWith(u"Total CPU limit exceeded. Maximum allowed: 1."_s));
        const QJsonObject by = emu.stats().value(u"quotaRefusalsBy"_s).toObject();
        QCOMPARE(by.value(u"disk"_s).toInteger(), 1);
        QCOMPARE(by.value(u"cpu"_s).toInteger(), 2);
    }

    void quotaOptionIsTheCpuTotal()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--quota"_s, u"1"_s, u"--start-latency-ms"_s, u"60000"_s, u"--create-wait-ms"_s, u"0"_s}));
        QCOMPARE(create().status, 200);
        const Reply refused = create();
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.json().value(u"message"_s).toString().startsWith(u"Total CPU limit exceeded. Maximum allowed: 1.\n"_s));
    }

    // Like sandbox.controller.ts: the create call waits for the start (up to 30 s) and then
    // answers with the DTO captured before the wait; a failed start is a 400 and the sandbox stays.
    void createWaitsForTheStart()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--start-latency-ms"_s, u"400"_s}));
        QElapsedTimer t;
        t.start();
        const Reply made = create(R"({"name":"held"})");
        QCOMPARE(made.status, 200);
        QVERIFY2(t.elapsed() >= 400, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(made.json().value(u"state"_s).toString(), u"creating"_s);
        QCOMPARE(get(u"/sandbox/held"_s).json().value(u"state"_s).toString(), u"started"_s);

        EmulatorProcess waitEnds;
        QVERIFY(start(waitEnds, {u"--start-latency-ms"_s, u"1500"_s, u"--create-wait-ms"_s, u"300"_s}));
        t.restart();
        QCOMPARE(create(R"({"name":"slow"})").status, 200);
        QVERIFY2(t.elapsed() < 1400, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(get(u"/sandbox/slow"_s).json().value(u"state"_s).toString(), u"creating"_s);
        QTRY_COMPARE_WITH_TIMEOUT(get(u"/sandbox/slow"_s).json().value(u"state"_s).toString(), u"started"_s, 5000);

        EmulatorProcess failing;
        QVERIFY(start(failing, {u"--create-fail-rate"_s, u"1"_s}));
        const Reply refused = create(R"({"name":"broken"})");
        QCOMPARE(refused.status, 400);
        QVERIFY2(refused.json().value(u"message"_s).toString().startsWith(u"Sandbox failed to start: "_s), refused.body.constData());
        QCOMPARE(get(u"/sandbox/broken"_s).json().value(u"state"_s).toString(), u"error"_s);
    }

    void tierPreset()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--tier"_s, u"2"_s, u"--create-limit"_s, u"7"_s}));
        const QJsonObject limits = emu.stats().value(u"limits"_s).toObject();
        QCOMPARE(limits.value(u"authenticated"_s).toObject().value(u"limit"_s).toInt(), 20000);
        QCOMPARE(limits.value(u"authenticated"_s).toObject().value(u"windowMs"_s).toInteger(), 60000);
        QCOMPARE(limits.value(u"sandbox-create"_s).toObject().value(u"limit"_s).toInt(), 7);   // overridden
        QCOMPARE(limits.value(u"sandbox-lifecycle"_s).toObject().value(u"limit"_s).toInt(), 20000);
        QCOMPARE(limits.value(u"cpu"_s).toInt(), 100);
        QCOMPARE(limits.value(u"memoryGiB"_s).toInt(), 200);
        QCOMPARE(limits.value(u"diskGiB"_s).toInt(), 300);
        const Reply r = get(u"/sandbox"_s);
        QCOMPARE(r.header("X-RateLimit-Limit-authenticated"), QByteArray("20000"));
        QCOMPARE(r.header("X-RateLimit-Reset-authenticated"), QByteArray("60"));
        QCOMPARE(create().header("X-RateLimit-Limit-sandbox-create"), QByteArray("7"));
    }

    void redirects()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--redirect-create"_s, u"307"_s, u"--redirect-delete"_s, u"308"_s}));
        const Reply moved = create();
        QCOMPARE(moved.status, 307);
        const QUrl target(QString::fromUtf8(moved.header("Location")));
        QCOMPARE(target.path(), u"/api/sandbox"_s);
        QVERIFY(QUrlQuery(target).hasQueryItem(u"redirected"_s));
        QCOMPARE(get(u"/sandbox"_s).json().value(u"items"_s).toArray().size(), 0);   // nothing made
        const Reply followed = send("POST", target, "{}");
        QCOMPARE(followed.status, 200);
        const QString id = followed.json().value(u"id"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(get(u"/sandbox/"_s + id).json().value(u"state"_s).toString(), u"started"_s, 10000);
        const Reply del = remove(id);
        QCOMPARE(del.status, 308);
        const QUrl delTarget(QString::fromUtf8(del.header("Location")));
        QCOMPARE(delTarget.path(), u"/api/sandbox/"_s + id);
        QCOMPARE(send("DELETE", delTarget).status, 200);
        QCOMPARE(emu.stats().value(u"redirects"_s).toInteger(), 2);
    }

    // GET /sandbox?labels=... as the server answers it (docs/daytona-api.md §3.4): containment,
    // only the key's organisation, a validated limit, never a destroyed sandbox.
    void listByLabels()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--delete-latency-ms"_s, u"50"_s}));
        const QByteArray mine = R"({"labels":{"mrp.run":"r1","mrp.attempt":"s/1","other":"x"}})";
        const QString a1 = create(mine).json().value(u"id"_s).toString();
        const QString a2 = create(R"({"labels":{"mrp.run":"r1","mrp.attempt":"s/2"}})").json().value(u"id"_s).toString();
        const QString b1 = create(mine, u"key-b"_s).json().value(u"id"_s).toString();
        QVERIFY(!a1.isEmpty() && !a2.isEmpty() && !b1.isEmpty());
        const QString filter = QString::fromUtf8(QUrl::toPercentEncoding(uR"({"mrp.run":"r1","mrp.attempt":"s/1"})"_s));
        auto ids = [&](const QString &key) {
            const Reply r = get(u"/sandbox?labels="_s + filter, key);
            [&] { QCOMPARE(r.status, 200); }();
            QStringList out;
            for (const QJsonValue &v : r.json().value(u"items"_s).toArray())
                out << v.toObject().value(u"id"_s).toString();
            [&] { QVERIFY(r.json().value(u"nextCursor"_s).isNull()); }();
            return out;
        };
        QCOMPARE(ids(u"key-a"_s), QStringList{a1});
        QCOMPARE(ids(u"key-b"_s), QStringList{b1});
        QCOMPARE(get(u"/sandbox?limit=0"_s).status, 400);
        const Reply tooMany = get(u"/sandbox?limit=201"_s);
        QCOMPARE(tooMany.status, 400);
        QCOMPARE(tooMany.json().value(u"message"_s).toString(), u"limit must not be greater than 200"_s);
        QCOMPARE(get(u"/sandbox?labels=%7Bnope"_s).json().value(u"message"_s).toString(), u"Invalid labels JSON format"_s);
        QTRY_COMPARE_WITH_TIMEOUT(get(u"/sandbox/"_s + a1).json().value(u"state"_s).toString(), u"started"_s, 10000);
        QCOMPARE(remove(a1).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(ids(u"key-a"_s).isEmpty(), 5000);   // gone from the list once destroyed
    }

    void truncatedBodies()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--truncate-rate"_s, u"1"_s}));
        const Reply r = get(u"/sandbox"_s);
        QVERIFY2(r.error != QNetworkReply::NoError, "a cut body must not look complete");
        const qsizetype announced = r.header("Content-Length").toLongLong();
        QVERIFY2(announced == 0 || r.body.size() < announced, r.body.constData());
        QVERIFY(QJsonDocument::fromJson(r.body).isNull());
        QCOMPARE(emu.stats().value(u"truncatedReplies"_s).toInteger(), 1);
    }

    void unreadableCreateReplies()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {u"--cut-create-rate"_s, u"1"_s}));
        const Reply r = create(R"({"labels":{"mrp.attempt":"s/1"}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.error, QNetworkReply::NoError);   // complete as far as HTTP goes...
        QVERIFY(QJsonDocument::fromJson(r.body).isNull());   // ...but the JSON stops halfway
        const QJsonArray items = get(u"/sandbox"_s).json().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 1);   // the sandbox was made all the same
        QCOMPARE(items.first().toObject().value(u"labels"_s).toObject().value(u"mrp.attempt"_s).toString(), u"s/1"_s);
        QCOMPARE(emu.stats().value(u"cutCreateReplies"_s).toInteger(), 1);
    }

    void retryAfterBeyondADay()
    {
        EmulatorProcess burst;
        QVERIFY(start(burst, {u"--burst-429"_s, u"1"_s, u"--burst-every"_s, u"1"_s, u"--retry-after-s"_s, u"100000"_s}));
        const Reply b = get(u"/sandbox"_s);
        QCOMPARE(b.status, 429);
        QCOMPARE(b.header("Retry-After-authenticated"), QByteArray("100000"));

        EmulatorProcess limited;
        QVERIFY(start(limited, {u"--create-limit"_s, u"0"_s, u"--create-window-s"_s, u"100000"_s}));
        const Reply c = create();
        QCOMPARE(c.status, 429);
        QCOMPARE(c.header("Retry-After-sandbox-create"), QByteArray("100000"));
    }

    void sandboxMemoryIsForTheWholeSandbox_data()
    {
        QTest::addColumn<QString>("runtime");
        QTest::newRow("plain processes") << u"process"_s;
        QTest::newRow("local sandbox") << u"local"_s;
    }

    // A sandbox made with the default snapshot has 1 GiB for all of its processes: three
    // children holding 700 MiB each do not fit; the kernel kills, and the command ends with 137.
    void sandboxMemoryIsForTheWholeSandbox()
    {
        QFETCH(QString, runtime);
        if (const auto host = mrp::CgroupHost::instance(); !host->usable())
            QSKIP(qPrintable(u"no cgroup can be made for a sandbox here: "_s + host->unavailableReason()));
        EmulatorProcess emu;
        QString why;
        QVERIFY2(emu.start({u"--runtime"_s, runtime}, &why), qPrintable(why));
        m_api = emu.apiUrl();
        const Reply made = create();
        QCOMPARE(made.status, 200);
        QCOMPARE(made.json().value(u"memory"_s).toInt(), 1);
        const QString id = made.json().value(u"id"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(get(u"/sandbox/"_s + id).json().value(u"state"_s).toString(), u"started"_s, 10000);
        const QString proxy = get(u"/sandbox/"_s + id).json().value(u"toolboxProxyUrl"_s).toString();
        const QByteArray code =
            "import os, sys, time\n"
            "kids = []\n"
            "for _ in range(3):\n"
            "    pid = os.fork()\n"
            "    if pid == 0:\n"
            "        block = b'x' * (700 << 20)\n"
            "        time.sleep(5)\n"
            "        os._exit(0)\n"
            "    kids.append(pid)\n"
            "    time.sleep(0.3)\n"
            "killed = 0\n"
            "for pid in kids:\n"
            "    killed += os.WIFSIGNALED(os.waitpid(pid, 0)[1])\n"
            "print('children killed:', killed)\n"
            "sys.exit(137 if killed else 0)\n";
        const QByteArray command = "printf '%s' '" + code.toBase64() + "' | base64 -d | python3 -";
        const QByteArray body = QJsonDocument(QJsonObject{{u"command"_s, QString::fromLatin1(command)}, {u"timeout"_s, 40}})
                                    .toJson(QJsonDocument::Compact);
        // Touching a gigabyte of fresh memory takes about 10 s on some virtual machines.
        const Reply ran = send("POST", QUrl(proxy + u'/' + id + u"/process/execute"_s), body, u"key-a"_s, nullptr, 45000);
        QCOMPARE(ran.status, 200);
        const QJsonObject r = ran.json();
        QVERIFY2(r.value(u"exitCode"_s).toInt() == 137, ran.body.constData());
        if (runtime == u"local")
            QVERIFY2(r.value(u"result"_s).toString().contains(u"the sandbox as a whole used more than 1 GiB"_s), ran.body.constData());
        else
            QVERIFY2(r.value(u"result"_s).toString().contains(u"children killed:"_s), ran.body.constData());
        QCOMPARE(remove(id).status, 200);
    }

    void daemonFileSemantics()
    {
        EmulatorProcess emu;
        QVERIFY(start(emu, {}));
        const QString id = create().json().value(u"id"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(get(u"/sandbox/"_s + id).json().value(u"state"_s).toString(), u"started"_s, 10000);
        const QString proxy = get(u"/sandbox/"_s + id).json().value(u"toolboxProxyUrl"_s).toString();
        auto files = [&](const QString &op, const QList<std::pair<QString, QString>> &query) {
            QUrl u(proxy + u'/' + id + u"/files"_s + (op.isEmpty() ? QString() : u'/' + op));
            QUrlQuery q;
            for (const auto &[k, v] : query)
                q.addQueryItem(k, v);
            u.setQuery(q);
            return u;
        };
        auto upload = [&](const QString &path, const QByteArray &data) {
            auto *mp = new QHttpMultiPart(QHttpMultiPart::FormDataType);
            QHttpPart part;
            part.setRawHeader("Content-Disposition", R"(form-data; name="file"; filename="f")");
            part.setBody(data);
            mp->append(part);
            return send("POST", files(u"upload"_s, path.isNull() ? QList<std::pair<QString, QString>>{}
                                                                 : QList<std::pair<QString, QString>>{{u"path"_s, path}}),
                        {}, u"key-a"_s, mp);
        };

        // Parent folders are made; absolute paths in the home are the same files.
        QCOMPARE(upload(u"deep/a/b/one.txt"_s, "one").status, 200);
        QCOMPARE(send("GET", files(u"download"_s, {{u"path"_s, u"/home/daytona/deep/a/b/one.txt"_s}})).body, QByteArray("one"));
        const Reply dl = send("GET", files(u"download"_s, {{u"path"_s, u"deep/a/b/one.txt"_s}}));
        QCOMPARE(dl.header("Content-Transfer-Encoding"), QByteArray("binary"));
        QVERIFY(dl.header("Content-Disposition").contains("filename*=utf-8''one.txt"));
        const Reply noPath = upload(QString(), "x");
        QCOMPARE(noPath.status, 400);
        QVERIFY(noPath.body.isEmpty());

        // A folder is a download error; a folder's mode is kept.
        QCOMPARE(send("GET", files(u"download"_s, {{u"path"_s, u"deep"_s}})).status, 400);
        QCOMPARE(send("POST", files(u"folder"_s, {{u"path"_s, u"private/x"_s}, {u"mode"_s, u"700"_s}})).status, 201);
        QCOMPARE(send("GET", files(u"info"_s, {{u"path"_s, u"private/x"_s}})).json().value(u"permissions"_s).toString(), u"0700"_s);
        QCOMPARE(send("POST", files(u"folder"_s, {{u"path"_s, u"bad"_s}, {u"mode"_s, u"9z"_s}})).status, 400);

        // Deleting a folder, even an empty one, needs recursive=true; errors have empty bodies.
        QCOMPARE(send("POST", files(u"folder"_s, {{u"path"_s, u"empty"_s}})).status, 201);
        const Reply notRecursive = send("DELETE", files({}, {{u"path"_s, u"empty"_s}}));
        QCOMPARE(notRecursive.status, 400);
        QVERIFY(notRecursive.body.isEmpty());
        QCOMPARE(send("DELETE", files({}, {{u"path"_s, u"empty"_s}, {u"recursive"_s, u"true"_s}})).status, 204);
        const Reply gone = send("DELETE", files({}, {{u"path"_s, u"empty"_s}, {u"recursive"_s, u"true"_s}}));
        QCOMPARE(gone.status, 404);
        QVERIFY(gone.body.isEmpty());
        QCOMPARE(send("DELETE", files({}, {{u"path"_s, u"deep/a/b/one.txt"_s}})).status, 204);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorLimits)
#include "tst_emulator_limits.moc"
