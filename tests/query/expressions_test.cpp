#include "tests/query/query_test_util.h"

namespace liner::query::testing {

TEST_CASE("arithmetic follows integer and float rules", "[query]") {
  QueryFixture f;
  CHECK(f.One("RETURN 1 + 2 * 3") == "7");
  CHECK(f.One("RETURN 7 / 2") == "3");
  CHECK(f.One("RETURN 7 / 2.0") == "3.5");
  CHECK(f.One("RETURN -7 % 3") == "-1");
  CHECK(f.One("RETURN 2 ^ 3") == "8.0");
  CHECK(f.One("RETURN 'a' + 'b'") == "'ab'");
  CHECK(f.One("RETURN [1] + [2, 3]") == "[1, 2, 3]");
  CHECK(f.One("RETURN 1 + null") == "null");
}

TEST_CASE("integer overflow and division by zero are errors", "[query]") {
  QueryFixture f;
  CHECK(ErrorDetail(f.Error("RETURN 9223372036854775807 + 1")) == "IntegerOverflow");
  CHECK(ErrorClass(f.Error("RETURN 1 / 0")) == "ArithmeticError");
  CHECK(f.One("RETURN -9223372036854775808") == "-9223372036854775808");
}

TEST_CASE("boolean logic is three-valued", "[query]") {
  QueryFixture f;
  CHECK(f.One("RETURN null AND false") == "false");
  CHECK(f.One("RETURN null AND true") == "null");
  CHECK(f.One("RETURN null OR true") == "true");
  CHECK(f.One("RETURN null OR false") == "null");
  CHECK(f.One("RETURN NOT null") == "null");
  CHECK(f.One("RETURN true XOR false") == "true");
  CHECK(f.One("RETURN null = null") == "null");
  CHECK(f.One("RETURN [1, null] = [1, null]") == "null");
  CHECK(f.One("RETURN [1, 2] = [1, 3]") == "false");
  CHECK(f.One("RETURN 1 = 1.0") == "true");
  CHECK(f.One("RETURN 2 IN [1, null]") == "null");
  CHECK(f.One("RETURN 1 IN [1, null]") == "true");
  CHECK(f.One("RETURN 1 < 2 < 3") == "true");
}

TEST_CASE("string predicates, regex and functions", "[query]") {
  QueryFixture f;
  CHECK(f.One("RETURN 'hello' STARTS WITH 'he'") == "true");
  CHECK(f.One("RETURN 'hello' ENDS WITH 'lo'") == "true");
  CHECK(f.One("RETURN 'hello' CONTAINS 'ell'") == "true");
  CHECK(f.One("RETURN 'hello' =~ 'h.*o'") == "true");
  CHECK(f.One("RETURN toUpper('abc') + toLower('DEF')") == "'ABCdef'");
  CHECK(f.One("RETURN substring('hello', 1, 3)") == "'ell'");
  CHECK(f.One("RETURN split('a,b,c', ',')") == "['a', 'b', 'c']");
  CHECK(f.One("RETURN replace('aXbX', 'X', '-')") == "'a-b-'");
  CHECK(f.One("RETURN trim('  x  ')") == "'x'");
  CHECK(f.One("RETURN toString(1.5) + toString(2)") == "'1.52'");
  CHECK(f.One("RETURN toInteger('42') + toInteger(3.9)") == "45");
  CHECK(f.One("RETURN toFloat('2.5')") == "2.5");
  CHECK(f.One("RETURN size('héllo')") == "5");
}

TEST_CASE("lists: comprehension, slicing, quantifiers, reduce", "[query]") {
  QueryFixture f;
  CHECK(f.One("RETURN [x IN range(1, 5) WHERE x % 2 = 1 | x * 10]") == "[10, 30, 50]");
  CHECK(f.One("RETURN [1, 2, 3, 4][1..3]") == "[2, 3]");
  CHECK(f.One("RETURN [1, 2, 3][-1]") == "3");
  CHECK(f.One("RETURN [1, 2, 3][5]") == "null");
  CHECK(f.One("RETURN all(x IN [1, 2] WHERE x > 0)") == "true");
  CHECK(f.One("RETURN any(x IN [1, 2] WHERE x > 1)") == "true");
  CHECK(f.One("RETURN none(x IN [1, 2] WHERE x > 5)") == "true");
  CHECK(f.One("RETURN single(x IN [1, 2] WHERE x > 1)") == "true");
  CHECK(f.One("RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x)") == "6");
  CHECK(f.One("RETURN head([1, 2]), last([1, 2]), tail([1, 2])") == "1 | 2 | [2]");
  CHECK(f.One("RETURN size([1, 2, 3])") == "3");
}

TEST_CASE("maps, CASE and coalesce", "[query]") {
  QueryFixture f;
  CHECK(f.One("RETURN {a: 1, b: 'x'}.b") == "'x'");
  CHECK(f.One("RETURN keys({b: 1, a: 2})") == "['a', 'b']");
  CHECK(f.One("RETURN CASE WHEN 1 > 2 THEN 'a' ELSE 'b' END") == "'b'");
  CHECK(f.One("RETURN CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END") == "'two'");
  CHECK(f.One("RETURN coalesce(null, 3)") == "3");
  CHECK(f.One("WITH {a: 1} AS m RETURN m{.a, b: 2}") == "{a: 1, b: 2}");
}

TEST_CASE("parameters are substituted", "[query]") {
  QueryFixture f;
  CHECK(f.One("RETURN $x + 1", {{"x", QValue(41)}}) == "42");
  CHECK(ErrorClass(f.Error("RETURN $missing")) == "ParameterMissing");
}

}  // namespace liner::query::testing
