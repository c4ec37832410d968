package demo

var beSurnamesNL = []string{"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
	"Wouters", "De Smet", "Vermeulen", "Van den Bossche", "De Clercq", "Hermans", "Desmet", "Michiels",
	"Claessens", "Aerts", "Segers", "Vandenberghe", "Van Damme", "De Backer", "Verstraete", "Cools", "Wuyts"}

var beSurnamesFR = []string{"Dubois", "Lambert", "Dupont", "Martin", "Simon", "Leclercq", "Lemaire", "Renard",
	"Dumont", "Laurent", "Lejeune", "Collard", "Henrard", "Denis", "Mathieu", "Gilson", "Francois", "Piron"}

var beNLTemplates = [numSegments - 1][]string{
	segRetail:    {"{S} Supermarkt", "Bakkerij {S}", "Slagerij {S}", "Tuincentrum {N}", "{S} Retail", "Drankencentrale {S}"},
	segHoreca:    {"Café De {N}", "Restaurant {N}", "Hotel {C}", "Brasserie {S}", "Frituur {S}", "Taverne De {N}"},
	segBouw:      {"Bouwbedrijf {S}", "{S} Bouw", "Schrijnwerkerij {S}", "{S} Renovatie", "Dakwerken {S}"},
	segIndustrie: {"{S} Metaal", "{C} Verpakking", "{S} Kunststoffen", "{S} Machinebouw", "{S} Logistics"},
	segOverheid:  {"OCMW {C}", "Stad {C}", "Autonoom Gemeentebedrijf {C}", "Woonzorgcentrum De {N}"},
}

var beFRTemplates = [numSegments - 1][]string{
	segRetail:    {"Boulangerie {S}", "Boucherie {S}", "Supermarché {S}", "Jardinerie {N}", "{S} Distribution"},
	segHoreca:    {"Café {N}", "Brasserie {N}", "Hôtel {C}", "Restaurant {S}", "Taverne {N}"},
	segBouw:      {"Construction {S}", "{S} Rénovation", "Toitures {S}", "Menuiserie {S}"},
	segIndustrie: {"{S} Métal", "{C} Emballages", "{S} Industries", "{S} Mécanique"},
	segOverheid:  {"CPAS de {C}", "Ville de {C}", "Maison de repos {N}", "Intercommunale {C}"},
}

// beNLLocale is Flanders (Dutch-speaking Belgium).
var beNLLocale = locale{
	country: "BE", lang: "nl",
	cities: []city{
		{name: "Antwerpen", region: "Vlaanderen", codes: []string{"2000", "2018", "2020", "2030", "2050", "2060", "2100", "2140"}, phone: "3"},
		{name: "Gent", region: "Vlaanderen", codes: []string{"9000", "9030", "9040", "9050"}, phone: "9"},
		{name: "Brugge", region: "Vlaanderen", codes: []string{"8000", "8200", "8310"}, phone: "50"},
		{name: "Leuven", region: "Vlaanderen", codes: []string{"3000", "3001", "3010", "3012"}, phone: "16"},
		{name: "Hasselt", region: "Vlaanderen", codes: []string{"3500", "3510", "3511"}, phone: "11"},
		{name: "Mechelen", region: "Vlaanderen", codes: []string{"2800", "2801", "2811"}, phone: "15"},
		{name: "Kortrijk", region: "Vlaanderen", codes: []string{"8500", "8501", "8510"}, phone: "56"},
		{name: "Aalst", region: "Vlaanderen", codes: []string{"9300", "9308", "9320"}, phone: "53"},
		{name: "Roeselare", region: "Vlaanderen", codes: []string{"8800"}, phone: "51"},
		{name: "Genk", region: "Vlaanderen", codes: []string{"3600"}, phone: "89"},
	},
	surnames:    beSurnamesNL,
	firstNames:  []string{"Jens", "Lotte", "Pieter", "Wout", "Ine", "Tine", "Bram", "Elke", "Koen", "Griet", "Stijn", "Lien", "Dries", "An"},
	streets:     []string{"Kerkstraat", "Stationsstraat", "Industrielaan", "Nijverheidsstraat", "Dorpsstraat", "Molenstraat", "Brugstraat", "Kapelstraat", "Meir", "Zandvoort"},
	legal:       []string{"BV", "NV", "CommV", ""},
	legalW:      []int{780, 150, 30, 40},
	templates:   beNLTemplates,
	nouns:       []string{"Zwaan", "Gouden Leeuw", "Molen", "Kroon", "Valk", "Klok", "Hoorn", "Engel"},
	groupParent: []string{"{S} Group", "{S} Holding"},
	groupSub:    []string{"{S} Logistics", "{S} Retail", "{S} Services", "{S} Bouw"},
	billingName: "Boekhouding",
	mailboxes:   []string{"facturen", "boekhouding", "invoices", "administratie"},
	contactName: "Zaakvoerder",
}

// beFRLocale is Wallonia (French-speaking Belgium).
var beFRLocale = locale{
	country: "BE", lang: "fr",
	cities: []city{
		{name: "Liège", region: "Wallonië", codes: []string{"4000", "4020", "4030", "4031"}, phone: "4"},
		{name: "Namur", region: "Wallonië", codes: []string{"5000", "5002", "5020"}, phone: "81"},
		{name: "Charleroi", region: "Wallonië", codes: []string{"6000", "6001", "6010", "6040"}, phone: "71"},
		{name: "Mons", region: "Wallonië", codes: []string{"7000", "7011", "7020"}, phone: "65"},
		{name: "Wavre", region: "Wallonië", codes: []string{"1300", "1301"}, phone: "10"},
		{name: "Tournai", region: "Wallonië", codes: []string{"7500", "7501"}, phone: "69"},
		{name: "Arlon", region: "Wallonië", codes: []string{"6700"}, phone: "63"},
	},
	surnames:    beSurnamesFR,
	firstNames:  []string{"Jean", "Marie", "Luc", "Sophie", "Pierre", "Nathalie", "Michel", "Isabelle", "Thomas", "Camille", "Julien", "Claire"},
	streets:     []string{"Rue de la Station", "Rue de l'Église", "Rue du Commerce", "Chaussée de Bruxelles", "Rue des Champs", "Avenue des Tilleuls", "Zoning Industriel", "Rue du Moulin"},
	legal:       []string{"SRL", "SA", "SComm", ""},
	legalW:      []int{780, 160, 20, 40},
	templates:   beFRTemplates,
	nouns:       []string{"Le Lion d'Or", "La Cloche", "Le Moulin", "La Fontaine", "Le Coq", "Les Tilleuls", "Le Marché", "La Couronne"},
	groupParent: []string{"Groupe {S}", "{S} Holding"},
	groupSub:    []string{"{S} Logistique", "{S} Distribution", "{S} Services"},
	billingName: "Comptabilité fournisseurs",
	mailboxes:   []string{"comptabilite", "factures", "admin"},
	contactName: "Gérant",
}

// bxlLocale is Brussels: mostly French, partly Dutch.
var bxlLocale = locale{
	country: "BE", lang: "fr", altLang: "nl", altPermille: 300,
	cities: []city{
		{name: "Brussel", region: "Brussel", codes: []string{"1000", "1020", "1030", "1040", "1050", "1060", "1070", "1080", "1120", "1140"}, phone: "2"},
	},
	surnames:    append(append([]string{}, beSurnamesFR...), beSurnamesNL[:10]...),
	firstNames:  []string{"Jean", "Marie", "Luc", "Sophie", "Karim", "Nadia", "Thomas", "Lotte", "Pieter", "Sarah"},
	streets:     []string{"Rue de la Loi", "Chaussée de Louvain", "Boulevard Industriel", "Rue Haute", "Avenue de la Couronne", "Rue Gray"},
	legal:       []string{"SRL", "SA", "BV", "NV"},
	legalW:      []int{600, 150, 200, 50},
	templates:   beFRTemplates,
	nouns:       []string{"Le Lion d'Or", "La Cloche", "Le Moulin", "La Fontaine", "Le Coq", "La Grand-Place"},
	groupParent: []string{"Groupe {S}", "{S} Group"},
	groupSub:    []string{"{S} Logistics", "{S} Distribution", "{S} Services"},
	billingName: "Comptabilité fournisseurs",
	mailboxes:   []string{"comptabilite", "factures", "invoices"},
	contactName: "Gérant",
}

// gbLocale is the United Kingdom. Phone numbers use Ofcom's drama ranges.
var gbLocale = locale{
	country: "GB", lang: "en",
	cities: []city{
		{name: "London", region: "London", codes: []string{"EC1V", "EC2A", "SE1", "N1", "E14", "W1D", "NW1", "E1", "SE10"}, phone: "20 7946 0"},
		{name: "Manchester", region: "North", codes: []string{"M1", "M2", "M3", "M4", "M15", "M17"}, phone: "161 496 0"},
		{name: "Leeds", region: "North", codes: []string{"LS1", "LS2", "LS9", "LS11"}, phone: "113 496 0"},
		{name: "Sheffield", region: "North", codes: []string{"S1", "S2", "S9"}, phone: "114 496 0"},
		{name: "Liverpool", region: "North", codes: []string{"L1", "L3", "L20"}, phone: "151 496 0"},
		{name: "Newcastle upon Tyne", region: "North", codes: []string{"NE1", "NE4", "NE6"}, phone: "191 498 0"},
		{name: "Birmingham", region: "Midlands", codes: []string{"B1", "B4", "B5", "B7"}, phone: "121 496 0"},
		{name: "Nottingham", region: "Midlands", codes: []string{"NG1", "NG2", "NG7"}, phone: "115 496 0"},
		{name: "Leicester", region: "Midlands", codes: []string{"LE1", "LE2"}, phone: "116 496 0"},
		{name: "Bristol", region: "South", codes: []string{"BS1", "BS2", "BS3"}, phone: "117 496 0"},
		{name: "Southampton", region: "South", codes: []string{"SO14", "SO15"}, phone: "1632 960 "},
		{name: "Reading", region: "South", codes: []string{"RG1", "RG2"}, phone: "118 496 0"},
		{name: "Glasgow", region: "Scotland", codes: []string{"G1", "G2", "G3", "G40"}, phone: "141 496 0"},
		{name: "Edinburgh", region: "Scotland", codes: []string{"EH1", "EH2", "EH6"}, phone: "131 496 0"},
		{name: "Cardiff", region: "Wales", codes: []string{"CF10", "CF11", "CF24"}, phone: "29 2018 0"},
	},
	surnames: []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
		"Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
		"Patel", "Khan", "Hughes", "Edwards", "Turner", "Harris", "Cooper", "Hill", "Ward", "Morris", "Moore",
		"King", "Baker", "Harrison", "Morgan", "Allen", "Scott", "Watson", "Bennett", "Mitchell", "Kelly", "Shaw"},
	firstNames: []string{"Oliver", "Amelia", "Jack", "Olivia", "Harry", "Isla", "George", "Emily", "Noah", "Ava",
		"James", "Sophie", "William", "Grace", "Thomas", "Chloe", "Daniel", "Lucy", "Sarah", "David", "Priya", "Aisha"},
	streets: []string{"High Street", "Station Road", "Church Lane", "Mill Lane", "Park Road", "Victoria Road",
		"Queen Street", "Riverside Industrial Estate", "Commercial Road", "Canal Street", "Market Place"},
	numberFirst: true,
	legal:       []string{"Ltd", "Limited", "LLP", "plc", ""},
	legalW:      []int{720, 150, 40, 20, 70},
	templates: [numSegments - 1][]string{
		segRetail:    {"{S}'s Convenience Stores", "{C} Garden Centre", "{S} Home & Hardware", "{S} Fine Foods", "{S} Butchers"},
		segHoreca:    {"The {N}", "{C} Hotel", "{S}'s Kitchen", "{S} Catering", "The {N} Inn", "{S}'s Café"},
		segBouw:      {"{S} Builders", "{S} & Sons Construction", "{C} Roofing", "{S} Plumbing & Heating", "{S} Joinery"},
		segIndustrie: {"{S} Engineering", "{C} Packaging", "{S} Plastics", "{S} Manufacturing", "{S} Logistics"},
		segOverheid:  {"{C} Academy Trust", "{C} Leisure Trust", "{C} Housing Association", "{C} College"},
	},
	nouns:       []string{"Red Lion", "Crown", "Royal Oak", "White Hart", "Kings Arms", "Plough", "Swan", "Bell", "Anchor", "Rose & Crown"},
	groupParent: []string{"{S} Group", "{S} Holdings"},
	groupSub:    []string{"{S} Distribution", "{S} Retail", "{S} Services", "{S} Foods"},
	billingName: "Accounts Payable",
	mailboxes:   []string{"accounts", "invoices", "finance", "purchase.ledger"},
	contactName: "Managing Director",
}

// locales is indexed by the loc* constants.
var locales = [...]*locale{locNL: &nlLocale, locDE: &deLocale, locBEnl: &beNLLocale, locBEfr: &beFRLocale, locBXL: &bxlLocale, locGB: &gbLocale}
