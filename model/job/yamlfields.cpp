// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/yamlfields.h"

#include "data/inputfile.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::YamlFields)
};

// Deeper nesting than this is no job file; refusing it early keeps yaml-cpp's recursive
// descent far from the stack limit on hostile input.
constexpr int MaxNesting = 64;

// Rough nesting estimate: flow brackets outside quotes and comments, and block indentation
// (leading spaces and "- " per line). Conservative: a false alarm needs absurd input.
bool nestingTooDeep(const QByteArray &text, int *lineOut)
{
    int depth = 0;
    int line = 1;
    bool lineStart = true;
    int lead = 0;
    char quote = 0;
    bool comment = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '\n') {
            ++line;
            lineStart = true;
            lead = 0;
            comment = false;
            if (quote == '\'')   // single-quoted scalars may span lines; keep state
                continue;
            continue;
        }
        if (lineStart) {
            if (c == ' ' || c == '-' || c == '\t' || c == '?') {
                if (++lead > 2 * MaxNesting * 4) {
                    *lineOut = line;
                    return true;
                }
                continue;
            }
            lineStart = false;
        }
        if (comment)
            continue;
        if (quote) {
            if (quote == '"' && c == '\\') {
                ++i;
                continue;
            }
            if (c == quote)
                quote = 0;
            continue;
        }
        switch (c) {
        case '"':
        case '\'':
            quote = c;
            break;
        case '#':
            comment = true;
            break;
        case '[':
        case '{':
            if (++depth > MaxNesting) {
                *lineOut = line;
                return true;
            }
            break;
        case ']':
        case '}':
            depth = std::max(0, depth - 1);
            break;
        default:
            break;
        }
    }
    return false;
}

const QRegularExpression &intRe()
{
    static const QRegularExpression re(QStringLiteral("\\A[-+]?[0-9]+\\z"));
    return re;
}

const QRegularExpression &floatRe()
{
    static const QRegularExpression re(
        QStringLiteral("\\A[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?\\z"));
    return re;
}

} // namespace

int editDistance(const QString &a, const QString &b)
{
    QList<int> prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int subst = prev[j - 1] + (a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

QString closestMatch(const QString &word, const QStringList &candidates)
{
    QString best;
    int bestDistance = std::numeric_limits<int>::max();
    const int limit = std::max<int>(2, int(word.size()) / 3);
    for (const QString &c : candidates) {
        const int d = editDistance(word, c);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return bestDistance <= limit ? best : QString();
}

YamlFields::YamlFields(const QString &file, QList<Diagnostic> *diagnostics, QHash<QString, SourcePos> *positions)
    : m_file(file)
    , m_diagnostics(diagnostics)
    , m_positions(positions)
{
}

bool YamlFields::parse(const QByteArray &text, YAML::Node *root)
{
    int deepLine = 0;
    if (nestingTooDeep(text, &deepLine)) {
        error(SourcePos{deepLine, 1}, QString(), Tr::tr("the document is nested too deeply (more than %1 levels)").arg(MaxNesting),
              Tr::tr("Flatten the structure; a job file needs only a few levels."));
        return false;
    }
    EncodingProblem bad;
    if (findEncodingProblem(text, &bad)) {
        error(SourcePos{bad.line, bad.column}, QString(),
              bad.nul ? Tr::tr("the file holds a NUL byte") : Tr::tr("the file is not valid UTF-8"),
              Tr::tr("Save the file as UTF-8 text; YAML files hold no binary data."));
        return false;
    }
    try {
        const std::vector<YAML::Node> docs = YAML::LoadAll(text.toStdString());
        if (docs.size() > 1) {
            // A second document would be ignored silently by a reader that takes the first.
            const SourcePos second = pos(docs[1]);
            error(second.line > 0 ? SourcePos{second.line, 1} : SourcePos{}, QString(),
                  Tr::tr("the file holds %1 YAML documents; it must hold one").arg(docs.size()),
                  Tr::tr("Remove the '---' line and everything after it, or put the second document in a file of its own."));
            return false;
        }
        *root = docs.empty() ? YAML::Node() : docs.front();
        return true;
    } catch (const YAML::Exception &e) {
        const SourcePos at = e.mark.is_null() ? SourcePos{} : SourcePos{e.mark.line + 1, e.mark.column + 1};
        error(at, QString(), Tr::tr("YAML syntax error: %1").arg(QString::fromStdString(e.msg)),
              Tr::tr("Check the indentation, quotes and brackets around this position."));
    } catch (const std::exception &e) {
        error(SourcePos{}, QString(), Tr::tr("cannot parse the YAML document: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    return false;
}

SourcePos YamlFields::pos(const YAML::Node &node)
{
    if (!node.IsDefined())
        return {};
    const YAML::Mark m = node.Mark();
    if (m.is_null())
        return {};
    return SourcePos{m.line + 1, m.column + 1};
}

QString YamlFields::join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

QString YamlFields::scalar(const YAML::Node &node)
{
    return node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

QString YamlFields::describe(const YAML::Node &node)
{
    if (!node.IsDefined() || node.IsNull())
        return Tr::tr("nothing");
    if (node.IsMap())
        return Tr::tr("a mapping");
    if (node.IsSequence())
        return Tr::tr("a list");
    const QString s = scalar(node);
    if (toNumber(node))
        return Tr::tr("the number %1").arg(s);
    QString shown = s.left(40);
    if (shown.size() < s.size())
        shown += QStringLiteral("…");
    return Tr::tr("the text \"%1\"").arg(shown);
}

std::optional<qint64> YamlFields::toInteger(const YAML::Node &node)
{
    if (!node.IsScalar() || node.Tag() == "!")
        return std::nullopt;
    const QString s = scalar(node);
    if (!intRe().match(s).hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 v = s.toLongLong(&ok);
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

std::optional<double> YamlFields::toNumber(const YAML::Node &node)
{
    if (!node.IsScalar() || node.Tag() == "!")
        return std::nullopt;
    const QString s = scalar(node);
    if (!floatRe().match(s).hasMatch())
        return std::nullopt;
    bool ok = false;
    const double v = s.toDouble(&ok);
    return ok && std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::optional<bool> YamlFields::toBool(const YAML::Node &node)
{
    if (!node.IsScalar() || node.Tag() == "!")
        return std::nullopt;
    const QString s = scalar(node).toLower();
    if (s == u"true")
        return true;
    if (s == u"false")
        return false;
    return std::nullopt;
}

void YamlFields::error(SourcePos at, const QString &keyPath, const QString &message, const QString &hint)
{
    m_diagnostics->append(Diagnostic::error(m_file, at.line, at.column, keyPath, message, hint));
}

void YamlFields::error(const YAML::Node &at, const QString &keyPath, const QString &message, const QString &hint)
{
    error(pos(at), keyPath, message, hint);
}

void YamlFields::warning(const YAML::Node &at, const QString &keyPath, const QString &message, const QString &hint)
{
    const SourcePos p = pos(at);
    m_diagnostics->append(Diagnostic::warning(m_file, p.line, p.column, keyPath, message, hint));
}

bool YamlFields::expectMap(const YAML::Node &node, const QString &path)
{
    if (node.IsMap())
        return true;
    error(node, path, Tr::tr("expected a mapping of keys, got %1").arg(describe(node)),
          Tr::tr("Write it as indented 'key: value' lines."));
    return false;
}

void YamlFields::checkKeys(const YAML::Node &map, const QString &path, const QStringList &known,
                           const QHash<QString, QString> &elsewhere)
{
    if (!map.IsMap())
        return;
    QSet<QString> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Node k = it->first;
        if (!k.IsScalar()) {
            error(k, path, Tr::tr("a key must be plain text, got %1").arg(describe(k)));
            continue;
        }
        const QString key = scalar(k);
        const QString keyPath = join(path, key);
        if (seen.contains(key)) {
            error(k, keyPath, Tr::tr("the key is given twice"), Tr::tr("Remove one of them."));
            continue;
        }
        seen.insert(key);
        if (!known.contains(key)) {
            const QString suggestion = closestMatch(key, known);
            const QString hint = elsewhere.contains(key) ? elsewhere.value(key)
                : suggestion.isEmpty()
                ? Tr::tr("Known keys here: %1.").arg(known.join(QStringLiteral(", ")))
                : Tr::tr("Did you mean '%1'?").arg(suggestion);
            error(k, keyPath, Tr::tr("unknown key '%1'").arg(key), hint);
            continue;
        }
        if (m_positions)
            m_positions->insert(keyPath, pos(k));
    }
}

YAML::Node YamlFields::child(const YAML::Node &map, const QString &key)
{
    if (!map.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    const std::string k = key.toStdString();
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == k)
            return it->second;
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

bool YamlFields::has(const YAML::Node &map, const QString &key)
{
    return child(map, key).IsDefined();
}

bool YamlFields::present(const YAML::Node &map, const QString &path, const QString &key, bool required, YAML::Node *value)
{
    *value = child(map, key);
    if (value->IsDefined() && !value->IsNull())
        return true;
    if (value->IsDefined()) {   // `key:` with nothing after it: point at the key
        YAML::Node keyNode;
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it->first.IsScalar() && it->first.Scalar() == key.toStdString())
                keyNode = it->first;
        }
        error(keyNode.IsDefined() ? keyNode : *value, join(path, key), Tr::tr("a value is missing"), Tr::tr("Write a value after '%1:' or remove the key.").arg(key));
        return false;
    }
    if (required)
        error(map, join(path, key), Tr::tr("the required key '%1' is missing").arg(key),
              Tr::tr("Add '%1:' here (see docs/job-format.md).").arg(key));
    return false;
}

std::optional<QString> YamlFields::string(const YAML::Node &map, const QString &path, const QString &key, bool required)
{
    YAML::Node v;
    if (!present(map, path, key, required, &v))
        return std::nullopt;
    if (!v.IsScalar()) {
        error(v, join(path, key), Tr::tr("expected text, got %1").arg(describe(v)));
        return std::nullopt;
    }
    return scalar(v);
}

std::optional<qint64> YamlFields::integer(const YAML::Node &map, const QString &path, const QString &key, qint64 min,
                                          qint64 max, bool required)
{
    YAML::Node v;
    if (!present(map, path, key, required, &v))
        return std::nullopt;
    const auto i = toInteger(v);
    if (!i) {
        error(v, join(path, key), Tr::tr("expected a whole number, got %1").arg(describe(v)),
              Tr::tr("Write a number between %1 and %2 without quotes.").arg(min).arg(max));
        return std::nullopt;
    }
    if (*i < min || *i > max) {
        error(v, join(path, key), Tr::tr("%1 is out of range").arg(*i),
              Tr::tr("Use a number between %1 and %2.").arg(min).arg(max));
        return std::nullopt;
    }
    return i;
}

std::optional<double> YamlFields::number(const YAML::Node &map, const QString &path, const QString &key, double min,
                                         double max, bool required)
{
    YAML::Node v;
    if (!present(map, path, key, required, &v))
        return std::nullopt;
    const auto d = toNumber(v);
    if (!d) {
        error(v, join(path, key), Tr::tr("expected a number, got %1").arg(describe(v)),
              Tr::tr("Write a number without quotes, e.g. 1.5."));
        return std::nullopt;
    }
    if (*d < min || *d > max) {
        error(v, join(path, key), Tr::tr("%1 is out of range").arg(*d),
              Tr::tr("Use a number between %1 and %2.").arg(min).arg(max));
        return std::nullopt;
    }
    return d;
}

std::optional<bool> YamlFields::boolean(const YAML::Node &map, const QString &path, const QString &key, bool required)
{
    YAML::Node v;
    if (!present(map, path, key, required, &v))
        return std::nullopt;
    const auto b = toBool(v);
    if (!b) {
        error(v, join(path, key), Tr::tr("expected true or false, got %1").arg(describe(v)));
        return std::nullopt;
    }
    return b;
}

std::optional<QString> YamlFields::oneOf(const YAML::Node &map, const QString &path, const QString &key,
                                         const QStringList &allowed, bool required)
{
    YAML::Node v;
    if (!present(map, path, key, required, &v))
        return std::nullopt;
    const QString s = scalar(v);
    if (!v.IsScalar() || !allowed.contains(s)) {
        const QString suggestion = v.IsScalar() ? closestMatch(s, allowed) : QString();
        error(v, join(path, key),
              Tr::tr("expected one of %1, got %2").arg(allowed.join(QStringLiteral(" | ")), describe(v)),
              suggestion.isEmpty() ? QString() : Tr::tr("Did you mean '%1'?").arg(suggestion));
        return std::nullopt;
    }
    return s;
}

std::optional<QStringList> YamlFields::stringList(const YAML::Node &map, const QString &path, const QString &key,
                                                  bool required)
{
    YAML::Node v;
    if (!present(map, path, key, required, &v))
        return std::nullopt;
    if (!v.IsSequence()) {
        error(v, join(path, key), Tr::tr("expected a list of text values, got %1").arg(describe(v)),
              Tr::tr("Write it as [a, b] or as '- a' lines."));
        return std::nullopt;
    }
    QStringList out;
    bool ok = true;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const YAML::Node e = v[i];
        if (!e.IsScalar()) {
            error(e, join(path, key) + QStringLiteral("[%1]").arg(i), Tr::tr("expected text, got %1").arg(describe(e)));
            ok = false;
            continue;
        }
        out.append(scalar(e));
    }
    return ok ? std::optional<QStringList>(out) : std::nullopt;
}

std::optional<QList<double>> YamlFields::numberList(const YAML::Node &map, const QString &path, const QString &key,
                                                    bool required)
{
    YAML::Node v;
    if (!present(map, path, key, required, &v))
        return std::nullopt;
    if (!v.IsSequence()) {
        error(v, join(path, key), Tr::tr("expected a list of numbers, got %1").arg(describe(v)),
              Tr::tr("Write it as [0, 10, 100]."));
        return std::nullopt;
    }
    QList<double> out;
    bool ok = true;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const YAML::Node e = v[i];
        const auto d = toNumber(e);
        if (!d) {
            error(e, join(path, key) + QStringLiteral("[%1]").arg(i), Tr::tr("expected a number, got %1").arg(describe(e)));
            ok = false;
            continue;
        }
        out.append(*d);
    }
    return ok ? std::optional<QList<double>>(out) : std::nullopt;
}

} // namespace mrp
