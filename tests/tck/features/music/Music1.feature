# Liner's own TCK-style scenarios over the music-credit model (a seed-style graph: the people,
# songs, samples and album around "We Cry Together"; see datasets/seed and docs/model.md).

Feature: Music1 - questions and updates on a music credit graph

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (kl:Person {id: 'person:kendrick-lamar', name: 'Kendrick Lamar', aliases: ['Kendrick Duckworth']}),
             (tp:Person {id: 'person:taylour-paige', name: 'Taylour Paige'}),
             (alc:Person {id: 'person:the-alchemist', name: 'The Alchemist', aliases: ['Alan Maman']}),
             (fw:Person {id: 'person:florence-welch', name: 'Florence Welch'}),
             (gp:Person {id: 'person:gary-peacock', name: 'Gary Peacock'}),
             (wa:Person {id: 'person:whitney-alford', name: 'Whitney Alford'}),
             (da:Person {id: 'person:derek-ali', name: 'Derek Ali', aliases: ['MixedByAli']}),
             (fm:Group {id: 'group:florence-and-the-machine', name: 'Florence and the Machine'}),
             (wct:Song {id: 'song:we-cry-together', title: 'We Cry Together', year: 2022, length_seconds: 341}),
             (june:Song {id: 'song:june', title: 'June'}),
             (val:Song {id: 'song:valentine', title: 'Valentine'}),
             (s1:Sample {id: 'sample:we-cry-together-june', title: 'Sample of "June" in "We Cry Together"'}),
             (s2:Sample {id: 'sample:we-cry-together-valentine', title: 'Sample of "Valentine" in "We Cry Together"'}),
             (al:Album {id: 'album:mr-morale-and-the-big-steppers', title: 'Mr. Morale & the Big Steppers', year: 2022}),
             (kl)-[:CREDITED {role: 'primary artist', category: 'performance'}]->(wct),
             (kl)-[:CREDITED {role: 'songwriting', category: 'writing'}]->(wct),
             (tp)-[:CREDITED {role: 'primary artist', category: 'performance'}]->(wct),
             (alc)-[:CREDITED {role: 'production', category: 'production'}]->(wct),
             (alc)-[:CREDITED {role: 'songwriting', category: 'writing'}]->(wct),
             (wa)-[:CREDITED {role: 'narration', category: 'performance'}]->(wct),
             (da)-[:CREDITED {role: 'mixing', category: 'mixing'}]->(wct),
             (fw)-[:CREDITED {role: 'songwriting', category: 'writing'}]->(wct),
             (gp)-[:CREDITED {role: 'songwriting', category: 'writing'}]->(wct),
             (fw)-[:CREDITED {role: 'songwriting', category: 'writing'}]->(june),
             (fm)-[:CREDITED {role: 'performer', category: 'performance'}]->(june),
             (gp)-[:CREDITED {role: 'songwriting', category: 'writing'}]->(val),
             (kl)-[:CREDITED {role: 'primary artist', category: 'performance'}]->(al),
             (fw)-[:MEMBER_OF]->(fm),
             (wct)-[:HAS_SAMPLE]->(s1), (wct)-[:HAS_SAMPLE]->(s2),
             (s1)-[:SAMPLES]->(june), (s2)-[:SAMPLES]->(val),
             (wct)-[:APPEARS_ON {track_number: 8}]->(al)
      """

  Scenario: [1] Counting nodes per label
    When executing query:
      """
      MATCH (n)
      RETURN labels(n) AS labels, count(*) AS n
      """
    Then the result should be, in any order:
      | labels     | n |
      | ['Person'] | 7 |
      | ['Group']  | 1 |
      | ['Song']   | 3 |
      | ['Sample'] | 2 |
      | ['Album']  | 1 |
    And no side effects

  Scenario: [2] The people credited on a song that samples a song Florence Welch wrote
    When executing query:
      """
      MATCH (:Person {name: 'Florence Welch'})-[:CREDITED]->(:Song)<-[:SAMPLES]-(:Sample)
            <-[:HAS_SAMPLE]-(:Song)<-[:CREDITED]-(p:Person)
      RETURN DISTINCT p.name AS name
      ORDER BY name
      LIMIT 3
      """
    Then the result should be, in order:
      | name             |
      | 'Derek Ali'      |
      | 'Florence Welch' |
      | 'Gary Peacock'   |
    And no side effects

  Scenario: [3] Collaborators of Kendrick Lamar with the number of songs shared
    When executing query:
      """
      MATCH (k:Person {name: 'Kendrick Lamar'})-[:CREDITED]->(s:Song)<-[:CREDITED]-(p:Person)
      WHERE p <> k
      RETURN p.name AS name, count(DISTINCT s) AS songs
      ORDER BY name
      """
    Then the result should be, in order:
      | name             | songs |
      | 'Derek Ali'      | 1     |
      | 'Florence Welch' | 1     |
      | 'Gary Peacock'   | 1     |
      | 'Taylour Paige'  | 1     |
      | 'The Alchemist'  | 1     |
      | 'Whitney Alford' | 1     |
    And no side effects

  Scenario: [4] Credits on a song grouped by category
    When executing query:
      """
      MATCH (:Song {title: 'We Cry Together'})<-[c:CREDITED]-(p)
      RETURN c.category AS category, count(*) AS credits, collect(DISTINCT p.name) AS people
      """
    Then the result should be (ignoring element order for lists):
      | category      | credits | people                                                    |
      | 'performance' | 3       | ['Kendrick Lamar', 'Taylour Paige', 'Whitney Alford']     |
      | 'writing'     | 4       | ['Kendrick Lamar', 'The Alchemist', 'Florence Welch', 'Gary Peacock'] |
      | 'production'  | 1       | ['The Alchemist']                                         |
      | 'mixing'      | 1       | ['Derek Ali']                                             |
    And no side effects

  Scenario: [5] Everyone is listed, with their group when they have one
    When executing query:
      """
      MATCH (p:Person)
      WHERE p.name STARTS WITH 'F' OR p.name STARTS WITH 'G'
      OPTIONAL MATCH (p)-[:MEMBER_OF]->(g:Group)
      RETURN p.name AS name, g.name AS band
      """
    Then the result should be, in any order:
      | name             | band                       |
      | 'Florence Welch' | 'Florence and the Machine' |
      | 'Gary Peacock'   | null                       |
    And no side effects

  Scenario: [6] Aliases unwound into one row each
    When executing query:
      """
      MATCH (p:Person)
      WHERE p.aliases IS NOT NULL
      UNWIND p.aliases AS alias
      RETURN p.name AS name, alias
      ORDER BY alias
      """
    Then the result should be, in order:
      | name            | alias                |
      | 'The Alchemist' | 'Alan Maman'         |
      | 'Kendrick Lamar' | 'Kendrick Duckworth' |
      | 'Derek Ali'     | 'MixedByAli'         |
    And no side effects

  Scenario: [7] The shortest collaboration chain from Taylour Paige to Florence and the Machine
    When executing query:
      """
      MATCH (a:Person {name: 'Taylour Paige'}), (b:Group {name: 'Florence and the Machine'})
      MATCH p = shortestPath((a)-[:CREDITED|MEMBER_OF*]-(b))
      RETURN length(p) AS hops, [n IN nodes(p) | coalesce(n.name, n.title)] AS chain
      """
    Then the result should be, in any order:
      | hops | chain                                                                     |
      | 3    | ['Taylour Paige', 'We Cry Together', 'Florence Welch', 'Florence and the Machine'] |
    And no side effects

  Scenario: [8] Adding a credit with MERGE creates the person once
    When executing query:
      """
      MATCH (s:Song {title: 'We Cry Together'})
      MERGE (p:Person {name: 'Emerson Mancini'})
      CREATE (p)-[:CREDITED {role: 'mastering', category: 'mastering'}]->(s)
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes         | 1 |
      | +relationships | 1 |
      | +properties    | 3 |
    When executing control query:
      """
      MATCH (p:Person {name: 'Emerson Mancini'})-[c:CREDITED]->(s)
      RETURN s.title AS title, c.role AS role
      """
    Then the result should be, in any order:
      | title             | role        |
      | 'We Cry Together' | 'mastering' |

  Scenario: [9] Merging an existing person matches it and sets on match
    When executing query:
      """
      MERGE (p:Person {name: 'Derek Ali'})
        ON CREATE SET p.created = true
        ON MATCH SET p.checked = true
      RETURN p.id AS id, p.checked AS checked, p.created AS created
      """
    Then the result should be, in any order:
      | id                  | checked | created |
      | 'person:derek-ali'  | true    | null    |
    And the side effects should be:
      | +properties | 1 |

  Scenario: [10] Removing a person removes their credits with DETACH DELETE
    When executing query:
      """
      MATCH (p:Person {name: 'Gary Peacock'})
      DETACH DELETE p
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes         | 1 |
      | -relationships | 2 |
      | -properties    | 6 |

  Scenario: [11] Deleting a credited person without DETACH fails and changes nothing
    When executing query:
      """
      MATCH (p:Person {name: 'Gary Peacock'})
      DELETE p
      """
    Then a ConstraintVerificationFailed should be raised at runtime: DeleteConnectedNode

  Scenario: [12] Songs per album with their track numbers
    When executing query:
      """
      MATCH (s:Song)-[a:APPEARS_ON]->(al:Album)
      RETURN al.title AS album, s.title AS song, a.track_number AS track
      """
    Then the result should be, in any order:
      | album                            | song              | track |
      | 'Mr. Morale & the Big Steppers'  | 'We Cry Together' | 8     |
    And no side effects

  Scenario: [13] Songs nobody sampled, found with a negative pattern predicate
    When executing query:
      """
      MATCH (s:Song)
      WHERE NOT (s)<-[:SAMPLES]-(:Sample)
      RETURN s.title AS title
      """
    Then the result should be, in any order:
      | title             |
      | 'We Cry Together' |
    And no side effects

  Scenario: [14] Renaming a song with SET changes one property
    When executing query:
      """
      MATCH (s:Song {id: 'song:june'})
      SET s.title = 'June (Florence and the Machine song)'
      RETURN s.title AS title
      """
    Then the result should be, in any order:
      | title                                  |
      | 'June (Florence and the Machine song)' |
    And the side effects should be:
      | +properties | 1 |
      | -properties | 1 |

  Scenario: [15] A parameterised lookup by external id
    And parameters are:
      | id | 'person:the-alchemist' |
    When executing query:
      """
      MATCH (p:Person {id: $id})-[c:CREDITED]->(s:Song)
      RETURN p.name AS name, c.role AS role, s.title AS song
      ORDER BY role
      """
    Then the result should be, in order:
      | name            | role          | song              |
      | 'The Alchemist' | 'production'  | 'We Cry Together' |
      | 'The Alchemist' | 'songwriting' | 'We Cry Together' |
    And no side effects
