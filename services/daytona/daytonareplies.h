// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Parsers for Daytona API and toolbox replies (docs/daytona-api.md §2–§6).
//
// Every parser takes untrusted bytes and never crashes, asserts or throws: it returns false
// (with a reason in *error) on anything it does not understand. They are fuzzed
// (tests/fuzz/fuzz_daytona_replies.cpp). Pure functions, any thread.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace mrp::daytona {

struct SandboxDto {
    QString id;
    QString name;
    QString state;               // SandboxState word; "" when absent
    QString desiredState;
    QString errorReason;
    QString toolboxProxyUrl;
    QString createdAt;
    QMap<QString, QString> labels;
};

struct SandboxPage {
    QList<SandboxDto> items;
    QString nextCursor;          // empty when this is the last page (null, absent, or a bare array)
};

struct ExecReply {
    int exitCode = -1;
    QString result;              // stdout and stderr as produced, one buffer
};

struct ErrorBody {
    QString message;             // "message" (joined when an array), else "error", else raw text
    QString code;                // toolbox "code" / "error_code"
    QString source;
};

struct SessionCommand {
    QString id;
    bool hasExitCode = false;
    int exitCode = 0;
};

struct SessionLogs {
    QByteArray stdoutData;
    QByteArray stderrData;
};

bool parseSandbox(const QByteArray &body, SandboxDto *out, QString *error);
bool sandboxFromJson(const QJsonObject &o, SandboxDto *out, QString *error);
// Accepts {"items": [...], "nextCursor": string|null} and, from older servers, a bare array.
bool parseSandboxPage(const QByteArray &body, SandboxPage *out, QString *error);
// {"exitCode": n, "result": "..."}; old daemons send "code" instead of "exitCode".
bool parseExecReply(const QByteArray &body, ExecReply *out, QString *error);
// {"url": "..."} from GET /sandbox/{id}/toolbox-proxy-url.
bool parseToolboxProxyUrl(const QByteArray &body, QString *out, QString *error);
// {"cmdId": "..."} from an async session exec.
bool parseSessionExec(const QByteArray &body, QString *cmdId, QString *error);
bool parseSessionCommand(const QByteArray &body, SessionCommand *out, QString *error);
// JSON {"stdout","stderr"} (version >= 0.167) or raw text with 01 01 01 / 02 02 02 markers.
bool parseSessionLogs(const QByteArray &body, SessionLogs *out, QString *error);
// Splits raw marker-framed log bytes into stdout and stderr.
SessionLogs demuxLogMarkers(const QByteArray &raw);
// Best effort: never fails; an empty or non-JSON body gives message = trimmed raw text.
ErrorBody parseErrorBody(const QByteArray &body);

} // namespace mrp::daytona
