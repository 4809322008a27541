// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace mrp {

// Installs the translators for `locale` (default: the system locale) on `app`:
//  - ours, the catalogue compiled into the binary at :/i18n/mrp_<lang>.qm
//    (translations/CMakeLists.txt; no file on disk is needed),
//  - Qt's own (qtbase_<lang>.qm) from QLibraryInfo::TranslationsPath, where
//    distributions, windeployqt and macdeployqt put it.
// The translators are parented to `app`. A missing catalogue is not an error: the
// untranslated (English) source strings are shown. Returns how many were installed.
//
// With the environment variable MRP_PSEUDO_LOCALE=1 a PseudoTranslator is installed
// instead (longer, accented strings) to find clipped layouts and untranslated strings.
//
// Call right after constructing the Q*Application and before creating any widget or
// QCommandLineParser, so every tr() sees the catalogue.
int installTranslators(QCoreApplication *app, const QLocale &locale = QLocale());

// The resource folder holding our compiled catalogues (":/i18n").
QString translationsResourcePath();

} // namespace mrp
