// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// SHA-256 helpers. Every digest in plans, manifests and run records is lower-case hex.
// The hashing is OpenSSL's (libcrypto, EVP), which uses the processor's SHA instructions where
// it has them; QCryptographicHash carries its own portable SHA-256, several times slower.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace mrp {

// An incremental SHA-256. Not thread-safe; one per thread.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void reset();
    void addData(QByteArrayView data);
    // The digest of everything added so far (32 bytes). Does not end the running state: more
    // data may follow and result() may be asked again.
    QByteArray result() const;
    QString hexResult() const { return QString::fromLatin1(result().toHex()); }

private:
    EVP_MD_CTX *m_ctx;
};

// SHA-256 of the bytes, lower-case hex (64 characters).
QString sha256Hex(QByteArrayView data);
// SHA-256 of a file's content, read in 1 MiB blocks (memory stays flat). On failure returns an
// empty string and sets *error (if given) to a translated message naming the file.
QString sha256FileHex(const QString &path, QString *error = nullptr, qint64 *bytes = nullptr);

} // namespace mrp
