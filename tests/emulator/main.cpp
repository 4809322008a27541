// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// daytona-emulator: a Daytona-compatible API on 127.0.0.1 for tests, benchmarks and demos.
// Prints `LISTENING <api url>` on stdout once it accepts connections.

#include "emulatorserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTemporaryDir>

#include <csignal>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"daytona-emulator"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Daytona-compatible API emulator with fault injection (loopback only)."_s);
    parser.addHelpOption();
    auto opt = [&](const char *name, const char *help, const char *def) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(help), u"value"_s, QString::fromLatin1(def));
        parser.addOption(o);
        return o;
    };
    const auto port = opt("port", "TCP port on 127.0.0.1 (0 = pick one)", "0");
    const auto createLatency = opt("create-latency-ms", "time POST /sandbox takes", "0");
    const auto startLatency = opt("start-latency-ms", "creating -> started; the create call waits for it (up to --create-wait-ms)", "0");
    const auto createWait = opt("create-wait-ms", "how long the create call waits for the sandbox to start (the server: 30000)", "30000");
    const auto deleteLatency = opt("delete-latency-ms", "destroying -> gone", "0");
    const auto callLatency = opt("call-latency-ms", "added to every toolbox call", "0");
    const auto apiLatency = opt("api-latency-ms", "added to GET/list API calls", "0");
    const auto fail5xx = opt("fail-5xx-rate", "share of requests answered 503/502", "0");
    const auto burst = opt("burst-429", "length of each 429 burst (0 = none)", "0");
    const auto burstEvery = opt("burst-every", "a 429 burst starts every N requests", "50");
    const auto retryAfter = opt("retry-after-s", "Retry-After-<bucket> seconds on the --burst-429 replies (any value, "
                                                 "e.g. 100000: beyond a day)", "1");
    const auto dropRate = opt("drop-rate", "share of requests whose connection is closed", "0");
    const auto hangRate = opt("hang-exec-rate", "share of execs that never answer", "0");
    const auto slowStart = opt("slow-start-ms", "extra start time for a share of sandboxes", "0");
    const auto slowRate = opt("slow-start-rate", "share of sandboxes that start slowly", "0.1");
    const auto createFail = opt("create-fail-rate", "share of sandboxes that end in `error`", "0");
    const auto quota = opt("quota", "older spelling of --cpu-quota (each sandbox takes 1 vCPU: N sandboxes that run or "
                                    "are being made)", "");
    const auto tier = opt("tier", "the published limits of tier 1-4: requests per minute for the authenticated, "
                                  "sandbox-create and sandbox-lifecycle throttlers, vCPU / memory / disk totals "
                                  "(the options below override single values)", "");
    const auto authLimit = opt("auth-limit", "`authenticated` throttler: calls per window (-1 = off)", "");
    const auto authWindow = opt("auth-window-s", "`authenticated` throttler: window and block, seconds", "");
    const auto createLimit = opt("create-limit", "`sandbox-create` throttler: creates per window (-1 = off)", "");
    const auto createWindow = opt("create-window-s", "`sandbox-create` throttler: window and block, seconds", "");
    const auto lifecycleLimit = opt("lifecycle-limit", "`sandbox-lifecycle` throttler: calls per window (-1 = off)", "");
    const auto lifecycleWindow = opt("lifecycle-window-s", "`sandbox-lifecycle` throttler: window and block, seconds", "");
    const auto cpuQuota = opt("cpu-quota", "vCPU total of the organisation (-1 = unlimited)", "");
    const auto memoryQuota = opt("memory-quota-gib", "memory total, GiB (-1 = unlimited)", "");
    const auto diskQuota = opt("disk-quota-gib", "disk total, GiB (-1 = unlimited)", "");
    const auto dashboardUrl = opt("dashboard-url", "the dashboard named in the quota message", "https://app.daytona.io/dashboard");
    const auto redirectCreate = opt("redirect-create", "answer POST /sandbox with this 3xx status and a Location "
                                                      "(the same call with ?redirected=1, which is served)", "0");
    const auto redirectDelete = opt("redirect-delete", "the same for DELETE /sandbox/{id}", "0");
    const auto redirectRate = opt("redirect-rate", "share of those calls redirected", "1");
    const auto truncateRate = opt("truncate-rate", "share of replies with a body whose connection closes after half "
                                                   "the announced Content-Length", "0");
    const auto cutCreateRate = opt("cut-create-rate", "share of the replies to POST /sandbox that are complete but carry "
                                                      "only the first half of their JSON (the sandbox is made)", "0");
    const auto seed = opt("seed", "seed of the fault generator", "1");
    const auto baseDir = opt("base-dir", "folder for sandbox directories (default: a temporary one)", "");
    const auto runtime = opt("runtime", "local (the product's local sandbox, bubblewrap where available) or process", "local");
    const auto niceness = opt("sandbox-niceness", "with --runtime process: run every command this much nicer (0-19), as if "
                                                  "the sandboxes were other machines", "0");
    QCommandLineOption legacy(u"legacy-list"_s, u"answer GET /sandbox with a bare array (servers before ~v0.180)"_s);
    parser.addOption(legacy);
    parser.process(app);

    QTemporaryDir tmp;
    mrp::emu::EmulatorOptions o;
    o.createLatencyMs = parser.value(createLatency).toInt();
    o.startLatencyMs = parser.value(startLatency).toInt();
    o.createWaitMs = parser.value(createWait).toInt();
    o.deleteLatencyMs = parser.value(deleteLatency).toInt();
    o.callLatencyMs = parser.value(callLatency).toInt();
    o.apiLatencyMs = parser.value(apiLatency).toInt();
    o.fail5xxRate = parser.value(fail5xx).toDouble();
    o.burst429 = parser.value(burst).toInt();
    o.burstEvery = parser.value(burstEvery).toInt();
    o.retryAfterS = parser.value(retryAfter).toInt();
    o.dropRate = parser.value(dropRate).toDouble();
    o.hangExecRate = parser.value(hangRate).toDouble();
    o.slowStartMs = parser.value(slowStart).toInt();
    o.slowStartRate = parser.value(slowRate).toDouble();
    o.createFailRate = parser.value(createFail).toDouble();
    // Limits: the tier first, then single values.
    if (parser.isSet(tier)) {
        mrp::emu::TierPreset t;
        if (!mrp::emu::tierPreset(parser.value(tier).toInt(), &t)) {
            std::fprintf(stderr, "daytona-emulator: --tier must be 1, 2, 3 or 4\n");
            return 2;
        }
        o.authLimit = {t.authenticatedPerMinute, 60000};
        o.createLimit = {t.createPerMinute, 60000};
        o.lifecycleLimit = {t.lifecyclePerMinute, 60000};
        o.resourceQuota = {t.cpu, t.memoryGiB, t.diskGiB};
    }
    auto limit = [&](mrp::emu::ThrottleConfig &c, const QCommandLineOption &count, const QCommandLineOption &window) {
        if (parser.isSet(count))
            c.limit = parser.value(count).toInt();
        if (parser.isSet(window))
            c.windowMs = qint64(parser.value(window).toDouble() * 1000);
    };
    limit(o.authLimit, authLimit, authWindow);
    limit(o.createLimit, createLimit, createWindow);
    limit(o.lifecycleLimit, lifecycleLimit, lifecycleWindow);
    if (parser.isSet(quota))
        o.resourceQuota.cpu = parser.value(quota).toInt();
    if (parser.isSet(cpuQuota))
        o.resourceQuota.cpu = parser.value(cpuQuota).toInt();
    if (parser.isSet(memoryQuota))
        o.resourceQuota.memoryGiB = parser.value(memoryQuota).toInt();
    if (parser.isSet(diskQuota))
        o.resourceQuota.diskGiB = parser.value(diskQuota).toInt();
    o.dashboardUrl = parser.value(dashboardUrl);
    o.redirectCreate = parser.value(redirectCreate).toInt();
    o.redirectDelete = parser.value(redirectDelete).toInt();
    o.redirectRate = parser.value(redirectRate).toDouble();
    o.truncateRate = parser.value(truncateRate).toDouble();
    o.cutCreateRate = parser.value(cutCreateRate).toDouble();
    for (int status : {o.redirectCreate, o.redirectDelete}) {
        if (status != 0 && (status < 300 || status > 399)) {
            std::fprintf(stderr, "daytona-emulator: --redirect-create/--redirect-delete take a 3xx status\n");
            return 2;
        }
    }
    o.seed = parser.value(seed).toUInt();
    o.legacyList = parser.isSet(legacy);
    o.localRuntime = parser.value(runtime) != u"process";
    o.sandboxNiceness = qBound(0, parser.value(niceness).toInt(), 19);
    if (o.sandboxNiceness > 0 && o.localRuntime)
        std::fprintf(stderr, "daytona-emulator: --sandbox-niceness applies to --runtime process only; ignored\n");
    o.baseDir = parser.value(baseDir).isEmpty() ? tmp.path() : parser.value(baseDir);

    mrp::emu::EmulatorServer server(o);
    if (!server.listen(quint16(parser.value(port).toUInt()))) {
        std::fprintf(stderr, "daytona-emulator: cannot listen on 127.0.0.1:%s\n", qPrintable(parser.value(port)));
        return 1;
    }
    std::fprintf(stderr, "daytona-emulator: sandboxes run as %s\n", qPrintable(server.runtimeDescription()));
    std::printf("LISTENING %s\n", qPrintable(server.apiUrl().toString()));
    std::fflush(stdout);

#ifdef Q_OS_UNIX
    // SIGTERM/SIGINT: print the stats line and quit cleanly (kills running commands). Elsewhere
    // the emulator simply ends with the process.
    static int pipeFds[2];
    if (::pipe(pipeFds) == 0) {
        auto handler = [](int) { [[maybe_unused]] auto n = ::write(pipeFds[1], "x", 1); };
        std::signal(SIGTERM, handler);
        std::signal(SIGINT, handler);
        auto *notifier = new QSocketNotifier(pipeFds[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [&server] {
            std::printf("STATS %s\n", QJsonDocument(server.stats()).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    }
#endif
    return app.exec();
}
