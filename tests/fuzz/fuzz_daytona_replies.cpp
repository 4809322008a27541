// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// libFuzzer target: every parser of Daytona API and toolbox replies (daytonareplies.h) and the
// error/Retry-After handling (apierror.h) on arbitrary bytes. They must never crash, hang or
// assert, whatever the server (or a proxy in between) sends.

#include "daytona/apierror.h"
#include "daytona/daytonareplies.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QUrl>

using namespace mrp;
using namespace mrp::daytona;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;

    SandboxDto dto;
    if (parseSandbox(body, &dto, &error))
        Q_ASSERT(!dto.id.isEmpty());
    SandboxPage page;
    if (parseSandboxPage(body, &page, &error)) {
        for (const SandboxDto &d : std::as_const(page.items))
            Q_ASSERT(!d.id.isEmpty());
    }
    ExecReply exec;
    parseExecReply(body, &exec, &error);
    QString url;
    parseToolboxProxyUrl(body, &url, &error);
    QString cmdId;
    parseSessionExec(body, &cmdId, &error);
    SessionCommand cmd;
    parseSessionCommand(body, &cmd, &error);
    SessionLogs logs;
    parseSessionLogs(body, &logs, &error);
    const SessionLogs demuxed = demuxLogMarkers(body);
    Q_ASSERT(demuxed.stdoutData.size() + demuxed.stderrData.size() <= body.size());
    const ErrorBody eb = parseErrorBody(body);
    looksLikeQuota(eb.message);

    // The first byte picks an HTTP status, the rest is the body and a Retry-After value.
    const int status = size ? 100 + (data[0] % 500) : 0;
    const ApiError e = makeHttpError(QStringLiteral("fuzz"), "GET", QUrl(QStringLiteral("https://api.example.test/api/sandbox/x")),
                                     status, QNetworkReply::NoError, QString(), body.mid(1), QStringLiteral("rid"));
    e.errorClass();
    e.isTransient();
    parseRetryAfter(body.left(64));
    retryAfterFromHeaders({{QByteArrayLiteral("Retry-After-sandbox-create"), body.left(32)}, {QByteArrayLiteral("retry-after"), body.mid(32, 32)}});
    return 0;
}
