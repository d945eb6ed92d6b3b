namespace MagLoop.Materials;

/// <summary>
/// The built-in scrap types. Every figure carries its source; where no published figure was found the value
/// is an engineering assumption and says why. Full references: docs/references.md.
/// </summary>
public static class ScrapLibrary
{
    private const string Walton2015 = "Walton et al. 2015, J. Cleaner Prod. (HPMS of HDDs): extraction 90 +/- 5 %";
    private const string Jonsson2018 = "Jönsson 2018, PhD thesis, Univ. of Birmingham (etheses 8717): >95 % of NdFeB extracted from automotive rotors";
    private const string Yang2017 = "Yang et al. 2017, J. Sustain. Metall. 3:122: total RE 31-32 wt% in NdFeB";
    private const string HeimVanderWal2023 = "Heim & Vander Wal 2023 (encyclopedia.pub 50309): ~30 wt% RE, Dy cut to ~4 wt% in high-coercivity magnets";
    private const string AdvancedMagnets = "Arnold/Advanced Magnets process flows: RE 28-35, Fe 60-70, B 0.8-1.2 wt%, additives Co, Al, Cu, Ga, Nb";
    private const string OxygenAssumption = "Engineering assumption: typical O of commercial sintered NdFeB, 0.2-0.6 wt%; not found for HyProMag feed (hpms-facts 2a)";

    /// <summary>Hard-disk voice-coil-motor assemblies: Ni-coated magnets glued to steel yoke plates.</summary>
    public static ScrapType HddVcm { get; } = new()
    {
        Id = "hdd-vcm",
        Name = "Hard-disk VCM assemblies",
        MagnetMassFraction = new(0.25, "Engineering assumption: ~20 g of magnet per HDD (Walton & Williams 2011, IOM3 Materials World) in a ~80 g VCM assembly with its two steel yoke plates"),
        MagnetComposition = Composition.FromAtomicPercent([
            KeyValuePair.Create(Component.Nd, 13.4), KeyValuePair.Create(Component.Dy, 0.7), KeyValuePair.Create(Component.Fe, 78.6),
            KeyValuePair.Create(Component.Al, 0.7), KeyValuePair.Create(Component.Nb, 0.4), KeyValuePair.Create(Component.B, 6.3)]),
        MagnetCompositionSource = "Sheridan 2014, PhD thesis, Univ. of Birmingham (etheses 4929): HDD magnet Nd13.4 Dy0.7 Fe78.6 Al0.7 Nb0.4 B6.3 at%",
        OxygenMassFraction = new(0.004, OxygenAssumption),
        Coating = CoatingKind.Nickel,
        CoatingMassPerMagnetMass = new(0.02, "Engineering assumption: 15 um Ni-Cu-Ni on both faces of a ~1.5 mm thick VCM magnet (density 8.9 vs 7.5 g/cm3)"),
        ForeignComposition = Foreign(steel: 0.95, polymer: 0.03, other: 0.02),
        SpokeMagnetRecovery = new(0.98, "Engineering assumption: hand sorting of VCM assemblies loses ~2 % of magnets"),
        SpokeForeignRemoval = new(0.05, "Engineering assumption: VCM assemblies go to HPMS whole, whose drum separates the yoke steel; sorting removes loose debris only"),
        HpmsExtractionYield = new(0.90, Walton2015),
    };

    /// <summary>EV traction-motor rotors: Dy-rich magnets buried in laminated steel.</summary>
    public static ScrapType EvRotor { get; } = new()
    {
        Id = "ev-rotor",
        Name = "EV traction-motor rotors",
        MagnetMassFraction = new(0.12, "Engineering assumption: 1-2 kg magnet per traction motor (MP Materials ~2 kg/motor; vendor range 1-2 kg) in a ~12 kg rotor"),
        MagnetComposition = Percent(("Nd", 21.0), ("Pr", 6.0), ("Dy", 4.0), ("Co", 1.0), ("B", 0.95), ("Cu", 0.15), ("Al", 0.25), ("Ga", 0.2), ("Nb", 0.3)),
        MagnetCompositionSource = $"{Yang2017}; {HeimVanderWal2023}; additives within {AdvancedMagnets}",
        OxygenMassFraction = new(0.003, OxygenAssumption),
        Coating = CoatingKind.Epoxy,
        CoatingMassPerMagnetMass = new(0.005, "Engineering assumption: thin epoxy/phosphate protection of buried rotor magnets"),
        ForeignComposition = Foreign(steel: 0.93, polymer: 0.02, other: 0.05),
        SpokeMagnetRecovery = new(0.96, "Engineering assumption: magnets pushed or cut out of the lamination stack at the spoke, ~4 % lost with broken pieces"),
        SpokeForeignRemoval = new(0.90, "Engineering assumption: spoke removes shaft and most lamination steel before shipping"),
        HpmsExtractionYield = new(0.95, Jonsson2018),
    };

    /// <summary>Direct-drive wind-generator magnet modules: large magnets bonded to steel pole plates.</summary>
    public static ScrapType WindGenerator { get; } = new()
    {
        Id = "wind-generator",
        Name = "Wind-generator magnet modules",
        MagnetMassFraction = new(0.65, "Engineering assumption: magnet modules of direct-drive generators (0.5-0.85 t magnet per MW, Heim & Vander Wal 2023) keep a steel pole plate ~1/3 of their mass"),
        MagnetComposition = Percent(("Nd", 23.5), ("Pr", 5.5), ("Dy", 2.0), ("Co", 0.8), ("B", 0.95), ("Cu", 0.1), ("Al", 0.2)),
        MagnetCompositionSource = $"{Yang2017}; {HeimVanderWal2023}; additives within {AdvancedMagnets}",
        OxygenMassFraction = new(0.003, OxygenAssumption),
        Coating = CoatingKind.Epoxy,
        CoatingMassPerMagnetMass = new(0.005, "Engineering assumption: epoxy coating of large generator magnets, ~0.5 % of magnet mass"),
        ForeignComposition = Foreign(steel: 0.90, polymer: 0.08, other: 0.02),
        SpokeMagnetRecovery = new(0.98, "Engineering assumption: large magnets are rarely lost in dismantling"),
        SpokeForeignRemoval = new(0.50, "Engineering assumption: pole plates partly removed at the spoke; the rest separates in HPMS"),
        HpmsExtractionYield = new(0.95, $"Engineering assumption by analogy with large rotor magnets: {Jonsson2018}"),
    };

    /// <summary>Industrial permanent-magnet motors, received whole.</summary>
    public static ScrapType IndustrialMotor { get; } = new()
    {
        Id = "industrial-motor",
        Name = "Industrial PM motors",
        MagnetMassFraction = new(0.03, "Engineering assumption: ~1 kg of magnet in a ~30 kg motor; per-unit figures not found (hpms-facts 4a)"),
        MagnetComposition = Percent(("Nd", 23.0), ("Pr", 5.5), ("Dy", 2.5), ("Co", 1.0), ("B", 0.95), ("Cu", 0.1), ("Al", 0.25)),
        MagnetCompositionSource = $"{Yang2017}; additives within {AdvancedMagnets}",
        OxygenMassFraction = new(0.004, OxygenAssumption),
        Coating = CoatingKind.Nickel,
        CoatingMassPerMagnetMass = new(0.01, "Engineering assumption: Ni plating on thicker (~3 mm) motor magnets"),
        ForeignComposition = Foreign(steel: 0.75, polymer: 0.05, other: 0.20),
        SpokeMagnetRecovery = new(0.90, "Engineering assumption: manual dismantling of mixed motors loses ~10 % of magnets"),
        SpokeForeignRemoval = new(0.97, "Engineering assumption: housing, stator and windings removed at the spoke"),
        HpmsExtractionYield = new(0.93, $"Engineering assumption between HDD (Walton et al. 2015) and rotor ({Jonsson2018}) values"),
    };

    /// <summary>Zn-coated loudspeaker magnets with steel pole pieces (laptops, flat screens).</summary>
    public static ScrapType SpeakerZn { get; } = new()
    {
        Id = "speaker-zn",
        Name = "Zn-coated speaker magnets",
        MagnetMassFraction = new(0.35, "Engineering assumption: small magnets with steel pole pieces and baskets"),
        MagnetComposition = Percent(("Nd", 24.0), ("Pr", 6.0), ("Dy", 0.5), ("Co", 0.5), ("B", 1.0), ("Cu", 0.1), ("Al", 0.3)),
        MagnetCompositionSource = $"{Yang2017}; additives within {AdvancedMagnets}",
        OxygenMassFraction = new(0.004, OxygenAssumption),
        Coating = CoatingKind.Zinc,
        CoatingMassPerMagnetMass = new(0.015, "Engineering assumption: ~10 um Zn on small speaker magnets"),
        ForeignComposition = Foreign(steel: 0.85, polymer: 0.10, other: 0.05),
        SpokeMagnetRecovery = new(0.95, "Engineering assumption"),
        SpokeForeignRemoval = new(0.50, "Engineering assumption: cones and baskets removed, pole pieces left for HPMS"),
        HpmsExtractionYield = new(0.90, $"{Jonsson2018}: HPMS fully applicable to Zn-coated speaker magnets; yield taken as for HDDs ({Walton2015})"),
    };

    /// <summary>Off-specification whole magnets from magnet makers (pre-consumer rejects).</summary>
    public static ScrapType PreConsumerRejects { get; } = new()
    {
        Id = "pre-consumer-rejects",
        Name = "Pre-consumer magnet rejects",
        MagnetMassFraction = new(0.99, "Engineering assumption: whole magnets with ~1 % packaging"),
        MagnetComposition = Percent(("Nd", 23.0), ("Pr", 6.5), ("Dy", 1.5), ("Co", 1.0), ("B", 0.95), ("Cu", 0.1), ("Al", 0.2), ("Ga", 0.1)),
        MagnetCompositionSource = $"{Yang2017}; additives within {AdvancedMagnets}",
        OxygenMassFraction = new(0.003, OxygenAssumption),
        Coating = CoatingKind.None,
        CoatingMassPerMagnetMass = new(0.0, "Rejects are taken before coating"),
        ForeignComposition = Foreign(steel: 0.0, polymer: 0.8, other: 0.2),
        SpokeMagnetRecovery = new(1.0, "No dismantling needed"),
        SpokeForeignRemoval = new(0.9, "Engineering assumption: packaging removed"),
        HpmsExtractionYield = new(0.98, "Engineering assumption: clean whole magnets with nothing attached decrepitate fully"),
    };

    /// <summary>Pre-consumer grinding swarf: fine, oxidised, wet with coolant.</summary>
    public static ScrapType PreConsumerSwarf { get; } = new()
    {
        Id = "pre-consumer-swarf",
        Name = "Pre-consumer grinding swarf",
        MagnetMassFraction = new(0.80, "Engineering assumption: pressed swarf cake with ~20 % coolant"),
        MagnetComposition = Percent(("Nd", 23.0), ("Pr", 6.5), ("Dy", 1.5), ("Co", 1.0), ("B", 0.95), ("Cu", 0.1), ("Al", 0.2), ("Ga", 0.1)),
        MagnetCompositionSource = $"As pre-consumer rejects (same makers); {Yang2017}",
        OxygenMassFraction = new(0.02, "Engineering assumption: fine swarf oxidises heavily (~2 wt% O)"),
        Coating = CoatingKind.None,
        CoatingMassPerMagnetMass = new(0.0, "Swarf is cut before coating"),
        ForeignComposition = Foreign(steel: 0.0, polymer: 0.05, other: 0.95),
        SpokeMagnetRecovery = new(0.99, "Engineering assumption"),
        SpokeForeignRemoval = new(0.80, "Engineering assumption: drying removes most coolant"),
        HpmsExtractionYield = new(0.80, "Engineering assumption: oxidised fines hydride poorly and partly stay with the residue"),
    };

    /// <summary>All built-in scrap types.</summary>
    public static IReadOnlyList<ScrapType> All { get; } = [HddVcm, EvRotor, WindGenerator, IndustrialMotor, SpeakerZn, PreConsumerRejects, PreConsumerSwarf];

    /// <summary>Finds a built-in scrap type by id, or null.</summary>
    public static ScrapType? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>A composition of foreign matter from Steel, Polymer and Other mass fractions.</summary>
    public static Composition Foreign(double steel, double polymer, double other) => Composition.FromMassFractions([
        KeyValuePair.Create(Component.Steel, steel), KeyValuePair.Create(Component.Polymer, polymer), KeyValuePair.Create(Component.Other, other)]);

    // wt% of the named elements with Fe as the balance.
    private static Composition Percent(params (string Symbol, double WtPct)[] values) =>
        Composition.WithBalance(values.Select(v => KeyValuePair.Create(Enum.Parse<Component>(v.Symbol), v.WtPct / 100.0)), Component.Fe);
}
