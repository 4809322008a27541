// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The emulated sandbox daemon: /toolbox/{id}/process/..., /files/..., sessions.
#include "emulatorserver.h"
#include "emulatorserver_p.h"
#include "multipart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mrp::emu {

namespace {

QString shellQuote(const QString &s)
{
    QString q = s;
    q.replace(u'\'', u"'\\''"_s);
    return u'\'' + q + u'\'';
}

// Unix mode bits (0755) of a file, from Qt's permission flags.
uint unixMode(const QFileInfo &fi)
{
    const QFileDevice::Permissions p = fi.permissions();
    uint m = 0;
    const std::pair<QFileDevice::Permission, uint> bits[] = {
        {QFileDevice::ReadOwner, 0400}, {QFileDevice::WriteOwner, 0200}, {QFileDevice::ExeOwner, 0100},
        {QFileDevice::ReadGroup, 040}, {QFileDevice::WriteGroup, 020}, {QFileDevice::ExeGroup, 010},
        {QFileDevice::ReadOther, 04}, {QFileDevice::WriteOther, 02}, {QFileDevice::ExeOther, 01}};
    for (const auto &[flag, bit] : bits) {
        if (p & flag)
            m |= bit;
    }
    return m;
}

QJsonObject fileInfo(const QFileInfo &fi)
{
    const uint mode = unixMode(fi);
    const QString perms = u"%1"_s.arg(mode, 4, 8, QChar(u'0'));   // "%04o", like the daemon
    QString text = fi.isDir() ? u"d"_s : u"-"_s;
    for (int shift = 6; shift >= 0; shift -= 3) {
        text += (mode >> shift) & 4 ? u'r' : u'-';
        text += (mode >> shift) & 2 ? u'w' : u'-';
        text += (mode >> shift) & 1 ? u'x' : u'-';
    }
    return QJsonObject{
        {u"name"_s, fi.fileName()},
        {u"size"_s, fi.size()},
        {u"mode"_s, text},
        {u"modTime"_s, fi.lastModified().toString()},
        {u"modifiedAt"_s, fi.lastModified().toUTC().toString(Qt::ISODate)},
        {u"isDir"_s, fi.isDir()},
        {u"owner"_s, QString::number(fi.ownerId())},
        {u"group"_s, QString::number(fi.groupId())},
        {u"permissions"_s, perms},
    };
}

// The daemon and the commands run as one user in a real sandbox. Here the emulator writes
// and the local sandbox may run commands under its own uid: keep what we create writable.
const QFileDevice::Permissions kOpenDir = QFileDevice::Permissions(0x7777);
const QFileDevice::Permissions kOpenFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
    | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;

// Like os.MkdirAll: every missing folder gets `perms` (by default open, see above).
bool makeDirs(const QString &dir, QFileDevice::Permissions perms = kOpenDir)
{
    QStringList missing;
    for (QFileInfo fi(dir); !fi.exists(); fi = QFileInfo(fi.absolutePath()))
        missing.prepend(fi.absoluteFilePath());
    if (!QDir().mkpath(dir))
        return false;
    for (const QString &d : std::as_const(missing))
        QFile::setPermissions(d, perms);
    return QFileInfo(dir).isDir();
}

// An octal mode (`755`) as Qt permissions; false when it is not one.
bool parseMode(const QString &text, QFileDevice::Permissions *out)
{
    bool ok = false;
    const uint mode = text.toUInt(&ok, 8);
    if (!ok || mode > 07777)
        return false;
    QFileDevice::Permissions p;
    const QFileDevice::Permission bits[9] = {QFileDevice::ExeOther, QFileDevice::WriteOther, QFileDevice::ReadOther,
                                             QFileDevice::ExeGroup, QFileDevice::WriteGroup, QFileDevice::ReadGroup,
                                             QFileDevice::ExeOwner, QFileDevice::WriteOwner, QFileDevice::ReadOwner};
    for (int i = 0; i < 9; ++i) {
        if (mode & (1u << i))
            p |= bits[i];
    }
    if (p & QFileDevice::ReadOwner)
        p |= QFileDevice::ReadUser;
    if (p & QFileDevice::WriteOwner)
        p |= QFileDevice::WriteUser;
    if (p & QFileDevice::ExeOwner)
        p |= QFileDevice::ExeUser;
    *out = p;
    return true;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    makeDirs(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(data);
    if (!f.commit())
        return false;
    QFile::setPermissions(path, kOpenFile);
    return true;
}

} // namespace

QString EmulatorServer::resolvePath(const Sandbox &sb, const QString &path) const
{
    const QString root = QDir::cleanPath(m_runtime->workDir(sb.id));
    if (path.isEmpty() || root.isEmpty())
        return {};
    QString rel = path;
    // The daemon's home and /work both mean the work directory here.
    for (const QString &prefix : {root, u"/home/daytona"_s, u"/work"_s}) {
        if (rel == prefix) {
            rel = QString();
            break;
        }
        if (rel.startsWith(prefix + u'/')) {
            rel = rel.mid(prefix.size() + 1);
            break;
        }
    }
    if (rel.startsWith(u'/'))
        return {};
    const QString full = QDir::cleanPath(root + u'/' + rel);
    if (full != root && !full.startsWith(root + u'/'))
        return {};
    return full;
}

void EmulatorServer::handleToolbox(const PendingPtr &p, Sandbox *sb, const QStringList &segs)
{
    using M = QHttpServerRequest::Method;
    const QString head = segs.value(0);
    if (head == "files"_L1) {
        handleFiles(p, sb, segs.mid(1));
        return;
    }
    if (head == "work-dir"_L1 || head == "user-home-dir"_L1) {
        replyJson(p, 200, QJsonObject{{u"dir"_s, m_runtime->commandPath(sb->id, m_runtime->workDir(sb->id))}});
        return;
    }
    if (head == "version"_L1) {
        replyJson(p, 200, QJsonObject{{u"version"_s, u"0.190.0"_s}});
        return;
    }
    if (head != "process"_L1) {
        toolboxError(p, 404, u"not found: no such endpoint"_s, "NOT_FOUND");
        return;
    }
    const QString what = segs.value(1);
    if (what == "session"_L1) {
        handleSession(p, sb, segs.mid(2));
        return;
    }
    if (p->method != M::Post || (what != "execute"_L1 && what != "code-run"_L1)) {
        toolboxError(p, 404, u"not found: no such endpoint"_s, "NOT_FOUND");
        return;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(p->body);
    if (!doc.isObject()) {
        toolboxError(p, 400, u"invalid request body"_s, "INVALID_REQUEST_BODY");
        return;
    }
    const QJsonObject body = doc.object();
    QMap<QString, QString> envs;
    static const QRegularExpression ident(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    const QJsonObject e = body.value(u"envs"_s).toObject();
    for (auto it = e.begin(); it != e.end(); ++it) {
        if (!ident.match(it.key()).hasMatch()) {
            toolboxError(p, 400, u"bad request: invalid environment variable name: %1"_s.arg(it.key()), "BAD_REQUEST");
            return;
        }
        envs.insert(it.key(), it.value().toString());
    }
    const int timeout = body.value(u"timeout"_s).toInt(0);
    QString command;
    if (what == "execute"_L1) {
        command = body.value(u"command"_s).toString();
        if (command.trimmed().isEmpty()) {
            toolboxError(p, 400, u"bad request: command is required"_s, "BAD_REQUEST");
            return;
        }
        const QString cwd = body.value(u"cwd"_s).toString();
        if (!cwd.isEmpty()) {
            const QString dir = resolvePath(*sb, cwd);
            if (dir.isEmpty()) {
                toolboxError(p, 400, u"bad request: invalid cwd"_s, "BAD_REQUEST");
                return;
            }
            command = u"cd "_s + shellQuote(m_runtime->commandPath(sb->id, dir)) + u" && "_s + command;
        }
    } else {
        const QString language = body.value(u"language"_s).toString(u"python"_s);
        QStringList argv;
        const QJsonArray a = body.value(u"argv"_s).toArray();
        for (const QJsonValue &v : a)
            argv.append(v.toString());
        const QString b64 = QString::fromLatin1(body.value(u"code"_s).toString().toUtf8().toBase64());
        const QString interp = language == "python"_L1 ? u"python3 -u -"_s
                             : language == "javascript"_L1 ? u"node -"_s : QString();
        if (interp.isEmpty()) {
            toolboxError(p, 400, u"bad request: unsupported language %1"_s.arg(language), "BAD_REQUEST");
            return;
        }
        command = u"printf '%s' '"_s + b64 + u"' | base64 -d | "_s + interp + (argv.isEmpty() ? QString() : u' ' + argv.join(u' '));
    }
    if (m_options.hangExecRate > 0 && m_rng.generateDouble() < m_options.hangExecRate) {
        ++m_hangs;
        m_hung.append(p);   // never answered; the client's timeout must handle it
        return;
    }
    runExec(p, sb, command, envs, timeout, what == "code-run"_L1);
}

void EmulatorServer::runExec(const PendingPtr &p, Sandbox *sb, const QString &command,
                             const QMap<QString, QString> &envs, int timeoutSec, bool codeRun)
{
    m_runtime->run(sb->id, command, envs, timeoutSec, {}, [this, p, codeRun](const EmulatorRuntime::Result &r) {
        if (r.timedOut) {
            toolboxError(p, 408, u"request timeout: command execution timeout"_s, "REQUEST_TIMEOUT");
            return;
        }
        if (r.killed) {
            toolboxError(p, 410, u"gone: sandbox was destroyed"_s, "GONE");
            return;
        }
        QJsonObject o{{u"exitCode"_s, r.exitCode}, {u"result"_s, QString::fromUtf8(r.combined)}};
        if (codeRun)
            o.insert(u"artifacts"_s, QJsonObject{{u"charts"_s, QJsonArray()}});
        replyJson(p, 200, o);
    });
}

void EmulatorServer::handleFiles(const PendingPtr &p, Sandbox *sb, const QStringList &segs)
{
    using M = QHttpServerRequest::Method;
    const QString op = segs.value(0);
    const QString pathArg = p->query.queryItemValue(u"path"_s, QUrl::FullyDecoded);

    if (op == "bulk-upload"_L1 && p->method == M::Post) {
        QList<FormPart> parts;
        QString why;
        if (!parseMultipart(p->body, boundaryOf(p->header("Content-Type")), &parts, &why)) {
            toolboxError(p, 400, u"bad request: "_s + why, "BAD_REQUEST");
            return;
        }
        static const QRegularExpression field(u"^files\\[(\\d+)\\]\\.(path|file)$"_s);
        QHash<QString, QString> pathFor;
        QJsonArray written;
        for (const FormPart &part : std::as_const(parts)) {
            const auto m = field.match(QString::fromUtf8(part.name));
            if (!m.hasMatch())
                continue;
            if (m.captured(2) == "path"_L1) {
                pathFor.insert(m.captured(1), QString::fromUtf8(part.body));
                continue;
            }
            const QString dest = pathFor.value(m.captured(1));
            const QString full = resolvePath(*sb, dest);
            if (dest.isEmpty() || full.isEmpty() || !writeFile(full, part.body)) {
                replyJson(p, 400, QJsonObject{{u"errors"_s, QJsonArray{dest.isEmpty() ? u"file part without a preceding path part"_s
                                                                                     : u"cannot write "_s + dest}},
                                              {u"files"_s, written}});
                return;
            }
            written.append(QJsonObject{{u"path"_s, dest}, {u"bytes"_s, part.body.size()}});
        }
        replyJson(p, 200, QJsonObject{{u"files"_s, written}});
        return;
    }
    // Failures of the single-file calls below answer with a status and an empty body: the
    // daemon aborts with the status before its error middleware, which then writes nothing
    // (apps/daemon/pkg/toolbox/fs/*.go, libs/common-go/pkg/errors/middleware.go).
    if (op == "upload"_L1 && p->method == M::Post) {
        // The parent folders are made (gin's SaveUploadedFile), the file replaced.
        QList<FormPart> parts;
        QString why;
        const QString full = resolvePath(*sb, pathArg);
        if (pathArg.isEmpty() || full.isEmpty()
            || !parseMultipart(p->body, boundaryOf(p->header("Content-Type")), &parts, &why)) {
            reply(p, 400, {}, {});
            return;
        }
        const auto file = std::find_if(parts.cbegin(), parts.cend(), [](const FormPart &part) { return part.name == "file"; });
        if (file == parts.cend() || QFileInfo(full).isDir() || !writeFile(full, file->body)) {
            reply(p, 400, {}, {});
            return;
        }
        reply(p, 200, {}, {});
        return;
    }
    if (op == "download"_L1 && p->method == M::Get) {
        ++m_downloads;
        const QString full = resolvePath(*sb, pathArg);
        const QFileInfo fi(full);
        if (pathArg.isEmpty()) {
            reply(p, 400, {}, {});
        } else if (full.isEmpty()) {
            reply(p, 403, {}, {});   // outside what the emulator exposes: as if not permitted
        } else if (!fi.exists()) {
            reply(p, 404, {}, {});   // empty body, like the daemon
        } else if (fi.isDir()) {
            reply(p, 400, {}, {});
        } else {
            QFile f(full);
            if (!f.open(QIODevice::ReadOnly)) {
                reply(p, 403, {}, {});
                return;
            }
            QHttpHeaders h;
            h.append("Content-Description", "File Transfer");
            h.append(QHttpHeaders::WellKnownHeader::ContentDisposition,
                     "attachment; filename=\"" + fi.fileName().toUtf8() + "\"; filename*=utf-8''"
                         + QUrl::toPercentEncoding(fi.fileName()));
            h.append("Content-Transfer-Encoding", "binary");
            h.append("Expires", "0");
            h.append("Cache-Control", "must-revalidate");
            h.append("Pragma", "public");
            reply(p, 200, f.readAll(), "application/octet-stream", h);
        }
        return;
    }
    if (op == "bulk-download"_L1 && p->method == M::Post) {
        const QJsonArray paths = QJsonDocument::fromJson(p->body).object().value(u"paths"_s).toArray();
        if (paths.isEmpty()) {
            replyJson(p, 400, QJsonObject{{u"error"_s, u"no paths"_s}});
            return;
        }
        QList<FormPart> parts;
        for (const QJsonValue &v : paths) {
            const QString path = v.toString();
            const QString full = resolvePath(*sb, path);
            QFile f(full);
            FormPart part;
            part.fileName = path.toUtf8();
            if (!full.isEmpty() && QFileInfo(full).isFile() && f.open(QIODevice::ReadOnly)) {
                part.name = "file";
                part.body = f.readAll();
            } else {
                part.name = "error";
                part.contentType = "application/json";
                part.body = QJsonDocument(QJsonObject{{u"statusCode"_s, 404}, {u"message"_s, u"file not found"_s},
                                                      {u"code"_s, u"FILE_NOT_FOUND"_s}, {u"path"_s, path},
                                                      {u"method"_s, u"POST"_s}}).toJson(QJsonDocument::Compact);
            }
            parts.append(part);
        }
        reply(p, 200, writeMultipart(parts, "DAYTONA-FILE-BOUNDARY"), "multipart/form-data; boundary=DAYTONA-FILE-BOUNDARY");
        return;
    }
    if (op == "info"_L1 && p->method == M::Get) {
        const QFileInfo fi(resolvePath(*sb, pathArg));
        if (!fi.exists())
            reply(p, 404, {}, {});
        else
            replyJson(p, 200, fileInfo(fi));
        return;
    }
    if (op == "folder"_L1 && p->method == M::Post) {
        // mode: octal, 0755 by default, given to every folder made (os.MkdirAll); without one
        // the emulator keeps its folders open (see kOpenDir).
        const QString full = resolvePath(*sb, pathArg);
        QFileDevice::Permissions perms = kOpenDir;
        const QString mode = p->query.queryItemValue(u"mode"_s);
        if (pathArg.isEmpty() || full.isEmpty() || (!mode.isEmpty() && !parseMode(mode, &perms)) || !makeDirs(full, perms))
            reply(p, 400, {}, {});
        else
            reply(p, 201, {}, {});
        return;
    }
    if (op.isEmpty() && p->method == M::Get) {
        const QString full = resolvePath(*sb, pathArg.isEmpty() ? u"."_s : pathArg);
        QJsonArray list;
        const QFileInfoList entries = QDir(full).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
        for (const QFileInfo &fi : entries)
            list.append(fileInfo(fi));
        replyJson(p, 200, list);
        return;
    }
    if (op.isEmpty() && p->method == M::Delete) {
        const QString full = resolvePath(*sb, pathArg);
        const QFileInfo fi(full);
        if (pathArg.isEmpty()) {
            reply(p, 400, {}, {});
            return;
        }
        if (full.isEmpty()) {
            reply(p, 403, {}, {});
            return;
        }
        if (!fi.exists() && !fi.isSymLink()) {
            reply(p, 404, {}, {});
            return;
        }
        // Like the daemon (delete_file.go): a folder, even an empty one, goes only with
        // recursive=true; recursive removes whatever the path is.
        const bool recursive = p->query.queryItemValue(u"recursive"_s) == "true"_L1;
        if (fi.isDir() && !recursive) {
            reply(p, 400, {}, {});
            return;
        }
        const bool removed = fi.isDir() && !fi.isSymLink() ? QDir(full).removeRecursively() : QFile::remove(full);
        reply(p, removed ? 204 : 400, {}, {});
        return;
    }
    toolboxError(p, 404, u"not found: no such endpoint"_s, "NOT_FOUND");
}

void EmulatorServer::handleSession(const PendingPtr &p, Sandbox *sb, const QStringList &segs)
{
    using M = QHttpServerRequest::Method;
    if (segs.isEmpty()) {
        if (p->method == M::Post) {
            const QString sid = QJsonDocument::fromJson(p->body).object().value(u"sessionId"_s).toString();
            if (sid.isEmpty() || sid == "entrypoint"_L1) {
                toolboxError(p, 400, u"bad request: invalid session id"_s, "BAD_REQUEST");
                return;
            }
            if (sb->sessions.contains(sid)) {
                toolboxError(p, 409, u"conflict: session already exists"_s, "CONFLICT");
                return;
            }
            sb->sessions.insert(sid, Session{sid, {}});
            reply(p, 201, {}, {});
            return;
        }
        QJsonArray list;
        for (const Session &s : std::as_const(sb->sessions))
            list.append(QJsonObject{{u"sessionId"_s, s.id}, {u"commands"_s, QJsonArray()}});
        replyJson(p, 200, list);
        return;
    }
    const QString sid = segs[0];
    if (!sb->sessions.contains(sid)) {
        toolboxError(p, 404, u"not found: session not found"_s, "NOT_FOUND");
        return;
    }
    Session &session = sb->sessions[sid];
    auto commandJson = [](const Session::Command &c) {
        QJsonObject o{{u"id"_s, c.id}, {u"command"_s, c.command}};
        if (c.finished)
            o.insert(u"exitCode"_s, c.exitCode);
        return o;
    };
    if (segs.size() == 1) {
        if (p->method == M::Delete) {
            for (const Session::Command &c : std::as_const(session.commands))
                if (!c.finished)
                    m_runtime->kill(c.handle);
            sb->sessions.remove(sid);
            reply(p, 204, {}, {});
            return;
        }
        QJsonArray cmds;
        for (const Session::Command &c : std::as_const(session.commands))
            cmds.append(commandJson(c));
        replyJson(p, 200, QJsonObject{{u"sessionId"_s, sid}, {u"commands"_s, cmds}});
        return;
    }
    if (segs.size() == 2 && segs[1] == "exec"_L1 && p->method == M::Post) {
        const QJsonObject body = QJsonDocument::fromJson(p->body).object();
        const QString command = body.value(u"command"_s).toString();
        if (command.trimmed().isEmpty()) {
            toolboxError(p, 400, u"bad request: command is required"_s, "BAD_REQUEST");
            return;
        }
        const bool async = body.value(u"runAsync"_s).toBool() || body.value(u"async"_s).toBool();
        Session::Command cmd;
        cmd.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        cmd.command = command;
        const QString sbId = sb->id, cid = cmd.id;
        const bool modern = p->modernShapes;
        session.commands.append(cmd);
        auto find = [this, sbId, sid, cid]() -> Session::Command * {
            Sandbox *s = m_sandboxes.value(sbId);
            if (!s || !s->sessions.contains(sid))
                return nullptr;
            return s->sessions[sid].command(cid);
        };
        const quint64 handle = m_runtime->run(sbId, command, {}, 0,
            [find](int stream, const QByteArray &chunk) {
                if (Session::Command *c = find())
                    c->append(stream, chunk, false);
            },
            [this, p = async ? PendingPtr() : p, find, async, modern, cid](const EmulatorRuntime::Result &r) {
                Session::Command *c = find();
                if (c) {
                    // Whatever the live output did not deliver yet (the local runtime reports
                    // only at the end), then the unterminated last lines.
                    c->append(1, r.out.mid(c->out.size()), true);
                    c->append(2, r.err.mid(c->err.size()), true);
                    c->exitCode = r.exitCode;
                    c->finished = true;
                }
                if (async)
                    return;
                QJsonObject o{{u"cmdId"_s, cid}, {u"exitCode"_s, r.exitCode}};
                if (modern) {
                    o.insert(u"output"_s, QString::fromUtf8(r.framed));
                    o.insert(u"stdout"_s, QString::fromUtf8(r.out));
                    o.insert(u"stderr"_s, QString::fromUtf8(r.err));
                } else {
                    o.insert(u"output"_s, QString::fromUtf8(stripMarkers(r.framed)));
                }
                replyJson(p, 200, o);
            });
        if (Session::Command *c = find())
            c->handle = handle;
        if (async)
            replyJson(p, 202, QJsonObject{{u"cmdId"_s, cid}});
        return;
    }
    if (segs.size() >= 3 && segs[1] == "command"_L1) {
        Session::Command *c = session.command(segs[2]);
        if (!c) {
            toolboxError(p, 404, u"not found: command not found"_s, "NOT_FOUND");
            return;
        }
        if (segs.size() == 3) {
            replyJson(p, 200, commandJson(*c));
            return;
        }
        if (segs.size() == 4 && segs[3] == "logs"_L1) {
            if (p->modernShapes)
                replyJson(p, 200, QJsonObject{{u"output"_s, QString::fromUtf8(c->framed)},
                                              {u"stdout"_s, QString::fromUtf8(c->out)},
                                              {u"stderr"_s, QString::fromUtf8(c->err)}});
            else
                reply(p, 200, stripMarkers(c->framed), "text/plain; charset=utf-8");
            return;
        }
    }
    toolboxError(p, 404, u"not found: no such endpoint"_s, "NOT_FOUND");
}

} // namespace mrp::emu
