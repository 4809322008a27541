// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QHash>
#include <QStringList>
#include <QTranslator>

namespace mrp {

// A fallback translator that finds a translation by its source text alone, ignoring the
// context. It reads a Qt Linguist .ts file (finished messages only). Installed below the
// compiled catalogue, it translates strings whose runtime context differs from the context
// lupdate recorded (helper functions such as `QString tr(const char *)` that pass their own
// context to QCoreApplication::translate): those would otherwise stay English.
//
// A source text that has different translations in different contexts resolves to the first
// one in the file; the compiled catalogue, which matches contexts exactly, is asked first.
// Plurals use the two-form rule (n == 1 -> first form), right for the Germanic and Romance
// languages; other languages get their exact forms from the compiled catalogue.
class SourceTextTranslator : public QTranslator
{
    Q_OBJECT
public:
    explicit SourceTextTranslator(QObject *parent = nullptr);

    // Reads `tsFile` (e.g. ":/i18n/mrp_de.ts"); false if it cannot be read or holds nothing.
    bool loadTs(const QString &tsFile);

    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
    bool isEmpty() const override;
    QString tsLanguage() const { return m_language; } // the .ts file's language attribute

    qsizetype size() const { return m_messages.size(); }

private:
    QHash<QString, QStringList> m_messages; // source text -> forms (one unless plural)
    QString m_language;
};

} // namespace mrp
