// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// EmulatorServer: a Daytona-compatible API + toolbox on loopback (docs/design.md §11.2, docs/daytona-api.md §8).
//
//   /api/sandbox...                 main API (create, get, list with labels + cursor, delete,
//                                   toolbox-proxy-url, start/stop); Nest-style error bodies
//   /toolbox/{id}/...               toolbox: process/execute, process/code-run, sessions (+ logs),
//                                   files bulk-upload/upload/download/bulk-download/info/list/
//                                   delete/folder, work-dir; daemon-style error bodies
//   /api/emulator/stats[/reset]     counters, incl. the maximum of concurrent in-flight requests
//
// Responses are asynchronous (the responder is kept until the reply is due), so latency
// injection and long commands never block other requests. The server's throttlers and
// organisation quotas are applied when configured (emulatorlimits.h). Faults (5xx, 429 bursts
// with Retry-After-<bucket>, dropped connections, hung execs, slow starts, create failures,
// redirects, cut replies) are drawn from a seeded generator so runs are reproducible.

#include "emulatorlimits.h"
#include "emulatorruntime.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QMap>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>

#include <memory>

class QTcpSocket;

namespace mrp::emu {

struct EmulatorOptions {
    int createLatencyMs = 0;     // POST /sandbox takes this long
    int startLatencyMs = 0;      // creating -> started; the create call waits for it...
    int createWaitMs = 30000;    // ...this long at most (the server: 30 s), then answers `creating`
    int deleteLatencyMs = 0;     // destroying -> gone (404)
    int callLatencyMs = 0;       // every toolbox call
    int apiLatencyMs = 0;        // every other API call
    double fail5xxRate = 0;      // share of requests answered 503/502
    int burst429 = 0;            // length of each 429 burst...
    int burstEvery = 50;         // ...starting every this many requests
    int retryAfterS = 1;
    double dropRate = 0;         // share of requests whose connection is closed without a reply
    double hangExecRate = 0;     // share of execs that never answer
    int slowStartMs = 0;         // extra start time for a share of sandboxes...
    double slowStartRate = 0.1;  // ...this share
    double createFailRate = 0;   // share of sandboxes that end in `error`
    // Rate limits and quotas as the server applies them (emulatorlimits.h): per organisation,
    // one organisation per API key. Nothing is limited unless set (--tier or the options).
    ThrottleConfig authLimit;        // `authenticated`: every other authenticated API call
    ThrottleConfig createLimit;      // `sandbox-create`: POST /sandbox, fork
    ThrottleConfig lifecycleLimit;   // `sandbox-lifecycle`: delete, start, stop, pause, resize, archive, recover
    ResourceQuota resourceQuota;     // vCPU / GiB totals; beyond them a create answers 400
    QString dashboardUrl = QStringLiteral("https://app.daytona.io/dashboard");   // in the quota message
    // Faults beyond the server's behaviour.
    int redirectCreate = 0;      // 3xx status for POST /sandbox (0 = none)...
    int redirectDelete = 0;      // ...and for DELETE /sandbox/{id}
    double redirectRate = 1;     // share of those calls redirected
    double truncateRate = 0;     // share of replies with a body cut short (connection closed)
    double cutCreateRate = 0;    // share of create replies whose JSON stops halfway (a complete reply)
    quint32 seed = 1;
    bool legacyList = false;     // GET /sandbox answers a bare array
    QString baseDir;             // sandbox directories
    bool localRuntime = true;    // run commands in the product's LocalBackend (else plain processes)
    int sandboxNiceness = 0;     // plain processes: their niceness (stands for sandboxes on other machines)
};

class SandboxTcpServer;

class EmulatorServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit EmulatorServer(const EmulatorOptions &options, QObject *parent = nullptr);
    ~EmulatorServer() override;

    bool listen(quint16 port);
    QUrl apiUrl() const;
    QJsonObject stats() const;
    QString runtimeDescription() const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;

private:
    struct Pending;
    using PendingPtr = std::shared_ptr<Pending>;
    struct Sandbox;
    struct Session;

    void dispatch(const PendingPtr &p);
    void handleApi(const PendingPtr &p, const QStringList &segs);
    void handleToolbox(const PendingPtr &p, Sandbox *sb, const QStringList &segs);
    void handleFiles(const PendingPtr &p, Sandbox *sb, const QStringList &segs);
    void handleSession(const PendingPtr &p, Sandbox *sb, const QStringList &segs);
    void runExec(const PendingPtr &p, Sandbox *sb, const QString &command, const QMap<QString, QString> &envs,
                 int timeoutSec, bool codeRun);
    // WebSocket .../command/{cid}/logs[?follow=true] (docs/daytona-api.md §5.5): emulatorlogstream.cpp.
    void setUpLogStreaming();
    void onWebSocketConnections();

    void reply(const PendingPtr &p, int status, const QByteArray &body,
               const QByteArray &contentType = "application/json", const QHttpHeaders &extra = {});
    void replyJson(const PendingPtr &p, int status, const QJsonValue &json, const QHttpHeaders &extra = {});
    void apiError(const PendingPtr &p, int status, const QString &message, const QHttpHeaders &extra = {});
    void toolboxError(const PendingPtr &p, int status, const QString &message, const QByteArray &code);
    void later(int ms, std::function<void()> fn);
    void drop(const PendingPtr &p);

    QString stateOf(const Sandbox &sb) const;
    QJsonObject dto(const Sandbox &sb, bool full) const;
    Sandbox *find(const QString &idOrName);
    void reap();
    int liveCount() const;
    // The server's throttler for this call (empty: none), the hit counted; false when the call
    // was refused (429 sent).
    bool throttle(const PendingPtr &p, const QStringList &segs);
    static const char *throttlerFor(const PendingPtr &p, const QStringList &segs);
    // vCPU / memory / disk of an organisation's sandboxes in the states that consume them, the
    // given one left out.
    ResourceUsage usageOf(const QString &org, const Sandbox *except = nullptr) const;
    // 400 with the server's message when `usage` goes over a total; false then.
    bool checkQuota(const PendingPtr &p, const ResourceUsage &usage);
    bool maybeRedirect(const PendingPtr &p);
    bool maybeTruncate(const PendingPtr &p, int status, const QByteArray &body, const QHttpHeaders &headers);
    // Resolves a daemon path against the sandbox's work directory; empty when it escapes.
    QString resolvePath(const Sandbox &sb, const QString &path) const;

    EmulatorOptions m_options;
    QRandomGenerator m_rng;
    SandboxTcpServer *m_tcp = nullptr;
    EmulatorRuntime *m_runtime = nullptr;
    QElapsedTimer m_clock;
    QHash<QString, Sandbox *> m_sandboxes;
    qint64 m_seq = 0;
    qint64 m_requestSeq = 0;

    // stats
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    qint64 m_requests = 0;
    qint64 m_downloads = 0;                   // GET .../files/download
    qint64 m_faultable = 0;
    qint64 m_injected5xx = 0, m_injected429 = 0, m_drops = 0, m_hangs = 0, m_createFails = 0, m_quotaHits = 0;
    QHash<QByteArray, qint64> m_throttled;     // 429s per throttler
    QHash<QByteArray, qint64> m_quotaByKind;   // 400s per total (cpu, memory, disk)
    qint64 m_redirects = 0, m_truncated = 0, m_cutCreates = 0;
    // Throttler storage: per throttler name, then per organisation.
    QHash<QByteArray, QHash<QString, ThrottleRecord>> m_throttles;
    qint64 m_created = 0, m_deleted = 0;
    qint64 m_logStreams = 0;
    int m_burstLeft = 0;
    QList<PendingPtr> m_hung;    // hung execs keep their connection open
};

} // namespace mrp::emu
