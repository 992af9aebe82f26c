// Symbols: equal strings share one id, views are stable, concurrent interning agrees.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <vector>

#include "pkgscan/eapi.hpp"
#include "pkgscan/intern.hpp"

using pkgscan::Symbol;

TEST_CASE("interning gives one id per string", "[intern]") {
  Symbol a = Symbol::intern("dev-lang");
  Symbol b = Symbol::intern(std::string("dev-") + "lang");
  CHECK(a == b);
  CHECK(a.str() == "dev-lang");
  CHECK(Symbol::intern("dev-libs") != a);
  CHECK(Symbol::intern("").empty());
  CHECK(Symbol().str().empty());
  CHECK(Symbol::lexical_less(Symbol::intern("aaa"), Symbol::intern("aab")));
}

TEST_CASE("interning survives growth and stays stable", "[intern]") {
  std::vector<Symbol> syms;
  for (int i = 0; i < 50000; ++i) syms.push_back(Symbol::intern("sym-" + std::to_string(i)));
  for (int i = 0; i < 50000; ++i) {
    REQUIRE(syms[i].str() == "sym-" + std::to_string(i));
    REQUIRE(Symbol::intern("sym-" + std::to_string(i)) == syms[i]);
  }
}

TEST_CASE("concurrent interning agrees", "[intern]") {
  constexpr int kThreads = 4, kNames = 20000;
  std::vector<std::vector<Symbol>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &got] {
      for (int i = 0; i < kNames; ++i) {
        int k = (i * (t + 1)) % kNames;  // different orders per thread
        got[t].push_back(Symbol::intern("conc-" + std::to_string(k)));
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kNames; ++i) {
      int k = (i * (t + 1)) % kNames;
      REQUIRE(got[t][i].str() == "conc-" + std::to_string(k));
      REQUIRE(got[t][i] == Symbol::intern("conc-" + std::to_string(k)));
    }
  }
}

TEST_CASE("EAPI names and features", "[eapi]") {
  using pkgscan::Eapi;
  CHECK(Eapi::parse("8")->number() == 8);
  CHECK(Eapi::parse("")->number() == 0);
  CHECK_FALSE(Eapi::parse("10").has_value());
  CHECK_FALSE(Eapi::parse("8a").has_value());
  CHECK(Eapi::latest().number() == 9);
  CHECK(Eapi::of(5).subslots());
  CHECK_FALSE(Eapi::of(4).subslots());
  CHECK(Eapi::of(2).use_deps());
  CHECK_FALSE(Eapi::of(1).strong_blockers());
}
