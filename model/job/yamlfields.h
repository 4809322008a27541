// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Typed, position-keeping access to a yaml-cpp document, shared by the job and profile loaders
// (internal to mrp_model: it exposes yaml-cpp types). Every accessor reports what is wrong as a
// Diagnostic with file:line:col, the dotted key, what was expected and a hint, and carries on,
// so a whole file is checked in one pass. Never throws.

#include "job/diagnostic.h"
#include "job/jobspec.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace mrp {

// Levenshtein distance, for "did you mean".
int editDistance(const QString &a, const QString &b);
// The closest candidate within a small distance of word, or an empty string.
QString closestMatch(const QString &word, const QStringList &candidates);

class YamlFields
{
public:
    YamlFields(const QString &file, QList<Diagnostic> *diagnostics, QHash<QString, SourcePos> *positions = nullptr);

    // Parses text into *root. On a YAML syntax error (or input nested too deeply for a job file)
    // adds one diagnostic at the error's position and returns false.
    bool parse(const QByteArray &text, YAML::Node *root);

    // True if node is a mapping; otherwise reports "expected a mapping" at node.
    bool expectMap(const YAML::Node &node, const QString &path);
    // Reports unknown keys (with a suggestion among known), duplicate and non-text keys;
    // records the position of every known key under path.
    // elsewhere: keys that belong in another section, with the hint to show for them.
    void checkKeys(const YAML::Node &map, const QString &path, const QStringList &known,
                   const QHash<QString, QString> &elsewhere = {});

    // The value under key, or an undefined node. Requires a mapping (else undefined).
    static YAML::Node child(const YAML::Node &map, const QString &key);
    static bool has(const YAML::Node &map, const QString &key);

    std::optional<QString> string(const YAML::Node &map, const QString &path, const QString &key, bool required = false);
    std::optional<qint64> integer(const YAML::Node &map, const QString &path, const QString &key, qint64 min, qint64 max,
                                  bool required = false);
    std::optional<double> number(const YAML::Node &map, const QString &path, const QString &key, double min, double max,
                                 bool required = false);
    std::optional<bool> boolean(const YAML::Node &map, const QString &path, const QString &key, bool required = false);
    std::optional<QString> oneOf(const YAML::Node &map, const QString &path, const QString &key,
                                 const QStringList &allowed, bool required = false);
    std::optional<QStringList> stringList(const YAML::Node &map, const QString &path, const QString &key,
                                          bool required = false);
    std::optional<QList<double>> numberList(const YAML::Node &map, const QString &path, const QString &key,
                                            bool required = false);

    // Scalar conversions following the YAML 1.2 core schema; quoted scalars are never numbers.
    static std::optional<qint64> toInteger(const YAML::Node &node);
    static std::optional<double> toNumber(const YAML::Node &node);
    static std::optional<bool> toBool(const YAML::Node &node);
    static QString scalar(const YAML::Node &node);
    // "a mapping", "a list", "the number 3", "the text \"abc\"", "nothing" — for messages.
    static QString describe(const YAML::Node &node);
    static SourcePos pos(const YAML::Node &node);
    static QString join(const QString &path, const QString &key);

    void error(const YAML::Node &at, const QString &keyPath, const QString &message, const QString &hint = {});
    void error(SourcePos at, const QString &keyPath, const QString &message, const QString &hint = {});
    void warning(const YAML::Node &at, const QString &keyPath, const QString &message, const QString &hint = {});

    QString file() const { return m_file; }

private:
    bool present(const YAML::Node &map, const QString &path, const QString &key, bool required, YAML::Node *value);

    QString m_file;
    QList<Diagnostic> *m_diagnostics;
    QHash<QString, SourcePos> *m_positions;
};

} // namespace mrp
