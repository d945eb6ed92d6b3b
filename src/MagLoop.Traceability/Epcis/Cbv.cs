namespace MagLoop.Traceability.Epcis;

/// <summary>GS1 CBV 2.0 vocabulary MagLoop checks user input against [T2].</summary>
public static class Cbv
{
    /// <summary>The CBV 2.0 bizStep values (short names), as enumerated in GS1's EPCIS 2.0 JSON schema.</summary>
    public static IReadOnlyList<string> BizSteps { get; } =
    [
        "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning", "creating_class_instance",
        "cycle_counting", "decommissioning", "departing", "destroying", "disassembling", "dispensing", "encoding",
        "entering_exiting", "holding", "inspecting", "installing", "killing", "loading", "other", "packing", "picking",
        "receiving", "removing", "repackaging", "repairing", "replacing", "reserving", "retail_selling", "sampling",
        "sensor_reporting", "shipping", "staging_outbound", "stock_taking", "stocking", "storing", "transporting",
        "unloading", "unpacking", "void_shipping",
    ];

    /// <summary>The CBV 2.0 disposition values (short names), CBV 2.0 section 7.2.</summary>
    public static IReadOnlyList<string> Dispositions { get; } =
    [
        "active", "available", "completeness_verified", "completeness_inferred", "conformant", "container_closed", "container_open", "damaged",
        "destroyed", "dispensed", "disposed", "encoded", "expired", "in_progress", "in_transit", "inactive", "mismatch_instance", "mismatch_class",
        "mismatch_quantity", "needs_replacement", "no_pedigree_match", "non_conformant", "non_sellable_other", "partially_dispensed", "recalled",
        "reserved", "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible", "stolen", "unavailable", "unknown",
    ];

    /// <summary>The CBV 2.0 business transaction types, CBV 2.0 section 7.3.</summary>
    public static IReadOnlyList<string> BusinessTransactionTypes { get; } =
        ["bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder", "recadv", "rma", "testprd", "testres", "upevt"];

    /// <summary>The CBV 2.0 source/destination types, CBV 2.0 section 7.4.</summary>
    public static IReadOnlyList<string> SourceDestinationTypes { get; } = ["owning_party", "possessing_party", "location"];

    /// <summary>The CBV 2.0 error reasons, CBV 2.0 section 7.5.</summary>
    public static IReadOnlyList<string> ErrorReasons { get; } = ["did_not_occur", "incorrect_data"];

    /// <summary>The spellings under which CBV bizSteps appear: URN and the GS1 web URIs, each followed by the short name.</summary>
    public static IReadOnlyList<string> BizStepPrefixes { get; } = ["urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", "https://gs1.org/voc/BizStep-"];

    /// <summary>
    /// Whether <paramref name="bizStep"/> is a CBV 2.0 bizStep (short name or one of its URIs) or another party's
    /// URI (any other value with a colon, which EPCIS allows).
    /// </summary>
    public static bool IsBizStep(string bizStep)
    {
        ArgumentNullException.ThrowIfNull(bizStep);
        foreach (var prefix in BizStepPrefixes)
            if (bizStep.StartsWith(prefix, StringComparison.Ordinal)) return BizSteps.Contains(bizStep[prefix.Length..]);
        return BizSteps.Contains(bizStep) || bizStep.Contains(':', StringComparison.Ordinal);
    }
}
