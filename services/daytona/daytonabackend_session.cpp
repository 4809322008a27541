// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// DaytonaBackend::exec with live output: a session command started asynchronously whose logs
// are polled (docs/daytona-api.md §5.5), so outputReceived() streams while the shard runs.
#include "daytona/daytonabackend.h"
#include "daytona/daytonabackend_p.h"

#include "daytona/daytonareplies.h"
#include "daytona/logfollower.h"

#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace mrp {

using namespace daytona_p;

namespace {

const QString kSession = u"mrp-exec"_s;

struct SessionRun {
    QString cmdId;
    qint64 stdoutSeen = 0;   // bytes of each stream emitted so far (by the poll or the stream)
    qint64 stderrSeen = 0;
    qint64 stdoutStreamed = 0;   // bytes the WebSocket delivered: it starts at the log's beginning
    qint64 stderrStreamed = 0;
    QPointer<LogFollower> follower;   // live output over a WebSocket while it streams
};

} // namespace

void DaytonaBackend::execSession(Op *op, const QString &sandboxId, const ExecRequest &request,
                                 std::function<void(const ExecResult &)> deliverResult)
{
    const QString tb = toolboxFor(sandboxId);
    // Sessions take no env: export each variable from base64 (works on every daemon version).
    static const QRegularExpression ident(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    QString command;
    for (auto it = request.env.begin(); it != request.env.end(); ++it) {
        if (!ident.match(it.key()).hasMatch()) {
            op->fail(makeSandboxError(ErrorClass::ClientError, tr("Invalid environment variable name \"%1\".").arg(it.key())));
            return;
        }
        command += u"export %1=\"$(printf '%s' '%2' | base64 -d)\"; "_s
                       .arg(it.key(), QString::fromLatin1(it.value().toUtf8().toBase64()));
    }
    QStringList argv;
    for (const QString &a : request.argv)
        argv.append(shellQuote(a));
    // `timeout` sends TERM then KILL; exit 124 means our deadline hit. Each stream passes
    // through `head` in the sandbox, bounded by the cap plus one byte (a longer stream shows as
    // truncated) and still live; `cat` drains the rest so the command never meets a closed pipe.
    // The daemon keeps a session command's log whole and returns it in one reply: unbounded, a
    // command printing more than the client reads (16 MiB) lost its result. The exit code goes
    // through a file next to the work folder (the operator never sees it; like the work
    // folder, its path is relative to where the session starts) and is set with `(exit N)`:
    // the daemon runs the command in a brace group of the session's one shell
    // (apps/daemon/pkg/session/execute.go), where a plain `exit` would end that shell before
    // it records the exit code.
    command += wipePrefix(sandboxId);
    m_staleDirs.remove(sandboxId);   // the command composed here removes them
    const QString bound = u"{ head -c %1; cat >/dev/null; }"_s.arg(qMax<qint64>(0, request.outputCapBytes) + 1);
    const QString rcFile = shellQuote(generationRoot(sandboxId) + u"/rc-"_s + QUuid::createUuid().toString(QUuid::Id128));
    command += u"r=\"$PWD\"/%4; { cd %1 2>/dev/null || { mkdir -p %1 && cd %1; }; } && { "
               "{ { timeout -k 2 %2 %3 </dev/null; echo $? >\"$r\"; } 2>&1 1>&3 3>&- | %5 >&2 3>&-; } 3>&1 | %5; "
               "rc=$(cat \"$r\" 2>/dev/null); rm -f \"$r\"; (exit \"${rc:-125}\"); }"_s
                   .arg(shellQuote(workDirFor(sandboxId)))
                   .arg(qMax(1, request.timeoutSec))
                   .arg(argv.join(u' '), rcFile, bound);

    QPointer<Op> guard(op);
    auto state = std::make_shared<SessionRun>();
    const qint64 cap = request.outputCapBytes;
    const qint64 deadlineMs = qint64(qMax(1, request.timeoutSec)) * 1000 + 15000;

    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, guard, sandboxId, tb, state, cap, deadlineMs, poll, deliverResult] {
        if (!guard || guard->done)
            return;
        run(guard, m_client->sessionCommand(tb, sandboxId, kSession, state->cmdId),
            [this, guard, sandboxId, tb, state, cap, deadlineMs, poll, deliverResult](ApiJob *cj) {
            daytona::SessionCommand cmd;
            if (!cj->error().ok() || !daytona::parseSessionCommand(cj->body(), &cmd, nullptr)) {
                guard->fail(cj->error().toSandboxError());
                return;
            }
            // While the WebSocket streams the output, only the exit code is polled; the log
            // is read over HTTP once (complete when the exit code exists), and whatever the
            // stream had not delivered yet is emitted from it.
            if (!cmd.hasExitCode && state->follower && state->follower->isStreaming()
                && guard->clock.elapsed() <= deadlineMs) {
                QTimer::singleShot(m_options.logPollMs, guard, [poll] { (*poll)(); });
                return;
            }
            if (state->follower && cmd.hasExitCode)
                state->follower->close();
            run(guard, m_client->sessionLogs(tb, sandboxId, kSession, state->cmdId),
                [this, guard, sandboxId, state, cap, deadlineMs, poll, deliverResult, cmd](ApiJob *lj) {
                daytona::SessionLogs logs;
                if (!lj->error().ok() || !daytona::parseSessionLogs(lj->body(), &logs, nullptr)) {
                    guard->fail(lj->error().toSandboxError());
                    return;
                }
                if (logs.stdoutData.size() > state->stdoutSeen) {
                    Q_EMIT outputReceived(sandboxId, 1, logs.stdoutData.mid(state->stdoutSeen));
                    state->stdoutSeen = logs.stdoutData.size();
                }
                if (logs.stderrData.size() > state->stderrSeen) {
                    Q_EMIT outputReceived(sandboxId, 2, logs.stderrData.mid(state->stderrSeen));
                    state->stderrSeen = logs.stderrData.size();
                }
                if (cmd.hasExitCode) {
                    ExecResult r;
                    r.durationMs = guard->clock.elapsed();
                    r.exitCode = cmd.exitCode;
                    r.errorClass = cmd.exitCode == 124 ? ErrorClass::Timeout : classifyShellExit(cmd.exitCode);
                    capInto(logs.stdoutData, cap, &r.stdoutData, &r.stdoutBytes, &r.stdoutTruncated);
                    capInto(logs.stderrData, cap, &r.stderrData, &r.stderrBytes, &r.stderrTruncated);
                    deliverResult(r);
                    guard->complete();
                    return;
                }
                if (guard->clock.elapsed() > deadlineMs) {
                    ExecResult r;
                    r.durationMs = guard->clock.elapsed();
                    r.errorClass = ErrorClass::Timeout;
                    deliverResult(r);
                    guard->complete();
                    return;
                }
                QTimer::singleShot(m_options.logPollMs, guard, [poll] { (*poll)(); });
            });
        });
    };

    auto startCommand = [this, guard, sandboxId, tb, command, state, poll] {
        run(guard, m_client->sessionExecAsync(tb, sandboxId, kSession, command), [this, guard, sandboxId, tb, state, poll](ApiJob *j) {
            if (!j->error().ok() || !daytona::parseSessionExec(j->body(), &state->cmdId, nullptr)) {
                guard->fail(j->error().ok() ? makeSandboxError(ErrorClass::Infrastructure, DaytonaBackend::tr("The session command did not start."))
                                            : j->error().toSandboxError());
                return;
            }
            // Live output as it comes (docs/daytona-api.md §5.5); polling the logs remains the fallback.
            auto *follower = new LogFollower(m_client->sessionLogsStreamRequest(tb, sandboxId, kSession, state->cmdId), guard);
            state->follower = follower;
            connect(follower, &LogFollower::output, guard, [this, sandboxId, state](int stream, const QByteArray &chunk) {
                // A poll that ran before the stream connected may have emitted the log's first
                // bytes already; the stream sends the log from its beginning: emit only what is new.
                qint64 &seen = stream == 1 ? state->stdoutSeen : state->stderrSeen;
                qint64 &streamed = stream == 1 ? state->stdoutStreamed : state->stderrStreamed;
                streamed += chunk.size();
                if (streamed <= seen)
                    return;
                Q_EMIT outputReceived(sandboxId, stream, chunk.right(streamed - seen));
                seen = streamed;
            });
            (*poll)();
        });
    };

    if (m_sessions.contains(sandboxId)) {
        startCommand();
        return;
    }
    run(op, m_client->createSession(tb, sandboxId, kSession), [this, guard, sandboxId, startCommand](ApiJob *j) {
        if (!j->error().ok() && j->error().httpStatus != 409) {
            guard->fail(j->error().toSandboxError());
            return;
        }
        m_sessions.insert(sandboxId);
        startCommand();
    });
}

} // namespace mrp
