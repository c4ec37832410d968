package demo

// Segments are group-wide codes, so reports compare entities like for like.
const (
	segRetail = iota
	segHoreca
	segBouw
	segIndustrie
	segOverheid
	segParticulier
	numSegments
)

// segmentNames are the Segment values of customers.
var segmentNames = [numSegments]string{"Retail", "Horeca", "Bouw", "Industrie", "Overheid", "Particulier"}

// Locales: where a customer is, which language it speaks and how its name,
// address and numbers look.
const (
	locNL = iota
	locDE
	locBEnl
	locBEfr
	locBXL
	locGB
)

// city is a place customers are in, with its region, postal codes and phone
// area prefix.
type city struct {
	name, region string
	lo, hi       int      // numeric postal code range (NL, DE)
	codes        []string // postal codes (BE) or outward codes (GB)
	phone        string   // prefix the generator appends digits to
}

// locale holds the word lists of one country or language area.
type locale struct {
	country     string
	lang        string
	altLang     string // second language of the area (Brussels)
	altPermille int
	cities      []city
	surnames    []string
	firstNames  []string
	streets     []string
	numberFirst bool // "12 High Street" rather than "Kerkstraat 12"
	legal       []string
	legalW      []int
	templates   [numSegments - 1][]string // {S} surname, {C} city, {N} noun
	nouns       []string
	groupParent []string
	groupSub    []string
	billingName string
	mailboxes   []string // local parts of billing mailboxes
	contactName string   // title of the dunning contact's job, for general contacts
}

// nlLocale is the Netherlands: most of NL01's customers.
var nlLocale = locale{
	country: "NL", lang: "nl",
	cities: []city{
		{name: "Amsterdam", region: "Randstad", lo: 1011, hi: 1109, phone: "20"},
		{name: "Rotterdam", region: "Randstad", lo: 3011, hi: 3089, phone: "10"},
		{name: "Den Haag", region: "Randstad", lo: 2491, hi: 2597, phone: "70"},
		{name: "Utrecht", region: "Randstad", lo: 3511, hi: 3585, phone: "30"},
		{name: "Haarlem", region: "Randstad", lo: 2011, hi: 2037, phone: "23"},
		{name: "Leiden", region: "Randstad", lo: 2311, hi: 2334, phone: "71"},
		{name: "Almere", region: "Randstad", lo: 1311, hi: 1364, phone: "36"},
		{name: "Amersfoort", region: "Randstad", lo: 3811, hi: 3829, phone: "33"},
		{name: "Alkmaar", region: "West", lo: 1811, hi: 1827, phone: "72"},
		{name: "Hoorn", region: "West", lo: 1621, hi: 1628, phone: "229"},
		{name: "Den Helder", region: "West", lo: 1781, hi: 1789, phone: "223"},
		{name: "Middelburg", region: "West", lo: 4331, hi: 4338, phone: "118"},
		{name: "Goes", region: "West", lo: 4461, hi: 4465, phone: "113"},
		{name: "Groningen", region: "Noord", lo: 9711, hi: 9747, phone: "50"},
		{name: "Leeuwarden", region: "Noord", lo: 8911, hi: 8939, phone: "58"},
		{name: "Assen", region: "Noord", lo: 9401, hi: 9409, phone: "592"},
		{name: "Emmen", region: "Noord", lo: 7811, hi: 7825, phone: "591"},
		{name: "Drachten", region: "Noord", lo: 9200, hi: 9204, phone: "512"},
		{name: "Zwolle", region: "Oost", lo: 8011, hi: 8043, phone: "38"},
		{name: "Enschede", region: "Oost", lo: 7511, hi: 7548, phone: "53"},
		{name: "Apeldoorn", region: "Oost", lo: 7311, hi: 7339, phone: "55"},
		{name: "Arnhem", region: "Oost", lo: 6811, hi: 6846, phone: "26"},
		{name: "Nijmegen", region: "Oost", lo: 6511, hi: 6546, phone: "24"},
		{name: "Deventer", region: "Oost", lo: 7411, hi: 7429, phone: "570"},
		{name: "Hengelo", region: "Oost", lo: 7551, hi: 7559, phone: "74"},
		{name: "Eindhoven", region: "Zuid", lo: 5611, hi: 5658, phone: "40"},
		{name: "Tilburg", region: "Zuid", lo: 5011, hi: 5049, phone: "13"},
		{name: "Breda", region: "Zuid", lo: 4811, hi: 4839, phone: "76"},
		{name: "'s-Hertogenbosch", region: "Zuid", lo: 5211, hi: 5236, phone: "73"},
		{name: "Maastricht", region: "Zuid", lo: 6211, hi: 6229, phone: "43"},
		{name: "Venlo", region: "Zuid", lo: 5911, hi: 5928, phone: "77"},
		{name: "Heerlen", region: "Zuid", lo: 6411, hi: 6422, phone: "45"},
	},
	surnames: []string{"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
		"Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
		"Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok",
		"Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn",
		"van der Heijden", "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
		"Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "de Lange", "Kuipers",
		"Veenstra", "Postma", "Timmermans", "Groen", "Gerritsen", "van Wijk", "Kramer", "Hermans", "Boersma"},
	firstNames: []string{"Jan", "Piet", "Kees", "Sanne", "Lotte", "Emma", "Daan", "Sem", "Lucas", "Anouk",
		"Femke", "Thijs", "Ruben", "Iris", "Eva", "Lisa", "Bas", "Joost", "Maarten", "Sophie", "Noor", "Tim",
		"Niels", "Marieke", "Esther", "Willem", "Henk", "Ingrid", "Karin", "Mark", "Sandra", "Wouter", "Fleur"},
	streets: []string{"Kerkstraat", "Dorpsstraat", "Industrieweg", "Stationsweg", "Molenweg", "Nieuwstraat",
		"Marktplein", "Havenweg", "Schoolstraat", "Julianastraat", "Beatrixlaan", "Wilhelminastraat",
		"Hoofdstraat", "Parallelweg", "Energieweg", "Ambachtsweg", "Edisonstraat", "Nijverheidsweg",
		"Handelsweg", "Transportweg", "Kanaalweg", "Zuiderkade", "Europaweg", "Laan van Zuid"},
	legal:  []string{"B.V.", "V.O.F.", "", "N.V."},
	legalW: []int{800, 80, 100, 20},
	templates: [numSegments - 1][]string{
		segRetail: {"{S} Supermarkten", "Drogisterij {S}", "Tuincentrum {N}", "{S} Mode", "Bouwmarkt {C}",
			"Slijterij {S}", "{S} Retail", "Dierenspeciaalzaak {N}", "Bakkerij {S}", "Speelgoedwinkel {N}"},
		segHoreca: {"Café De {N}", "Restaurant De {N}", "Hotel {C}", "Brasserie {S}", "Eetcafé De {N}",
			"Strandpaviljoen De {N}", "Cateringbedrijf {S}", "Lunchroom {S}", "Grand Café {N}", "Partycentrum {C}"},
		segBouw: {"Bouwbedrijf {S}", "{S} Installatietechniek", "Aannemersbedrijf {S}", "{S} Bouw",
			"Schildersbedrijf {S}", "Dakdekkersbedrijf {S}", "{S} Infra", "Timmerfabriek {S}", "{C} Bouwgroep"},
		segIndustrie: {"{S} Metaalbewerking", "{C} Verpakkingen", "{S} Kunststoffen", "{S} Machinebouw",
			"{S} Voedingsmiddelen", "{S} Techniek", "{N} Industries", "{C} Drukkerij", "{S} Logistiek"},
		segOverheid: {"Gemeente {C}", "Stichting Openbaar Onderwijs {C}", "Sportbedrijf {C}", "Zorgcentrum De {N}",
			"Regionaal Archief {C}", "Omgevingsdienst {C}", "Veiligheidsregio {C}"},
	},
	nouns: []string{"Zwaan", "Gouden Leeuw", "Molen", "Kroon", "Linde", "Poort", "Haven", "Keizer", "Ster",
		"Ridder", "Otter", "Valk", "Eik", "Klok", "Zon", "Walvis", "Boerderij", "Tulp", "Vlinder", "Roos"},
	groupParent: []string{"{S} Groep", "{S} Holding", "{S} Beheer"},
	groupSub:    []string{"{S} Logistiek", "{S} Retail", "{S} Horeca", "{S} Bouw", "{S} Techniek", "{S} Services", "{S} Noord", "{S} Zuid"},
	billingName: "Crediteurenadministratie",
	mailboxes:   []string{"facturen", "crediteuren", "administratie", "boekhouding", "finance"},
	contactName: "Directie",
}

// deLocale is Germany: NL01's cross-border customers.
var deLocale = locale{
	country: "DE", lang: "de",
	cities: []city{
		{name: "Düsseldorf", region: "Export", lo: 40210, hi: 40629, phone: "211"},
		{name: "Köln", region: "Export", lo: 50667, hi: 51149, phone: "221"},
		{name: "Essen", region: "Export", lo: 45127, hi: 45359, phone: "201"},
		{name: "Duisburg", region: "Export", lo: 47051, hi: 47279, phone: "203"},
		{name: "Münster", region: "Export", lo: 48143, hi: 48167, phone: "251"},
		{name: "Aachen", region: "Export", lo: 52062, hi: 52080, phone: "241"},
		{name: "Kleve", region: "Export", lo: 47533, hi: 47533, phone: "2821"},
	},
	surnames: []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
		"Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun"},
	firstNames: []string{"Lukas", "Anna", "Jonas", "Laura", "Felix", "Lena", "Michael", "Julia", "Stefan", "Katrin"},
	streets:    []string{"Hauptstraße", "Bahnhofstraße", "Industriestraße", "Gewerbering", "Am Hafen", "Lindenstraße"},
	legal:      []string{"GmbH", "GmbH & Co. KG", "e.K."},
	legalW:     []int{750, 200, 50},
	templates: [numSegments - 1][]string{
		segRetail:    {"{S} Handel", "Getränkemarkt {S}", "{S} Einzelhandel", "Bäckerei {S}"},
		segHoreca:    {"Gasthaus Zum {N}", "Hotel {C}", "Restaurant {S}", "{S} Catering"},
		segBouw:      {"{S} Bau", "Bauunternehmen {S}", "{S} Haustechnik"},
		segIndustrie: {"{S} Metallbau", "{S} Verpackung", "{S} Maschinenbau", "{C} Kunststofftechnik"},
		segOverheid:  {"Stadtwerke {C}", "Bildungswerk {C}"},
	},
	nouns:       []string{"Löwen", "Adler", "Hirsch", "Anker", "Schwan"},
	groupParent: []string{"{S} Gruppe", "{S} Holding"},
	groupSub:    []string{"{S} Logistik", "{S} Service", "{S} Handel"},
	billingName: "Kreditorenbuchhaltung",
	mailboxes:   []string{"buchhaltung", "rechnungen", "kreditoren"},
	contactName: "Geschäftsführung",
}
