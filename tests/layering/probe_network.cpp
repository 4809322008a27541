// SPDX-License-Identifier: GPL-3.0-or-later
#include <QNetworkAccessManager>
int layeringProbe() { QNetworkAccessManager m; return int(sizeof(m)); }
