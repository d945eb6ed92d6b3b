using System.Globalization;
using MagLoop.Errors;

namespace MagLoop.Traceability;

/// <summary>The MagLoop JSON-LD extension namespace for EPCIS documents (see docs/traceability.md).</summary>
public static class MagLoopNamespace
{
    /// <summary>The namespace IRI. It names the vocabulary; it is an identifier, not a page that must resolve.</summary>
    public const string Iri = "https://ns.magloop.dev/epcis/";

    /// <summary>The conventional prefix, declared in a document's <c>@context</c> as <c>{"magloop": Iri}</c>.</summary>
    public const string Prefix = "magloop";

    /// <summary>ILMD key of the material class (<c>post-consumer</c>, <c>pre-consumer</c>, <c>virgin</c>).</summary>
    public const string MaterialClass = "materialClass";

    /// <summary>ILMD key of the country where recycled material was recovered (used by the reset-at-recycler policy).</summary>
    public const string RecoveredIn = "recoveredIn";

    /// <summary>Measurement type: mass fraction of an element (chemicalSubstance names it), dimensionless 0..1.</summary>
    public const string MassFraction = "massFraction";

    /// <summary>Measurement type: remanence Br in tesla.</summary>
    public const string RemanenceT = "remanenceT";

    /// <summary>Measurement type: intrinsic coercivity HcJ in kA/m.</summary>
    public const string CoercivityHcjKAm = "coercivityHcjKAm";

    /// <summary>Measurement type: maximum energy product (BH)max in kJ/m³.</summary>
    public const string MaxEnergyProductKJm3 = "maxEnergyProductKJm3";

    /// <summary>Measurement type: electricity used by the event's step (a batch, or a day's run), kWh.</summary>
    public const string ElectricityKWh = "electricityKWh";

    /// <summary>Measurement type: hydrogen consumed by the event's step, kg.</summary>
    public const string HydrogenKg = "hydrogenKg";

    /// <summary>Measurement type: argon consumed by the event's step, kg.</summary>
    public const string ArgonKg = "argonKg";

    /// <summary>Measurement type: nitrogen consumed by the event's step, kg.</summary>
    public const string NitrogenKg = "nitrogenKg";

    /// <summary>Every ILMD key of the namespace.</summary>
    public static IReadOnlyList<string> IlmdKeys { get; } =
        [MaterialClass, RecoveredIn, .. Enum.GetValues<OriginStage>().Select(StageName)];

    /// <summary>Every measurement type of the namespace.</summary>
    public static IReadOnlyList<string> MeasurementTypes { get; } =
        [MassFraction, RemanenceT, CoercivityHcjKAm, MaxEnergyProductKJm3, ElectricityKWh, HydrogenKg, ArgonKg, NitrogenKg];

    /// <summary>The JSON name of a stage (<c>mined</c> .. <c>produced</c>).</summary>
    public static string StageName(OriginStage stage) => stage.ToString().ToLowerInvariant();
}

/// <summary>The stages of a magnet's supply chain named by DFARS 252.225-7052.</summary>
public enum OriginStage
{
    /// <summary>Ore mined.</summary>
    Mined,

    /// <summary>Concentrate refined (cracked, leached).</summary>
    Refined,

    /// <summary>Rare earths separated into individual oxides or metals.</summary>
    Separated,

    /// <summary>Magnet alloy melted (cast).</summary>
    Melted,

    /// <summary>Magnet produced (pressed, sintered, finished).</summary>
    Produced,
}

/// <summary>Material class of a source lot in ISO 14021 terms.</summary>
public enum MaterialClass
{
    /// <summary>Recovered after use by households or businesses (end-of-life hard disks, motors, generators).</summary>
    PostConsumer,

    /// <summary>Diverted from a manufacturing waste stream (rejects, swarf), not reworked within the same process.</summary>
    PreConsumer,

    /// <summary>Primary material (fresh rare earth, new alloy).</summary>
    Virgin,
}

/// <summary>Conversions of the material class to and from its JSON form.</summary>
public static class MaterialClasses
{
    /// <summary>The JSON form (<c>post-consumer</c>, <c>pre-consumer</c>, <c>virgin</c>).</summary>
    public static string Name(MaterialClass value) => value switch
    {
        MaterialClass.PostConsumer => "post-consumer",
        MaterialClass.PreConsumer => "pre-consumer",
        _ => "virgin",
    };

    /// <summary>Parses the JSON form; null when unknown.</summary>
    public static MaterialClass? Parse(string? text) => text switch
    {
        "post-consumer" => MaterialClass.PostConsumer,
        "pre-consumer" => MaterialClass.PreConsumer,
        "virgin" => MaterialClass.Virgin,
        _ => null,
    };

    /// <summary>True for post- and pre-consumer material (recycled content in ISO 14021).</summary>
    public static bool IsRecycled(MaterialClass value) => value != MaterialClass.Virgin;
}

/// <summary>Lot master data carried in a creating event's ILMD under the MagLoop namespace.</summary>
/// <param name="MaterialClass">Material class, if declared.</param>
/// <param name="Stages">Country (ISO 3166-1 alpha-2) of each declared stage.</param>
/// <param name="RecoveredIn">Country where recycled material was recovered, if declared.</param>
public sealed record LotMasterData(MaterialClass? MaterialClass, IReadOnlyDictionary<OriginStage, string> Stages, string? RecoveredIn)
{
    /// <summary>No master data.</summary>
    public static LotMasterData Empty { get; } = new(null, new Dictionary<OriginStage, string>(), null);

    /// <summary>True when nothing is declared.</summary>
    public bool IsEmpty => MaterialClass is null && Stages.Count == 0 && RecoveredIn is null;
}

/// <summary>A lot (class-level identifier) with a mass.</summary>
/// <param name="Lot">Lot identifier (EPC class URN or GS1 Digital Link URI; a container id for a shipment).</param>
/// <param name="MassKg">Mass in kg.</param>
/// <param name="Field">Where in the event it was read (for error messages), e.g. <c>inputQuantityList[1]</c>.</param>
public readonly record struct LotMass(string Lot, double MassKg, string Field);

/// <summary>A measurement from an event's sensorElementList (assay or magnet test).</summary>
/// <param name="Type">Measurement type (a MagLoop type name, or the EPCIS type as given).</param>
/// <param name="Substance">Element or substance measured (chemicalSubstance), if any.</param>
/// <param name="Value">Value in the unit named by the type.</param>
/// <param name="Uom">Unit code as given, if any.</param>
public sealed record Measurement(string Type, string? Substance, double Value, string? Uom);

/// <summary>The kind of EPCIS event.</summary>
public enum EventKind
{
    /// <summary>ObjectEvent.</summary>
    ObjectEvent,

    /// <summary>AggregationEvent.</summary>
    AggregationEvent,

    /// <summary>TransformationEvent.</summary>
    TransformationEvent,

    /// <summary>TransactionEvent: stored only without custody rules (it moves no lot mass MagLoop tracks).</summary>
    TransactionEvent,

    /// <summary>AssociationEvent: stored only without custody rules (it moves no lot mass MagLoop tracks).</summary>
    AssociationEvent,
}

/// <summary>
/// One EPCIS event as MagLoop reads it: the mass effects on lots, master data and measurements, plus the canonical
/// JSON that is stored and hashed.
/// </summary>
/// <param name="Index">Position in the document's eventList.</param>
/// <param name="EventId">eventID (computed from the content hash when the document gives none).</param>
/// <param name="Kind">Event type.</param>
/// <param name="Action">ADD, OBSERVE or DELETE (null for TransformationEvent).</param>
/// <param name="EventTime">eventTime.</param>
/// <param name="BizStep">CBV bizStep (short name or URI as given), if any.</param>
/// <param name="Disposition">CBV disposition, if any.</param>
/// <param name="Consumed">Lots consumed (transformation inputs, packed children, deleted lots).</param>
/// <param name="Created">Lots created (transformation outputs, added lots, the packing parent).</param>
/// <param name="Observed">Lots observed without a mass change (shipping, receiving, inspecting).</param>
/// <param name="MasterData">ILMD master data for the created lots.</param>
/// <param name="Measurements">Assays and magnet tests.</param>
/// <param name="CanonicalJson">Canonical form (sorted keys, no whitespace) of the event as stored.</param>
/// <param name="ContentHash">SHA-256 of the canonical form, lower-case hex.</param>
public sealed record TraceEvent(
    int Index,
    string EventId,
    EventKind Kind,
    string? Action,
    DateTimeOffset EventTime,
    string? BizStep,
    string? Disposition,
    IReadOnlyList<LotMass> Consumed,
    IReadOnlyList<LotMass> Created,
    IReadOnlyList<LotMass> Observed,
    LotMasterData MasterData,
    IReadOnlyList<Measurement> Measurements,
    string CanonicalJson,
    string ContentHash)
{
    /// <summary>
    /// True when the document gave no eventID and <see cref="EventId"/> is the event's CBV 2.0 event hash: another
    /// event with that id is then the same event (the hash is over its normalised content), however it is spelled.
    /// </summary>
    public bool IdIsEventHash { get; init; }

    /// <summary>
    /// True (the default) when the event was read as MagLoop lots and passes the custody rules; false for an event
    /// captured with custody off (<see cref="CustodyOptions.Enforce"/>): a standard EPCIS event stored and queried as
    /// such, with no lot effect (no projection rows, no part in genealogy, content or compliance).
    /// </summary>
    public bool Custody { get; init; } = true;
}

/// <summary>One reason a document was rejected, located by event and field.</summary>
/// <param name="EventIndex">Position in eventList, or null for a document-level problem.</param>
/// <param name="EventId">eventID, if known.</param>
/// <param name="Field">Field (JSON path inside the event, or of the document).</param>
/// <param name="Message">What is wrong.</param>
public sealed record CaptureError(int? EventIndex, string? EventId, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = EventIndex is { } i
            ? string.Create(CultureInfo.InvariantCulture, $"event {i}{(EventId is null ? "" : $" ({EventId})")}, {Field}")
            : Field;
        return $"{where}: {Message}";
    }
}

/// <summary>A document rejected as a whole; the store is unchanged.</summary>
public sealed class CaptureRejectedException : UserError
{
    /// <summary>Creates the exception for <paramref name="source"/>.</summary>
    public CaptureRejectedException(string source, IReadOnlyList<CaptureError> errors)
        : base($"{source}: rejected, store unchanged ({errors.Count} reason{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine}"
               + string.Join(Environment.NewLine, errors.Select(e => $"  {source}: {e}")),
               errors.Count > 0 ? errors[0].Message : "rejected", errors.Count > 0 ? errors[0].Field : "", new InputLocation(source))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>The document (file name) rejected.</summary>
    public new string Source { get; }

    /// <summary>Every reason.</summary>
    public IReadOnlyList<CaptureError> Errors { get; }
}

/// <summary>Mass units MagLoop accepts (UN/CEFACT Rec. 20 codes, as EPCIS uses).</summary>
public static class MassUnits
{
    /// <summary>kg per unit for each accepted code: KGM kilogram, GRM gram, TNE tonne.</summary>
    public static IReadOnlyDictionary<string, double> KgPerUnit { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["KGM"] = 1.0,
        ["GRM"] = 0.001,
        ["TNE"] = 1000.0,
    };

    /// <summary>
    /// The largest mass of one lot or package MagLoop stores: 1e12 kg (a billion tonnes, about half the world's
    /// yearly crude steel output, worldsteel 2024: 1.88e12 kg), far above any real lot yet small enough that sums
    /// over any store stay finite (a quantity of 1e306 TNE is 1e309 kg: infinity as a double, which JSON cannot hold).
    /// </summary>
    public const double MaxKg = 1e12;

    /// <summary>Converts a quantity to kg; null when the unit is not a known mass unit.</summary>
    public static double? ToKg(double quantity, string? uom) =>
        uom is not null && KgPerUnit.TryGetValue(uom, out var factor) ? quantity * factor : null;
}

/// <summary>Lot identifiers: EPC class URNs and GS1 Digital Link URIs.</summary>
public static class LotIds
{
    /// <summary>Prefix of an LGTIN EPC class URN (GTIN + batch/lot).</summary>
    public const string LgtinPrefix = "urn:epc:class:lgtin:";

    /// <summary>
    /// True when <paramref name="id"/> names a lot at class level: an LGTIN URN
    /// (<c>urn:epc:class:lgtin:CompanyPrefix.ItemRef.Lot</c>) or a GS1 Digital Link URI with GTIN (01) and batch/lot (10).
    /// </summary>
    public static bool IsClassLevel(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.StartsWith(LgtinPrefix, StringComparison.Ordinal))
        {
            var parts = id[LgtinPrefix.Length..].Split('.');
            return parts.Length == 3 && parts[0].Length > 0 && parts[0].All(char.IsAsciiDigit) && parts[1].All(char.IsAsciiDigit) && parts[2].Length > 0;
        }

        return Uri.TryCreate(id, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            && uri.AbsolutePath.Contains("/01/", StringComparison.Ordinal) && uri.AbsolutePath.Contains("/10/", StringComparison.Ordinal);
    }

    /// <summary>An LGTIN URN from its parts.</summary>
    public static string Lgtin(string companyPrefix, string itemReference, string lot) => $"{LgtinPrefix}{companyPrefix}.{itemReference}.{lot}";
}
