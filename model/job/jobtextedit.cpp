// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/jobtextedit.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <string>

namespace mrp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::JobTextEdit)
};

// yaml-cpp marks count bytes of the UTF-8 text; the editor counts UTF-16 code units.
qsizetype toTextIndex(const std::string &utf8, std::size_t byte)
{
    return QString::fromUtf8(utf8.data(), qsizetype(std::min(byte, utf8.size()))).size();
}

std::size_t lineEnd(const std::string &s, std::size_t from)
{
    const std::size_t nl = s.find('\n', from);
    std::size_t end = nl == std::string::npos ? s.size() : nl;
    if (end > from && s[end - 1] == '\r')
        --end;
    return end;
}

// The byte just after the scalar that starts at `from` (its quotes included; a plain scalar
// ends at a comment, the line end, or — inside a flow mapping — a ',' '}' or ']').
std::size_t scalarEnd(const std::string &s, std::size_t from, bool flow)
{
    if (from < s.size() && (s[from] == '\'' || s[from] == '"')) {
        const char quote = s[from];
        for (std::size_t i = from + 1; i < s.size(); ++i) {
            if (quote == '"' && s[i] == '\\') {
                ++i;
            } else if (s[i] == quote) {
                if (quote == '\'' && i + 1 < s.size() && s[i + 1] == '\'')
                    ++i;
                else
                    return i + 1;
            }
        }
        return s.size();
    }
    const std::size_t eol = lineEnd(s, from);
    std::size_t end = eol;
    for (std::size_t i = from; i < eol; ++i) {
        if (s[i] == '#' && i > from && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
            end = i;
            break;
        }
        if (flow && (s[i] == ',' || s[i] == '}' || s[i] == ']')) {
            end = i;
            break;
        }
    }
    while (end > from && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        --end;
    return end;
}

// "key: value\n" lines for the keys still missing, as a block at `indent`.
QString blockLines(const QStringList &keys, int indent, const QString &value)
{
    QString out;
    for (int i = 0; i < keys.size(); ++i) {
        out += QString(indent + 2 * i, QLatin1Char(' ')) + keys.at(i) + QLatin1Char(':');
        out += i + 1 == keys.size() ? QString(QLatin1Char(' ') + value + QLatin1Char('\n')) : QStringLiteral("\n");
    }
    return out;
}

QString flowPair(const QStringList &keys, const QString &value)
{
    QString out = value;
    for (qsizetype i = keys.size() - 1; i >= 0; --i)
        out = i + 1 == keys.size() ? QString(keys.at(i) + QStringLiteral(": ") + out)
                                   : QString(keys.at(i) + QStringLiteral(": { ") + out + QStringLiteral(" }"));
    return out;
}

JobTextEdit failed(const QString &why)
{
    JobTextEdit e;
    e.error = why;
    return e;
}

} // namespace

QString yamlScalar(const QString &value)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./~+-][A-Za-z0-9_./~+@ -]*$"));
    static const QRegularExpression special(QStringLiteral("^(?:true|false|yes|no|on|off|null|~|[-+]?[0-9.]+(?:e[-+]?[0-9]+)?)$"),
                                            QRegularExpression::CaseInsensitiveOption);
    if (!value.isEmpty() && plain.match(value).hasMatch() && !special.match(value).hasMatch() && !value.endsWith(QLatin1Char(' ')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

JobTextEdit jobScalarEdit(const QString &text, const QStringList &keyPath, const QString &yamlValue)
{
    if (keyPath.isEmpty())
        return failed(QStringLiteral("no key given"));
    const std::string s = text.toStdString();
    YAML::Node root;
    std::string newScalar;
    try {
        root.reset(YAML::Load(s));
        newScalar = YAML::Load(yamlValue.toStdString()).Scalar();
    } catch (const YAML::Exception &e) {
        return failed(Tr::tr("The job file is not valid YAML (line %1): fix it first.")
                          .arg(e.mark.line + 1));
    }
    if (!root.IsMap() && !root.IsNull())
        return failed(Tr::tr("The job file is not a mapping of keys: fix it first."));

    JobTextEdit edit;
    edit.ok = true;
    // Nodes are handles: reset() moves one; `=` would assign into the tree.
    YAML::Node parent;
    parent.reset(root);
    for (int depth = 0; depth < keyPath.size(); ++depth) {
        const std::string key = keyPath.at(depth).toStdString();
        const bool last = depth + 1 == keyPath.size();
        const bool flow = parent.IsMap() && parent.Style() == YAML::EmitterStyle::Flow;
        bool found = false;
        YAML::Node foundKey;
        YAML::Node foundValue;
        if (parent.IsMap()) {
            for (auto it = parent.begin(); it != parent.end(); ++it) {
                if (it->first.IsScalar() && it->first.Scalar() == key) {
                    found = true;
                    foundKey.reset(it->first);
                    foundValue.reset(it->second);
                }
            }
        }
        if (found && !foundValue.IsNull()) {
            if (last) {
                if (!foundValue.IsScalar())
                    return failed(Tr::tr("%1 is not a single value in the job file.")
                                      .arg(keyPath.join(QLatin1Char('.'))));
                if (foundValue.Scalar() == newScalar)
                    return edit;
                const std::size_t from = foundValue.Mark().pos;
                const std::size_t to = scalarEnd(s, from, flow);
                edit.position = toTextIndex(s, from);
                edit.length = toTextIndex(s, to) - edit.position;
                edit.text = yamlValue;
                return edit;
            }
            if (!foundValue.IsMap())
                return failed(Tr::tr("%1 is not a mapping in the job file.")
                                  .arg(keyPath.mid(0, depth + 1).join(QLatin1Char('.'))));
            parent.reset(foundValue);
            continue;
        }
        const QStringList missing = keyPath.mid(depth);
        if (found) {
            // `key:` with no value (or ~ / null): the value goes after the colon.
            const std::size_t keyPos = foundKey.Mark().pos;
            std::size_t colon = s.find(':', keyPos);
            if (colon == std::string::npos)
                return failed(QStringLiteral("no ':' after the key"));
            std::size_t valueFrom = colon + 1;
            while (valueFrom < s.size() && s[valueFrom] == ' ')
                ++valueFrom;
            std::size_t valueTo = valueFrom;
            if (s.compare(valueFrom, 1, "~") == 0)
                valueTo = valueFrom + 1;
            else if (s.compare(valueFrom, 4, "null") == 0)
                valueTo = valueFrom + 4;
            if (last || flow) {
                edit.position = toTextIndex(s, colon + 1);
                edit.length = toTextIndex(s, valueTo) - edit.position;
                edit.text = QLatin1Char(' ')
                    + (last ? yamlValue : QString(QStringLiteral("{ ") + flowPair(missing.mid(1), yamlValue) + QStringLiteral(" }")));
                return edit;
            }
            const std::size_t eol = lineEnd(s, keyPos);
            edit.position = toTextIndex(s, valueFrom);
            edit.length = toTextIndex(s, valueTo == valueFrom ? valueFrom : valueTo) - edit.position;
            const int indent = int(foundKey.Mark().column) + 2;
            edit.position = valueTo == valueFrom ? toTextIndex(s, eol) : edit.position;
            edit.text = QLatin1Char('\n') + blockLines(missing.mid(1), indent, yamlValue).chopped(1);
            return edit;
        }
        // The key is missing from `parent`.
        if (!parent.IsMap() || parent.size() == 0) {
            if (depth == 0) {
                // An empty document or only comments: start the keys at the end.
                const bool needsNewline = !s.empty() && s.back() != '\n';
                edit.position = text.size();
                edit.text = (needsNewline ? QStringLiteral("\n") : QString()) + blockLines(missing, 0, yamlValue);
                return edit;
            }
            if (flow) {
                const std::size_t brace = s.find('{', parent.Mark().pos);
                edit.position = toTextIndex(s, brace + 1);
                edit.text = QLatin1Char(' ') + flowPair(missing, yamlValue) + QLatin1Char(' ');
                return edit;
            }
            return failed(QStringLiteral("unexpected layout"));
        }
        if (depth == 0) {
            const bool needsNewline = !s.empty() && s.back() != '\n';
            edit.position = text.size();
            edit.text = (needsNewline ? QStringLiteral("\n") : QString()) + blockLines(missing, 0, yamlValue);
            return edit;
        }
        const YAML::Mark first = parent.begin()->first.Mark();
        if (flow) {
            edit.position = toTextIndex(s, first.pos);
            edit.text = flowPair(missing, yamlValue) + QStringLiteral(", ");
            return edit;
        }
        edit.position = toTextIndex(s, first.pos - first.column);
        edit.text = blockLines(missing, int(first.column), yamlValue);
        return edit;
    }
    return edit;
}

} // namespace mrp
