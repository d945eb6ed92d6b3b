using System.Text.Json.Serialization;

namespace MagLoop.Server;

/// <summary>Who reads a passport: what the key's role may see (docs/passport.md).</summary>
public enum PassportTier
{
    /// <summary>No key: identity, grade, recycled content, carbon, compliance verdicts.</summary>
    Public,

    /// <summary>Operator and quality keys: also composition, magnetic properties, origins, operator, handling, verdict details.</summary>
    Recycler,

    /// <summary>Auditor and admin keys: everything, the custody chain included.</summary>
    Authority,
}

/// <summary>
/// The magnet passport of a shipped lot (docs/passport.schema.json, version <see cref="Version"/>). Sections the
/// reader's tier may not see are left out and named in <see cref="Withheld"/>; a value the records do not hold is null
/// with a note saying so, never a guess.
/// </summary>
/// <param name="PassportVersion">Version of the passport schema.</param>
/// <param name="Tier">public, recycler or authority.</param>
/// <param name="IssuedAt">When this passport was rendered (server clock).</param>
/// <param name="Lot">The lot as stored.</param>
/// <param name="DigitalLink">The lot's GS1 Digital Link URI on this resolver (01 GTIN / 10 lot), or null for a lot without a GTIN.</param>
/// <param name="Identity">Identity, grade, mass, count, shipments.</param>
/// <param name="RecycledContent">Recycled content by mass and by element (CRMA Art. 29).</param>
/// <param name="Carbon">Carbon footprint per kg with its method.</param>
/// <param name="Compliance">DFARS verdicts, per rule and recycled-input policy.</param>
/// <param name="Withheld">Sections left out for this tier.</param>
public sealed record Passport(string PassportVersion, string Tier, DateTimeOffset IssuedAt, string Lot, string? DigitalLink, PassportIdentity Identity,
    PassportRecycledContent RecycledContent, PassportCarbon Carbon, IReadOnlyList<PassportVerdict> Compliance, IReadOnlyList<string> Withheld)
{
    /// <summary>The schema version this server writes.</summary>
    public const string Version = "1.0.0";

    /// <summary>Composition by element, measured and predicted, and the coating (recycler and authority).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PassportComposition? Composition { get; init; }

    /// <summary>Magnet test results and the plan's predictions (recycler and authority).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PassportMagnetic? MagneticProperties { get; init; }

    /// <summary>Every contributing source with its share and stages (recycler and authority).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PassportOrigin? Origin { get; init; }

    /// <summary>The responsible economic operator (recycler and authority).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PassportOperator? ResponsibleOperator { get; init; }

    /// <summary>Removal and handling (CRMA Art. 28; recycler and authority).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PassportHandling? Handling { get; init; }

    /// <summary>The custody chain: every event behind the lot with its hashes (authority only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PassportCustody? Custody { get; init; }
}

/// <summary>What the lot is.</summary>
/// <param name="Lot">Lot id as stored.</param>
/// <param name="Gtin">GTIN-14 of the product class, or null when the lot id carries none (an SSCC shipment).</param>
/// <param name="BatchLot">Batch/lot number (GS1 AI 10), or null.</param>
/// <param name="Grade">Magnet grade with its basis.</param>
/// <param name="MassKg">Mass of the lot, kg.</param>
/// <param name="MagnetCount">Number of magnets, or null when not recorded.</param>
/// <param name="MagnetCountNote">Where the count comes from, or why it is missing.</param>
/// <param name="Shipments">Shipments (SSCC) the lot was packed into.</param>
/// <param name="CreatedBy">eventID of the event that made the lot.</param>
/// <param name="CreatedAt">Its eventTime.</param>
public sealed record PassportIdentity(string Lot, string? Gtin, string? BatchLot, PassportGrade Grade, double MassKg, int? MagnetCount, string MagnetCountNote,
    IReadOnlyList<string> Shipments, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A grade and what it rests on.</summary>
/// <param name="Value">Grade (N42, 35M ...), or null when neither tests nor a plan give one.</param>
/// <param name="Basis">measured, predicted or none.</param>
/// <param name="Source">How it was found.</param>
public sealed record PassportGrade(string? Value, string Basis, string Source);

/// <summary>Recycled content in ISO 14021 terms by mass, and by element as CRMA Art. 29 asks.</summary>
/// <param name="PostConsumerShare">Share of the lot's mass from post-consumer sources.</param>
/// <param name="PreConsumerShare">From pre-consumer sources.</param>
/// <param name="VirginShare">From virgin sources.</param>
/// <param name="UnknownShare">From sources without a material class.</param>
/// <param name="RecycledShare">Post- plus pre-consumer.</param>
/// <param name="UnclassifiedSources">Source lots without a material class.</param>
/// <param name="ByElement">Per element of CRMA Art. 29.</param>
/// <param name="Method">How the shares were computed.</param>
public sealed record PassportRecycledContent(double PostConsumerShare, double PreConsumerShare, double VirginShare, double UnknownShare, double RecycledShare,
    IReadOnlyList<string> UnclassifiedSources, IReadOnlyList<ElementContent> ByElement, string Method);

/// <summary>Recycled content of one element.</summary>
/// <param name="Element">Element symbol.</param>
/// <param name="Determined">True when every source's contribution of the element is known from assays.</param>
/// <param name="PostConsumerShare">Share of the element's mass from post-consumer sources; null when not determined.</param>
/// <param name="PreConsumerShare">From pre-consumer sources; null when not determined.</param>
/// <param name="RecycledShare">Post- plus pre-consumer; null when not determined.</param>
/// <param name="AssayedMassShare">Share of the lot's mass whose content of the element an assay gives.</param>
/// <param name="UnassayedSources">Source lots whose contribution no assay covers.</param>
/// <param name="Note">What the figure rests on, or why it is missing.</param>
public sealed record ElementContent(string Element, bool Determined, double? PostConsumerShare, double? PreConsumerShare, double? RecycledShare,
    double AssayedMassShare, IReadOnlyList<string> UnassayedSources, string Note);

/// <summary>Composition of the lot.</summary>
/// <param name="Measured">Mass fraction of each assayed element, through the genealogy.</param>
/// <param name="Predicted">The plan's predicted composition of its magnet product, wt%, or null without a plan.</param>
/// <param name="PredictedSource">Where the prediction comes from, or why there is none.</param>
/// <param name="Coating">Coating, or null when not recorded.</param>
/// <param name="CoatingNote">Where the coating comes from, or why it is missing.</param>
/// <param name="Method">How the measured fractions were found.</param>
public sealed record PassportComposition(IReadOnlyList<ElementFraction> Measured, IReadOnlyDictionary<string, double>? Predicted, string PredictedSource,
    string? Coating, string CoatingNote, string Method);

/// <summary>An element's mass fraction in the lot.</summary>
/// <param name="Element">Element symbol.</param>
/// <param name="MassFraction">Mass fraction (0..1), or null when part of the lot's material has no assay of it.</param>
/// <param name="AssayedMassFraction">Element mass per kg of lot found in the assayed part (equals the fraction when determined; a lower bound otherwise).</param>
/// <param name="AssayedMassShare">Share of the lot's mass the assays cover.</param>
/// <param name="AssayEvents">eventIDs of the assays used.</param>
public sealed record ElementFraction(string Element, double? MassFraction, double AssayedMassFraction, double AssayedMassShare, IReadOnlyList<string> AssayEvents);

/// <summary>Magnetic properties, measured and predicted.</summary>
/// <param name="Measured">Each test of the lot (events that created or observed it with magnet measurements).</param>
/// <param name="Mean">Mean of the tests, or null without tests.</param>
/// <param name="Predicted">The plan's predicted magnet products, or empty without a plan.</param>
/// <param name="Note">Where the figures come from.</param>
public sealed record PassportMagnetic(IReadOnlyList<MagnetTest> Measured, MagnetTest? Mean, IReadOnlyList<PlannedMagnet> Predicted, string Note);

/// <summary>One magnet test.</summary>
/// <param name="EventId">eventID of the test (the mean: null).</param>
/// <param name="RemanenceT">Br, T, or null when not measured.</param>
/// <param name="CoercivityHcjKAm">HcJ, kA/m, or null.</param>
/// <param name="MaxEnergyProductKJm3">(BH)max, kJ/m³, or null.</param>
public sealed record MagnetTest(string? EventId, double? RemanenceT, double? CoercivityHcjKAm, double? MaxEnergyProductKJm3);

/// <summary>Where the lot's material came from.</summary>
/// <param name="Sources">Every source lot (no inputs recorded) with its share; the shares sum to 1.</param>
/// <param name="Declarations">Stage declarations of the intermediate lots on the way (the hub's own produced stage, for example).</param>
public sealed record PassportOrigin(IReadOnlyList<PassportSource> Sources, IReadOnlyList<StageDeclaration> Declarations);

/// <summary>A contributing source lot.</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="Share">Fraction of the passport lot's mass from it.</param>
/// <param name="Kg">That share in kg.</param>
/// <param name="MaterialClass">post-consumer, pre-consumer or virgin; null when not declared.</param>
/// <param name="Stages">Declared country of each stage (mined .. produced).</param>
/// <param name="RecoveredIn">Where recycled material was recovered, or null.</param>
/// <param name="CreatedBy">eventID of the receipt that created it.</param>
public sealed record PassportSource(string Lot, double Share, double Kg, string? MaterialClass, IReadOnlyDictionary<string, string> Stages, string? RecoveredIn, string CreatedBy);

/// <summary>Stages an intermediate lot declares.</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="Stages">Stage to country.</param>
public sealed record StageDeclaration(string Lot, IReadOnlyDictionary<string, string> Stages);

/// <summary>A compliance verdict.</summary>
/// <param name="Rule">Rule name.</param>
/// <param name="Description">The rule in words, with its source.</param>
/// <param name="RecycledPolicy">require-upstream or reset-at-recycler.</param>
/// <param name="Verdict">compliant, non-compliant or undetermined.</param>
public sealed record PassportVerdict(string Rule, string Description, string RecycledPolicy, string Verdict)
{
    /// <summary>Stages in covered countries (recycler and authority).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Traceability.OffendingStage>? Offending { get; init; }

    /// <summary>Stages nobody declares (recycler and authority).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Traceability.MissingStage>? Missing { get; init; }
}

/// <summary>Carbon footprint of the lot.</summary>
/// <param name="KgCo2ePerKg">kg CO2e per kg of the lot, or null when neither the events nor a plan give it.</param>
/// <param name="Method">as-made (the lot's energy and gas records), plan (the study's figure) or not-available.</param>
/// <param name="Basis">Boundary, allocation and factors in words.</param>
/// <param name="PlanKgCo2ePerKg">The plan's figure per kg of finished magnet for comparison, or null without a plan.</param>
/// <param name="Transformations">Transformations behind the lot.</param>
/// <param name="TransformationsWithEnergy">Of those, how many carry an electricity record.</param>
/// <param name="Lines">The as-made contributions (empty otherwise).</param>
public sealed record PassportCarbon(double? KgCo2ePerKg, string Method, string Basis, double? PlanKgCo2ePerKg, int Transformations, int TransformationsWithEnergy,
    IReadOnlyList<CarbonLine> Lines);

/// <summary>One as-made contribution: an activity of one event, its factor, and its part of the lot's footprint.</summary>
/// <param name="EventId">The event that recorded it.</param>
/// <param name="Activity">electricityKWh, hydrogenKg, argonKg, nitrogenKg or freshRareEarthKg.</param>
/// <param name="Amount">Activity of the event (for fresh rare earth: kg of virgin source per kg of lot).</param>
/// <param name="KgCo2ePerUnit">Factor.</param>
/// <param name="FactorSource">Where the factor comes from.</param>
/// <param name="KgCo2ePerKgLot">Its part of the lot's footprint.</param>
public sealed record CarbonLine(string EventId, string Activity, double Amount, double KgCo2ePerUnit, string FactorSource, double KgCo2ePerKgLot);

/// <summary>The responsible economic operator.</summary>
/// <param name="Name">Name as configured on the server, or null.</param>
/// <param name="NameSource">Where the name comes from, or why it is missing.</param>
/// <param name="Gs1CompanyPrefix">GS1 company prefix of the lot id (the brand owner), or null.</param>
/// <param name="MadeAt">Location (readPoint) of the event that made the lot, or null.</param>
public sealed record PassportOperator(string? Name, string NameSource, string? Gs1CompanyPrefix, string? MadeAt);

/// <summary>Removal and handling (CRMA Art. 28(1)).</summary>
/// <param name="RemovalInstructions">How to remove the magnets from the product, or null when not recorded.</param>
/// <param name="HandlingNotes">Handling notes, or null when not recorded.</param>
/// <param name="Note">Where they come from, or why they are missing.</param>
public sealed record PassportHandling(string? RemovalInstructions, string? HandlingNotes, string Note);

/// <summary>The custody chain.</summary>
/// <param name="Events">Every event that created, consumed, observed or packed a lot behind this one, in ledger order.</param>
/// <param name="HeadChainHash">Chain hash of the ledger's newest event when the passport was rendered.</param>
/// <param name="Verify">Where the chain is verified.</param>
public sealed record PassportCustody(IReadOnlyList<CustodyEvent> Events, string HeadChainHash, string Verify);

/// <summary>An event of the custody chain.</summary>
/// <param name="Seq">Ledger position.</param>
/// <param name="EventId">eventID.</param>
/// <param name="Type">EPCIS event type.</param>
/// <param name="BizStep">bizStep as captured, or null.</param>
/// <param name="EventTime">eventTime.</param>
/// <param name="ContentHash">SHA-256 of the event's canonical form.</param>
/// <param name="ChainHash">Chain hash at this event.</param>
public sealed record CustodyEvent(long Seq, string EventId, string Type, string? BizStep, DateTimeOffset EventTime, string ContentHash, string ChainHash);
