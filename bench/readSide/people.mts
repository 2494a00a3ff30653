// Who the generated customers are: names and addresses drawn from pools per country, so that a
// million customers repeat first names as real ones do (tens of thousands of each) and spread last
// names and streets wider, in the scripts and diacritics the search must fold.

/** One country's pools. */
interface Pool {
  readonly weight: number;
  readonly first: readonly string[];
  readonly last: readonly string[];
  readonly streets: readonly string[];
  readonly cities: readonly string[];
  /** Postal code of the n-th customer. */
  readonly postal: (n: number) => string;
}

const words = (text: string): readonly string[] => text.trim().split(/\s+/);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const POOLS: readonly Pool[] = [
  {
    weight: 4,
    first:
      words(`Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Zofia Joanna Magdalena
      Monika Aleksandra Natalia Łucja Piotr Krzysztof Andrzej Tomasz Paweł Michał Marcin Marek Jakub Łukasz
      Grzegorz Mateusz Adam Wojciech Dariusz Jan Józef Kamil Szymon Bartłomiej`),
    last: words(`Nowak Kowalski Kowalska Wiśniewski Wiśniewska Wójcik Kowalczyk Kamiński Kamińska Lewandowski
      Lewandowska Zieliński Zielińska Szymański Woźniak Dąbrowski Dąbrowska Kozłowski Jankowski Mazur
      Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek
      Zając Wieczorek Jabłoński Król Majewski Olszewski Jaworski Wróbel Malinowski Pawlak Witkowski
      Walczak Stępień Górski Rutkowski Michalak Sikora Ostrowski Baran Duda Szewczyk Tomaszewski Pietrzak
      Marciniak Wróblewski Zalewski Jakubowski Jasiński Zawadzki Sadowski Bąk Chmielewski Włodarczyk
      Borkowski Czarnecki Sawicki Sokołowski Urbański Kubiak Maciejewski Szczepański Kucharski Wilk
      Kalinowski Lis Mazurek Wysocki Adamski Kaźmierczak Wasilewski Sobczak Czerwiński Andrzejewski
      Cieślak Głowacki Zakrzewski Kołodziej Sikorski Krajewski Gajewski Szymczak Szulc Baranowski
      Laskowski Brzeziński Makowski Ziółkowski Przybylski Łuczak Żak Żurawski Łęcki Ślusarczyk`),
    streets:
      words(`Długa Krótka Polna Leśna Słoneczna Ogrodowa Lipowa Brzozowa Łąkowa Kwiatowa Szkolna Kościuszki
      Mickiewicza Sienkiewicza Słowackiego Kolejowa Parkowa Zielona Różana Wiejska Źródlana Żeromskiego
      Piłsudskiego Konopnickiej Reymonta Chopina Kopernika Jagiellońska Mazowiecka Grunwaldzka Świętokrzyska
      Marszałkowska Puławska Nowowiejska Wspólna Hoża Złota Chmielna Żelazna Miodowa`),
    cities:
      words(`Warszawa Kraków Łódź Wrocław Poznań Gdańsk Szczecin Bydgoszcz Lublin Białystok Katowice Gdynia
      Częstochowa Radom Toruń Kielce Rzeszów Gliwice Zabrze Olsztyn Bielsko-Biała Bytom Opole Elbląg Płock
      Wałbrzych Tarnów Chorzów Koszalin Kalisz Legnica Grudziądz Słupsk Jaworzno Jastrzębie-Zdrój Nowy-Sącz`),
    postal: (n) => `${pad(n % 100, 2)}-${pad((n * 7) % 1000, 3)}`,
  },
  {
    weight: 2,
    first: words(`Александр Алексей Андрей Дмитрий Сергей Иван Михаил Николай Владимир Юрий Евгений Павел Олег
      Игорь Артём Анна Мария Елена Ольга Наталья Татьяна Ирина Светлана Екатерина Юлия Анастасия Дарья
      Ксения Людмила Галина Йордан`),
    last: words(`Иванов Иванова Смирнов Смирнова Кузнецов Кузнецова Попов Попова Васильев Васильева Петров Петрова
      Соколов Соколова Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов
      Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев
      Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин
      Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов
      Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов
      Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев
      Йорданов Йорданова Петков Петкова Георгиев Георгиева Димитров Димитрова Стоянов Стоянова`),
    streets:
      words(`Ленина Пушкина Гагарина Советская Мира Садовая Лесная Школьная Набережная Молодёжная Центральная
      Новая Заречная Полевая Луговая Гоголя Чехова Лермонтова Кирова Пионерская Витоша Раковски Шипка`),
    cities:
      words(`Москва Санкт-Петербург Новосибирск Екатеринбург Казань Самара Омск Ростов Уфа Красноярск Пермь
      Воронеж Волгоград София Пловдив Варна Бургас Русе`),
    postal: (n) => pad((n * 37) % 1000000, 6),
  },
  {
    weight: 1,
    first: words(`Daan Sem Lucas Levi Finn Milan Bram Noah Luuk Thijs Emma Julia Sophie Tess Zoë Sara Anna Eva
      Lotte Fenna`),
    last: words(`de-Jong Jansen de-Vries van-den-Berg van-Dijk Bakker Janssen Visser Smit Meijer de-Boer
      Mulder de-Groot Bos Vos Peters Hendriks van-Leeuwen Dekker Brouwer de-Wit Dijkstra Smits de-Graaf
      van-der-Meer van-der-Linden Kok Jacobs de-Haan Vermeulen`),
    streets:
      words(`Voorstraat Kerkstraat Dorpsstraat Molenweg Stationsweg Schoolstraat Julianastraat Beatrixstraat
      Nieuwstraat Marktstraat Prinsengracht Keizersgracht Herengracht Zuiderdiep`),
    cities:
      words(`Amsterdam Rotterdam Utrecht Eindhoven Groningen Tilburg Almere Breda Nijmegen Haarlem Arnhem
      Zaandam Leiden Maastricht Dordrecht Zwolle`),
    postal: (n) =>
      `${1000 + (n % 9000)} ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n >> 5) % 26))}`,
  },
  {
    weight: 1,
    first: words(`Gabriel Léo Raphaël Arthur Louis Jules Adam Hugo Lucas Noé Jade Louise Emma Alice Ambre Lina
      Rose Chloé Léa Anaïs Hélène Søren Ørjan`),
    last: words(`Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre
      Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent
      Müller Lefèbvre Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia
      Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis
      Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet
      Gaillard Barbier Arnaud Martínez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard
      Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey
      Leclerc Payet Rolland Leclercq Guillaume Lecomte López Jean Dupuy Guillot Hubert Berger Carpentier
      Sánchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam
      Paris Poirier Marty Aubry Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin
      Bailly Hervé Schneider Fernández Le-Gall Collet Léger Bouvier Julien Prévost Millet Perrot Daniel
      Le-Roux Cousin Germain Breton Besson Langlois Rémy Le-Goff Pelletier Lévêque Perrier Leblanc Barré
      Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodríguez Guichard Gillet Étienne
      Grondin Poulain Tessier Chevallier Collin Chauvin Da-Silva Bouchet Gay Lemaître Bénard Maréchal
      Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay
      Pasquier Carlier Laporte Østergaard Søndergaard Kjær`),
    streets:
      words(`rue-de-la-Paix rue-Victor-Hugo rue-de-la-République avenue-Jean-Jaurès rue-Pasteur rue-Gambetta
      boulevard-Voltaire rue-de-l'Église place-de-la-Mairie rue-du-Moulin chemin-des-Écoliers Nørregade
      Østergade Søndergade`),
    cities:
      words(`Paris Marseille Lyon Toulouse Nice Nantes Strasbourg Montpellier Bordeaux Lille Rennes Reims
      Saint-Étienne Le-Havre Toulon Grenoble Dijon Angers Nîmes København Århus Ålborg`),
    postal: (n) => pad(1000 + ((n * 13) % 94000), 5),
  },
];

const TOTAL_WEIGHT = POOLS.reduce((sum, p) => sum + p.weight, 0);

/** A multiplicative hash: neighbouring customers get unrelated picks, and the same n the same ones. */
const mix = (n: number, salt: number): number => {
  let h = Math.imul(n ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
};

const pick = <A,>(list: readonly A[], n: number, salt: number): A => list[mix(n, salt) % list.length] as A;

/** The pool of the n-th customer, by weight. */
const poolOf = (n: number): Pool => {
  let w = mix(n, 1) % TOTAL_WEIGHT;
  for (const pool of POOLS) {
    if (w < pool.weight) return pool;
    w -= pool.weight;
  }
  return POOLS[0] as Pool;
};

/** Multi-word names are kept in the pools with `-` so the pools split on spaces; a few are real hyphens. */
const spaced = (s: string) =>
  s.replace(/-(?=[a-zà-ÿ])/g, ' ').replace(/(^|\s)(de|van|der|den|Le|Da)-/g, '$1$2 ');

/** The n-th generated customer's personal details. */
export interface Person {
  readonly firstName: string;
  readonly lastName: string;
  readonly street: string;
  readonly houseNumber: string;
  readonly postalCode: string;
  readonly city: string;
}

/** The n-th customer of the generated population (deterministic). */
export const person = (n: number): Person => {
  const pool = poolOf(n);
  return {
    firstName: pick(pool.first, n, 2),
    lastName: spaced(pick(pool.last, n, 3)),
    street: spaced(pick(pool.streets, n, 4)),
    houseNumber: String(1 + (mix(n, 5) % 180)),
    postalCode: pool.postal(mix(n, 6) % 1_000_000),
    city: pick(pool.cities, n, 7),
  };
};

// Polish mobile ranges: every generated phone is a valid mobile number, distinct for distinct n.
const MOBILE_PREFIXES = ['50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88'];

/** The n-th distinct Polish mobile number (n < 120,000,000) in E.164 and as typed at the till. */
export const mobile = (n: number): { readonly e164: string; readonly typed: string } => {
  const prefix = MOBILE_PREFIXES[Math.floor(n / 10_000_000) % MOBILE_PREFIXES.length] as string;
  const rest = pad(n % 10_000_000, 7);
  const national = `${prefix}${rest}`;
  return {
    e164: `+48${national}`,
    typed: `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`,
  };
};

/** The n-th distinct loyalty card number. */
export const card = (n: number): string => `7${pad(n, 9)}`;

/** The n-th distinct email address. */
export const email = (n: number): string => `customer${n}@example.com`;
