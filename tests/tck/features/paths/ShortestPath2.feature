# Liner's own TCK-style scenarios: shortestPath / allShortestPaths with a WHERE predicate on the
# whole path (Neo4j's semantics: the answer is the shortest path that satisfies the predicate;
# when the shortest paths fail it, longer paths are tried length by length).
# Run: build/liner-tck tests/tck/features --filter paths/

Feature: ShortestPath2 - shortest paths that satisfy a predicate on the path

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (a:N {name: 'a'})-[:T {w: 1}]->(b:N {name: 'b'})-[:T {w: 1}]->(e:N {name: 'e'}),
             (a)-[:T {w: 5}]->(:N {name: 'c'})-[:T {w: 1}]->(:N {name: 'd'})-[:T {w: 1}]->(e),
             (a)-[:T {w: 2}]->(:N {name: 'f'})-[:T {w: 1}]->(:N {name: 'g'})-[:T {w: 1}]->(e)
      """

  Scenario: [1] A minimum length skips the shortest path
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (e:N {name: 'e'})
      MATCH p = allShortestPaths((a)-[*]->(e))
      WHERE length(p) > 2
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names                |
      | ['a', 'c', 'd', 'e'] |
      | ['a', 'f', 'g', 'e'] |
    And no side effects

  Scenario: [2] A path that must contain some relationship
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (e:N {name: 'e'})
      MATCH p = shortestPath((a)-[*]->(e))
      WHERE any(r IN relationships(p) WHERE r.w = 5)
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names                |
      | ['a', 'c', 'd', 'e'] |
    And no side effects

  Scenario: [3] A count of nodes on the path
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (e:N {name: 'e'})
      MATCH p = allShortestPaths((a)-[*]->(e))
      WHERE size([n IN nodes(p) WHERE n.name IN ['b', 'c']]) = 0
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names                |
      | ['a', 'f', 'g', 'e'] |
    And no side effects

  Scenario: [4] A node excluded with ALL is avoided during the search
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (e:N {name: 'e'})
      MATCH p = allShortestPaths((a)-[*]->(e))
      WHERE ALL(x IN nodes(p) WHERE x.name <> 'b')
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names                |
      | ['a', 'c', 'd', 'e'] |
      | ['a', 'f', 'g', 'e'] |
    And no side effects

  Scenario: [5] No path satisfies the predicate within the length bound
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (e:N {name: 'e'})
      MATCH p = shortestPath((a)-[*..6]->(e))
      WHERE length(p) > 3
      RETURN p
      """
    Then the result should be empty
    And no side effects

  Scenario: [6] A predicate on the relationship list variable
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (e:N {name: 'e'})
      MATCH shortestPath((a)-[rs:T*]->(e))
      WHERE size(rs) = 3 AND rs[0].w = 2
      RETURN [r IN rs | r.w] AS ws
      """
    Then the result should be, in any order:
      | ws        |
      | [2, 1, 1] |
    And no side effects

  Scenario: [7] A predicate that reads a variable bound before the path
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (e:N {name: 'e'}), (x:N {name: 'g'})
      MATCH p = shortestPath((a)-[*]-(e))
      WHERE x IN nodes(p)
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names                |
      | ['a', 'f', 'g', 'e'] |
    And no side effects

  Scenario: [8] A predicate on the path combined with a predicate on every relationship
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (e:N {name: 'e'})
      MATCH p = allShortestPaths((a)-[*]->(e))
      WHERE all(r IN relationships(p) WHERE r.w < 5) AND length(p) >= 3
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names                |
      | ['a', 'f', 'g', 'e'] |
    And no side effects
