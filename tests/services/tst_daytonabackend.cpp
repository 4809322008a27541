// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// DaytonaBackend over a fake QNAM: create body and state polling, start failures, what an
// unusable create reply leaves found by label and removed, exec with separated streams and the
// 408 timeout, multipart upload layout, destroy with 409 and 404,
// list pagination in both reply shapes, cancel.

#include "daytona/daytonabackend.h"
#include "fakedaytonanam.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

using namespace mrp;
using namespace mrp::test;
using namespace Qt::StringLiterals;

namespace {

QByteArray sandbox(const char *state, const char *extra = "")
{
    return QByteArray(R"({"id":"sb-1","name":"n","state":")") + state
        + R"(","labels":{"mrp.owner":"me"},"toolboxProxyUrl":"https://proxy.example.test/toolbox")" + extra + "}";
}

template<typename T>
T await(QFuture<T> f)
{
    QFutureWatcher<T> w;
    QSignalSpy spy(&w, &QFutureWatcherBase::finished);
    w.setFuture(f);
    if (!f.isFinished())
        spy.wait(15000);
    return f.result();
}

struct Fixture {
    FakeAccessManager nam;
    DaytonaClient client;
    DaytonaBackend backend;
    Fixture()
        : client(cfg(), &nam)
        , backend(&client, opts())
    {
    }
    static DaytonaConfig cfg()
    {
        DaytonaConfig c;
        c.apiUrl = QUrl(u"https://api.example.test/api"_s);
        c.apiKey = u"k"_s;
        c.retry.baseDelayMs = 5;
        c.retry.maxDelayMs = 20;
        return c;
    }
    static DaytonaBackend::Options opts()
    {
        DaytonaBackend::Options o;
        o.pollInitialMs = 5;
        o.pollMaxMs = 20;
        // As if the server's wait for the start always ended first (after 30 s on the real one):
        // a `creating` reply is then polled, which most tests here script.
        o.createWaitMs = 0;
        return o;
    }
    // A started sandbox the backend knows.
    void createStarted()
    {
        nam.scripts = {Script::ok(sandbox("started"))};
        const auto o = await(backend.create(SandboxSpec{}));
        QVERIFY(o.ok());
        nam.recorded.clear();
    }
};

} // namespace

class TestDaytonaBackend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createPollsUntilStarted()
    {
        Fixture f;
        f.nam.scripts = {Script::ok(sandbox("creating")), Script::ok(sandbox("creating")),
                         Script::http(503, "{}"), Script::ok(sandbox("pulling_snapshot")), Script::ok(sandbox("started"))};
        SandboxSpec spec;
        spec.runId = u"run-1"_s;
        spec.shardId = u"shard-00001"_s;
        spec.attemptId = u"shard-00001/1"_s;
        spec.ownerId = u"me"_s;
        spec.labels = {{u"extra"_s, u"x"_s}};
        spec.autoStopMinutes = 5;
        spec.autoDeleteMinutes = 0;
        const auto o = await(f.backend.create(spec));
        QVERIFY2(o.ok(), qPrintable(o.error.message));
        QCOMPARE(o.value.id, u"sb-1"_s);
        QCOMPARE(o.value.state, u"started"_s);
        QCOMPARE(f.nam.recorded.size(), 5);
        QCOMPARE(f.backend.retryCount(), 1);
        const QJsonObject body = QJsonDocument::fromJson(f.nam.recorded.first().body).object();
        const QJsonObject labels = body.value(u"labels"_s).toObject();
        QCOMPARE(labels.value(u"mrp.run"_s).toString(), u"run-1"_s);
        QCOMPARE(labels.value(u"mrp.shard"_s).toString(), u"shard-00001"_s);
        QCOMPARE(labels.value(u"mrp.attempt"_s).toString(), u"shard-00001/1"_s);
        QCOMPARE(labels.value(u"mrp.owner"_s).toString(), u"me"_s);
        QCOMPARE(labels.value(u"extra"_s).toString(), u"x"_s);
        QCOMPARE(labels.value(u"code-toolbox-language"_s).toString(), u"python"_s);
        QCOMPARE(body.value(u"networkBlockAll"_s).toBool(), true);
        QCOMPARE(body.value(u"autoStopInterval"_s).toInt(), 5);
        QCOMPARE(body.value(u"autoDeleteInterval"_s).toInt(), 0);
        QVERIFY(body.value(u"name"_s).toString().startsWith(u"mrp-"_s));
        QVERIFY(!body.contains(u"cpu"_s));
        QCOMPARE(f.nam.recorded[1].verb, QByteArray("GET"));
    }

    void egressAllowList()
    {
        Fixture f;
        SandboxSpec spec;
        spec.networkBlockAll = false;
        spec.egressAllowlist = {u"10.0.0.0/8"_s, u"192.168.0.0/16"_s};
        const QJsonObject body = f.backend.createBody(spec, u"n"_s);
        QVERIFY(!body.contains(u"networkBlockAll"_s));
        QCOMPARE(body.value(u"networkAllowList"_s).toString(), u"10.0.0.0/8,192.168.0.0/16"_s);
    }

    // A reply within the server's wait says the sandbox started, whatever its captured state.
    void createReplyWithinTheServersWaitMeansStarted()
    {
        FakeAccessManager nam;
        DaytonaClient client(Fixture::cfg(), &nam);
        DaytonaBackend::Options o = Fixture::opts();
        o.createWaitMs = 30000;
        DaytonaBackend backend(&client, o);
        nam.scripts = {Script::ok(sandbox("creating"))};
        const auto created = await(backend.create(SandboxSpec{}));
        QVERIFY2(created.ok(), qPrintable(created.error.message));
        QCOMPARE(created.value.state, u"started"_s);
        QCOMPARE(nam.recorded.size(), 1);   // no state poll

        // A start that failed while the call waited: 400, and the sandbox it left is deleted by
        // name and confirmed gone before the create fails.
        nam.recorded.clear();
        nam.scripts = {Script::http(400, R"({"statusCode":400,"message":"Sandbox failed to start: image pull failed"})"),
                       Script::ok(sandbox("destroying")), Script::http(404, "{}")};
        QSignalSpy leaked(&backend, &SandboxBackend::leaked);
        const auto failed = await(backend.create(SandboxSpec{}));
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error.cls, ErrorClass::Infrastructure);
        QVERIFY2(failed.error.message.contains(u"image pull failed"_s), qPrintable(failed.error.message));
        QCOMPARE(nam.recorded.size(), 3);
        const QString name = QJsonDocument::fromJson(nam.recorded.first().body).object().value(u"name"_s).toString();
        QCOMPARE(nam.recorded[1].verb, QByteArray("DELETE"));
        QCOMPARE(nam.recorded[1].request.url().path(), u"/api/sandbox/"_s + name);
        QCOMPARE(nam.recorded[2].verb, QByteArray("GET"));
        QCOMPARE(leaked.count(), 0);
    }

    void createFailsWithErrorReason()
    {
        Fixture f;
        f.nam.scripts = {Script::ok(sandbox("creating")),
                         Script::ok(sandbox("error", R"(,"errorReason":"image pull failed")")),
                         Script::ok(sandbox("destroying")), Script::http(404, "{}")};
        QSignalSpy leaked(&f.backend, &SandboxBackend::leaked);
        const auto o = await(f.backend.create(SandboxSpec{}));
        QVERIFY(!o.ok());
        QCOMPARE(o.error.cls, ErrorClass::Infrastructure);
        QVERIFY2(o.error.message.contains(u"image pull failed"_s), qPrintable(o.error.message));
        // Nothing left behind: deleted and confirmed gone before the create failed.
        QCOMPARE(f.nam.recorded.size(), 4);
        QCOMPARE(f.nam.recorded[2].verb, QByteArray("DELETE"));
        QCOMPARE(f.nam.recorded[3].verb, QByteArray("GET"));
        QCOMPARE(f.nam.recorded[3].request.url().path(), u"/api/sandbox/sb-1"_s);
        QCOMPARE(leaked.count(), 0);
    }

    void createQuotaIsNotRetried()
    {
        Fixture f;
        f.nam.fallback = Script::http(400, R"({"statusCode":400,"message":"Total CPU limit exceeded. Maximum allowed: 10"})");
        const auto o = await(f.backend.create(SandboxSpec{}));
        QCOMPARE(o.error.cls, ErrorClass::Quota);
        QCOMPARE(f.nam.recorded.size(), 1);
    }

    // A create that never reached the server (every attempt refused at connect) created nothing:
    // it fails without a list, a delete or a leak report. One whose earlier attempt may have
    // reached it (a reset connection) is looked for and removed as before.
    void createNeverSentLeavesNothingToRemove()
    {
        Fixture f;
        f.nam.fallback = Script::net(QNetworkReply::ConnectionRefusedError);
        QSignalSpy leaked(&f.backend, &SandboxBackend::leaked);
        const auto o = await(f.backend.create(SandboxSpec{}));
        QVERIFY(!o.ok());
        QVERIFY(o.error.unreached);
        for (const auto &r : std::as_const(f.nam.recorded))
            QCOMPARE(r.verb, QByteArray("POST"));   // creates only: no list, no delete
        QCOMPARE(leaked.count(), 0);

        Fixture g;
        g.nam.scripts = {Script::net(QNetworkReply::RemoteHostClosedError)};
        g.nam.fallback = Script::net(QNetworkReply::ConnectionRefusedError);
        const auto p = await(g.backend.create(SandboxSpec{}));
        QVERIFY(!p.ok());
        QVERIFY(!p.error.unreached);
        bool looked = false;
        for (const auto &r : std::as_const(g.nam.recorded))
            looked = looked || r.verb == "GET" || r.verb == "DELETE";
        QVERIFY(looked);
    }

    void createRetriedAfterLostReplyFindsByName()
    {
        Fixture f;
        f.nam.scripts = {Script::http(503, "{}"), Script::http(409, R"({"message":"Sandbox with name x already exists"})"),
                         Script::ok(sandbox("started"))};
        const auto o = await(f.backend.create(SandboxSpec{}));
        QVERIFY2(o.ok(), qPrintable(o.error.details));
        const QString name = QJsonDocument::fromJson(f.nam.recorded.first().body).object().value(u"name"_s).toString();
        QCOMPARE(f.nam.recorded[2].request.url().path(), u"/api/sandbox/"_s + name);
    }

    // The create's reply cannot be read, so its id is unknown: the sandbox is found by the
    // labels that single out this create, deleted and polled until 404, then the name is
    // deleted too; only then does the create fail, and nothing is reported leaked.
    void unreadableCreateReplyIsFoundByLabelAndRemoved()
    {
        Fixture f;
        QSignalSpy leaked(&f.backend, &SandboxBackend::leaked);
        const QByteArray labels = R"({"mrp.owner":"me","mrp.run":"run-1","mrp.attempt":"shard-00001/2","mrp.shard":"shard-00001"})";
        bool deleted = false;
        f.nam.responder = [&](const Recorded &r) {
            const QString path = r.request.url().path();
            if (r.verb == "POST")
                return Script::ok(R"({"id":"sb-9","na)");   // cut short
            if (r.verb == "GET" && path == u"/api/sandbox"_s)
                return Script::ok(deleted ? QByteArray(R"({"items":[],"nextCursor":null})")
                                          : R"({"items":[{"id":"sb-9","state":"started","labels":)" + labels + R"(}],"nextCursor":null})");
            if (r.verb == "DELETE" && path == u"/api/sandbox/sb-9"_s) {
                deleted = true;
                return Script::ok(R"({"id":"sb-9","state":"destroying"})");
            }
            return Script::http(404, R"({"message":"Sandbox not found"})");   // polls, and the name once renamed
        };
        SandboxSpec spec;
        spec.runId = u"run-1"_s;
        spec.shardId = u"shard-00001"_s;
        spec.attemptId = u"shard-00001/2"_s;
        spec.ownerId = u"me"_s;
        const auto o = await(f.backend.create(spec));
        QCOMPARE(o.error.cls, ErrorClass::Infrastructure);
        QCOMPARE(leaked.count(), 0);
        const QString name = QJsonDocument::fromJson(f.nam.recorded.first().body).object().value(u"name"_s).toString();
        QCOMPARE(QJsonDocument::fromJson(f.nam.recorded.first().body).object().value(u"labels"_s).toObject()
                     .value(u"mrp.attempt"_s).toString(), u"shard-00001/2"_s);
        QStringList calls;
        for (const Recorded &r : std::as_const(f.nam.recorded))
            calls << QString::fromLatin1(r.verb) + u' ' + r.request.url().path();
        const QStringList expected{u"POST /api/sandbox"_s, u"GET /api/sandbox"_s, u"DELETE /api/sandbox/sb-9"_s,
                                   u"GET /api/sandbox/sb-9"_s, u"DELETE /api/sandbox/"_s + name, u"GET /api/sandbox/"_s + name};
        QCOMPARE(calls, expected);
        const QJsonObject filter = QJsonDocument::fromJson(
            QUrlQuery(f.nam.recorded[1].request.url()).queryItemValue(u"labels"_s, QUrl::FullyDecoded).toUtf8()).object();
        QCOMPARE(filter, (QJsonObject{{u"mrp.owner"_s, u"me"_s}, {u"mrp.run"_s, u"run-1"_s}, {u"mrp.attempt"_s, u"shard-00001/2"_s}}));
    }

    // A redirected create, then redirected deletes: what the labels found is reported leaked by
    // its id (once, not also by the name).
    void unconfirmedLeftoverIsReportedLeaked()
    {
        Fixture f;
        QSignalSpy leaked(&f.backend, &SandboxBackend::leaked);
        f.nam.responder = [](const Recorded &r) {
            if (r.verb == "GET")
                return Script::ok(R"({"items":[{"id":"sb-7","state":"started","labels":{"mrp.owner":"me","mrp.run":"r","mrp.attempt":"s/1"}}]})");
            return Script::http(307, {}, {{"Location", "https://elsewhere.example.test/api/sandbox"}});
        };
        SandboxSpec spec;
        spec.runId = u"r"_s;
        spec.attemptId = u"s/1"_s;
        spec.ownerId = u"me"_s;
        const auto o = await(f.backend.create(spec));
        QVERIFY(!o.ok());
        QCOMPARE(leaked.count(), 1);
        QCOMPARE(leaked.first().first().toString(), u"sb-7"_s);
        for (const Recorded &r : std::as_const(f.nam.recorded))
            QCOMPARE(r.request.url().host(), u"api.example.test"_s);   // a redirect is never followed
    }

    void execSeparatesStreams()
    {
        Fixture f;
        f.createStarted();
        QByteArray body;
        ExecRequest req;
        req.argv = {u"python3"_s, u"-u"_s, u"runner.py"_s};
        req.env = {{u"MRP_SHARD"_s, u"3"_s}};
        req.timeoutSec = 7;
        // The separator is random: answer with whatever the command asked to print.
        f.nam.fallback = Script::http(500, "{}");
        auto fut = f.backend.exec(u"sb-1"_s, req);
        QTRY_COMPARE(f.nam.recorded.size(), 1);
        const QJsonObject sent = QJsonDocument::fromJson(f.nam.recorded.first().body).object();
        QCOMPARE(sent.value(u"timeout"_s).toInt(), 7);
        QCOMPARE(sent.value(u"envs"_s).toObject().value(u"MRP_SHARD"_s).toString(), u"3"_s);
        QVERIFY(sent.value(u"command"_s).toString().contains(u"'python3' '-u' 'runner.py'"_s));
        QVERIFY(f.nam.recorded.first().request.url().path().endsWith(u"/sb-1/process/execute"_s));
        QCOMPARE(await(fut).error.cls, ErrorClass::ServerError);

        // Answer with the separator the command asked for: stdout and stderr come apart.
        f.nam.responder = [](const Recorded &r) {
            const QString cmd = QJsonDocument::fromJson(r.body).object().value(u"command"_s).toString();
            const QString sep = QRegularExpression(u"MRP-STDERR-[0-9a-f]+"_s).match(cmd).captured(0);
            return Script::ok(QJsonDocument(QJsonObject{{u"exitCode"_s, 3},
                {u"result"_s, QString(u"partial out\n"_s + u"\n"_s + sep + u"\nTraceback: boom\n"_s)}}).toJson());
        };
        const auto o = await(f.backend.exec(u"sb-1"_s, req));
        QVERIFY(o.ok());
        QCOMPARE(o.value.exitCode, 3);
        QCOMPARE(o.value.errorClass, ErrorClass::OperatorError);
        QCOMPARE(o.value.stdoutData, QByteArray("partial out\n"));
        QCOMPARE(o.value.stderrData, QByteArray("Traceback: boom\n"));

        req.outputCapBytes = 4;
        const auto capped = await(f.backend.exec(u"sb-1"_s, req));
        QCOMPARE(capped.value.stdoutData, QByteArray("part"));
        QCOMPARE(capped.value.stdoutBytes, 12);
        QVERIFY(capped.value.stdoutTruncated);
    }

    // The output file comes back with a successful command's reply and the download right after
    // is served from it, without a call; what may not have come back whole (over the limit, a
    // U+FFFD, a failed command, a reset in between) is downloaded as before.
    void returnFileComesBackWithTheCommand()
    {
        Fixture f;
        f.createStarted();
        QTemporaryDir dir;
        ExecRequest req;
        req.argv = {u"python3"_s, u"runner.py"_s};
        req.returnFile = u"output.json"_s;
        QByteArray file = "{\"a\":1}";
        int exitCode = 0;
        f.nam.responder = [&](const Recorded &r) {
            if (!r.request.url().path().endsWith(u"/process/execute"_s))
                return Script::ok("{\"from\":\"download\"}");
            // As the runner answers (docs/run-contract.md, "Returned output").
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            const QString cmd = body.value(u"command"_s).toString();
            const QString sep = QRegularExpression(u"MRP-STDERR-[0-9a-f]+"_s).match(cmd).captured(0);
            const QJsonObject envs = body.value(u"envs"_s).toObject();
            if (envs.value(u"MRP_RETURN_FILE"_s).toString() != u"output.json"_s
                || envs.value(u"MRP_RETURN_MAX_BYTES"_s).toString().toLongLong() != DaytonaBackend::ReturnedFileMaxBytes)
                return Script::http(500, "{}");
            QString result = u"MRP-OUTPUT-SHA256 x\n"_s;
            if (exitCode == 0)
                result += u"\n"_s + envs.value(u"MRP_RETURN_MARKER"_s).toString() + u"\n"_s + QString::fromUtf8(file);
            result += u"\n"_s + sep + u"\nsome stderr"_s;
            return Script::ok(QJsonDocument(QJsonObject{{u"exitCode"_s, exitCode}, {u"result"_s, result}}).toJson());
        };
        const auto downloads = [&] {
            return std::count_if(f.nam.recorded.cbegin(), f.nam.recorded.cend(),
                                 [](const Recorded &r) { return r.request.url().path().endsWith(u"/files/download"_s); });
        };
        const auto sha = [](const QByteArray &b) {
            return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
        };
        const auto runAndDownload = [&](const QString &name, const QString &expectedSha) {
            const auto o = await(f.backend.exec(u"sb-1"_s, req));
            if (!o.ok())
                return QByteArray("exec failed");
            const QString dest = dir.filePath(name);
            const SandboxError e = await(f.backend.download(u"sb-1"_s, {DownloadFile{u"output.json"_s, dest, expectedSha}}));
            QFile in(dest);
            return e.ok() && in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray("download failed");
        };

        auto calls = downloads();
        const auto o = await(f.backend.exec(u"sb-1"_s, req));
        QVERIFY(o.ok());
        QCOMPARE(o.value.stdoutData, QByteArray("MRP-OUTPUT-SHA256 x\n"));   // the file is not stdout
        QCOMPARE(o.value.stderrData, QByteArray("some stderr"));
        QCOMPARE(await(f.backend.download(u"sb-1"_s, {DownloadFile{u"output.json"_s, dir.filePath(u"a.json"_s), sha(file)}})).cls,
                 ErrorClass::None);
        QCOMPARE(downloads(), calls);
        QFile a(dir.filePath(u"a.json"_s));
        QVERIFY(a.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), file);
        QVERIFY(!QFile::exists(dir.filePath(u"a.json.part"_s)));

        // Served once: a second download of the same file asks the sandbox.
        calls = downloads();
        QVERIFY(await(f.backend.download(u"sb-1"_s, {DownloadFile{u"output.json"_s, dir.filePath(u"b.json"_s), {}}})).ok());
        QCOMPARE(downloads(), calls + 1);

        // Not UTF-8 on the way (the daemon's JSON made U+FFFD of it), over the limit, a digest
        // that does not match: downloaded.
        file = "{\"t\":\"\xEF\xBF\xBD\"}";
        calls = downloads();
        QCOMPARE(runAndDownload(u"c.json"_s, {}), QByteArray("{\"from\":\"download\"}"));
        QCOMPARE(downloads(), calls + 1);
        file = QByteArray(DaytonaBackend::ReturnedFileMaxBytes + 1, 'x');
        calls = downloads();
        QCOMPARE(runAndDownload(u"d.json"_s, {}), QByteArray("{\"from\":\"download\"}"));
        QCOMPARE(downloads(), calls + 1);
        file = "{\"a\":2}";
        calls = downloads();
        QCOMPARE(runAndDownload(u"e.json"_s, sha("{\"from\":\"download\"}")), QByteArray("{\"from\":\"download\"}"));
        QCOMPARE(downloads(), calls + 1);

        // A failed command brings nothing back.
        exitCode = 3;
        calls = downloads();
        QCOMPARE(runAndDownload(u"g.json"_s, {}), QByteArray("{\"from\":\"download\"}"));
        QCOMPARE(downloads(), calls + 1);
        exitCode = 0;

        // A reset in between: the next shard's folder holds no such file yet.
        QVERIFY(await(f.backend.exec(u"sb-1"_s, req)).ok());
        QVERIFY(await(f.backend.reset(u"sb-1"_s)).ok());
        calls = downloads();
        QVERIFY(await(f.backend.download(u"sb-1"_s, {DownloadFile{u"output.json"_s, dir.filePath(u"f.json"_s), {}}})).ok());
        QCOMPARE(downloads(), calls + 1);

        // Without returnFile the command is asked for nothing more.
        req.returnFile.clear();
        calls = f.nam.recorded.size();
        f.nam.responder = nullptr;
        f.nam.fallback = Script::http(500, "{}");
        await(f.backend.exec(u"sb-1"_s, req));
        QVERIFY(f.nam.recorded.size() > calls);
        QVERIFY(!QJsonDocument::fromJson(f.nam.recorded.at(calls).body).object().value(u"envs"_s).toObject()
                     .contains(u"MRP_RETURN_MARKER"_s));
    }

    void resetRemovesThePreviousFolderBeforeTheNextCommand()
    {
        Fixture f;
        f.createStarted();
        const auto answerExec = [](const Recorded &r) {
            const QString cmd = QJsonDocument::fromJson(r.body).object().value(u"command"_s).toString();
            const QString sep = QRegularExpression(u"MRP-STDERR-[0-9a-f]+"_s).match(cmd).captured(0);
            return Script::ok(QJsonDocument(QJsonObject{{u"exitCode"_s, 0}, {u"result"_s, QString(u"ok\n\n"_s + sep + u"\n"_s)}}).toJson());
        };
        const auto commandOf = [](const Recorded &r) {
            return QJsonDocument::fromJson(r.body).object().value(u"command"_s).toString();
        };
        ExecRequest req;
        req.argv = {u"true"_s};

        // The daemon removes the folder (slowly): the next command waits for it and removes nothing.
        f.nam.responder = [&](const Recorded &r) {
            if (r.verb == "DELETE") {
                Script s = Script::http(204);
                s.delayMs = 300;
                return s;
            }
            return answerExec(r);
        };
        QVERIFY(await(f.backend.reset(u"sb-1"_s)).ok());
        auto fut = f.backend.exec(u"sb-1"_s, req);
        QTest::qWait(150);
        QCOMPARE(f.nam.recorded.size(), 1);   // only the removal so far
        const Recorded del = f.nam.recorded.first();
        QCOMPARE(del.verb, QByteArray("DELETE"));
        QVERIFY(del.request.url().path().endsWith(u"/sb-1/files"_s));
        QCOMPARE(QUrlQuery(del.request.url()).queryItemValue(u"path"_s, QUrl::FullyDecoded), u"mrp-work"_s);
        QCOMPARE(QUrlQuery(del.request.url()).queryItemValue(u"recursive"_s), u"true"_s);
        auto o = await(fut);
        QVERIFY2(o.ok(), qPrintable(o.error.message));
        QCOMPARE(f.nam.recorded.size(), 2);
        QString cmd = commandOf(f.nam.recorded[1]);
        QVERIFY2(!cmd.contains(u"rm -rf"_s), qPrintable(cmd));
        QVERIFY2(cmd.contains(u"cd 'mrp-work-1/run'"_s), qPrintable(cmd));
        QVERIFY2(cmd.contains(u"'mrp-work-1/stderr-MRP-STDERR-"_s), qPrintable(cmd));

        // The daemon cannot: the command removes the folder itself before anything of it runs,
        // and only that once.
        f.nam.recorded.clear();
        f.nam.responder = [&](const Recorded &r) {
            return r.verb == "DELETE" ? Script::http(400, R"({"message":"bad request: not allowed"})") : answerExec(r);
        };
        QVERIFY(await(f.backend.reset(u"sb-1"_s)).ok());
        o = await(f.backend.exec(u"sb-1"_s, req));
        QVERIFY(o.ok());
        QCOMPARE(f.nam.recorded.size(), 2);
        cmd = commandOf(f.nam.recorded[1]);
        QVERIFY2(cmd.startsWith(u"rm -rf 'mrp-work-1'; "_s), qPrintable(cmd));
        QVERIFY2(cmd.contains(u"cd 'mrp-work-2/run'"_s), qPrintable(cmd));
        o = await(f.backend.exec(u"sb-1"_s, req));
        QVERIFY(o.ok());
        QVERIFY(!commandOf(f.nam.recorded.last()).contains(u"rm -rf"_s));
    }

    void execTimeoutIs408()
    {
        Fixture f;
        f.createStarted();
        f.nam.scripts = {Script::http(408, R"({"statusCode":408,"message":"request timeout: command execution timeout","code":"REQUEST_TIMEOUT"})")};
        ExecRequest req;
        req.argv = {u"sleep"_s, u"100"_s};
        req.timeoutSec = 1;
        const auto o = await(f.backend.exec(u"sb-1"_s, req));
        QVERIFY(o.ok());
        QCOMPARE(o.value.errorClass, ErrorClass::Timeout);
        QCOMPARE(f.nam.recorded.size(), 1);   // the command's own timeout is not retried
    }

    void execUnknownSandbox()
    {
        Fixture f;
        const auto o = await(f.backend.exec(u"nope"_s, ExecRequest{}));
        QCOMPARE(o.error.cls, ErrorClass::Infrastructure);
    }

    void uploadMultipartLayout()
    {
        Fixture f;
        f.createStarted();
        QTemporaryDir dir;
        QFile file(dir.filePath(u"payload.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[1,2,3]");
        file.close();
        f.nam.scripts = {Script::ok(R"({"files":[{"path":"mrp-work/run/payload.json","bytes":7}]})")};
        const auto e = await(f.backend.upload(u"sb-1"_s, {UploadFile{file.fileName(), u"payload.json"_s}}));
        QVERIFY2(e.ok(), qPrintable(e.details));
        const Recorded &r = f.nam.recorded.first();
        QVERIFY(r.request.url().path().endsWith(u"/sb-1/files/bulk-upload"_s));
        QVERIFY(r.request.header(QNetworkRequest::ContentTypeHeader).toString().startsWith(u"multipart/form-data; boundary="_s));
        const qsizetype pathPart = r.body.indexOf("name=\"files[0].path\"");
        const qsizetype filePart = r.body.indexOf("name=\"files[0].file\"; filename=\"mrp-work/run/payload.json\"");
        QVERIFY(pathPart >= 0 && filePart > pathPart);
        QVERIFY(r.body.contains("\r\n\r\nmrp-work/run/payload.json\r\n"));
        QVERIFY(r.body.contains("\r\n\r\n[1,2,3]\r\n"));
    }

    void downloadChecksDigest()
    {
        Fixture f;
        f.createStarted();
        QTemporaryDir dir;
        const QString dest = dir.filePath(u"out/output.json"_s);
        f.nam.scripts = {Script::ok("{\"a\":1}")};
        auto e = await(f.backend.download(u"sb-1"_s, {DownloadFile{u"output.json"_s, dest,
            QString::fromLatin1(QCryptographicHash::hash("{\"a\":1}", QCryptographicHash::Sha256).toHex())}}));
        QVERIFY2(e.ok(), qPrintable(e.details));
        QFile in(dest);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(in.readAll(), QByteArray("{\"a\":1}"));
        QCOMPARE(QUrlQuery(f.nam.recorded.first().request.url()).queryItemValue(u"path"_s, QUrl::FullyDecoded), u"mrp-work/run/output.json"_s);

        const QString dest2 = dir.filePath(u"bad.json"_s);
        f.nam.scripts = {Script::ok("tampered")};
        e = await(f.backend.download(u"sb-1"_s, {DownloadFile{u"output.json"_s, dest2, QString(64, u'0')}}));
        QCOMPARE(e.cls, ErrorClass::BadOutput);
        QVERIFY(!QFile::exists(dest2));   // QSaveFile: complete or absent

        f.nam.scripts = {Script::http(404)};
        e = await(f.backend.download(u"sb-1"_s, {DownloadFile{u"missing.json"_s, dest2, {}}}));
        QCOMPARE(e.httpStatus, 404);
        QVERIFY(!QFile::exists(dest2));
    }

    // A download cap stops the transfer: on the announced Content-Length before a byte is
    // written, or as the bytes arrive; never retried, nothing left behind.
    void downloadStopsAtTheCap()
    {
        Fixture f;
        f.createStarted();
        QTemporaryDir dir;
        const QString dest = dir.filePath(u"out/output.json"_s);
        const QByteArray body(100, 'x');
        f.nam.scripts = {Script::http(200, body, {{"Content-Length", "100"}})};
        auto e = await(f.backend.download(u"sb-1"_s, {DownloadFile{u"output.json"_s, dest, {}, 99}}));
        QCOMPARE(e.cls, ErrorClass::BadOutput);
        QVERIFY(e.tooLarge);
        QVERIFY2(e.details.contains(u"cap 99 bytes"_s), qPrintable(e.details));
        QCOMPARE(f.nam.recorded.size(), 1);
        QVERIFY(!QFile::exists(dest) && !QFile::exists(dest + u".part"_s));

        f.nam.recorded.clear();
        f.nam.scripts = {Script::ok(body)};   // no length announced
        e = await(f.backend.download(u"sb-1"_s, {DownloadFile{u"output.json"_s, dest, {}, 99}}));
        QCOMPARE(e.cls, ErrorClass::BadOutput);
        QVERIFY(e.tooLarge);
        QCOMPARE(f.nam.recorded.size(), 1);
        QVERIFY(!QFile::exists(dest) && !QFile::exists(dest + u".part"_s));

        f.nam.scripts = {Script::http(200, body, {{"Content-Length", "100"}})};
        e = await(f.backend.download(u"sb-1"_s, {DownloadFile{u"output.json"_s, dest, {}, 100}}));
        QVERIFY2(e.ok(), qPrintable(e.details));
        QCOMPARE(QFileInfo(dest).size(), 100);
    }

    void destroyRetriesConflictAndConfirms404()
    {
        Fixture f;
        f.createStarted();
        f.nam.scripts = {Script::http(409, R"({"message":"Sandbox state change in progress"})"),
                         Script::ok(sandbox("destroying")), Script::ok(sandbox("destroying")), Script::http(404, "{}")};
        const auto e = await(f.backend.destroy(u"sb-1"_s));
        QVERIFY2(e.ok(), qPrintable(e.details));
        QCOMPARE(f.nam.recorded.size(), 4);
        QCOMPARE(f.nam.recorded[0].verb, QByteArray("DELETE"));
        QCOMPARE(f.nam.recorded[1].verb, QByteArray("DELETE"));
        QCOMPARE(f.nam.recorded[2].verb, QByteArray("GET"));
        // Forgotten afterwards.
        const auto o = await(f.backend.exec(u"sb-1"_s, ExecRequest{}));
        QCOMPARE(o.error.cls, ErrorClass::Infrastructure);
    }

    void listFollowsCursorAndAcceptsBareArray()
    {
        Fixture f;
        f.nam.scripts = {Script::ok(R"({"items":[{"id":"a","state":"started","labels":{"mrp.owner":"me"}}],"nextCursor":"c2"})"),
                         Script::ok(R"({"items":[{"id":"b","state":"destroying","labels":{"mrp.owner":"me","x":"y"}}],"nextCursor":null})")};
        auto o = await(f.backend.list({{u"mrp.owner"_s, u"me"_s}}));
        QVERIFY(o.ok());
        QCOMPARE(o.value.size(), 2);
        QCOMPARE(o.value[1].id, u"b"_s);
        QCOMPARE(QUrlQuery(f.nam.recorded[1].request.url()).queryItemValue(u"cursor"_s), u"c2"_s);

        f.nam.scripts = {Script::ok(R"([{"id":"c","state":"started","labels":{"mrp.owner":"me"}},{"id":"d","state":"started","labels":{"mrp.owner":"other"}}])")};
        o = await(f.backend.list({{u"mrp.owner"_s, u"me"_s}}));
        QVERIFY(o.ok());
        QCOMPARE(o.value.size(), 1);   // containment re-checked for servers that ignore the filter
        QCOMPARE(o.value[0].id, u"c"_s);

        f.nam.scripts = {Script::ok(R"({"items":"nope"})")};
        o = await(f.backend.list({}));
        QCOMPARE(o.error.cls, ErrorClass::Infrastructure);
    }

    void cancelFinishesPendingFutures()
    {
        Fixture f;
        f.createStarted();
        f.nam.fallback = Script::hanging();
        ExecRequest req;
        req.argv = {u"true"_s};
        auto fut = f.backend.exec(u"sb-1"_s, req);
        QTRY_COMPARE(f.nam.recorded.size(), 1);
        f.backend.cancel(u"sb-1"_s);
        const auto o = await(fut);
        QCOMPARE(o.error.cls, ErrorClass::Cancelled);
    }

    void destructionFinishesEverything()
    {
        QFuture<Outcome<SandboxInfo>> fut;
        {
            Fixture f;
            f.nam.fallback = Script::hanging();
            fut = f.backend.create(SandboxSpec{});
        }
        QVERIFY(fut.isFinished());
        QCOMPARE(fut.result().error.cls, ErrorClass::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestDaytonaBackend)
#include "tst_daytonabackend.moc"
