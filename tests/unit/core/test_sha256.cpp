#include "panel/core/sha256.hpp"

#include <doctest/doctest.h>
#include <string>

using panel::core::sha256_hex;

TEST_CASE("sha256: the FIPS 180-4 example vectors")
{
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrs"
                   "tnopqrstu") == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("sha256: one million 'a' spans many blocks")
{
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: lengths either side of the padding boundaries")
{
  // Expected values computed once with `head -c N /dev/zero | tr '\0' a | sha256sum` (GNU coreutils).
  // 55 bytes is the longest message whose padding fits one block; 56 needs a second block; 63, 64
  // and 65 sit around a whole block; 119 and 120 around the two-block padding boundary.
  CHECK(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(63, 'a')) == "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
  CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  CHECK(sha256_hex(std::string(65, 'a')) == "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
  CHECK(sha256_hex(std::string(119, 'a')) == "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  CHECK(sha256_hex(std::string(120, 'a')) == "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
  CHECK(sha256_hex(std::string(128, 'a')) == "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e");
}

TEST_CASE("sha256: bytes above 0x7f and NUL are hashed as bytes")
{
  // printf '\x00\xff\x80' | sha256sum
  CHECK(sha256_hex(std::string("\x00\xff\x80", 3)) == "f742b965f156c10374bc23aea96e3a8aff8facd6fc079defeaa30219ad86f211");
}

TEST_CASE("sha256: the digest is 64 lower-case hex digits")
{
  const auto hex = sha256_hex("panel");
  CHECK(hex.size() == 64);
  CHECK(hex.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("sha256: the CPU's SHA instructions and portable C++ give the same digests")
{
  // sha256_hex uses the x86 SHA extensions where the CPU has them; every length from 0 to 300
  // bytes (all padding cases, one to five blocks) and a large odd length must agree.
  INFO("this CPU's SHA instructions in use: " << panel::core::sha256_uses_cpu());
  std::string data;
  unsigned state = 12345;
  for (int length = 0; length <= 300; ++length) {
    CHECK(sha256_hex(data) == panel::core::sha256_hex_portable(data));
    state = state * 1103515245 + 12345;
    data.push_back(static_cast<char>(state >> 16));
  }
  std::string big(1000003, '\0');
  for (auto& c : big) {
    state = state * 1103515245 + 12345;
    c = static_cast<char>(state >> 16);
  }
  CHECK(sha256_hex(big) == panel::core::sha256_hex_portable(big));
}
