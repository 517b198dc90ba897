# Liner's own TCK-style scenarios for allShortestPaths (the openCypher TCK has none).

Feature: AllShortestPaths1 - every shortest path between two nodes

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (a:N {name: 'a'}), (d:N {name: 'd'}),
             (a)-[:T {w: 1}]->(:N {name: 'b'})-[:T {w: 1}]->(d),
             (a)-[:T {w: 2}]->(:N {name: 'c'})-[:T {w: 2}]->(d),
             (a)-[:U]->(:N {name: 'e'})-[:U]->(d),
             (a)-[:T]->(:N {name: 'f'})-[:T]->(:N {name: 'g'})-[:T]->(d)
      """

  Scenario: [1] Every path of the shortest length is returned once
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (d:N {name: 'd'})
      MATCH p = allShortestPaths((a)-[*]->(d))
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names           |
      | ['a', 'b', 'd'] |
      | ['a', 'c', 'd'] |
      | ['a', 'e', 'd'] |
    And no side effects

  Scenario: [2] Relationship types restrict all shortest paths
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (d:N {name: 'd'})
      MATCH p = allShortestPaths((a)-[:T*]->(d))
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names           |
      | ['a', 'b', 'd'] |
      | ['a', 'c', 'd'] |
    And no side effects

  Scenario: [3] A relationship predicate removes paths but keeps the shortest length
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (d:N {name: 'd'})
      MATCH p = allShortestPaths((a)-[:T*]->(d))
      WHERE all(r IN relationships(p) WHERE r.w = 1)
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names           |
      | ['a', 'b', 'd'] |
    And no side effects

  Scenario: [4] When the predicate rules out every shortest path, the next length is used
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (d:N {name: 'd'})
      MATCH p = allShortestPaths((a)-[:T*]->(d))
      WHERE none(n IN nodes(p) WHERE n.name IN ['b', 'c'])
      RETURN [n IN nodes(p) | n.name] AS names
      """
    Then the result should be, in any order:
      | names                |
      | ['a', 'f', 'g', 'd'] |
    And no side effects

  Scenario: [5] Against the direction there is no path
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (d:N {name: 'd'})
      MATCH p = allShortestPaths((d)-[*]->(a))
      RETURN p
      """
    Then the result should be empty
    And no side effects

  Scenario: [6] Undirected from the end back to the start finds the same paths
    When executing query:
      """
      MATCH (a:N {name: 'a'}), (d:N {name: 'd'})
      MATCH p = allShortestPaths((d)-[*]-(a))
      RETURN count(p) AS paths, min(length(p)) AS len
      """
    Then the result should be, in any order:
      | paths | len |
      | 3     | 2   |
    And no side effects

  Scenario: [7] Paths are returned with their relationships in walking order
    When executing query:
      """
      MATCH (b:N {name: 'b'}), (c:N {name: 'c'})
      MATCH p = allShortestPaths((b)-[*]-(c))
      RETURN p
      """
    Then the result should be, in any order:
      | p                                                                                          |
      | <(:N {name: 'b'})-[:T {w: 1}]->(:N {name: 'd'})<-[:T {w: 2}]-(:N {name: 'c'})>             |
      | <(:N {name: 'b'})<-[:T {w: 1}]-(:N {name: 'a'})-[:T {w: 2}]->(:N {name: 'c'})>             |
    And no side effects
