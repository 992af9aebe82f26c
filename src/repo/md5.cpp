// MD5 of ebuild and eclass bytes, as written in md5-cache entries.
#include <openssl/evp.h>

#include <memory>

#include "pkgscan/cache.hpp"

namespace pkgscan {

namespace {

// OpenSSL 3 looks an algorithm up in its provider table (under a lock) on
// every EVP_Digest(EVP_md5()) call; fetch it once, and keep one context per
// thread, since a scan hashes tens of thousands of files.
const EVP_MD* md5_algorithm() {
  static const std::unique_ptr<EVP_MD, void (*)(EVP_MD*)> md(EVP_MD_fetch(nullptr, "MD5", nullptr), &EVP_MD_free);
  return md.get();
}

}  // namespace

std::string md5_hex(std::string_view bytes) {
  thread_local std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  const EVP_MD* md = md5_algorithm();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!md || !ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1)
    return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(len) * 2, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace pkgscan
