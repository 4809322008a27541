// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// DaytonaClient and its jobs against a fake QNAM with scripted replies: headers, every error
// class, retries with Retry-After, no retries for non-idempotent calls, timeouts, abort,
// the plain-HTTP refusal, debug output without the key.

#include "daytona/daytonaclient.h"
#include "daytona/daytonareplies.h"
#include "fakedaytonanam.h"

#include <QElapsedTimer>
#include <QHttp1Configuration>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace mrp;
using namespace mrp::test;
using namespace Qt::StringLiterals;

namespace {

const QString kKey = u"dtn_secret_key_123"_s;
const QByteArray kSandbox = R"({"id":"sb-1","name":"sb-1","state":"started","labels":{"a":"b"},"toolboxProxyUrl":"http://127.0.0.1:1/toolbox"})";

DaytonaConfig config(const QString &url = u"https://api.example.test/api"_s)
{
    DaytonaConfig c;
    c.apiUrl = QUrl(url);
    c.apiKey = kKey;
    c.retry.baseDelayMs = 10;
    c.retry.maxDelayMs = 40;
    c.retry.maxRetries = 3;
    return c;
}

// Runs a job to its single finished() and returns how many finished() signals it emitted.
int runToEnd(ApiJob *job, int timeoutMs = 10000)
{
    QSignalSpy spy(job, &ApiJob::finished);
    job->start();
    if (!spy.wait(timeoutMs))
        return 0;
    QTest::qWait(50);   // a second finished() would show up here
    return int(spy.count());
}

} // namespace

class TestDaytonaClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headersAndSuccess()
    {
        FakeAccessManager nam;
        nam.scripts = {Script::ok(kSandbox)};
        DaytonaClient client(config(), &nam);
        auto *job = client.getSandbox(u"sb-1"_s);
        QCOMPARE(runToEnd(job), 1);
        QVERIFY2(job->error().ok(), qPrintable(job->error().details));
        QCOMPARE(job->httpStatus(), 200);
        daytona::SandboxDto dto;
        QVERIFY(daytona::parseSandbox(job->body(), &dto, nullptr));
        QCOMPARE(dto.state, u"started"_s);

        QCOMPARE(nam.recorded.size(), 1);
        const QNetworkRequest &r = nam.recorded.first().request;
        QCOMPARE(nam.recorded.first().verb, QByteArray("GET"));
        QCOMPARE(r.url().toString(), u"https://api.example.test/api/sandbox/sb-1"_s);
        QCOMPARE(r.rawHeader("Authorization"), "Bearer " + kKey.toUtf8());
        QVERIFY(!r.rawHeader("X-Daytona-Source").isEmpty());
        QVERIFY(r.rawHeader("User-Agent").startsWith("mrp-workbench/"));
        const QList<QByteArray> v = r.rawHeader("X-Daytona-SDK-Version").split('.');
        QCOMPARE(v.size(), 3);
        QVERIFY(v[0].toInt() > 0 || v[1].toInt() >= 167);
        QVERIFY(!r.rawHeader("X-Request-ID").isEmpty());
        QCOMPARE(QString::fromLatin1(r.rawHeader("X-Request-ID")), job->requestId());
        QCOMPARE(r.http1Configuration().numberOfConnectionsPerHost(), 64);
        QVERIFY(r.transferTimeoutAsDuration().count() > 0);
    }

    void errorClasses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("netError");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("errorClass");
        QTest::addColumn<QString>("messagePart");

        using K = ApiError::Kind;
        const QByteArray nest = R"({"statusCode":%1,"error":"x","message":"%2"})";
        auto body = [&](int s, const char *m) { return QByteArray(nest).replace("%1", QByteArray::number(s)).replace("%2", m); };
        QTest::newRow("400 validation") << 400 << body(400, "name must be a string") << 0 << int(K::Client) << int(ErrorClass::ClientError) << u"name must be a string"_s;
        QTest::newRow("400 quota") << 400 << body(400, "Total CPU limit exceeded. Maximum allowed: 10") << 0 << int(K::Client) << int(ErrorClass::Quota) << u"quota"_s;
        QTest::newRow("401") << 401 << body(401, "Invalid credentials") << 0 << int(K::Auth) << int(ErrorClass::Auth)
                             << u"the Daytona API key was rejected (401). Update it with `mrp key set` or in Settings → Account."_s;
        QTest::newRow("403") << 403 << body(403, "Forbidden") << 0 << int(K::Auth) << int(ErrorClass::Auth) << u"403"_s;
        QTest::newRow("404 empty body") << 404 << QByteArray() << 0 << int(K::Client) << int(ErrorClass::ClientError) << u"404"_s;
        QTest::newRow("408 toolbox") << 408 << QByteArray(R"({"statusCode":408,"message":"request timeout: command execution timeout","code":"REQUEST_TIMEOUT"})")
                                     << 0 << int(K::Timeout) << int(ErrorClass::Timeout) << u"408"_s;
        QTest::newRow("409") << 409 << body(409, "Sandbox state change in progress") << 0 << int(K::Client) << int(ErrorClass::ClientError) << u"409"_s;
        QTest::newRow("429") << 429 << body(429, "Too Many Requests") << 0 << int(K::RateLimited) << int(ErrorClass::RateLimited) << u"429"_s;
        QTest::newRow("500") << 500 << body(500, "An unexpected error occurred.") << 0 << int(K::Server) << int(ErrorClass::ServerError) << u"500"_s;
        QTest::newRow("502 html") << 502 << QByteArray("<html>bad gateway</html>") << 0 << int(K::Server) << int(ErrorClass::ServerError) << u"502"_s;
        QTest::newRow("503") << 503 << body(503, "Temporary authentication service error") << 0 << int(K::Server) << int(ErrorClass::ServerError) << u"503"_s;
        QTest::newRow("504") << 504 << QByteArray() << 0 << int(K::Timeout) << int(ErrorClass::Network) << u"504"_s;
        QTest::newRow("200 garbage") << 200 << QByteArray("{\"id\":") << 0 << int(K::Parse) << int(ErrorClass::Infrastructure) << u"understand"_s;
        QTest::newRow("200 array") << 200 << QByteArray("[1,2]") << 0 << int(K::Parse) << int(ErrorClass::Infrastructure) << u"understand"_s;
        QTest::newRow("refused") << 0 << QByteArray() << int(QNetworkReply::ConnectionRefusedError) << int(K::Network) << int(ErrorClass::Network) << u"could not be reached"_s;
        QTest::newRow("reset") << 0 << QByteArray() << int(QNetworkReply::RemoteHostClosedError) << int(K::Network) << int(ErrorClass::Network) << u"could not be reached"_s;
    }

    void errorClasses()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, netError);
        QFETCH(int, kind);
        QFETCH(int, errorClass);
        QFETCH(QString, messagePart);

        FakeAccessManager nam;
        const Script s = netError ? Script::net(QNetworkReply::NetworkError(netError)) : Script::http(status, body);
        nam.fallback = s;
        DaytonaConfig c = config();
        c.retry.maxRetries = 0;
        DaytonaClient client(c, &nam);
        auto *job = client.getSandbox(u"sb-1"_s);
        QCOMPARE(runToEnd(job), 1);
        QCOMPARE(int(job->error().kind), kind);
        QCOMPARE(int(job->error().errorClass()), errorClass);
        QVERIFY2(job->error().userMessage.contains(messagePart, Qt::CaseInsensitive), qPrintable(job->error().userMessage));
        QVERIFY(job->error().details.contains(u"/sandbox/sb-1"_s));
        QVERIFY(!job->error().details.contains(kKey));
        QVERIFY(!job->error().userMessage.contains(kKey));
        QCOMPARE(job->error().requestId, QString::fromLatin1(nam.recorded.first().request.rawHeader("X-Request-ID")));
    }

    // A 404, or a web page, from the sandbox collection, which every API serves, means the API URL
    // holds no API (usually: it lacks /api); a 404 naming a missing sandbox means just that.
    void wrongApiUrlSaysWhatToCheck_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("noApi");
        const QByteArray noRoute = R"({"statusCode":404,"error":"Not Found","message":"Cannot POST /sandbox"})";
        const QByteArray noRouteGet = R"({"statusCode":404,"error":"Not Found","message":"Cannot GET /sandbox"})";
        const QByteArray missing = R"({"statusCode":404,"error":"Not Found","message":"Sandbox with ID or name sb-1 not found"})";
        QTest::newRow("create, empty body") << u"create"_s << 404 << QByteArray() << true;
        QTest::newRow("create, html") << u"create"_s << 404 << QByteArray("<html>Not Found</html>") << true;
        QTest::newRow("create, no route") << u"create"_s << 404 << noRoute << true;
        QTest::newRow("list, empty body") << u"list"_s << 404 << QByteArray() << true;
        QTest::newRow("list, no route") << u"list"_s << 404 << noRouteGet << true;
        // The dashboard's page at the root of the site, where the API should answer.
        QTest::newRow("list, web page") << u"list"_s << 200 << QByteArray("\n<!doctype html><html></html>") << true;
        QTest::newRow("list, bad json") << u"list"_s << 200 << QByteArray("{\"items\":") << false;
        QTest::newRow("create, other 404") << u"create"_s << 404 << QByteArray(R"({"statusCode":404,"message":"Snapshot x not found"})") << false;
        QTest::newRow("get, missing sandbox") << u"get"_s << 404 << missing << false;
        QTest::newRow("get, empty body") << u"get"_s << 404 << QByteArray() << false;
    }

    void wrongApiUrlSaysWhatToCheck()
    {
        QFETCH(QString, call);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, noApi);
        FakeAccessManager nam;
        nam.fallback = Script::http(status, body);
        DaytonaConfig c = config(u"https://api.example.test"_s);
        c.retry.maxRetries = 0;
        DaytonaClient client(c, &nam);
        ApiJob *job = call == u"create"_s ? static_cast<ApiJob *>(client.createSandbox(QJsonObject{}, true))
            : call == u"list"_s          ? client.listSandboxes({}, {})
                                         : client.getSandbox(u"sb-1"_s);
        QCOMPARE(runToEnd(job), 1);
        QCOMPARE(job->error().httpStatus, status);
        QVERIFY(!job->error().ok());
        const QString m = job->error().userMessage;
        QCOMPARE(m.contains(u"the server has no Daytona API at https://api.example.test (%1); the API URL usually ends in /api"_s.arg(status)), noApi);
        if (status == 404)
            QCOMPARE(m.contains(u"not found on the server (404)"_s), !noApi);
    }

    void transientRetriedForIdempotent_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("netError");
        QTest::addColumn<bool>("retried");
        QTest::newRow("502") << 502 << 0 << true;
        QTest::newRow("503") << 503 << 0 << true;
        QTest::newRow("504") << 504 << 0 << true;
        QTest::newRow("429") << 429 << 0 << true;
        QTest::newRow("reset") << 0 << int(QNetworkReply::RemoteHostClosedError) << true;
        QTest::newRow("500 not retried") << 500 << 0 << false;
        QTest::newRow("400 not retried") << 400 << 0 << false;
        QTest::newRow("401 not retried") << 401 << 0 << false;
    }

    void transientRetriedForIdempotent()
    {
        QFETCH(int, status);
        QFETCH(int, netError);
        QFETCH(bool, retried);
        FakeAccessManager nam;
        const Script fail = netError ? Script::net(QNetworkReply::NetworkError(netError)) : Script::http(status, "{}");
        nam.scripts = {fail, fail, Script::ok(kSandbox)};
        DaytonaClient client(config(), &nam);
        auto *job = client.getSandbox(u"sb-1"_s);
        QSignalSpy retrying(job, &ApiJob::retrying);
        QCOMPARE(runToEnd(job), 1);
        if (retried) {
            QVERIFY2(job->error().ok(), qPrintable(job->error().details));
            QCOMPARE(job->attempts(), 3);
            QCOMPARE(retrying.count(), 2);
            QCOMPARE(job->retriedErrors().size(), 2);
        } else {
            QVERIFY(!job->error().ok());
            QCOMPARE(job->attempts(), 1);
            QCOMPARE(retrying.count(), 0);
        }
        // Every attempt carries its own request id.
        if (nam.recorded.size() > 1)
            QVERIFY(nam.recorded[0].request.rawHeader("X-Request-ID") != nam.recorded[1].request.rawHeader("X-Request-ID"));
    }

    void retriesAreBounded()
    {
        FakeAccessManager nam;
        nam.fallback = Script::http(503, "{}");
        DaytonaClient client(config(), &nam);
        auto *job = client.getSandbox(u"sb-1"_s);
        QCOMPARE(runToEnd(job), 1);
        QCOMPARE(job->attempts(), 4);   // 1 + maxRetries (3)
        QCOMPARE(nam.recorded.size(), 4);
        QCOMPARE(job->error().kind, ApiError::Kind::Server);
    }

    void nonIdempotentNotRetried()
    {
        FakeAccessManager nam;
        nam.scripts = {Script::http(503, "{}"), Script::ok(R"({"exitCode":0,"result":""})")};
        DaytonaClient client(config(), &nam);
        auto *job = client.execute(u"https://proxy.example.test/toolbox"_s, u"sb-1"_s, u"true"_s, {}, 5, /*retrySafe*/ false);
        QCOMPARE(runToEnd(job), 1);
        QCOMPARE(job->attempts(), 1);
        QCOMPARE(job->error().httpStatus, 503);
        // ...but a refused connection never reached the server: always retried.
        nam.scripts = {Script::net(QNetworkReply::ConnectionRefusedError), Script::ok(R"({"exitCode":0,"result":""})")};
        auto *job2 = client.execute(u"https://proxy.example.test/toolbox"_s, u"sb-1"_s, u"true"_s, {}, 5, false);
        QCOMPARE(runToEnd(job2), 1);
        QVERIFY(job2->error().ok());
        QCOMPARE(job2->attempts(), 2);
    }

    void retryAfterBucketHonoured()
    {
        FakeAccessManager nam;
        nam.scripts = {Script::http(429, R"({"statusCode":429,"error":"Too Many Requests"})",
                                    {{"Retry-After-sandbox-create", "1"}, {"X-RateLimit-Remaining-sandbox-create", "0"}}),
                       Script::ok(kSandbox)};
        DaytonaClient client(config(), &nam);
        auto *job = client.createSandbox(QJsonObject{{u"name"_s, u"n1"_s}}, true);
        QSignalSpy retrying(job, &ApiJob::retrying);
        QElapsedTimer t;
        t.start();
        QCOMPARE(runToEnd(job), 1);
        QVERIFY(job->error().ok());
        QCOMPARE(retrying.count(), 1);
        QVERIFY(retrying.first().at(2).toInt() >= 1000);
        QVERIFY(t.elapsed() >= 1000);
        QCOMPARE(job->retriedErrors().first().retryAfterMs, 1000);
        // The body is resent identically.
        QCOMPARE(nam.recorded.size(), 2);
        QCOMPARE(nam.recorded[0].body, nam.recorded[1].body);
        QCOMPARE(QJsonDocument::fromJson(nam.recorded[1].body).object().value(u"name"_s).toString(), u"n1"_s);
    }

    void plainRetryAfter()
    {
        QCOMPARE(daytona::parseRetryAfter("2"), 2000);
        QCOMPARE(daytona::parseRetryAfter("0.5"), 500);
        QCOMPARE(daytona::parseRetryAfter("soon"), -1);
        QCOMPARE(daytona::parseRetryAfter("-3"), -1);
        // Beyond a day is still an answer: the caller must report it, not retry at once.
        QCOMPARE(daytona::parseRetryAfter("100000"), 100'000'000);
        QCOMPARE(daytona::parseRetryAfter("1e12"), std::numeric_limits<int>::max());
        QVERIFY(daytona::parseRetryAfter(QDateTime::currentDateTimeUtc().addSecs(5).toString(Qt::RFC2822Date).toLatin1()) > 3000);
        QCOMPARE(daytona::retryAfterFromHeaders({{"retry-after", "1"}, {"Retry-After-authenticated", "3"}}), 3000);
    }

    void hangingReplyTimesOut()
    {
        FakeAccessManager nam;
        nam.fallback = Script::hanging();
        DaytonaConfig c = config();
        c.transferTimeoutMs = 200;
        c.retry.maxRetries = 1;
        DaytonaClient client(c, &nam);
        auto *job = client.getSandbox(u"sb-1"_s);
        QElapsedTimer t;
        t.start();
        QCOMPARE(runToEnd(job), 1);
        QCOMPARE(job->error().kind, ApiError::Kind::Timeout);
        QCOMPARE(job->error().errorClass(), ErrorClass::Network);   // infrastructure timeout: retryable
        QCOMPARE(job->attempts(), 2);                                // a timeout is transient: retried once
        QVERIFY(t.elapsed() >= 400);
    }

    void abortGivesExactlyOneFinished()
    {
        FakeAccessManager nam;
        nam.fallback = Script::hanging();
        DaytonaClient client(config(), &nam);
        auto *job = client.getSandbox(u"sb-1"_s);
        QSignalSpy spy(job, &ApiJob::finished);
        job->start();
        QTRY_COMPARE(nam.recorded.size(), 1);
        job->abort();
        job->abort();
        QVERIFY(spy.wait(2000));
        QTest::qWait(50);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(job->error().kind, ApiError::Kind::Cancelled);
        QCOMPARE(job->error().errorClass(), ErrorClass::Cancelled);

        // Aborted before the queued start ever sent anything.
        auto *job2 = client.getSandbox(u"sb-2"_s);
        QSignalSpy spy2(job2, &ApiJob::finished);
        job2->start();
        job2->abort();
        QVERIFY(spy2.wait(2000));
        QTest::qWait(50);
        QCOMPARE(spy2.count(), 1);
        QCOMPARE(nam.recorded.size(), 1);

        // Aborted while waiting to retry.
        nam.scripts = {Script::http(503, "{}")};
        DaytonaConfig slow = config();
        slow.retry.baseDelayMs = 5000;
        slow.retry.maxDelayMs = 5000;
        DaytonaClient client2(slow, &nam);
        auto *job3 = client2.getSandbox(u"sb-3"_s);
        QSignalSpy retrying(job3, &ApiJob::retrying);
        QSignalSpy spy3(job3, &ApiJob::finished);
        job3->start();
        QVERIFY(retrying.wait(2000));
        job3->abort();
        QVERIFY(spy3.wait(2000));
        QTest::qWait(50);
        QCOMPARE(spy3.count(), 1);
        QCOMPARE(job3->error().kind, ApiError::Kind::Cancelled);
    }

    void plainHttpRefusedExceptLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https") << u"https://app.daytona.io/api"_s << true;
        QTest::newRow("http remote") << u"http://app.daytona.io/api"_s << false;
        QTest::newRow("http lan") << u"http://192.168.1.5:3000/api"_s << false;
        QTest::newRow("http 127.0.0.1") << u"http://127.0.0.1:3000/api"_s << true;
        QTest::newRow("http ::1") << u"http://[::1]:3000/api"_s << true;
        QTest::newRow("http localhost") << u"http://localhost:3000/api"_s << true;
        QTest::newRow("ftp") << u"ftp://127.0.0.1/api"_s << false;
    }

    void plainHttpRefusedExceptLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        FakeAccessManager nam;
        nam.fallback = Script::ok(kSandbox);
        DaytonaClient client(config(url), &nam);
        QCOMPARE(client.configError().isEmpty(), allowed);
        auto *job = client.getSandbox(u"sb-1"_s);
        QCOMPARE(runToEnd(job), 1);
        QCOMPARE(job->error().ok(), allowed);
        QCOMPARE(nam.recorded.size(), allowed ? 1 : 0);
        if (!allowed)
            QVERIFY2(job->error().userMessage.contains(u"https"_s), qPrintable(job->error().userMessage));
    }

    void toolboxUrlComposition()
    {
        QCOMPARE(DaytonaClient::toolboxUrl(u"https://proxy.app.daytona.io/toolbox/"_s, u"7c0d"_s, u"/process/execute"_s).toString(),
                 u"https://proxy.app.daytona.io/toolbox/7c0d/process/execute"_s);
        const QUrl dl = DaytonaClient::toolboxUrl(u"http://127.0.0.1:9/toolbox"_s, u"id"_s, u"/files/download"_s, {{u"path"_s, u"mrp-work/a b&c.json"_s}});
        QCOMPARE(dl.path(), u"/toolbox/id/files/download"_s);
        QCOMPARE(QUrlQuery(dl).queryItemValue(u"path"_s, QUrl::FullyDecoded), u"mrp-work/a b&c.json"_s);
    }

    void listQueryEncodesLabels()
    {
        FakeAccessManager nam;
        nam.fallback = Script::ok(R"({"items":[],"nextCursor":null})");
        DaytonaClient client(config(), &nam);
        auto *job = client.listSandboxes({{u"mrp.owner"_s, u"a&b=c"_s}}, u"cur/1"_s);
        QCOMPARE(runToEnd(job), 1);
        QVERIFY(job->error().ok());
        const QUrlQuery q(nam.recorded.first().request.url());
        const QJsonObject labels = QJsonDocument::fromJson(q.queryItemValue(u"labels"_s, QUrl::FullyDecoded).toUtf8()).object();
        QCOMPARE(labels.value(u"mrp.owner"_s).toString(), u"a&b=c"_s);
        QCOMPARE(q.queryItemValue(u"cursor"_s, QUrl::FullyDecoded), u"cur/1"_s);
    }

    void debugOutputNeverShowsKey()
    {
        FakeAccessManager nam;
        nam.fallback = Script::http(401, R"({"message":"Invalid credentials"})");
        DaytonaConfig c = config();
        c.retry.maxRetries = 0;
        DaytonaClient client(c, &nam);
        auto *job = client.getSandbox(u"sb-1"_s);
        QCOMPARE(runToEnd(job), 1);
        QString text;
        QDebug(&text) << static_cast<const ApiJob *>(job) << job->error();
        QVERIFY2(text.contains(u"JsonApiJob"_s) && text.contains(u"GET"_s) && text.contains(u"/sandbox/sb-1"_s)
                     && text.contains(u"401"_s) && text.contains(job->requestId()), qPrintable(text));
        QVERIFY(!text.contains(kKey));
    }
};

QTEST_GUILESS_MAIN(TestDaytonaClient)
#include "tst_daytonaclient.moc"
