#include <catch2/catch.hpp>

#include <cmath>

#include "tests/tck/tck_value.h"

using liner::tck::Canonical;
using liner::tck::ParseTckValue;
using liner::tck::TckValue;

namespace {
std::string Canon(const std::string& text, bool bag = false) {
  auto v = ParseTckValue(text);
  REQUIRE(v.ok());
  return Canonical(*v, bag);
}
}  // namespace

TEST_CASE("TCK primitives parse to the right kinds", "[tck]") {
  CHECK(ParseTckValue("null")->kind == TckValue::Kind::kNull);
  CHECK(ParseTckValue("true")->b);
  CHECK(ParseTckValue("-12")->i == -12);
  CHECK(ParseTckValue("1.5e3")->f == 1500.0);
  CHECK(ParseTckValue("-Inf")->f == -INFINITY);
  CHECK(std::isnan(ParseTckValue("NaN")->f));
  CHECK(ParseTckValue("'it\\'s'")->s == "it's");
  CHECK(ParseTckValue("'a\\\\b'")->s == "a\\b");
}

TEST_CASE("integers and floats are never equal in the TCK", "[tck]") {
  CHECK(Canon("1") != Canon("1.0"));
  CHECK(Canon("1.0") == Canon("1.00"));
  CHECK(Canon("0.1") == Canon("1e-1"));
}

TEST_CASE("nodes compare by label set and properties, whatever their order", "[tck]") {
  CHECK(Canon("(:A:B {x: 1, y: 'z'})") == Canon("(:B:A {y: 'z', x: 1})"));
  CHECK(Canon("(:A)") != Canon("(:A {x: 1})"));
  CHECK(Canon("()") == "()");
}

TEST_CASE("a relationship in brackets is not a list", "[tck]") {
  auto rel = ParseTckValue("[:T {k: 1}]");
  REQUIRE(rel.ok());
  CHECK(rel->kind == TckValue::Kind::kRel);
  CHECK(rel->s == "T");
  auto list = ParseTckValue("[1, [2], []]");
  REQUIRE(list.ok());
  CHECK(list->kind == TckValue::Kind::kList);
  CHECK(list->list.size() == 3);
}

TEST_CASE("paths keep the direction of each relationship", "[tck]") {
  auto p = ParseTckValue("<(:A)-[:T]->(:B)<-[:U {w: 2}]-(:C)>");
  REQUIRE(p.ok());
  REQUIRE(p->kind == TckValue::Kind::kPath);
  CHECK(p->list.size() == 5);
  CHECK(p->forward == std::vector<bool>{true, false});
  CHECK(Canon("<(:A)-[:T]->(:B)>") != Canon("<(:A)<-[:T]-(:B)>"));
  CHECK(Canon("<()>") == "<()>");
}

TEST_CASE("list element order matters unless lists are compared as bags", "[tck]") {
  CHECK(Canon("[1, 2]") != Canon("[2, 1]"));
  CHECK(Canon("[1, 2]", true) == Canon("[2, 1]", true));
  CHECK(Canon("{a: [3, 1]}", true) == Canon("{a: [1, 3]}", true));
}

TEST_CASE("maps accept backticked and empty keys", "[tck]") {
  CHECK(Canon("{``: null}") == "{``: null}");
  CHECK(Canon("{`a b`: 1, c: 2}") == Canon("{c: 2, `a b`: 1}"));
}

TEST_CASE("malformed values are errors that name the text", "[tck]") {
  auto v = ParseTckValue("[1, 2");
  REQUIRE_FALSE(v.ok());
  CHECK(v.status().message().find("[1, 2") != std::string::npos);
  CHECK_FALSE(ParseTckValue("(:A").ok());
  CHECK_FALSE(ParseTckValue("1 2").ok());
}
