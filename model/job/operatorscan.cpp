// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/operatorscan.h"

#include <QRegularExpression>
#include <QStringList>

namespace mrp {

namespace {

// The code with comments and string literals replaced by spaces (line breaks kept), so
// positions still match the original text.
QString blank(const QString &src)
{
    QString out = src;
    const qsizetype n = src.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = src.at(i);
        if (c == u'#') {
            while (i < n && src.at(i) != u'\n')
                out[i++] = u' ';
            continue;
        }
        if (c == u'"' || c == u'\'') {
            const bool triple = i + 2 < n && src.at(i + 1) == c && src.at(i + 2) == c;
            const qsizetype qlen = triple ? 3 : 1;
            // Keep the quotes themselves so "open('x', 'w')" still shows where strings were.
            i += qlen;
            while (i < n) {
                if (src.at(i) == u'\\' && i + 1 < n) {
                    out[i] = u' ';
                    if (src.at(i + 1) != u'\n')
                        out[i + 1] = u' ';
                    i += 2;
                    continue;
                }
                if (src.at(i) == c && (!triple || (i + 2 < n && src.at(i + 1) == c && src.at(i + 2) == c))) {
                    i += qlen;
                    break;
                }
                if (!triple && src.at(i) == u'\n')
                    break;   // unterminated single-line string: stop at the line end
                if (src.at(i) != u'\n')
                    out[i] = u' ';
                ++i;
            }
            continue;
        }
        ++i;
    }
    return out;
}

void position(const QString &text, qsizetype offset, int *line, int *column)
{
    const QStringView before = QStringView(text).left(offset);
    *line = int(before.count(u'\n')) + 1;
    *column = int(offset - (before.lastIndexOf(u'\n') + 1)) + 1;
}

bool moduleMatches(const QString &module, const QStringList &list)
{
    for (const QString &m : list) {
        if (module == m || module.startsWith(m + u'.'))
            return true;
    }
    return false;
}

} // namespace

QList<OperatorFinding> scanOperatorPolicy(const QByteArray &code, const OperatorPolicy &policy)
{
    QList<OperatorFinding> out;
    const QString src = QString::fromUtf8(code);
    const QString text = blank(src);
    static const QRegularExpression importRe(
        QStringLiteral("^[ \\t]*(?:import[ \\t]+([^\\n;]+)|from[ \\t]+([A-Za-z_][A-Za-z0-9_.]*)[ \\t]+import\\b)"),
        QRegularExpression::MultilineOption);
    for (auto it = importRe.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        QList<std::pair<QString, qsizetype>> modules;   // module, offset in text
        if (m.capturedLength(1) > 0) {
            qsizetype offset = m.capturedStart(1);
            for (const QString &raw : m.captured(1).split(u',')) {
                const qsizetype lead = raw.size() - raw.trimmed().size() == 0 ? 0 : raw.indexOf(raw.trimmed());
                const QString part = raw.trimmed().section(u' ', 0, 0).trimmed();
                if (!part.isEmpty())
                    modules.append({part, offset + std::max<qsizetype>(0, lead)});
                offset += raw.size() + 1;
            }
        } else {
            modules.append({m.captured(2), m.capturedStart(2)});
        }
        for (const auto &[mod, at] : std::as_const(modules)) {
            OperatorFinding f;
            position(text, at, &f.line, &f.column);
            f.name = mod;
            if (moduleMatches(mod, policy.blockedImports)) {
                f.kind = OperatorFinding::Kind::BlockedImport;
                out.append(f);
            } else if (!policy.allowedImports.isEmpty() && !moduleMatches(mod, policy.allowedImports)) {
                f.kind = OperatorFinding::Kind::ImportNotAllowed;
                out.append(f);
            }
        }
    }
    static const QRegularExpression callRe(QStringLiteral("(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_]*(?:[ \\t]*\\.[ \\t]*[A-Za-z_][A-Za-z0-9_]*)*)[ \\t]*\\("));
    static const QRegularExpression defRe(QStringLiteral("(?:def|class)[ \\t]+$"));
    for (auto it = callRe.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        QString name = m.captured(1);
        name.remove(u' ').remove(u'\t');
        if (!policy.blockedCalls.contains(name))
            continue;
        const qsizetype lineStart = text.lastIndexOf(u'\n', m.capturedStart(1)) + 1;
        if (defRe.match(text.mid(lineStart, m.capturedStart(1) - lineStart)).hasMatch())
            continue;   // a definition, not a call
        OperatorFinding f;
        f.kind = OperatorFinding::Kind::BlockedCall;
        f.name = name;
        position(text, m.capturedStart(1), &f.line, &f.column);
        out.append(f);
    }
    return out;
}

QList<OperatorFinding> scanOperatorWrites(const QByteArray &code)
{
    QList<OperatorFinding> out;
    const QString src = QString::fromUtf8(code);
    const QString text = blank(src);
    static const QRegularExpression callRe(QStringLiteral("(?<![A-Za-z0-9_])(\\.?[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)[ \\t]*\\("));
    static const QStringList methods = {
        QStringLiteral("write_text"), QStringLiteral("write_bytes"), QStringLiteral("mkdir"), QStringLiteral("unlink"),
        QStringLiteral("rmdir"), QStringLiteral("touch"),
    };
    static const QStringList osCalls = {
        QStringLiteral("os.remove"), QStringLiteral("os.unlink"), QStringLiteral("os.rename"), QStringLiteral("os.replace"),
        QStringLiteral("os.mkdir"), QStringLiteral("os.makedirs"), QStringLiteral("os.rmdir"), QStringLiteral("os.removedirs"),
    };
    static const QRegularExpression writeMode(QStringLiteral("['\"][rbtU]*[wax+][rwaxbtU+]*['\"]"));
    for (auto it = callRe.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString name = m.captured(1);
        const QString last = name.section(u'.', -1);
        bool write = false;
        if (name.contains(u'.') && methods.contains(last) && !osCalls.contains(name))
            write = true;
        else if (osCalls.contains(name) || name.startsWith(QStringLiteral("shutil.")))
            write = true;
        else if (name == u"open" || name == u"io.open" || name.endsWith(QStringLiteral(".open"))) {
            // Find the closing parenthesis in the blanked text, then look at the original arguments.
            qsizetype depth = 0;
            qsizetype end = m.capturedEnd(0) - 1;
            for (qsizetype i = end; i < text.size(); ++i) {
                if (text.at(i) == u'(')
                    ++depth;
                else if (text.at(i) == u')' && --depth == 0) {
                    end = i;
                    break;
                }
            }
            const QString args = src.mid(m.capturedEnd(0), end - m.capturedEnd(0));
            write = writeMode.match(args).hasMatch();
        }
        if (!write)
            continue;
        OperatorFinding f;
        f.kind = OperatorFinding::Kind::FileWrite;
        f.name = name.startsWith(u'.') ? name.mid(1) : name;
        position(text, m.capturedStart(1), &f.line, &f.column);
        out.append(f);
    }
    return out;
}

bool definesFunction(const QByteArray &code, const QString &name)
{
    const QRegularExpression re(QStringLiteral("^(?:async[ \\t]+)?def[ \\t]+") + QRegularExpression::escape(name)
                                    + QStringLiteral("[ \\t]*\\("),
                                QRegularExpression::MultilineOption);
    return re.match(blank(QString::fromUtf8(code))).hasMatch();
}

} // namespace mrp
