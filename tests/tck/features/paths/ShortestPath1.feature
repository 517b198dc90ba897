# Liner's own TCK-style scenarios for shortestPath (the openCypher TCK has none).
# Run: build/liner-tck tests/tck/features --filter paths/

Feature: ShortestPath1 - a single shortest path

  Scenario: [1] The shortest of two directed routes is returned whole
    Given an empty graph
    And having executed:
      """
      CREATE (a:A {name: 'a'})-[:T]->(b:B {name: 'b'})-[:T]->(c:C {name: 'c'}),
             (a)-[:T]->(:X {name: 'x1'})-[:T]->(:X {name: 'x2'})-[:T]->(c)
      """
    When executing query:
      """
      MATCH p = shortestPath((a:A)-[*]->(c:C))
      RETURN p
      """
    Then the result should be, in any order:
      | p                                                               |
      | <(:A {name: 'a'})-[:T]->(:B {name: 'b'})-[:T]->(:C {name: 'c'})> |
    And no side effects

  Scenario: [2] A directed search does not walk relationships backwards
    Given an empty graph
    And having executed:
      """
      CREATE (:N {name: 'a'})-[:T]->(:N {name: 'b'})<-[:T]-(:N {name: 'c'})
      """
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (c:N {name: 'c'})
      MATCH p = shortestPath((a)-[*]->(c))
      RETURN length(p) AS len
      """
    Then the result should be empty
    And no side effects

  Scenario: [3] An undirected search follows relationships both ways
    Given an empty graph
    And having executed:
      """
      CREATE (:N {name: 'a'})-[:T]->(:N {name: 'b'})<-[:T]-(:N {name: 'c'})
      """
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (c:N {name: 'c'})
      MATCH p = shortestPath((a)-[*]-(c))
      RETURN length(p) AS len, [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | len | names           |
      | 2   | ['a', 'b', 'c'] |
    And no side effects

  Scenario Outline: [4] Relationship types restrict the search
    Given an empty graph
    And having executed:
      """
      CREATE (a:N {name: 'a'})-[:X]->(:N {name: 'b'})-[:X]->(c:N {name: 'c'}),
             (a)-[:Y]->(c)
      """
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (c:N {name: 'c'})
      MATCH p = shortestPath((a)-[<types>*]->(c))
      RETURN length(p) AS len
      """
    Then the result should be, in any order:
      | len   |
      | <len> |
    And no side effects

    Examples:
      | types | len |
      | :X    | 2   |
      | :Y    | 1   |
      | :X\|Y | 1   |
      |       | 1   |

  Scenario: [5] A predicate on every relationship of the path is honoured during the search
    Given an empty graph
    And having executed:
      """
      CREATE (a:N {name: 'a'})-[:T {w: 0}]->(d:N {name: 'd'}),
             (a)-[:T {w: 1}]->(:N {name: 'b'})-[:T {w: 2}]->(:N {name: 'c'})-[:T {w: 3}]->(d)
      """
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (d:N {name: 'd'})
      MATCH p = shortestPath((a)-[*]->(d))
      WHERE all(r IN relationships(p) WHERE r.w > 0)
      RETURN [r IN relationships(p) | r.w] AS weights
      """
    Then the result should be, in any order:
      | weights   |
      | [1, 2, 3] |
    And no side effects

  Scenario: [6] A predicate on the nodes of the path avoids a node
    Given an empty graph
    And having executed:
      """
      CREATE (a:N {name: 'a'})-[:T]->(:N {name: 'blocked', blocked: true})-[:T]->(d:N {name: 'd'}),
             (a)-[:T]->(:N {name: 'b'})-[:T]->(:N {name: 'c'})-[:T]->(d)
      """
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (d:N {name: 'd'})
      MATCH p = shortestPath((a)-[*]->(d))
      WHERE none(n IN nodes(p) WHERE coalesce(n.blocked, false))
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names                |
      | ['a', 'b', 'c', 'd'] |
    And no side effects

  Scenario: [7] An upper bound on the length leaves pairs that are too far apart out
    Given an empty graph
    And having executed:
      """
      CREATE (:N {name: 'a'})-[:T]->(:N {name: 'b'})-[:T]->(:N {name: 'c'})
      """
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (c:N {name: 'c'})
      MATCH p = shortestPath((a)-[*..1]->(c))
      RETURN p
      """
    Then the result should be empty
    And no side effects

  Scenario: [8] Disconnected nodes have no shortest path and OPTIONAL MATCH gives null
    Given an empty graph
    And having executed:
      """
      CREATE (:N {name: 'a'}), (:N {name: 'z'})
      """
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (z:N {name: 'z'})
      OPTIONAL MATCH p = shortestPath((a)-[*]-(z))
      RETURN a.name AS a, p
      """
    Then the result should be, in any order:
      | a   | p    |
      | 'a' | null |
    And no side effects

  Scenario: [9] One shortest path per pair of start and end nodes
    Given an empty graph
    And having executed:
      """
      CREATE (s1:S {name: 's1'})-[:T]->(m:M {name: 'm'})-[:T]->(e1:E {name: 'e1'}),
             (s2:S {name: 's2'})-[:T]->(m),
             (m)-[:T]->(:M {name: 'm2'})-[:T]->(e2:E {name: 'e2'})
      """
    When executing query:
      """
      MATCH (s:S), (e:E)
      MATCH p = shortestPath((s)-[:T*]->(e))
      RETURN s.name AS s, e.name AS e, length(p) AS len
      """
    Then the result should be, in any order:
      | s    | e    | len |
      | 's1' | 'e1' | 2   |
      | 's1' | 'e2' | 3   |
      | 's2' | 'e1' | 2   |
      | 's2' | 'e2' | 3   |
    And no side effects

  Scenario: [10] The shortest path over relationships with a property map
    Given an empty graph
    And having executed:
      """
      CREATE (a:N {name: 'a'})-[:T {ok: false}]->(c:N {name: 'c'}),
             (a)-[:T {ok: true}]->(:N {name: 'b'})-[:T {ok: true}]->(c)
      """
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (c:N {name: 'c'})
      MATCH p = shortestPath((a)-[:T* {ok: true}]->(c))
      RETURN length(p) AS len
      """
    Then the result should be, in any order:
      | len |
      | 2   |
    And no side effects

  Scenario: [11] The shortest path is found in a longer chain
    Given an empty graph
    And having executed:
      """
      UNWIND range(1, 30) AS i
      CREATE (:C {i: i})
      """
    And having executed:
      """
      MATCH (a:C), (b:C) WHERE b.i = a.i + 1
      CREATE (a)-[:NEXT]->(b)
      """
    When executing query:
      """
      MATCH (a:C {i: 1}), (b:C {i: 30})
      MATCH p = shortestPath((a)-[:NEXT*]->(b))
      RETURN length(p) AS len, nodes(p)[15].i AS middle
      """
    Then the result should be, in any order:
      | len | middle |
      | 29  | 16     |
    And no side effects
