// SPDX-License-Identifier: GPL-3.0-or-later
#include <QObject>
int layeringProbe() { return QObject().objectName().size(); }
