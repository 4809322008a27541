// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QTranslator>

namespace mrp {

// A translator that "translates" every string into a pseudo-locale: Latin letters become
// accented look-alikes and the text grows by about 40% inside [ ], e.g.
// "&File" -> "[&Ƒîļé ·····]". Placeholders (%1, %L2, %n, %v), mnemonics (&F), HTML tags and
// entities stay intact, and key-sequence names (contexts QShortcut/QKeySequence) are left
// alone so shortcuts keep working. Shows clipped layouts and strings that bypass tr().
class PseudoTranslator : public QTranslator
{
    Q_OBJECT
public:
    explicit PseudoTranslator(QObject *parent = nullptr);

    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
    bool isEmpty() const override;

    // The pseudo-localised form of `text` (what translate() returns for it).
    static QString pseudoLocalise(const QString &text);
};

} // namespace mrp
