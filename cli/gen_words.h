#pragma once
// The word lists of the synthetic graph generator (cli/gen_graph.cpp): first and last names of
// people and the words of song titles, in the order the peer benchmark's generator draws from
// them (the order matters: it decides which name a random draw picks). Immutable; thread-safe.

#include <string_view>
#include <vector>

namespace liner::cli {

inline const std::vector<std::string_view>& FirstNames() {
  static const std::vector<std::string_view> kWords = {
    "Aaliyah", "Abel", "Ada", "Adele", "Adrian", "Aisha", "Alan", "Albert", "Alice", "Alma",
    "Amara", "Amir", "Amy", "Ana", "Andre", "Angela", "Anna", "Anton", "Aretha", "Ari", "Arlo",
    "Astrid", "Ava", "Axel", "Barry", "Beatrice", "Ben", "Bianca", "Billie", "Bjorn", "Blake",
    "Bob", "Bonnie", "Boris", "Brian", "Bruno", "Burt", "Camila", "Carl", "Carla", "Carlos",
    "Carmen", "Carole", "Cass", "Cecile", "Celia", "Chaka", "Chris", "Clara", "Claude", "Cole",
    "Connie", "Cora", "Curtis", "Dalia", "Damon", "Dan", "Dara", "Darius", "David", "Dean",
    "Delia", "Diana", "Dido", "Dina", "Dolly", "Don", "Dora", "Duke", "Dusty", "Ed", "Eddie",
    "Edith", "Elena", "Eli", "Ella", "Ellis", "Elton", "Elvis", "Emeka", "Emil", "Emma", "Enzo",
    "Eric", "Erykah", "Esther", "Etta", "Eva", "Faith", "Farah", "Felix", "Femi", "Fiona", "Frank",
    "Freya", "Gabriel", "Gail", "Gene", "George", "Gil", "Gina", "Grace", "Greta", "Gwen", "Hana",
    "Hank", "Harry", "Hazel", "Hector", "Helen", "Henri", "Hugo", "Ian", "Ibrahim", "Ida", "Ike",
    "Ines", "Ingrid", "Iris", "Isaac", "Ivan", "Ivy", "Jack", "Jade", "James", "Jane", "Janis",
    "Jay", "Jean", "Jill", "Joan", "Joe", "Johnny", "Joni", "Jorge", "Josh", "Joy", "Juan", "Jude",
    "Julia", "June", "Kai", "Kara", "Karen", "Kate", "Keith", "Kelly", "Kenji", "Kim", "Kurt",
    "Lana", "Lars", "Laura", "Lea", "Leon", "Lila", "Lionel", "Liz", "Lola", "Lou", "Luca", "Lucy",
    "Luis", "Luna", "Lydia", "Mac", "Mae", "Maja", "Mara", "Marc", "Maria", "Marvin", "Mavis",
    "Max", "Maya", "Miles", "Mina", "Miriam", "Mo", "Nadia", "Nat", "Nell", "Nick", "Nina", "Noah",
    "Nora", "Odile", "Olga", "Omar", "Oscar", "Otis", "Patti", "Paul", "Pearl", "Pedro", "Petra",
    "Phil", "Quincy", "Rae", "Ray", "Rhea", "Rita", "Rob", "Rosa", "Ruby", "Rufus", "Ruth", "Sade",
    "Sam", "Sara", "Sean", "Selma", "Sergio", "Shirley", "Sia", "Simone", "Sly", "Sofia",
    "Solomon", "Stan", "Stevie", "Sun", "Suzi", "Tara", "Ted", "Tina", "Tom", "Tori", "Tracy",
    "Uma", "Una", "Val", "Vera", "Victor", "Viola", "Walt", "Wanda", "Will", "Yara", "Yoko",
    "Yusuf", "Zara", "Zeke", "Zoe",
  };
  return kWords;
}

inline const std::vector<std::string_view>& LastNames() {
  static const std::vector<std::string_view> kWords = {
    "Abbott", "Adams", "Adeyemi", "Alvarez", "Andersen", "Arnold", "Bach", "Baker", "Banks",
    "Barnes", "Bell", "Bennett", "Berg", "Black", "Blake", "Bloom", "Bond", "Booker", "Brooks",
    "Brown", "Bryant", "Burke", "Burns", "Byrne", "Cale", "Campbell", "Carter", "Cash", "Castro",
    "Chan", "Chapman", "Clark", "Cobain", "Cole", "Collins", "Cooper", "Costa", "Cox", "Cruz",
    "Curtis", "Dahl", "Davies", "Davis", "Day", "Dean", "Diaz", "Dixon", "Doyle", "Duarte", "Dunn",
    "Dylan", "Eastman", "Ellis", "Evans", "Farrell", "Fischer", "Fisher", "Fleming", "Flynn",
    "Ford", "Foster", "Fox", "Franklin", "Fraser", "Frey", "Fuller", "Garcia", "Gardner", "Gibson",
    "Gill", "Gomez", "Gordon", "Graham", "Grant", "Gray", "Green", "Greer", "Gunn", "Hale", "Hall",
    "Hansen", "Harper", "Harris", "Hart", "Hayes", "Hill", "Holt", "Hooker", "Hopkins", "Howard",
    "Hughes", "Hunt", "Ito", "Jackson", "James", "Jansen", "Jensen", "John", "Johnson", "Jones",
    "Jordan", "Kane", "Keller", "Kelly", "Kent", "King", "Klein", "Knight", "Koch", "Kowalski",
    "Lamb", "Lane", "Lang", "Larsen", "Lee", "Lewis", "Lim", "Lin", "Lloyd", "Lopez", "Lowe",
    "Lynch", "Mack", "Marley", "Marsh", "Martin", "Mason", "Mayer", "Mills", "Mitchell", "Moore",
    "Morales", "Morgan", "Morris", "Murphy", "Nash", "Nelson", "Newman", "Ng", "Nielsen", "Novak",
    "Nunez", "Obi", "Oliveira", "Olsen", "Ortiz", "Osei", "Owens", "Page", "Palmer", "Park",
    "Parker", "Patel", "Perry", "Petrov", "Pham", "Phillips", "Pierce", "Porter", "Powell",
    "Price", "Quinn", "Ramos", "Reed", "Reyes", "Rhodes", "Rice", "Riley", "Rivera", "Roberts",
    "Rocha", "Rossi", "Ruiz", "Russell", "Ryan", "Sato", "Schmidt", "Scott", "Shaw", "Silva",
    "Simmons", "Simon", "Singh", "Smith", "Snow", "Sousa", "Stone", "Strand", "Sullivan", "Swift",
    "Tanaka", "Taylor", "Thomas", "Torres", "Turner", "Vance", "Vargas", "Vega", "Wagner",
    "Walker", "Wallace", "Ward", "Waters", "Watts", "Webb", "Weber", "West", "White", "Wilde",
    "Williams", "Wilson", "Wolf", "Wood", "Wright", "Young", "Zhang", "Ziegler",
  };
  return kWords;
}

inline const std::vector<std::string_view>& TitleWords() {
  static const std::vector<std::string_view> kWords = {
    "love", "night", "heart", "fire", "blue", "gold", "dream", "light", "rain", "river", "city",
    "summer", "winter", "shadow", "dance", "wild", "sweet", "honey", "moon", "sun", "star",
    "ocean", "road", "home", "ghost", "angel", "devil", "money", "sugar", "electric", "broken",
    "golden", "silver", "velvet", "midnight", "morning", "paradise", "freedom", "thunder", "storm",
    "echo", "mirror", "glass", "diamond", "paper", "neon", "cherry", "rose", "violet", "crystal",
    "rhythm", "soul", "funk", "groove", "fever", "motion", "heaven", "island", "desert", "garden",
    "highway", "signal", "satellite", "rocket", "tiger", "wolf", "lion", "bird", "butterfly",
    "kingdom", "empire", "queen", "king",
  };
  return kWords;
}

}  // namespace liner::cli
