// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/digest.h"

#include <QCoreApplication>
#include <QFile>

#include <openssl/evp.h>

#include <cstdlib>

namespace mrp {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::Digest)
};
// Fetched once: an explicit fetch spares every init the provider look-up of EVP_sha256().
const EVP_MD *sha256Md()
{
    static EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!md)
        qFatal("OpenSSL offers no SHA-256");
    return md;
}

void check(int ok)
{
    if (ok != 1)
        qFatal("OpenSSL's SHA-256 failed");
}

} // namespace

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    if (!m_ctx)
        qFatal("out of memory for a SHA-256 context");
    reset();
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::reset()
{
    check(EVP_DigestInit_ex(m_ctx, sha256Md(), nullptr));
}

void Sha256::addData(QByteArrayView data)
{
    if (!data.isEmpty())
        check(EVP_DigestUpdate(m_ctx, data.data(), size_t(data.size())));
}

QByteArray Sha256::result() const
{
    EVP_MD_CTX *copy = EVP_MD_CTX_new();
    if (!copy)
        qFatal("out of memory for a SHA-256 context");
    check(EVP_MD_CTX_copy_ex(copy, m_ctx));
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    check(EVP_DigestFinal_ex(copy, reinterpret_cast<unsigned char *>(out.data()), &len));
    EVP_MD_CTX_free(copy);
    return out;
}

QString sha256Hex(QByteArrayView data)
{
    Sha256 h;
    h.addData(data);
    return h.hexResult();
}

QString sha256FileHex(const QString &path, QString *error, qint64 *bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Tr::tr("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    Sha256 h;
    QByteArray block(1 << 20, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = f.read(block.data(), block.size());
        if (n < 0) {
            if (error)
                *error = Tr::tr("cannot read %1: %2").arg(path, f.errorString());
            return {};
        }
        if (n == 0)
            break;
        h.addData(QByteArrayView(block.constData(), n));
        total += n;
    }
    if (bytes)
        *bytes = total;
    return h.hexResult();
}

} // namespace mrp
