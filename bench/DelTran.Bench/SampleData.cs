namespace DelTran.Bench;

/// <summary>A DelTran participant as the demo configuration (src/DelTran.Host/appsettings.json) lists it.</summary>
/// <param name="Bic">BIC8 of the participant.</param>
/// <param name="Country">ISO 3166 country of the participant.</param>
/// <param name="IbanBankCode">For UAE banks, the 3-digit bank code inside their IBANs.</param>
internal sealed record Participant(string Bic, string Country, string? IbanBankCode)
{
    public string Bic11 => Bic + "XXX";
}

/// <summary>A street in a town, enough to build a structured postal address.</summary>
internal sealed record Street(string Name, string Town, string Subdivision, string? PostCodePrefix);

/// <summary>Fictional but plausible names, streets and texts per country. Nothing here is a real customer.</summary>
internal static class SampleData
{
    public static readonly Participant[] Participants =
    [
        new("SRCBINBB", "IN", null),
        new("KVRIINBB", "IN", null),
        new("EPRLAEAD", "AE", "033"),
        new("FLCNAEAA", "AE", "026"),
        new("LBHBUS33", "US", null),
        new("PRRIUS44", "US", null),
    ];

    public static readonly string[] Currencies = ["INR", "AED", "USD"];

    public static readonly string[] IndianGivenNames =
    [
        "Aarav", "Vivaan", "Aditya", "Ananya", "Diya", "Ishaan", "Kavya", "Lakshmi", "Meera", "Nikhil",
        "Priya", "Rahul", "Rohan", "Saanvi", "Sneha", "Arjun", "Deepa", "Karthik", "Pooja", "Suresh",
    ];

    public static readonly string[] IndianFamilyNames =
    [
        "Sharma", "Iyer", "Nair", "Reddy", "Patel", "Gupta", "Menon", "Krishnan", "Desai", "Banerjee",
        "Chatterjee", "Pillai", "Rao", "Subramanian", "Joshi", "Kulkarni", "Mehta", "Verma",
    ];

    public static readonly string[] EmiratiGivenNames =
    [
        "Ahmed", "Fatima", "Mohammed", "Mariam", "Khalid", "Noura", "Omar", "Aisha", "Saeed", "Hessa",
        "Rashid", "Latifa", "Sultan", "Shamma", "Hamdan", "Maitha",
    ];

    public static readonly string[] EmiratiFamilyNames =
    [
        "Al Mansoori", "Al Hammadi", "Al Nuaimi", "Al Marzooqi", "Al Shamsi", "Al Ketbi", "Al Mazrouei",
        "Al Suwaidi", "Al Falasi", "Al Dhaheri", "Al Zaabi", "Al Qubaisi",
    ];

    public static readonly string[] AmericanGivenNames =
    [
        "Emily", "James", "Olivia", "Michael", "Sophia", "William", "Emma", "Daniel", "Ava", "Matthew",
        "Isabella", "David", "Mia", "Joseph", "Charlotte", "Andrew",
    ];

    public static readonly string[] AmericanFamilyNames =
    [
        "Davis", "Miller", "Johnson", "Anderson", "Thompson", "Garcia", "Martinez", "Robinson", "Clark",
        "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott",
    ];

    public static readonly string[] IndianCompanyWords =
    [
        "Thanjavur Handloom", "Coromandel Spices", "Deccan Textiles", "Malabar Cashew", "Narmada Agro",
        "Kaveri Auto Components", "Sahyadri Pharma", "Ganga Steel Traders", "Konkan Seafoods", "Nilgiri Tea",
        "Vindhya Software", "Godavari Ceramics",
    ];

    public static readonly string[] IndianCompanySuffixes = ["Pvt Ltd", "Exports Pvt Ltd", "Industries Ltd", "LLP"];

    public static readonly string[] EmiratiCompanyWords =
    [
        "Pearl Coast", "Falcon Logistics", "Desert Rose", "Marina Crest", "Gulf Horizon", "Creek Side",
        "Oasis Building Materials", "Corniche Foodstuff", "Jebel Trading", "Dune Line Shipping",
    ];

    public static readonly string[] EmiratiCompanySuffixes = ["Trading LLC", "LLC", "FZE", "FZCO", "General Trading LLC"];

    public static readonly string[] AmericanCompanyWords =
    [
        "Lakeshore Home Furnishings", "Prairie Grain", "Harbor Point Electronics", "Blue Ridge Outfitters",
        "Cascade Medical Supply", "Liberty Freight", "Great Plains Tractor", "Bayview Software",
        "Redwood Packaging", "Granite State Tools",
    ];

    public static readonly string[] AmericanCompanySuffixes = ["Inc.", "LLC", "Corp.", "Co."];

    public static readonly Street[] IndianStreets =
    [
        new("Gandhiji Road", "Thanjavur", "Tamil Nadu", "613"),
        new("Mahatma Gandhi Road", "Bengaluru", "Karnataka", "560"),
        new("Linking Road", "Mumbai", "Maharashtra", "400"),
        new("Park Street", "Kolkata", "West Bengal", "700"),
        new("Anna Salai", "Chennai", "Tamil Nadu", "600"),
        new("Banjara Hills Road No 12", "Hyderabad", "Telangana", "500"),
        new("Fergusson College Road", "Pune", "Maharashtra", "411"),
        new("Marine Drive", "Kochi", "Kerala", "682"),
        new("Ashram Road", "Ahmedabad", "Gujarat", "380"),
        new("Hazratganj", "Lucknow", "Uttar Pradesh", "226"),
    ];

    public static readonly Street[] EmiratiStreets =
    [
        new("Sheikh Zayed Road", "Dubai", "Dubai", null),
        new("Al Karamah Street", "Abu Dhabi", "Abu Dhabi", null),
        new("Khalid Bin Al Waleed Road", "Dubai", "Dubai", null),
        new("Corniche Road", "Abu Dhabi", "Abu Dhabi", null),
        new("Al Wahda Street", "Sharjah", "Sharjah", null),
        new("Al Maktoum Road", "Dubai", "Dubai", null),
        new("Hamdan Bin Mohammed Street", "Abu Dhabi", "Abu Dhabi", null),
        new("King Faisal Street", "Ajman", "Ajman", null),
    ];

    public static readonly Street[] AmericanStreets =
    [
        new("West Lake Street", "Chicago", "IL", "606"),
        new("East 86th Street", "New York", "NY", "100"),
        new("Market Street", "San Francisco", "CA", "941"),
        new("Peachtree Street NE", "Atlanta", "GA", "303"),
        new("Congress Avenue", "Austin", "TX", "787"),
        new("Pike Street", "Seattle", "WA", "981"),
        new("Boylston Street", "Boston", "MA", "021"),
        new("Woodward Avenue", "Detroit", "MI", "482"),
        new("Nicollet Mall", "Minneapolis", "MN", "554"),
        new("Colfax Avenue", "Denver", "CO", "802"),
    ];

    /// <summary>ExternalPurpose1Code values with a matching ExternalCategoryPurpose1Code and a remittance text.</summary>
    public static readonly (string Purpose, string Category, string Text)[] Purposes =
    [
        ("GDDS", "SUPP", "Payment for goods as per invoice"),
        ("SUPP", "SUPP", "Supplier payment for purchase order"),
        ("SCVE", "SUPP", "Professional services rendered in"),
        ("SALA", "SALA", "Salary transfer for the month of"),
        ("TRAD", "TRAD", "Trade settlement for shipment"),
        ("INTC", "INTC", "Intra-company settlement reference"),
        ("FAMI", "OTHR", "Family maintenance remittance"),
        ("EDUC", "OTHR", "Tuition fees for academic term"),
        ("RENT", "OTHR", "Office rent for the quarter ending"),
        ("INSU", "OTHR", "Insurance premium under policy"),
    ];

    /// <summary>RBI purpose codes used on Indian regulatory reporting.</summary>
    public static readonly (string Code, string Text)[] RbiPurposes =
    [
        ("P0102", "Realisation of export bills"),
        ("P0802", "Software consultancy services"),
        ("P1301", "Family maintenance remittance"),
        ("S0101", "Advance payment against imports"),
        ("S0102", "Imports settlement of invoice"),
        ("S1301", "Family maintenance and savings"),
    ];

    public static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];
}
